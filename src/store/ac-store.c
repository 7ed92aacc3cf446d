/* ac-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "ac-customer-import.h"
#include "ac-store.h"
#include "ac-store-schema.h"

/**
 * AcStore:
 *
 * The embedded backend: one sqlite3 database file
 * (`$XDG_DATA_HOME/agent-console/agent-console.db`) in WAL mode with
 * foreign keys on, its schema brought up to date by forward migrations
 * when it is opened.
 *
 * All access happens on one worker thread that owns the connection;
 * every operation is an `_async`/`_finish` pair whose callback runs in
 * the caller's main context, so the window never waits on the disk.
 * Statements are prepared with parameters, never built from values.
 * Each write is committed when it is made — a final utterance as soon as
 * it is spoken — so a crash loses at most what was not yet handed over;
 * a call that was still going when the app died is found at the next
 * open and marked `INTERRUPTED`, with everything said in it.
 *
 * A file that is not a database, or is damaged, is never silently
 * replaced: it is renamed aside (`….corrupt-YYYYmmdd-HHMMSS`), a new one
 * is started, and ac_store_get_set_aside() says where the old one went.
 */

typedef void (*JobFunc) (AcStore *self,
                         GTask   *task);

typedef struct
{
  JobFunc  func;
  GTask   *task;
} Job;

struct _AcStore
{
  GObject      parent_instance;

  GFile       *file;
  GFile       *set_aside;      /* written by the worker before open returns */
  guint        interrupted;

  GThread     *worker;
  GAsyncQueue *jobs;           /* Job*; a NULL func ends the worker */
  sqlite3     *db;             /* worker thread only */
};

G_DEFINE_FINAL_TYPE (AcStore, ac_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (ac-store-error-quark, ac_store_error)

/* ---------------------------------------------------------------- worker */

static gpointer
worker_main (gpointer data)
{
  AcStore *self = data;
  Job *job;

  while ((job = g_async_queue_pop (self->jobs)) != NULL)
    {
      if (job->func == NULL)
        {
          g_free (job);
          break;
        }

      if (!g_task_return_error_if_cancelled (job->task))
        job->func (self, job->task);

      g_object_unref (job->task);
      g_free (job);
    }

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  return NULL;
}

static void
queue_job (AcStore *self,
           GTask   *task,
           JobFunc  func)
{
  Job *job = g_new0 (Job, 1);

  if (self->worker == NULL)
    self->worker = g_thread_new ("agent-console store", worker_main, self);

  job->func = func;
  job->task = g_object_ref (task);
  g_async_queue_push (self->jobs, job);
}

static gboolean
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *what)
{
  g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
               "%s: %s", what, db != NULL ? sqlite3_errmsg (db) : "no database");
  return FALSE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_FAILED, "%s", message ? message : "?");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* ------------------------------------------------------------------ open */

static int
user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  int version = user_version (db);

  if (version < 0)
    return set_sqlite_error (error, db, _("The database cannot be read"));

  if (version > AC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_TOO_NEW,
                   _("The database was written by a newer Agent Console (schema %d, this one knows %d)"),
                   version, AC_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version; v < AC_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      g_autoptr(GError) local_error = NULL;

      /* Each step is one transaction: a failed migration leaves the
       * file as it was. */
      if (!exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!exec (db, migrations[v], &local_error) || !exec (db, set_version, &local_error))
        {
          exec (db, "ROLLBACK", NULL);
          g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                       _("The database could not be updated to schema %d: %s"), v + 1,
                       local_error->message);
          return FALSE;
        }

      if (!exec (db, "COMMIT", error))
        return FALSE;

      g_debug ("Database migrated to schema %d", v + 1);
    }

  return TRUE;
}

/**
 * ac_phone_digits:
 * @number: (nullable): a phone number as written: `+1 (555) 123-4567`,
 *   `0044 20 7946 0000`, `555.123.4567`
 *
 * The number's digits, with an international `00` prefix dropped, which
 * is how the store compares caller numbers: two numbers match when one's
 * digits end with the other's last nine (a national number against its
 * international form).  Not full E.164 parsing — that needs the numbering
 * plan of every country.
 *
 * Returns: (transfer full) (nullable): the digits, or %NULL if there are
 *   none
 */
char *
ac_phone_digits (const char *number)
{
  GString *digits;

  if (number == NULL)
    return NULL;

  digits = g_string_new (NULL);
  for (const char *p = number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (g_str_has_prefix (digits->str, "00"))
    g_string_erase (digits, 0, 2);

  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  return g_string_free (digits, FALSE);
}

static void
sql_digits (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  char *digits = ac_phone_digits ((const char *) sqlite3_value_text (argv[0]));

  if (digits == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, digits, -1, g_free);
}

static void
sql_reversed_digits (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  char *digits = ac_phone_digits ((const char *) sqlite3_value_text (argv[0]));

  if (digits == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, g_strreverse (digits), -1, g_free);
}

/* Opens and checks the file; %FALSE with @damaged set if it is not a
 * usable database (as opposed to one that cannot be opened at all). */
static sqlite3 *
try_open (const char  *path,
          gboolean    *damaged,
          GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  *damaged = FALSE;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_OPEN,
                   _("The database “%s” cannot be opened: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);
  sqlite3_create_function (db, "ac_digits", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sql_digits, NULL, NULL);
  sqlite3_create_function (db, "ac_reversed_digits", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sql_reversed_digits, NULL, NULL);

  if (!exec (db, "PRAGMA journal_mode = WAL", error) ||
      !exec (db, "PRAGMA foreign_keys = ON", error) ||
      !exec (db, "PRAGMA synchronous = NORMAL", error) ||
      user_version (db) < 0)
    {
      int code = sqlite3_errcode (db) & 0xff;

      *damaged = code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
      if (error != NULL && *error == NULL)
        set_sqlite_error (error, db, _("The database cannot be read"));
      sqlite3_close_v2 (db);
      return NULL;
    }

  /* A damaged page can still open: ask sqlite to look. */
  {
    sqlite3_stmt *stmt = NULL;
    gboolean ok = FALSE;

    if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
    sqlite3_finalize (stmt);

    if (!ok)
      {
        *damaged = TRUE;
        g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_OPEN,
                     _("The database “%s” is damaged"), path);
        sqlite3_close_v2 (db);
        return NULL;
      }
  }

  return db;
}

static GFile *
set_aside (const char  *path,
           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  if (g_rename (path, aside) != 0)
    {
      int saved = errno;

      g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_OPEN,
                   _("The damaged database “%s” could not be moved aside: %s"), path,
                   g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  return g_file_new_for_path (aside);
}

static void
open_job (AcStore *self,
          GTask   *task)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  gboolean damaged;
  sqlite3 *db;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_OPEN,
                               _("The folder “%s” cannot be created: %s"), folder,
                               g_strerror (saved));
      return;
    }

  db = try_open (path, &damaged, &error);
  if (db == NULL && damaged)
    {
      g_autoptr(GError) aside_error = NULL;

      g_warning ("%s", error->message);
      self->set_aside = set_aside (path, &aside_error);
      if (self->set_aside == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&aside_error));
          return;
        }

      g_clear_error (&error);
      db = try_open (path, &damaged, &error);
    }

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!migrate (db, &error))
    {
      sqlite3_close_v2 (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Calls that were going when the app last stopped. */
  {
    g_autofree char *now = now_iso ();
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (db,
                            "UPDATE conversations SET status = 'INTERRUPTED', updated_at = ?1 "
                            "WHERE status = 'ACTIVE'", -1, &stmt, NULL) == SQLITE_OK)
      {
        sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
        if (sqlite3_step (stmt) == SQLITE_DONE)
          self->interrupted = sqlite3_changes (db);
      }
    sqlite3_finalize (stmt);
  }

  self->db = db;
  g_task_return_boolean (task, TRUE);
}

/* --------------------------------------------------------------- gobject */

static void
ac_store_finalize (GObject *object)
{
  AcStore *self = AC_STORE (object);

  ac_store_close (self);
  g_async_queue_unref (self->jobs);
  g_clear_object (&self->file);
  g_clear_object (&self->set_aside);

  G_OBJECT_CLASS (ac_store_parent_class)->finalize (object);
}

static void
ac_store_class_init (AcStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_store_finalize;
}

static void
ac_store_init (AcStore *self)
{
  self->jobs = g_async_queue_new ();
}

/* ------------------------------------------------------------------- API */

/**
 * ac_store_get_default_file:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/agent-console/agent-console.db`
 */
GFile *
ac_store_get_default_file (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "agent-console.db", NULL);
}

/**
 * ac_store_new:
 * @file: the database file; created with its folder if missing
 *
 * Returns: (transfer full): a store, not yet open
 */
AcStore *
ac_store_new (GFile *file)
{
  AcStore *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (AC_TYPE_STORE, NULL);
  self->file = g_object_ref (file);

  return self;
}

/**
 * ac_store_get_file:
 * @self: an #AcStore
 *
 * Returns: (transfer none): the database file
 */
GFile *
ac_store_get_file (AcStore *self)
{
  g_return_val_if_fail (AC_IS_STORE (self), NULL);

  return self->file;
}

/**
 * ac_store_open_async:
 * @self: an #AcStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the database is open and up to date
 * @user_data: data for @callback
 *
 * Opens the database on the store's worker thread, migrating it to
 * [const@STORE_SCHEMA_VERSION], setting a damaged file aside, and marking
 * calls left going as `INTERRUPTED`.
 */
void
ac_store_open_async (AcStore             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AC_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_store_open_async);
  queue_job (self, task, open_job);
}

/**
 * ac_store_open_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if the store is open; %FALSE with %AC_STORE_ERROR_OPEN
 *   (the file or its folder cannot be opened or created),
 *   %AC_STORE_ERROR_TOO_NEW or %AC_STORE_ERROR_FAILED (a migration
 *   failed; the file is left as it was)
 */
gboolean
ac_store_open_finish (AcStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ac_store_get_set_aside:
 * @self: an #AcStore
 *
 * Returns: (transfer none) (nullable): where a damaged database was moved
 *   when the store was opened, or %NULL if there was none
 */
GFile *
ac_store_get_set_aside (AcStore *self)
{
  g_return_val_if_fail (AC_IS_STORE (self), NULL);

  return self->set_aside;
}

/**
 * ac_store_get_interrupted_count:
 * @self: an #AcStore
 *
 * Returns: how many calls were found still going when the store was
 *   opened, and marked `INTERRUPTED`
 */
guint
ac_store_get_interrupted_count (AcStore *self)
{
  g_return_val_if_fail (AC_IS_STORE (self), 0);

  return self->interrupted;
}

/**
 * ac_store_close:
 * @self: an #AcStore
 *
 * Finishes every operation already asked for, then closes the database.
 * Blocks until the worker is done.
 */
void
ac_store_close (AcStore *self)
{
  g_return_if_fail (AC_IS_STORE (self));

  if (self->worker == NULL)
    return;

  g_async_queue_push (self->jobs, g_new0 (Job, 1));
  g_thread_join (self->worker);
  self->worker = NULL;
}

/* ---------------------------------------------------------- conversations */

typedef struct
{
  char       *id;
  char       *customer_id;
  char       *text;
  char       *sentiment;
  char       *channel;
  GDateTime  *start;
  AcUtterance *utterance;
  gint64      duration_ms;
  guint       limit;
  GPtrArray  *rows;
  char       *kind;
  gboolean    flag;
  GHashTable *fields;
  char       *status;
  char       *priority;
  char       *server;
} Args;

static void
args_free (gpointer data)
{
  Args *args = data;

  g_free (args->id);
  g_free (args->customer_id);
  g_free (args->text);
  g_free (args->sentiment);
  g_free (args->channel);
  g_clear_pointer (&args->start, g_date_time_unref);
  g_clear_object (&args->utterance);
  g_clear_pointer (&args->rows, g_ptr_array_unref);
  g_free (args->kind);
  g_clear_pointer (&args->fields, g_hash_table_unref);
  g_free (args->status);
  g_free (args->priority);
  g_free (args->server);
  g_free (args);
}

/* Every operation: a task tagged with its _async function, carrying its
 * arguments, queued for the worker. */
static void
start_job (AcStore             *self,
           Args                *args,
           gpointer             source_tag,
           JobFunc              func,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, args, args_free);
  queue_job (self, task, func);
}

static gboolean
require_open (AcStore  *self,
              GTask    *task)
{
  if (self->db != NULL)
    return TRUE;

  g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_CLOSED,
                           _("The local database is not open"));
  return FALSE;
}

typedef void (*BindFunc) (sqlite3_stmt *stmt,
                          Args         *args,
                          const char   *now);

/* One statement of one row: prepared, bound by @bind, stepped.  Returns
 * the task's answer itself when it fails, with @what as the reason. */
static gboolean
run_statement (AcStore    *self,
               GTask      *task,
               const char *sql,
               BindFunc    bind,
               const char *what)
{
  g_autofree char *now = now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!require_open (self, task))
    return FALSE;

  ok = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      bind (stmt, g_task_get_task_data (task), now);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);

  if (!ok)
    {
      set_sqlite_error (&error, self->db, what);
      g_task_return_error (task, g_steal_pointer (&error));
    }

  return ok;
}

/* An UPDATE of one row: like run_statement(), and answers the task
 * itself, with %AC_STORE_ERROR_NOT_FOUND and @missing_format when no row
 * matched. */
static void G_GNUC_PRINTF (6, 7)
run_update (AcStore    *self,
            GTask      *task,
            const char *sql,
            BindFunc    bind,
            const char *what,
            const char *missing_format,
            ...)
{
  va_list ap;

  if (!run_statement (self, task, sql, bind, what))
    return;

  if (sqlite3_changes (self->db) > 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  va_start (ap, missing_format);
  g_task_return_error (task, g_error_new_valist (AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND,
                                                 missing_format, ap));
  va_end (ap);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value != NULL && value[0] != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_begin (sqlite3_stmt *stmt,
            Args         *args,
            const char   *now)
{
  g_autofree char *start = g_date_time_format_iso8601 (args->start);

  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, args->customer_id);
  sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, args->channel != NULL ? args->channel : "VOICE", -1, SQLITE_TRANSIENT);
}

static void
begin_conversation_job (AcStore *self,
                        GTask   *task)
{
  if (run_statement (self, task,
                     "INSERT INTO conversations (id, customer_id, status, start_time, channel, "
                     "created_at, updated_at) VALUES (?1, ?2, 'ACTIVE', ?3, ?5, ?4, ?4)",
                     bind_begin, _("A call could not be stored")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_new_id:
 *
 * A new record id, made on the caller's side so that what follows can be
 * queued at once: operations run in the order they are asked for.
 *
 * Returns: (transfer full): a random UUID
 */
char *
ac_store_new_id (void)
{
  return g_uuid_string_random ();
}

/**
 * ac_store_begin_conversation_async:
 * @self: an open #AcStore
 * @conversation_id: the new call's id, from ac_store_new_id()
 * @customer_id: (nullable): the caller's customer id, if known
 * @channel: (nullable): how the call came: `VOICE` (the default for
 *   %NULL) or `REPLAY` for a replayed recording
 * @start: when the call started
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the call is stored
 * @user_data: data for @callback
 *
 * Stores a new call, `ACTIVE` until ended.
 */
void
ac_store_begin_conversation_async (AcStore             *self,
                                   const char          *conversation_id,
                                   const char          *customer_id,
                                   const char          *channel,
                                   GDateTime           *start,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);
  g_return_if_fail (start != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->customer_id = g_strdup (customer_id);
  args->channel = g_strdup (channel);
  args->start = g_date_time_to_utc (start);

  start_job (self, args, ac_store_begin_conversation_async, begin_conversation_job, cancellable, callback, user_data);
}

/**
 * ac_store_begin_conversation_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if the call is stored; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_begin_conversation_finish (AcStore       *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
add_message_job (AcStore *self,
                 GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  AcUtterance *u = args->utterance;
  AcSentiment *s = ac_utterance_get_sentiment (u);
  g_autofree char *message_id = g_uuid_string_random ();
  g_autofree char *now = now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!require_open (self, task))
    return;

  if (!exec (self->db, "BEGIN IMMEDIATE", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO messages (id, conversation_id, speaker, content, timestamp, "
                           "start_ms, end_ms, sentiment, confidence, intent, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?5)",
                           -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, message_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, args->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, ac_audio_channel_to_speaker (ac_utterance_get_channel (u)), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, ac_utterance_get_text (u), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, ac_utterance_get_start_ms (u));
      sqlite3_bind_int64 (stmt, 7, ac_utterance_get_end_ms (u));
      if (s != NULL)
        {
          sqlite3_bind_text (stmt, 8, ac_sentiment_label_to_string (s->label), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 10, ac_intent_to_string (s->intent), -1, SQLITE_STATIC);
        }
      sqlite3_bind_double (stmt, 9, ac_utterance_get_confidence (u));
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (ok && s != NULL)
    {
      g_autofree char *analysis_id = g_uuid_string_random ();
      g_autofree char *emotions = g_strdup_printf ("{\"anger\":%g,\"fear\":%g,\"sadness\":%g,\"joy\":%g}",
                                                   s->emotions.anger, s->emotions.fear,
                                                   s->emotions.sadness, s->emotions.joy);

      ok = sqlite3_prepare_v2 (self->db,
                               "INSERT INTO sentiment_analysis (id, message_id, conversation_id, "
                               "sentiment, confidence, compound, emotions, risk_score, "
                               "escalation_required, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, analysis_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, message_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, args->id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, ac_sentiment_label_to_string (s->label), -1, SQLITE_STATIC);
          sqlite3_bind_double (stmt, 5, fabs (s->scores.compound));
          sqlite3_bind_double (stmt, 6, s->scores.compound);
          sqlite3_bind_text (stmt, 7, emotions, -1, SQLITE_TRANSIENT);
          sqlite3_bind_double (stmt, 8, s->risk);
          sqlite3_bind_int (stmt, 9, s->escalation);
          sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      sqlite3_finalize (stmt);
    }

  if (!ok)
    {
      set_sqlite_error (&error, self->db, _("What was said could not be stored"));
      exec (self->db, "ROLLBACK", NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!exec (self->db, "COMMIT", &error))
    {
      exec (self->db, "ROLLBACK", NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_add_message_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @utterance: a final utterance, with its analysis if it has one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Stores what was said (a `messages` row and, with an analysis, a
 * `sentiment_analysis` row) in one transaction, committed at once.
 */
void
ac_store_add_message_async (AcStore             *self,
                            const char          *conversation_id,
                            AcUtterance         *utterance,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);
  g_return_if_fail (AC_IS_UTTERANCE (utterance));

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->utterance = g_object_ref (utterance);

  start_job (self, args, ac_store_add_message_async, add_message_job, cancellable, callback, user_data);
}

/**
 * ac_store_add_message_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed
 */
gboolean
ac_store_add_message_finish (AcStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
bind_end (sqlite3_stmt *stmt,
          Args         *args,
          const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  /* The contract's duration is in seconds. */
  sqlite3_bind_int64 (stmt, 3, args->duration_ms / 1000);
  bind_text_or_null (stmt, 4, args->sentiment);
}

static void
end_conversation_job (AcStore *self,
                      GTask   *task)
{
  Args *args = g_task_get_task_data (task);

  run_update (self, task,
              "UPDATE conversations SET status = 'COMPLETED', end_time = ?2, "
              "duration = ?3, overall_sentiment = ?4, updated_at = ?2 WHERE id = ?1",
              bind_end, _("The end of the call could not be stored"),
              _("No call “%s” is stored"), args->id);
}

/**
 * ac_store_end_conversation_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @duration_ms: how long it lasted, in ms (stored in seconds, as the
 *   contract has it)
 * @overall_sentiment: (nullable): the customer's overall label
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Marks the call `COMPLETED`.
 */
void
ac_store_end_conversation_async (AcStore             *self,
                                 const char          *conversation_id,
                                 gint64               duration_ms,
                                 const char          *overall_sentiment,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->duration_ms = duration_ms;
  args->sentiment = g_strdup (overall_sentiment);

  start_job (self, args, ac_store_end_conversation_async, end_conversation_job, cancellable, callback, user_data);
}

/**
 * ac_store_end_conversation_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with %AC_STORE_ERROR_NOT_FOUND for
 *   an unknown call
 */
gboolean
ac_store_end_conversation_finish (AcStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
list_messages_job (AcStore *self,
                   GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GPtrArray) utterances = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT speaker, content, start_ms, end_ms, confidence FROM messages "
                          "WHERE conversation_id = ?1 ORDER BY start_ms, rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (&error, self->db, _("The call could not be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *speaker = (const char *) sqlite3_column_text (stmt, 0);
      const char *content = (const char *) sqlite3_column_text (stmt, 1);
      gint64 start = sqlite3_column_int64 (stmt, 2);
      gint64 end = MAX (start, sqlite3_column_int64 (stmt, 3));

      g_ptr_array_add (utterances,
                       ac_utterance_new (ac_audio_channel_from_speaker (speaker), start, end,
                                         content != NULL ? content : "",
                                         sqlite3_column_double (stmt, 4), TRUE));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (&error, self->db, _("The call could not be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&utterances), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_store_list_messages_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the call's utterances
 * @user_data: data for @callback
 *
 * Reads back what was said in a call, in order.
 */
void
ac_store_list_messages_async (AcStore             *self,
                              const char          *conversation_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);

  start_job (self, args, ac_store_list_messages_async, list_messages_job, cancellable, callback, user_data);
}

/**
 * ac_store_list_messages_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type AcUtterance): the final
 *   utterances, ordered by start, or %NULL with an %AC_STORE_ERROR
 */
GPtrArray *
ac_store_list_messages_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
conversation_status_job (AcStore *self,
                         GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db, "SELECT status FROM conversations WHERE id = ?1", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  if (status == NULL)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND,
                             _("No call “%s” is stored"), args->id);
  else
    g_task_return_pointer (task, g_steal_pointer (&status), g_free);
}

/**
 * ac_store_get_conversation_status_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the status
 * @user_data: data for @callback
 *
 * Reads a call's status: `ACTIVE`, `COMPLETED` or `INTERRUPTED`.
 */
void
ac_store_get_conversation_status_async (AcStore             *self,
                                        const char          *conversation_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);

  start_job (self, args, ac_store_get_conversation_status_async, conversation_status_job, cancellable, callback, user_data);
}

/**
 * ac_store_get_conversation_status_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the status, or %NULL with
 *   %AC_STORE_ERROR_NOT_FOUND
 */
char *
ac_store_get_conversation_status_finish (AcStore       *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------- customers */

/* The columns an import may set, in the order of the statement below. */
static const char * const customer_columns[] = {
  "name", "email", "phone", "account_type", "balance", "currency", "status", "join_date",
  "risk_level", "preferred_language", "last_transaction_date", "kyc_status", "notes",
};

/* A customer, bound by bind_customer(): ?1 id, ?2 account number, ?3…?15
 * customer_columns, ?16 now.  Defaults as the contract's table has them. */
#define CUSTOMER_INSERT \
  "INSERT INTO customers (id, account_number, name, email, phone, " \
  "account_type, balance, currency, status, join_date, risk_level, " \
  "preferred_language, last_transaction_date, kyc_status, notes, " \
  "created_at, updated_at, phone_digits, phone_reversed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " \
  "coalesce(?7, '0'), coalesce(?8, 'USD'), coalesce(?9, 'ACTIVE'), ?10, " \
  "coalesce(?11, 'LOW'), coalesce(?12, 'en'), ?13, coalesce(?14, 'PENDING'), " \
  "?15, ?16, ?16, ac_digits(?5), ac_reversed_digits(?5))"

static void
bind_customer (sqlite3_stmt *stmt,
               const char   *id,
               GHashTable   *row,
               const char   *now)
{
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g_hash_table_lookup (row, "account_number"), -1, SQLITE_TRANSIENT);
  for (guint c = 0; c < G_N_ELEMENTS (customer_columns); c++)
    {
      const char *value = g_hash_table_lookup (row, customer_columns[c]);

      if (value != NULL && value[0] != '\0')
        sqlite3_bind_text (stmt, 3 + c, value, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (stmt, 16, now, -1, SQLITE_TRANSIENT);
}

static void
import_customers_job (AcStore *self,
                      GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autofree char *now = now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *exists = NULL;
  sqlite3_stmt *upsert = NULL;
  AcImportCounts *counts = g_new0 (AcImportCounts, 1);
  gboolean ok;

  if (!require_open (self, task))
    {
      g_free (counts);
      return;
    }

  /* All or nothing: one transaction for the whole file. */
  ok = exec (self->db, "BEGIN IMMEDIATE", &error) &&
       sqlite3_prepare_v2 (self->db, "SELECT 1 FROM customers WHERE account_number = ?1", -1,
                           &exists, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (self->db,
                           CUSTOMER_INSERT
                           " ON CONFLICT (account_number) DO UPDATE SET "
                           "name = excluded.name, "
                           "email = coalesce(?4, email), phone = coalesce(?5, phone), "
                           "phone_digits = coalesce(ac_digits(?5), phone_digits), "
                           "phone_reversed = coalesce(ac_reversed_digits(?5), phone_reversed), "
                           "account_type = excluded.account_type, "
                           "balance = coalesce(?7, balance), currency = coalesce(?8, currency), "
                           "status = coalesce(?9, status), join_date = coalesce(?10, join_date), "
                           "risk_level = coalesce(?11, risk_level), "
                           "preferred_language = coalesce(?12, preferred_language), "
                           "last_transaction_date = coalesce(?13, last_transaction_date), "
                           "kyc_status = coalesce(?14, kyc_status), notes = coalesce(?15, notes), "
                           "updated_at = ?16",
                           -1, &upsert, NULL) == SQLITE_OK;

  for (guint i = 0; ok && i < args->rows->len; i++)
    {
      GHashTable *row = args->rows->pdata[i];
      const char *account = g_hash_table_lookup (row, "account_number");
      g_autofree char *id = g_uuid_string_random ();
      gboolean existed;

      sqlite3_reset (exists);
      sqlite3_bind_text (exists, 1, account, -1, SQLITE_TRANSIENT);
      existed = sqlite3_step (exists) == SQLITE_ROW;

      sqlite3_reset (upsert);
      sqlite3_clear_bindings (upsert);
      bind_customer (upsert, id, row, now);

      ok = sqlite3_step (upsert) == SQLITE_DONE;
      if (ok && existed)
        counts->updated++;
      else if (ok)
        counts->added++;
    }

  if (!ok && error == NULL)
    set_sqlite_error (&error, self->db, _("The customers could not be imported"));

  sqlite3_finalize (exists);
  sqlite3_finalize (upsert);

  if (ok && !exec (self->db, "COMMIT", &error))
    ok = FALSE;

  if (!ok)
    {
      exec (self->db, "ROLLBACK", NULL);
      g_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, counts, g_free);
}

/**
 * ac_store_import_customers_async:
 * @self: an open #AcStore
 * @rows: (element-type GHashTable): checked rows from
 *   ac_customer_import_parse(): column name → value
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when they are committed
 * @user_data: data for @callback
 *
 * Adds or updates customers, by account number, in one transaction: all
 * of them or, if any fails, none.  A column a row leaves out keeps its
 * stored value.
 */
void
ac_store_import_customers_async (AcStore             *self,
                                 GPtrArray           *rows,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (rows != NULL);

  args = g_new0 (Args, 1);
  args->rows = g_ptr_array_ref (rows);

  start_job (self, args, ac_store_import_customers_async, import_customers_job, cancellable,
             callback, user_data);
}

/**
 * ac_store_import_customers_finish:
 * @self: an #AcStore
 * @result: the result
 * @counts: (out caller-allocates): how many were added and updated
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR and nothing
 *   changed
 */
gboolean
ac_store_import_customers_finish (AcStore         *self,
                                  GAsyncResult    *result,
                                  AcImportCounts  *counts,
                                  GError         **error)
{
  g_autofree AcImportCounts *got = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  got = g_task_propagate_pointer (G_TASK (result), error);
  if (got == NULL)
    return FALSE;

  *counts = *got;
  return TRUE;
}

static void
count_customers_job (AcStore *self,
                     GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  sqlite3_stmt *stmt = NULL;
  gssize n = -1;

  if (!require_open (self, task))
    return;

  /* With a query: full-text search over name, email, phone and account. */
  if (sqlite3_prepare_v2 (self->db,
                          args->text != NULL
                          ? "SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?1"
                          : "SELECT count(*) FROM customers",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      if (args->text != NULL)
        sqlite3_bind_text (stmt, 1, args->text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (n < 0)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                             _("The customers could not be counted: %s"), sqlite3_errmsg (self->db));
  else
    g_task_return_int (task, n);
}

/**
 * ac_store_count_customers_async:
 * @self: an open #AcStore
 * @match: (nullable): an FTS5 query over name, email, phone and account
 *   number, or %NULL for all customers
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the count
 * @user_data: data for @callback
 */
void
ac_store_count_customers_async (AcStore             *self,
                                const char          *match,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));

  args = g_new0 (Args, 1);
  args->text = g_strdup (match);

  start_job (self, args, ac_store_count_customers_async, count_customers_job, cancellable,
             callback, user_data);
}

/**
 * ac_store_count_customers_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: how many customers (match), or -1 with an %AC_STORE_ERROR
 */
gssize
ac_store_count_customers_finish (AcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static AcCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_hash_table_insert (fields, (gpointer) sqlite3_column_name (stmt, i),
                         (gpointer) sqlite3_column_text (stmt, i));

  return ac_customer_new (fields);
}

/* An FTS5 query from what the agent typed: each word a quoted prefix, so
 * no character they type is FTS syntax. */
static char *
fts_query (const char *text)
{
  g_auto(GStrv) words = g_str_tokenize_and_fold (text, NULL, NULL);
  GString *query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = g_strsplit (words[i], "\"", -1);

      escaped = g_strjoinv ("\"\"", parts);
      g_string_append_printf (query, "%s\"%s\"*", query->len > 0 ? " " : "", escaped);
    }

  return g_string_free (query, FALSE);
}

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.email, c.phone, c.account_number, c.account_type, c.balance, c.currency, " \
  "c.status, c.join_date, c.risk_level, c.preferred_language, c.last_transaction_date, " \
  "c.kyc_status, c.notes"

static gboolean
looks_like_phone (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-(). /", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
search_customers_job (AcStore *self,
                      GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GListStore) found = g_list_store_new (AC_TYPE_CUSTOMER);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *digits = ac_phone_digits (args->text);
  g_autofree char *match = fts_query (args->text);
  guint limit = args->limit;
  const char *queries[2];
  sqlite3_stmt *stmt = NULL;

  if (!require_open (self, task))
    return;

  /* A number that looks like a phone: stored numbers ending with its
   * last nine digits — reversed, a range of the index (':' sorts just
   * after '9'); then the words, by full-text prefix. */
  queries[0] = digits != NULL && strlen (digits) >= 5
    ? "SELECT " CUSTOMER_COLUMNS " FROM customers c "
      "WHERE c.phone_reversed >= ?1 AND c.phone_reversed < ?1 || ':' ORDER BY c.name LIMIT ?2"
    : NULL;
  /* Words: the first matches, by name.  Not by relevance (ORDER BY rank
   * scores every match: 70 ms for a four-letter prefix that 20,000 of a
   * million customers share, against 0.1 ms for the first ten); each word
   * typed narrows the matches instead.  (Written with IN: the same query
   * as SELECT * FROM (… LIMIT) ORDER BY took 36 ms here, against 0.07.)
   *
   * What is only a phone number is not also looked up as words: its
   * digit groups ("1", "555") would prefix-match much of the index. */
  queries[1] = match[0] != '\0' && !(queries[0] != NULL && looks_like_phone (args->text))
    ? "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.rowid IN "
      "(SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?1 LIMIT ?2) ORDER BY c.name"
    : NULL;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *param;

      if (queries[q] == NULL || g_list_model_get_n_items (G_LIST_MODEL (found)) >= limit)
        continue;

      if (sqlite3_prepare_v2 (self->db, queries[q], -1, &stmt, NULL) != SQLITE_OK)
        {
          g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                                   _("Customers could not be searched: %s"), sqlite3_errmsg (self->db));
          return;
        }

      if (q == 0)
        {
          /* The last nine digits, reversed: 5551234567 → 765432155. */
          g_strreverse (digits);
          digits[MIN (strlen (digits), 9)] = '\0';
          param = digits;
        }
      else
        param = match;
      sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, limit);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(AcCustomer) customer = customer_from_row (stmt);

          if (g_hash_table_add (seen, g_strdup (ac_customer_get_id (customer))) &&
              g_list_model_get_n_items (G_LIST_MODEL (found)) < limit)
            g_list_store_append (found, customer);
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
}

/**
 * ac_store_search_customers_async:
 * @self: an open #AcStore
 * @query: what the agent typed: words of a name, an email, an account
 *   number, or a phone number however written
 * @limit: the most customers wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the customers found
 * @user_data: data for @callback
 *
 * Finds customers as the agent types, or for a screen pop: phone numbers
 * by their digits (see ac_phone_digits()), then words by full-text prefix
 * over name, email, phone and account number, best match first.
 */
void
ac_store_search_customers_async (AcStore             *self,
                                 const char          *query,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (query != NULL);

  args = g_new0 (Args, 1);
  args->text = g_strdup (query);
  args->limit = MAX (limit, 1);

  start_job (self, args, ac_store_search_customers_async, search_customers_job, cancellable,
             callback, user_data);
}

/**
 * ac_store_search_customers_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #AcCustomer, possibly empty, or
 *   %NULL with an %AC_STORE_ERROR
 */
GListModel *
ac_store_search_customers_finish (AcStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
create_customer_job (AcStore *self,
                     GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autofree char *now = now_iso ();
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  AcCustomer *customer = NULL;
  int rc;

  if (!require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db, CUSTOMER_INSERT, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bind_customer (stmt, id, args->fields, now);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  /* Extended result codes are on: SQLITE_CONSTRAINT_UNIQUE and its kin. */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                               _("A customer with account number “%s” is already stored"),
                               (const char *) g_hash_table_lookup (args->fields, "account_number"));
      return;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?1", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        customer = customer_from_row (stmt);
    }
  sqlite3_finalize (stmt);

  if (customer == NULL)
    {
      set_sqlite_error (&error, self->db, _("The customer could not be read back"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, customer, g_object_unref);
}

/**
 * ac_store_create_customer_async:
 * @self: an open #AcStore
 * @fields: (transfer none) (element-type utf8 utf8): column → value of
 *   the contract's `customers` table; `name`, `account_number` and
 *   `account_type` required; checked with ac_customer_check_fields()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the stored customer
 * @user_data: data for @callback
 *
 * Stores a new customer, for instance an unknown caller.  Unlike an
 * import, it never updates a customer already stored: an account number
 * in use is an %AC_STORE_ERROR_INVALID error.  Fields that do not check out
 * are reported at once, before anything is written.
 */
void
ac_store_create_customer_async (AcStore             *self,
                                GHashTable          *fields,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *invalid = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (fields != NULL);

  if ((invalid = ac_customer_check_fields (fields, NULL)) != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, ac_store_create_customer_async);
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID, "%s", invalid);
      return;
    }

  args = g_new0 (Args, 1);
  args->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_insert (args->fields, g_strdup (key), g_strstrip (g_strdup (value)));

  start_job (self, args, ac_store_create_customer_async, create_customer_job, cancellable, callback,
             user_data);
}

/**
 * ac_store_create_customer_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the customer as stored, or %NULL with an
 *   %AC_STORE_ERROR
 */
AcCustomer *
ac_store_create_customer_finish (AcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

#define CUSTOMER_KEEP \
  CUSTOMER_INSERT " ON CONFLICT(id) DO UPDATE SET account_number = excluded.account_number, " \
  "name = excluded.name, email = excluded.email, phone = excluded.phone, " \
  "account_type = excluded.account_type, balance = excluded.balance, currency = excluded.currency, " \
  "status = excluded.status, join_date = excluded.join_date, risk_level = excluded.risk_level, " \
  "preferred_language = excluded.preferred_language, " \
  "last_transaction_date = excluded.last_transaction_date, kyc_status = excluded.kyc_status, " \
  "notes = excluded.notes, updated_at = excluded.updated_at, phone_digits = excluded.phone_digits, " \
  "phone_reversed = excluded.phone_reversed"

static void
keep_customer_job (AcStore *self,
                   GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autofree char *now = now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db, CUSTOMER_KEEP, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bind_customer (stmt, args->id, args->fields, now);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                               _("Another customer with account number “%s” is stored on this computer"),
                               (const char *) g_hash_table_lookup (args->fields, "account_number"));
      return;
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_keep_customer_async:
 * @self: an open #AcStore
 * @customer: a customer from the contact center's server, with its id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when kept
 * @user_data: data for @callback
 *
 * Keeps a copy of a server's customer under the server's id (added, or
 * updated if kept before), so that calls on this computer can name them
 * and the search finds them offline.  Finish with ac_store_add_finish().
 * A different customer stored here with the same account number is an
 * %AC_STORE_ERROR_INVALID error, and nothing is changed.
 */
void
ac_store_keep_customer_async (AcStore             *self,
                              AcCustomer          *customer,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  static const char * const required[] = { "account_number", "name", "account_type" };
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (AC_IS_CUSTOMER (customer));

  args = g_new0 (Args, 1);
  args->id = g_strdup (ac_customer_get_id (customer));
  args->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (args->fields, g_strdup ("account_number"),
                       g_strdup (ac_record_get_field (AC_RECORD (customer), "account_number")));
  for (guint c = 0; c < G_N_ELEMENTS (customer_columns); c++)
    {
      const char *value = ac_record_get_field (AC_RECORD (customer), customer_columns[c]);

      if (value != NULL)
        g_hash_table_insert (args->fields, g_strdup (customer_columns[c]), g_strdup (value));
    }
  /* The columns the table cannot do without: a server that leaves one out
   * still gets its customer kept. */
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (g_hash_table_lookup (args->fields, required[i]) == NULL)
      g_hash_table_insert (args->fields, g_strdup (required[i]),
                           g_strdup (g_str_equal (required[i], "account_type") ? "INDIVIDUAL" : args->id));

  start_job (self, args, ac_store_keep_customer_async, keep_customer_job, cancellable, callback, user_data);
}

static void
update_customer_notes_job (AcStore *self,
                           GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autofree char *now = now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  AcCustomer *customer = NULL;
  gboolean ok;

  if (!require_open (self, task))
    return;

  ok = sqlite3_prepare_v2 (self->db, "UPDATE customers SET notes = ?2, updated_at = ?3 WHERE id = ?1",
                           -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 2, args->text);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (!ok)
    {
      set_sqlite_error (&error, self->db, _("The notes could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?1", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        customer = customer_from_row (stmt);
    }
  sqlite3_finalize (stmt);

  if (customer == NULL)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND,
                             _("No customer “%s” is stored"), args->id);
  else
    g_task_return_pointer (task, customer, g_object_unref);
}

/**
 * ac_store_update_customer_notes_async:
 * @self: an open #AcStore
 * @customer_id: the customer
 * @notes: (nullable): what agents wrote about them (the contract's
 *   `notes`); empty or %NULL clears them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the customer as stored; finish with
 *   ac_store_create_customer_finish()
 * @user_data: data for @callback
 *
 * Keeps the agents' notes on a customer.
 */
void
ac_store_update_customer_notes_async (AcStore             *self,
                                      const char          *customer_id,
                                      const char          *notes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (customer_id);
  args->text = g_strdup (notes);
  start_job (self, args, ac_store_update_customer_notes_async, update_customer_notes_job, cancellable,
             callback, user_data);
}

/* ------------------------------------------------- what else a call has */

static void
bind_escalation (sqlite3_stmt *stmt,
                 Args         *args,
                 const char   *now)
{
  g_autofree char *id = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, args->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, args->duration_ms);
  sqlite3_bind_int (stmt, 6, args->flag);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
}

static void
add_escalation_job (AcStore *self,
                    GTask   *task)
{
  if (run_statement (self, task,
                     "INSERT INTO escalations (id, conversation_id, kind, reason, time_ms, "
                     "acknowledged, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     bind_escalation, _("Part of the call could not be stored")))
    g_task_return_boolean (task, TRUE);
}

static void
bind_recording (sqlite3_stmt *stmt,
                Args         *args,
                const char   *now)
{
  g_autofree char *id = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, args->duration_ms);
  sqlite3_bind_text (stmt, 5, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
}

static void
add_recording_job (AcStore *self,
                   GTask   *task)
{
  if (run_statement (self, task,
                     "INSERT INTO recordings (id, conversation_id, path, duration_ms, "
                     "pause_spans, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     bind_recording, _("Part of the call could not be stored")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_add_escalation_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @kind: why: `risk`, `fraud`, `safety`, `sustained` or `backend` (the contact center's own)
 * @reason: the reason in words, as the agent saw it
 * @time_ms: when, in ms from the start of the call
 * @acknowledged: whether the agent had acknowledged it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Keeps an escalation with its call.
 */
void
ac_store_add_escalation_async (AcStore             *self,
                               const char          *conversation_id,
                               const char          *kind,
                               const char          *reason,
                               gint64               time_ms,
                               gboolean             acknowledged,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && kind != NULL && reason != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->kind = g_strdup (kind);
  args->text = g_strdup (reason);
  args->duration_ms = time_ms;
  args->flag = acknowledged;

  start_job (self, args, ac_store_add_escalation_async, add_escalation_job, cancellable, callback,
             user_data);
}

static void
bind_acknowledgement (sqlite3_stmt *stmt,
                      Args         *args,
                      const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, args->duration_ms);
}

static void
acknowledge_escalation_job (AcStore *self,
                            GTask   *task)
{
  Args *args = g_task_get_task_data (task);

  run_update (self, task,
              "UPDATE escalations SET acknowledged = 1 "
              "WHERE conversation_id = ?1 AND kind = ?2 AND time_ms = ?3",
              bind_acknowledgement, _("Part of the call could not be stored"),
              _("No such escalation is stored for the call “%s”"), args->id);
}

/**
 * ac_store_acknowledge_escalation_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @kind: the escalation's kind, as stored by ac_store_add_escalation_async()
 * @time_ms: its time, in ms from the start of the call
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Records that the agent acknowledged an escalation stored when it was
 * raised.  An escalation not stored (yet) is %AC_STORE_ERROR_NOT_FOUND.
 */
void
ac_store_acknowledge_escalation_async (AcStore             *self,
                                       const char          *conversation_id,
                                       const char          *kind,
                                       gint64               time_ms,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && kind != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->kind = g_strdup (kind);
  args->duration_ms = time_ms;
  start_job (self, args, ac_store_acknowledge_escalation_async, acknowledge_escalation_job, cancellable,
             callback, user_data);
}

/**
 * ac_store_add_recording_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @path: the recording's file
 * @duration_ms: its length in ms (paused spans are not in it)
 * @pause_spans_json: the spans left out, as a JSON array of
 *   `{"start_ms": …, "end_ms": …}` in ms from the start of recording
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Keeps a call's recording with it.
 */
void
ac_store_add_recording_async (AcStore             *self,
                              const char          *conversation_id,
                              const char          *path,
                              gint64               duration_ms,
                              const char          *pause_spans_json,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && path != NULL && pause_spans_json != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->text = g_strdup (path);
  args->duration_ms = duration_ms;
  args->kind = g_strdup (pause_spans_json);

  start_job (self, args, ac_store_add_recording_async, add_recording_job, cancellable, callback,
             user_data);
}

/**
 * ac_store_add_finish:
 * @self: an #AcStore
 * @result: the result of ac_store_add_escalation_async(),
 *   ac_store_add_recording_async() or ac_store_keep_customer_async()
 * @error: return location for an error
 *
 * Returns: %TRUE if committed
 */
gboolean
ac_store_add_finish (AcStore       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
bind_conversation_customer (sqlite3_stmt *stmt,
                            Args         *args,
                            const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
}

static void
set_customer_job (AcStore *self,
                  GTask   *task)
{
  if (run_statement (self, task,
                     "UPDATE conversations SET customer_id = ?2, updated_at = ?3 WHERE id = ?1",
                     bind_conversation_customer, _("Part of the call could not be stored")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_set_conversation_customer_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @customer_id: the customer on the line
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Says who the call is with, once the screen pop or the agent has found
 * them.
 */
void
ac_store_set_conversation_customer_async (AcStore             *self,
                                          const char          *conversation_id,
                                          const char          *customer_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && customer_id != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->customer_id = g_strdup (customer_id);

  start_job (self, args, ac_store_set_conversation_customer_async, set_customer_job, cancellable,
             callback, user_data);
}

/* ------------------------------------------------------------- wrap-up */

static void
list_dispositions_job (AcStore *self,
                       GTask   *task)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt = NULL;

  if (!require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db, "SELECT code, label FROM dispositions ORDER BY position, code",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The dispositions could not be read: %s"), sqlite3_errmsg (self->db));
      return;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **pair = g_new0 (char *, 3);

      pair[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      pair[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (codes, pair);
    }
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&codes), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_store_list_dispositions_async:
 * @self: an open #AcStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the disposition codes
 * @user_data: data for @callback
 *
 * Reads the disposition codes a call can be closed with, in their order
 * (the `dispositions` table: the team's own list).
 */
void
ac_store_list_dispositions_async (AcStore             *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (AC_IS_STORE (self));

  start_job (self, g_new0 (Args, 1), ac_store_list_dispositions_async, list_dispositions_job,
             cancellable, callback, user_data);
}

/**
 * ac_store_list_dispositions_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type GStrv): each a `{code, label}`
 *   pair, or %NULL with an %AC_STORE_ERROR
 */
GPtrArray *
ac_store_list_dispositions_finish (AcStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ac_disposition_code_for_label:
 * @label: a disposition as people read it, such as “Callback booked”
 *
 * Returns: (transfer full) (nullable): its code, as the contract writes
 *   codes: `CALLBACK_BOOKED` (ASCII letters and digits in capitals, words
 *   joined by `_`, at most 40 characters), or %NULL when @label has no
 *   letter or digit to make one from
 */
char *
ac_disposition_code_for_label (const char *label)
{
  g_autofree char *ascii = g_str_to_ascii (label != NULL ? label : "", "C");
  GString *code = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && code->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (code, g_ascii_toupper (*p));
      else if (code->len > 0 && code->str[code->len - 1] != '_')
        g_string_append_c (code, '_');
    }
  while (code->len > 0 && code->str[code->len - 1] == '_')
    g_string_truncate (code, code->len - 1);

  if (code->len == 0)
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  return g_string_free (code, FALSE);
}

static void
add_disposition_job (AcStore *self,
                     GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  if (!require_open (self, task))
    return;

  /* Last in the list; a code already there keeps its place. */
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO dispositions (code, label, position) VALUES (?1, ?2, "
                          "(SELECT coalesce(max(position), -1) + 1 FROM dispositions))",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, args->text, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                             _("There already is a disposition “%s”"), args->id);
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (&error, self->db, _("The disposition could not be added"));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_add_disposition_async:
 * @self: an open #AcStore
 * @label: the disposition as agents will read it, such as “Callback
 *   booked” (1 to 80 characters); its code comes from
 *   ac_disposition_code_for_label()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is stored; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Adds a disposition at the end of the team's list.  A label with no
 * letter or digit, or whose code is taken, is an %AC_STORE_ERROR_INVALID
 * error.
 */
void
ac_store_add_disposition_async (AcStore             *self,
                                const char          *label,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (label != NULL ? label : ""));
  g_autofree char *code = ac_disposition_code_for_label (trimmed);
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));

  if (code == NULL || !g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > 80)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, ac_store_add_disposition_async);
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                               _("A disposition needs a name of 1 to 80 characters with a letter or digit"));
      return;
    }

  args = g_new0 (Args, 1);
  args->id = g_steal_pointer (&code);
  args->text = g_steal_pointer (&trimmed);
  start_job (self, args, ac_store_add_disposition_async, add_disposition_job, cancellable, callback,
             user_data);
}

static void
remove_disposition_job (AcStore *self,
                        GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  if (!require_open (self, task))
    return;

  /* Calls already closed with the code keep it; the list keeps one. */
  if (sqlite3_prepare_v2 (self->db,
                          "DELETE FROM dispositions WHERE code = ?1 "
                          "AND (SELECT count(*) FROM dispositions) > 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (&error, self->db, _("The disposition could not be removed"));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (sqlite3_changes (self->db) == 0)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                             _("“%s” cannot be removed: it is not in the list, or it is the last disposition"),
                             args->id);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_remove_disposition_async:
 * @self: an open #AcStore
 * @code: a disposition's code, such as `CALLBACK_BOOKED`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is gone; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Takes a disposition off the team's list.  Calls already closed with it
 * keep it.  The last disposition cannot be removed (a call must be
 * closable): that, or an unknown code, is an %AC_STORE_ERROR_INVALID
 * error.
 */
void
ac_store_remove_disposition_async (AcStore             *self,
                                   const char          *code,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (code != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (code);
  start_job (self, args, ac_store_remove_disposition_async, remove_disposition_job, cancellable, callback,
             user_data);
}

static void
bind_wrap_up (sqlite3_stmt *stmt,
              Args         *args,
              const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, args->text);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
}

static void
save_wrap_up_job (AcStore *self,
                  GTask   *task)
{
  if (run_statement (self, task,
                     "UPDATE conversations SET disposition = ?2, wrap_up_notes = ?3, "
                     "resolution_status = CASE ?2 WHEN 'RESOLVED' THEN 'RESOLVED' "
                     "WHEN 'NO_ACTION' THEN 'RESOLVED' ELSE 'PENDING' END, updated_at = ?4 "
                     "WHERE id = ?1",
                     bind_wrap_up, _("The wrap-up could not be stored")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_save_wrap_up_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @disposition: its disposition code
 * @notes: (nullable): the agent's notes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Keeps the call's after-call work: its disposition and notes (a
 * `RESOLVED` or `NO_ACTION` disposition resolves the call).
 */
void
ac_store_save_wrap_up_async (AcStore             *self,
                             const char          *conversation_id,
                             const char          *disposition,
                             const char          *notes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && disposition != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (conversation_id);
  args->kind = g_strdup (disposition);
  args->text = g_strdup (notes);

  start_job (self, args, ac_store_save_wrap_up_async, save_wrap_up_job, cancellable, callback,
             user_data);
}

/* --------------------------------------------------------------- tickets */

#define TICKET_COLUMNS \
  "id, conversation_id, customer_id, title, description, category, priority, status, " \
  "assigned_to, resolution_notes, sla_deadline, tags, created_at, updated_at, resolved_at"

static AcTicket *
ticket_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_hash_table_insert (fields, (gpointer) sqlite3_column_name (stmt, i),
                         (gpointer) sqlite3_column_text (stmt, i));

  return ac_ticket_new (fields);
}

static void
create_ticket_job (AcStore *self,
                   GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  GHashTable *f = args->fields;
  g_autofree char *now = now_iso ();
  g_autofree char *deadline = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcTicket) ticket = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!require_open (self, task))
    return;

  if (g_hash_table_lookup (f, "sla_deadline") != NULL)
    deadline = g_strdup (g_hash_table_lookup (f, "sla_deadline"));
  else
    {
      g_autoptr(GDateTime) due = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later =
        g_date_time_add_hours (due, ac_ticket_sla_hours (g_hash_table_lookup (f, "priority")));

      deadline = g_date_time_format_iso8601 (later);
    }

  /* The number and the ticket in one transaction: ids never repeat. */
  ok = exec (self->db, "BEGIN IMMEDIATE", &error) &&
       exec (self->db, "INSERT INTO counters (name, value) VALUES ('ticket', 1) "
                       "ON CONFLICT (name) DO UPDATE SET value = value + 1", &error);
  if (ok)
    {
      ok = sqlite3_prepare_v2 (self->db, "SELECT value FROM counters WHERE name = 'ticket'", -1,
                               &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW;
      if (ok)
        id = g_strdup_printf ("TKT-%06" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  if (ok)
    {
      static const char * const columns[] = {
        "conversation_id", "customer_id", "title", "description", "category", "priority",
        "assigned_to", "tags",
      };

      ok = sqlite3_prepare_v2 (self->db,
                               "INSERT INTO tickets (id, conversation_id, customer_id, title, "
                               "description, category, priority, assigned_to, tags, status, "
                               "sla_deadline, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                               "?6, ?7, ?8, coalesce(?9, '[]'), coalesce(?10, 'OPEN'), ?11, ?12, ?12) "
                               "RETURNING " TICKET_COLUMNS,
                               -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
            bind_text_or_null (stmt, 2 + i, g_hash_table_lookup (f, columns[i]));
          bind_text_or_null (stmt, 10, g_hash_table_lookup (f, "status"));
          sqlite3_bind_text (stmt, 11, deadline, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
          ok = sqlite3_step (stmt) == SQLITE_ROW;
          if (ok)
            ticket = ticket_from_row (stmt);
        }
      sqlite3_finalize (stmt);
    }

  if (ok && !exec (self->db, "COMMIT", &error))
    ok = FALSE;

  if (!ok)
    {
      if (error == NULL)
        set_sqlite_error (&error, self->db, _("The ticket could not be filed"));
      exec (self->db, "ROLLBACK", NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&ticket), g_object_unref);
}

/**
 * ac_store_create_ticket_async:
 * @self: an open #AcStore
 * @fields: (transfer none): column → value: `title`, `category` and
 *   `priority` (LOW, MEDIUM, HIGH, URGENT) required; `description`,
 *   `customer_id`, `conversation_id`, `assigned_to`, `tags` (a JSON array),
 *   `status` (default OPEN) and `sla_deadline` (ISO 8601; default from the
 *   priority, see [const@TICKET_SLA_HOURS_URGENT]) optional
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the filed ticket
 * @user_data: data for @callback
 *
 * Files a ticket under the next number (`TKT-000123`).  Fields that do not
 * check out are reported at once, before anything is written.
 */
void
ac_store_create_ticket_async (AcStore             *self,
                              GHashTable          *fields,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *invalid = NULL;
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (fields != NULL);

  if ((invalid = ac_ticket_check_fields (fields, NULL)) != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, ac_store_create_ticket_async);
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID, "%s", invalid);
      return;
    }

  args = g_new0 (Args, 1);
  args->fields = g_hash_table_ref (fields);
  start_job (self, args, ac_store_create_ticket_async, create_ticket_job, cancellable, callback,
             user_data);
}

/**
 * ac_store_create_ticket_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the ticket as filed, with its id and SLA
 *   deadline, or %NULL with %AC_STORE_ERROR_INVALID (the message says what
 *   to fix) or another %AC_STORE_ERROR
 */
AcTicket *
ac_store_create_ticket_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_tickets_job (AcStore *self,
                  GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GListStore) tickets = g_list_store_new (AC_TYPE_TICKET);
  sqlite3_stmt *stmt = NULL;

  if (!require_open (self, task))
    return;

  /* Each filter applies only when given; text is matched as text, not as
   * a LIKE pattern. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT * FROM (SELECT " TICKET_COLUMNS ", "
                          "(SELECT name FROM customers c WHERE c.id = tickets.customer_id) AS customer_name "
                          "FROM tickets) WHERE "
                          "(?1 IS NULL OR status = ?1) AND (?2 IS NULL OR priority = ?2) AND "
                          "(?3 IS NULL OR customer_id = ?3) AND "
                          "(?4 IS NULL OR instr(lower(title), lower(?4)) > 0 OR "
                          " instr(lower(coalesce(description, '')), lower(?4)) > 0 OR "
                          " instr(lower(coalesce(customer_name, '')), lower(?4)) > 0 OR id = upper(?4)) "
                          "ORDER BY status IN ('RESOLVED', 'CLOSED'), CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 "
                          "WHEN 'MEDIUM' THEN 2 ELSE 3 END, sla_deadline, id LIMIT 500",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The tickets could not be read: %s"), sqlite3_errmsg (self->db));
      return;
    }

  bind_text_or_null (stmt, 1, args->status);
  bind_text_or_null (stmt, 2, args->priority);
  bind_text_or_null (stmt, 3, args->customer_id);
  bind_text_or_null (stmt, 4, args->text);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(AcTicket) ticket = ticket_from_row (stmt);

      g_list_store_append (tickets, ticket);
    }
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&tickets), g_object_unref);
}

/**
 * ac_store_list_tickets_async:
 * @self: an open #AcStore
 * @status: (nullable): only tickets in this status
 * @priority: (nullable): only tickets of this priority
 * @customer_id: (nullable): only this customer's tickets
 * @text: (nullable): only tickets whose id is this, or whose title,
 *   description or customer's name contains it (any case)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tickets
 * @user_data: data for @callback
 *
 * Lists tickets: those still open first, then the most urgent and the
 * nearest deadline (at most 500).  Each also has a `customer_name` field
 * when its customer is stored.
 */
void
ac_store_list_tickets_async (AcStore             *self,
                             const char          *status,
                             const char          *priority,
                             const char          *customer_id,
                             const char          *text,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));

  args = g_new0 (Args, 1);
  args->status = g_strdup (status);
  args->priority = g_strdup (priority);
  args->customer_id = g_strdup (customer_id);
  args->text = g_strdup (text);

  start_job (self, args, ac_store_list_tickets_async, list_tickets_job, cancellable, callback,
             user_data);
}

/**
 * ac_store_list_tickets_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #AcTicket, or %NULL with an
 *   %AC_STORE_ERROR
 */
GListModel *
ac_store_list_tickets_finish (AcStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------- history */

static AcConversation *
conversation_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_hash_table_insert (fields, (gpointer) sqlite3_column_name (stmt, i),
                         (gpointer) sqlite3_column_text (stmt, i));

  return ac_conversation_new (fields);
}

static void
list_conversations_job (AcStore *self,
                        GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GListStore) calls = g_list_store_new (AC_TYPE_CONVERSATION);
  g_autofree char *match = args->text != NULL ? fts_query (args->text) : NULL;
  g_autofree char *since = args->start != NULL ? g_date_time_format_iso8601 (args->start) : NULL;
  sqlite3_stmt *stmt = NULL;

  if (!require_open (self, task))
    return;

  /* Words said on the call go through the messages' full-text index;
   * the customer's name and the call's id are matched as text. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT v.id, v.customer_id, v.status, v.start_time, v.end_time, v.duration, "
                          "v.channel, v.overall_sentiment, v.resolution_status, v.disposition, "
                          "v.wrap_up_notes, c.name AS customer_name, c.phone AS customer_phone, "
                          "r.path AS recording_path, r.duration_ms AS recording_duration_ms, "
                          "r.pause_spans AS recording_pause_spans, "
                          "(SELECT count(*) FROM messages m WHERE m.conversation_id = v.id) AS message_count, "
                          "(SELECT count(*) FROM escalations e WHERE e.conversation_id = v.id) AS escalation_count "
                          "FROM conversations v LEFT JOIN customers c ON c.id = v.customer_id "
                          "LEFT JOIN recordings r ON r.id = (SELECT id FROM recordings "
                          "  WHERE conversation_id = v.id ORDER BY created_at DESC LIMIT 1) "
                          "WHERE (?1 IS NULL OR v.start_time >= ?1) "
                          "AND (?2 IS NULL OR v.overall_sentiment = ?2) "
                          "AND (?3 IS NULL OR v.disposition = ?3) "
                          "AND (?4 IS NULL OR v.customer_id = ?4) "
                          "AND (?5 IS NULL OR v.id = ?5 OR instr(lower(coalesce(c.name, '')), lower(?5)) > 0 "
                          "  OR (?6 != '' AND v.id IN (SELECT m.conversation_id FROM messages_fts f "
                          "    JOIN messages m ON m.rowid = f.rowid WHERE messages_fts MATCH ?6))) "
                          "ORDER BY v.start_time DESC LIMIT ?7",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The call history could not be read: %s"), sqlite3_errmsg (self->db));
      return;
    }

  bind_text_or_null (stmt, 1, since);
  bind_text_or_null (stmt, 2, args->sentiment);
  bind_text_or_null (stmt, 3, args->kind);
  bind_text_or_null (stmt, 4, args->customer_id);
  bind_text_or_null (stmt, 5, args->text);
  sqlite3_bind_text (stmt, 6, match != NULL ? match : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, (int) args->limit);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(AcConversation) call = conversation_from_row (stmt);

      g_list_store_append (calls, call);
    }
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&calls), g_object_unref);
}

/**
 * ac_store_list_conversations_async:
 * @self: an open #AcStore
 * @text: (nullable): only calls on which these words were said (each a
 *   word prefix, any case), or whose customer's name contains it, or
 *   whose id it is
 * @since: (nullable): only calls that started at or after this time
 * @sentiment: (nullable): only calls whose overall customer sentiment is
 *   this: `positive`, `neutral` or `negative`
 * @disposition: (nullable): only calls wrapped up with this code, such
 *   as `RESOLVED`
 * @customer_id: (nullable): only this customer's calls
 * @limit: at most this many, newest first
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the calls
 * @user_data: data for @callback
 *
 * Lists past calls, newest first, each with its customer, recording and
 * counts (see #AcConversation).
 */
void
ac_store_list_conversations_async (AcStore             *self,
                                   const char          *text,
                                   GDateTime           *since,
                                   const char          *sentiment,
                                   const char          *disposition,
                                   const char          *customer_id,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));

  args = g_new0 (Args, 1);
  args->text = trimmed[0] != '\0' ? g_steal_pointer (&trimmed) : NULL;
  args->start = since != NULL ? g_date_time_to_utc (since) : NULL;
  args->sentiment = g_strdup (sentiment);
  args->kind = g_strdup (disposition);
  args->customer_id = g_strdup (customer_id);
  args->limit = MIN (limit, (guint) G_MAXINT);

  start_job (self, args, ac_store_list_conversations_async, list_conversations_job, cancellable,
             callback, user_data);
}

/**
 * ac_store_list_conversations_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #AcConversation, or %NULL with an
 *   %AC_STORE_ERROR
 */
GListModel *
ac_store_list_conversations_finish (AcStore       *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bind_ticket_update (sqlite3_stmt *stmt,
                    Args         *args,
                    const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->status, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, args->text);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
}

static void
update_ticket_job (AcStore *self,
                   GTask   *task)
{
  Args *args = g_task_get_task_data (task);

  run_update (self, task,
              "UPDATE tickets SET status = ?2, "
              "resolution_notes = coalesce(?3, resolution_notes), updated_at = ?4, "
              "resolved_at = CASE WHEN ?2 IN ('RESOLVED', 'CLOSED') "
              "THEN coalesce(resolved_at, ?4) ELSE NULL END WHERE id = ?1",
              bind_ticket_update, _("The ticket could not be updated"),
              _("No ticket “%s” is stored"), args->id);
}

/**
 * ac_store_update_ticket_async:
 * @self: an open #AcStore
 * @ticket_id: the ticket, such as `TKT-000123`
 * @status: its new status: OPEN, IN_PROGRESS, PENDING, RESOLVED or CLOSED
 * @resolution_notes: (nullable): notes on the resolution; %NULL keeps them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Moves a ticket on.  RESOLVED and CLOSED set when it was resolved.
 */
void
ac_store_update_ticket_async (AcStore             *self,
                              const char          *ticket_id,
                              const char          *status,
                              const char          *resolution_notes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_auto(GStrv) statuses = ac_ticket_list_statuses ();
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (ticket_id != NULL);

  if (!g_strv_contains ((const char * const *) statuses, status != NULL ? status : ""))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, ac_store_update_ticket_async);
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                               _("“%s” is not a ticket status"), status != NULL ? status : "");
      return;
    }

  args = g_new0 (Args, 1);
  args->id = g_strdup (ticket_id);
  args->status = g_strdup (status);
  args->text = g_strdup (resolution_notes);

  start_job (self, args, ac_store_update_ticket_async, update_ticket_job, cancellable, callback,
             user_data);
}

/* --------------------------------------------------------------- outbox */

G_DEFINE_BOXED_TYPE (AcOutboxItem, ac_outbox_item, ac_outbox_item_copy, ac_outbox_item_free)

/**
 * ac_outbox_item_copy:
 * @item: an outbox item
 *
 * Returns: (transfer full): a copy
 */
AcOutboxItem *
ac_outbox_item_copy (const AcOutboxItem *item)
{
  AcOutboxItem *copy = g_new0 (AcOutboxItem, 1);

  *copy = *item;
  copy->client_id = g_strdup (item->client_id);
  copy->kind = g_strdup (item->kind);
  copy->payload = g_strdup (item->payload);
  copy->last_error = g_strdup (item->last_error);
  return copy;
}

/**
 * ac_outbox_item_free:
 * @item: (transfer full) (nullable): an outbox item
 */
void
ac_outbox_item_free (AcOutboxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->client_id);
  g_free (item->kind);
  g_free (item->payload);
  g_free (item->last_error);
  g_free (item);
}

static void
bind_outbox_add (sqlite3_stmt *stmt,
                 Args         *args,
                 const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, args->server, -1, SQLITE_TRANSIENT);
}

static void
outbox_add_job (AcStore *self,
                GTask   *task)
{
  /* The same client id twice is one item: the first stays. */
  if (run_statement (self, task,
                     "INSERT OR IGNORE INTO outbox (client_id, kind, payload, created_at, server) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                     bind_outbox_add, _("A change for the server could not be kept")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_outbox_add_async:
 * @self: an open #AcStore
 * @server: the backend's API address the item is for
 * @client_id: the item's own id (a UUID the app made up), which also goes
 *   to the server so that a retry never creates a duplicate
 * @kind: what it is: `conversation`, `message`, `end` or `ticket`
 * @payload: what to send, as JSON text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Keeps something the server must get, before it is sent: it stays until
 * ac_store_outbox_remove_async() once the server confirmed it.  An item
 * with a @client_id already waiting is left as it was.
 */
void
ac_store_outbox_add_async (AcStore             *self,
                           const char          *server,
                           const char          *client_id,
                           const char          *kind,
                           const char          *payload,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL && client_id != NULL && kind != NULL && payload != NULL);

  args = g_new0 (Args, 1);
  args->server = g_strdup (server);
  args->id = g_strdup (client_id);
  args->kind = g_strdup (kind);
  args->text = g_strdup (payload);
  start_job (self, args, ac_store_outbox_add_async, outbox_add_job, cancellable, callback, user_data);
}

static void
bind_client_id (sqlite3_stmt *stmt,
                Args         *args,
                const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->id, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, args->text);
}

static void
outbox_remove_job (AcStore *self,
                   GTask   *task)
{
  if (run_statement (self, task, "DELETE FROM outbox WHERE client_id = ?1", bind_client_id,
                     _("A change sent to the server could not be marked as sent")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_outbox_remove_async:
 * @self: an open #AcStore
 * @client_id: the item the server confirmed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Forgets an item the server has.  Removing an item not there is no
 * error.
 */
void
ac_store_outbox_remove_async (AcStore             *self,
                              const char          *client_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (client_id != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (client_id);
  start_job (self, args, ac_store_outbox_remove_async, outbox_remove_job, cancellable, callback, user_data);
}

static void
outbox_fail_job (AcStore *self,
                 GTask   *task)
{
  if (run_statement (self, task,
                     "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE client_id = ?1",
                     bind_client_id, _("A change for the server could not be updated")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_outbox_set_error_async:
 * @self: an open #AcStore
 * @client_id: the item
 * @error_message: why the server refused it, for the agent
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Notes that the server refused an item (it stays in the outbox, and is
 * tried again at the next start).
 */
void
ac_store_outbox_set_error_async (AcStore             *self,
                                 const char          *client_id,
                                 const char          *error_message,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (client_id != NULL);

  args = g_new0 (Args, 1);
  args->id = g_strdup (client_id);
  args->text = g_strdup (error_message);
  start_job (self, args, ac_store_outbox_set_error_async, outbox_fail_job, cancellable, callback, user_data);
}

static void
outbox_list_job (AcStore *self,
                 GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_outbox_item_free);
  sqlite3_stmt *stmt = NULL;

  if (!require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, client_id, kind, payload, attempts, last_error FROM outbox "
                          "WHERE server = ?1 ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The changes waiting for the server could not be read: %s"),
                               sqlite3_errmsg (self->db));
      return;
    }
  sqlite3_bind_text (stmt, 1, args->server, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AcOutboxItem *item = g_new0 (AcOutboxItem, 1);

      item->position = sqlite3_column_int64 (stmt, 0);
      item->client_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      item->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      item->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      item->attempts = (guint) sqlite3_column_int (stmt, 4);
      item->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (items, item);
    }
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_store_outbox_list_async:
 * @self: an open #AcStore
 * @server: the backend's API address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the items
 * @user_data: data for @callback
 *
 * Reads what waits for @server, oldest first.
 */
void
ac_store_outbox_list_async (AcStore             *self,
                            const char          *server,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL);

  args = g_new0 (Args, 1);
  args->server = g_strdup (server);
  start_job (self, args, ac_store_outbox_list_async, outbox_list_job, cancellable, callback, user_data);
}

/**
 * ac_store_outbox_list_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type AcOutboxItem): the items, oldest
 *   first, or %NULL
 */
GPtrArray *
ac_store_outbox_list_finish (AcStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bind_remote_id (sqlite3_stmt *stmt,
                Args         *args,
                const char   *now)
{
  sqlite3_bind_text (stmt, 1, args->server, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, args->text, -1, SQLITE_TRANSIENT);
}

static void
set_remote_id_job (AcStore *self,
                   GTask   *task)
{
  if (run_statement (self, task,
                     "INSERT OR REPLACE INTO remote_ids (server, kind, local_id, remote_id) VALUES (?1, ?2, ?3, ?4)",
                     bind_remote_id, _("The server’s id for a record could not be kept")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_set_remote_id_async:
 * @self: an open #AcStore
 * @server: the backend's API address
 * @kind: `conversation` or `ticket`
 * @local_id: the app's id
 * @remote_id: the server's id for the same record
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed; finish with ac_store_add_finish()
 * @user_data: data for @callback
 *
 * Remembers which server record a local one became.
 */
void
ac_store_set_remote_id_async (AcStore             *self,
                              const char          *server,
                              const char          *kind,
                              const char          *local_id,
                              const char          *remote_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL && kind != NULL && local_id != NULL && remote_id != NULL);

  args = g_new0 (Args, 1);
  args->server = g_strdup (server);
  args->kind = g_strdup (kind);
  args->id = g_strdup (local_id);
  args->text = g_strdup (remote_id);
  start_job (self, args, ac_store_set_remote_id_async, set_remote_id_job, cancellable, callback, user_data);
}

static void
list_remote_ids_job (AcStore *self,
                     GTask   *task)
{
  Args *args = g_task_get_task_data (task);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  if (!require_open (self, task))
    return;
  if (sqlite3_prepare_v2 (self->db, "SELECT local_id, remote_id FROM remote_ids WHERE server = ?1 AND kind = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The server’s ids could not be read: %s"), sqlite3_errmsg (self->db));
      return;
    }
  sqlite3_bind_text (stmt, 1, args->server, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_hash_table_unref);
}

/**
 * ac_store_list_remote_ids_async:
 * @self: an open #AcStore
 * @server: the backend's API address
 * @kind: `conversation` or `ticket`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ids
 * @user_data: data for @callback
 *
 * Reads which server records local ones became.
 */
void
ac_store_list_remote_ids_async (AcStore             *self,
                                const char          *server,
                                const char          *kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Args *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (server != NULL && kind != NULL);

  args = g_new0 (Args, 1);
  args->server = g_strdup (server);
  args->kind = g_strdup (kind);
  start_job (self, args, ac_store_list_remote_ids_async, list_remote_ids_job, cancellable, callback, user_data);
}

/**
 * ac_store_list_remote_ids_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type utf8 utf8): local id → server
 *   id, or %NULL
 */
GHashTable *
ac_store_list_remote_ids_finish (AcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
