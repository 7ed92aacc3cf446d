/* ac-store-privacy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ac-store-private.h"

/* The store's privacy side: the audit trail, append-only (schema 9's
 * triggers refuse to change or delete a row), and the purge that applies
 * the retention settings. */

/**
 * ac_audit_entry_free:
 * @entry: (transfer full): an #AcAuditEntry
 *
 * Frees @entry.
 */
void
ac_audit_entry_free (AcAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->subject);
  g_free (entry->detail);
  g_free (entry);
}

struct _AuditData
{
  char *actor;
  char *action;
  char *subject;
  char *detail;
};

AC_STORE_DEFINE_DATA (AuditData, audit_data)

static void
audit_data_clear (AuditData *data)
{
  g_free (data->actor);
  g_free (data->action);
  g_free (data->subject);
  g_free (data->detail);
}

static void
bind_audit (sqlite3_stmt  *stmt,
            gconstpointer  task_data,
            const char    *now)
{
  const AuditData *data = task_data;

  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, data->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, data->action, -1, SQLITE_TRANSIENT);
  ac_store_bind_text_or_null (stmt, 4, data->subject);
  ac_store_bind_text_or_null (stmt, 5, data->detail);
}

#define INSERT_AUDIT "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)"

static void
audit_job (AcStore *self,
           GTask   *task)
{
  if (ac_store_run_statement (self, task, INSERT_AUDIT, bind_audit,
                              _("The audit trail could not be written")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_audit_async:
 * @self: an open #AcStore
 * @actor: who: the signed-in account, or the computer's user
 * @action: what (see [struct@AuditEntry])
 * @subject: (nullable): what it was done to
 * @detail: (nullable): more, in words
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Appends a line to the audit trail, stamped now.  Lines are never
 * changed nor deleted.
 */
void
ac_store_audit_async (AcStore             *self,
                      const char          *actor,
                      const char          *action,
                      const char          *subject,
                      const char          *detail,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  AuditData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (actor != NULL && action != NULL);

  data = audit_data_new ();
  data->actor = g_strdup (actor);
  data->action = g_strdup (action);
  data->subject = g_strdup (subject);
  data->detail = g_strdup (detail);
  ac_store_start_job (self, data, audit_data_free, ac_store_audit_async, audit_job, cancellable, callback,
                      user_data);
}

/**
 * ac_store_audit_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if written; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_audit_finish (AcStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_audit_async, error);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
list_audit_job (AcStore *self,
                GTask   *task)
{
  guint limit = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_audit_entry_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!ac_store_require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The audit trail could not be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (sqlite3_int64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AcAuditEntry *entry = g_new0 (AcAuditEntry, 1);

      entry->at = column_dup (stmt, 0);
      entry->actor = column_dup (stmt, 1);
      entry->action = column_dup (stmt, 2);
      entry->subject = column_dup (stmt, 3);
      entry->detail = column_dup (stmt, 4);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The audit trail could not be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_store_list_audit_async:
 * @self: an open #AcStore
 * @limit: at most this many lines, the newest; 0 for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the lines
 * @user_data: data for @callback
 *
 * Reads the audit trail, newest first.
 */
void
ac_store_list_audit_async (AcStore             *self,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (AC_IS_STORE (self));

  ac_store_start_job (self, GUINT_TO_POINTER (limit), NULL, ac_store_list_audit_async, list_audit_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_list_audit_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type AcAuditEntry): the lines, newest
 *   first, or %NULL with an %AC_STORE_ERROR
 */
GPtrArray *
ac_store_list_audit_finish (AcStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_list_audit_async, error);
}

struct _PurgeData
{
  char          *recordings_before;  /* ISO 8601 UTC, or NULL: kept */
  char          *calls_before;
  char          *actor;
  AcPurgeCounts  counts;
};

AC_STORE_DEFINE_DATA (PurgeData, purge_data)

static void
purge_data_clear (PurgeData *data)
{
  g_free (data->recordings_before);
  g_free (data->calls_before);
  g_free (data->actor);
}

/* Under the transaction: deletes the recordings @sql selects (id, path),
 * file first. */
static gboolean
delete_recordings (AcStore    *self,
                   const char *sql,
                   const char *before,
                   PurgeData  *data)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *del = NULL;
  gboolean ok;
  int rc;

  ok = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (self->db, "DELETE FROM recordings WHERE id = ?1", -1, &del, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, before, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *path = (const char *) sqlite3_column_text (stmt, 1);

          if (path != NULL && g_unlink (path) != 0)
            data->counts.files_missing++;
          sqlite3_reset (del);
          sqlite3_bind_text (del, 1, (const char *) sqlite3_column_text (stmt, 0), -1, SQLITE_TRANSIENT);
          if (sqlite3_step (del) != SQLITE_DONE)
            {
              ok = FALSE;
              break;
            }
          data->counts.recordings++;
        }
      ok = ok && rc == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (del);

  return ok;
}

static void
purge_job (AcStore *self,
           GTask   *task)
{
  PurgeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = ac_store_now_iso ();
  g_autofree char *detail = NULL;
  gboolean ok = TRUE;

  if (!ac_store_require_open (self, task))
    return;

  if (!ac_store_exec (self->db, "BEGIN IMMEDIATE", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Recordings past their time; then calls past theirs, their recordings
   * with them (a recording never outlives its call's transcript). */
  if (data->recordings_before != NULL)
    ok = delete_recordings (self, "SELECT id, path FROM recordings WHERE created_at < ?1",
                            data->recordings_before, data);
  if (ok && data->calls_before != NULL)
    ok = delete_recordings (self,
                            "SELECT r.id, r.path FROM recordings r JOIN conversations c ON c.id = r.conversation_id "
                            "WHERE c.start_time < ?1 AND c.status != 'ACTIVE'",
                            data->calls_before, data);
  if (ok && data->calls_before != NULL)
    {
      sqlite3_stmt *stmt = NULL;

      ok = sqlite3_prepare_v2 (self->db, "DELETE FROM conversations WHERE start_time < ?1 AND status != 'ACTIVE'",
                               -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, data->calls_before, -1, SQLITE_TRANSIENT);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
          data->counts.calls = sqlite3_changes (self->db);
        }
      sqlite3_finalize (stmt);
    }

  if (ok)
    {
      sqlite3_stmt *stmt = NULL;
      AuditData line = { data->actor, (char *) "purge", NULL, NULL };

      /* Translators: what the audit trail says a purge removed */
      detail = g_strdup_printf (_("%u calls and %u recordings older than the retention settings"),
                                data->counts.calls, data->counts.recordings);
      line.detail = detail;
      ok = sqlite3_prepare_v2 (self->db, INSERT_AUDIT, -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          bind_audit (stmt, &line, now);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      sqlite3_finalize (stmt);
    }

  if (!ok)
    {
      ac_store_set_sqlite_error (&error, self->db, _("Old calls could not be deleted"));
      ac_store_exec (self->db, "ROLLBACK", NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!ac_store_exec (self->db, "COMMIT", &error))
    {
      ac_store_exec (self->db, "ROLLBACK", NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The deleted pages out of the write-ahead log too. */
  ac_store_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  g_message ("Purged %u calls and %u recordings (%u recording files were already gone)", data->counts.calls,
             data->counts.recordings, data->counts.files_missing);
  g_task_return_boolean (task, TRUE);
}

static char *
days_before (GDateTime *now,
             guint      days)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) then = NULL;

  if (days == 0)
    return NULL;
  utc = g_date_time_to_utc (now);
  then = g_date_time_add_days (utc, -(gint) days);
  return g_date_time_format_iso8601 (then);
}

/**
 * ac_store_purge_async:
 * @self: an open #AcStore
 * @now: the time to count from (the clock, or a test's)
 * @recording_days: recordings older than this many days are deleted, file
 *   and row; 0 keeps them
 * @transcript_days: calls that started more than this many days ago are
 *   deleted — transcript, notes, wrap-up, escalations and recording; 0
 *   keeps them.  A call still going is never deleted.
 * @actor: who, for the audit trail
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Applies the retention settings.  Deleted rows are overwritten (`PRAGMA
 * secure_delete`) and the write-ahead log checkpointed and truncated, so
 * no copy is left in either file.  The purge is written to the audit
 * trail, with what it removed.
 */
void
ac_store_purge_async (AcStore             *self,
                      GDateTime           *now,
                      guint                recording_days,
                      guint                transcript_days,
                      const char          *actor,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  PurgeData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (now != NULL);
  g_return_if_fail (actor != NULL);

  data = purge_data_new ();
  data->recordings_before = days_before (now, recording_days);
  data->calls_before = days_before (now, transcript_days);
  data->actor = g_strdup (actor);
  ac_store_start_job (self, data, purge_data_free, ac_store_purge_async, purge_job, cancellable, callback,
                      user_data);
}

/**
 * ac_store_purge_finish:
 * @self: an #AcStore
 * @result: the result
 * @counts: (out) (optional): what was removed
 * @error: return location for an error
 *
 * Returns: %TRUE if the purge is committed; %FALSE with an
 *   %AC_STORE_ERROR, nothing deleted
 */
gboolean
ac_store_purge_finish (AcStore        *self,
                       GAsyncResult   *result,
                       AcPurgeCounts  *counts,
                       GError        **error)
{
  if (!ac_store_propagate_boolean (self, result, ac_store_purge_async, error))
    return FALSE;

  if (counts != NULL)
    *counts = ((PurgeData *) g_task_get_task_data (G_TASK (result)))->counts;
  return TRUE;
}
