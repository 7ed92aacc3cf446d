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

#include "ac-store-private.h"
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

typedef struct
{
  AcStoreJobFunc  func;
  GTask          *task;
} Job;

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
           AcStoreJobFunc  func)
{
  Job *job = g_new0 (Job, 1);

  if (self->worker == NULL)
    self->worker = g_thread_new ("agent-console store", worker_main, self);

  job->func = func;
  job->task = g_object_ref (task);
  g_async_queue_push (self->jobs, job);
}

/* The helpers every table's operations use (ac-store-private.h). */

gboolean
ac_store_set_sqlite_error (GError     **error,
                           sqlite3     *db,
                           const char  *what)
{
  g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
               "%s: %s", what, db != NULL ? sqlite3_errmsg (db) : "no database");
  return FALSE;
}

gboolean
ac_store_exec (sqlite3     *db,
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

char *
ac_store_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* Every operation: a task tagged with its _async function, carrying its
 * typed data, queued for the worker. */
void
ac_store_start_job (AcStore             *self,
                    gpointer             data,
                    GDestroyNotify       data_free,
                    gpointer             source_tag,
                    AcStoreJobFunc       func,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);
  queue_job (self, task, func);
}

/* Answers at once, without the worker: what the agent gave does not
 * check out (%AC_STORE_ERROR_INVALID with @message). */
void
ac_store_return_invalid (AcStore             *self,
                         gpointer             source_tag,
                         const char          *message,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID, "%s", message);
}

/* The _finish of an operation that answers %TRUE: @result must be the
 * answer to the _async function @source_tag. */
gboolean
ac_store_propagate_boolean (AcStore       *self,
                            GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The same for an operation that answers a pointer. */
gpointer
ac_store_propagate_pointer (AcStore       *self,
                            GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
ac_store_require_open (AcStore  *self,
                       GTask    *task)
{
  if (self->db != NULL)
    return TRUE;

  g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_CLOSED,
                           _("The local database is not open"));
  return FALSE;
}

/* One statement of one row: prepared, bound by @bind from the task's
 * data, stepped.  Returns the task's answer itself when it fails, with
 * @what as the reason. */
gboolean
ac_store_run_statement (AcStore         *self,
                        GTask           *task,
                        const char      *sql,
                        AcStoreBindFunc  bind,
                        const char      *what)
{
  g_autofree char *now = ac_store_now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!ac_store_require_open (self, task))
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
      ac_store_set_sqlite_error (&error, self->db, what);
      g_task_return_error (task, g_steal_pointer (&error));
    }

  return ok;
}

/* An UPDATE of one row: like ac_store_run_statement(), and answers the
 * task itself, with %AC_STORE_ERROR_NOT_FOUND and @missing_format when no
 * row matched. */
void
ac_store_run_update (AcStore         *self,
                     GTask           *task,
                     const char      *sql,
                     AcStoreBindFunc  bind,
                     const char      *what,
                     const char      *missing_format,
                     ...)
{
  va_list ap;

  if (!ac_store_run_statement (self, task, sql, bind, what))
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

void
ac_store_bind_text_or_null (sqlite3_stmt *stmt,
                            int           index,
                            const char   *value)
{
  if (value != NULL && value[0] != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* A row as column name → text, for the records' constructors; the
 * values are the statement's and last until its next step. */
GHashTable *
ac_store_row_fields (sqlite3_stmt *stmt)
{
  GHashTable *fields = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_hash_table_insert (fields, (gpointer) sqlite3_column_name (stmt, i),
                         (gpointer) sqlite3_column_text (stmt, i));

  return fields;
}

/* An FTS5 query from what the agent typed: each word a quoted prefix, so
 * no character they type is FTS syntax. */
char *
ac_store_fts_query (const char *text)
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
    return ac_store_set_sqlite_error (error, db, _("The database cannot be read"));

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
      if (!ac_store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!ac_store_exec (db, migrations[v], &local_error) || !ac_store_exec (db, set_version, &local_error))
        {
          ac_store_exec (db, "ROLLBACK", NULL);
          g_set_error (error, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                       _("The database could not be updated to schema %d: %s"), v + 1,
                       local_error->message);
          return FALSE;
        }

      if (!ac_store_exec (db, "COMMIT", error))
        return FALSE;

      g_debug ("Database migrated to schema %d", v + 1);
    }

  return TRUE;
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

  if (!ac_store_exec (db, "PRAGMA journal_mode = WAL", error) ||
      !ac_store_exec (db, "PRAGMA foreign_keys = ON", error) ||
      /* What is deleted is overwritten, not left in free pages. */
      !ac_store_exec (db, "PRAGMA secure_delete = ON", error) ||
      !ac_store_exec (db, "PRAGMA synchronous = NORMAL", error) ||
      user_version (db) < 0)
    {
      int code = sqlite3_errcode (db) & 0xff;

      *damaged = code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
      if (error != NULL && *error == NULL)
        ac_store_set_sqlite_error (error, db, _("The database cannot be read"));
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
    g_autofree char *now = ac_store_now_iso ();
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
  g_clear_pointer (&self->kb_docs, g_hash_table_unref);

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
  self->kb_passages = -1;
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
