/* ac-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "ac-store.h"

G_BEGIN_DECLS

/* What the files of the store share: the object, its worker and the
 * helpers every table's operations use.  ac-store.c has the object, the
 * worker, opening and migrations; ac-store-conversations.c,
 * ac-store-customers.c, ac-store-wrap-up.c, ac-store-tickets.c and
 * ac-store-outbox.c one table (or a few that go together) each. */

typedef void (*AcStoreJobFunc) (AcStore *self,
                                GTask   *task);

struct _AcStore
{
  GObject      parent_instance;

  GFile       *file;
  GFile       *set_aside;      /* written by the worker before open returns */
  guint        interrupted;

  GThread     *worker;
  GAsyncQueue *jobs;           /* Job*; a NULL func ends the worker */
  sqlite3     *db;             /* worker thread only */
  GHashTable  *kb_docs;        /* worker only: a query term → how many
                                * passages it matches; emptied on import */
  gint64       kb_passages;    /* worker only: how many there are, or -1 */
};

/* Binds one statement's parameters from a task's data; @now is the time
 * of the write, ISO 8601 UTC. */
typedef void (*AcStoreBindFunc) (sqlite3_stmt  *stmt,
                                 gconstpointer  data,
                                 const char    *now);

/**
 * AC_STORE_DEFINE_DATA:
 * @TypeName: the task data's struct, declared as `struct _TypeName`
 * @type_name: its functions' prefix
 *
 * Defines the typed task data of one operation: `type_name_new()` (zeroed)
 * and `type_name_free()`, which calls the `type_name_clear()` the file
 * writes to free what the struct holds.
 */
#define AC_STORE_DEFINE_DATA(TypeName, type_name)                        \
  typedef struct _##TypeName TypeName;                                  \
  static void type_name##_clear (TypeName *data);                        \
  G_GNUC_UNUSED static inline TypeName *                                \
  type_name##_new (void)                                                \
  {                                                                     \
    return g_new0 (TypeName, 1);                                        \
  }                                                                     \
  G_GNUC_UNUSED static void                                             \
  type_name##_free (gpointer data)                                      \
  {                                                                     \
    type_name##_clear (data);                                           \
    g_free (data);                                                      \
  }

void      ac_store_start_job          (AcStore             *self,
                                       gpointer             data,
                                       GDestroyNotify       data_free,
                                       gpointer             source_tag,
                                       AcStoreJobFunc       func,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void      ac_store_return_invalid     (AcStore             *self,
                                       gpointer             source_tag,
                                       const char          *message,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  ac_store_propagate_boolean  (AcStore             *self,
                                       GAsyncResult        *result,
                                       gpointer             source_tag,
                                       GError             **error);
gpointer  ac_store_propagate_pointer  (AcStore             *self,
                                       GAsyncResult        *result,
                                       gpointer             source_tag,
                                       GError             **error);

gboolean  ac_store_require_open       (AcStore             *self,
                                       GTask               *task);
gboolean  ac_store_set_sqlite_error   (GError             **error,
                                       sqlite3             *db,
                                       const char          *what);
gboolean  ac_store_exec               (sqlite3             *db,
                                       const char          *sql,
                                       GError             **error);
char     *ac_store_now_iso            (void);
gboolean  ac_store_run_statement      (AcStore             *self,
                                       GTask               *task,
                                       const char          *sql,
                                       AcStoreBindFunc      bind,
                                       const char          *what);
void      ac_store_run_update         (AcStore             *self,
                                       GTask               *task,
                                       const char          *sql,
                                       AcStoreBindFunc      bind,
                                       const char          *what,
                                       const char          *missing_format,
                                       ...) G_GNUC_PRINTF (6, 7);
void      ac_store_bind_text_or_null  (sqlite3_stmt        *stmt,
                                       int                  index,
                                       const char          *value);
GHashTable *ac_store_row_fields       (sqlite3_stmt        *stmt);
char     *ac_store_fts_query          (const char          *text);

G_END_DECLS
