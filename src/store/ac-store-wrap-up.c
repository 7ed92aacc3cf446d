/* ac-store-wrap-up.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-store-private.h"

/* After-call work: the team's `dispositions` and each call's wrap-up
 * (its disposition and notes). */

static void
list_dispositions_job (AcStore *self,
                       GTask   *task)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt = NULL;

  if (!ac_store_require_open (self, task))
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

  ac_store_start_job (self, NULL, NULL, ac_store_list_dispositions_async, list_dispositions_job,
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
  return ac_store_propagate_pointer (self, result, ac_store_list_dispositions_async, error);
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

struct _DispositionData
{
  char *code;
  char *label;
};

AC_STORE_DEFINE_DATA (DispositionData, disposition_data)

static void
disposition_data_clear (DispositionData *data)
{
  g_free (data->code);
  g_free (data->label);
}

static void
add_disposition_job (AcStore *self,
                     GTask   *task)
{
  DispositionData *args = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  if (!ac_store_require_open (self, task))
    return;

  /* Last in the list; a code already there keeps its place. */
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO dispositions (code, label, position) VALUES (?1, ?2, "
                          "(SELECT coalesce(max(position), -1) + 1 FROM dispositions))",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, args->code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, args->label, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                             _("There already is a disposition “%s”"), args->code);
  else if (rc != SQLITE_DONE)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The disposition could not be added"));
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
 * @callback: called when it is stored
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
  DispositionData *data;

  g_return_if_fail (AC_IS_STORE (self));

  if (code == NULL || !g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > 80)
    {
      ac_store_return_invalid (self, ac_store_add_disposition_async,
                               _("A disposition needs a name of 1 to 80 characters with a letter or digit"),
                               cancellable, callback, user_data);
      return;
    }

  data = disposition_data_new ();
  data->code = g_steal_pointer (&code);
  data->label = g_steal_pointer (&trimmed);
  ac_store_start_job (self, data, disposition_data_free, ac_store_add_disposition_async,
                      add_disposition_job, cancellable, callback, user_data);
}

/**
 * ac_store_add_disposition_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if added; %FALSE with %AC_STORE_ERROR_INVALID (the message
 *   says why) or another %AC_STORE_ERROR
 */
gboolean
ac_store_add_disposition_finish (AcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_add_disposition_async, error);
}

static void
remove_disposition_job (AcStore *self,
                        GTask   *task)
{
  const char *code = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_ERROR;

  if (!ac_store_require_open (self, task))
    return;

  /* Calls already closed with the code keep it; the list keeps one. */
  if (sqlite3_prepare_v2 (self->db,
                          "DELETE FROM dispositions WHERE code = ?1 "
                          "AND (SELECT count(*) FROM dispositions) > 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The disposition could not be removed"));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (sqlite3_changes (self->db) == 0)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                             _("“%s” cannot be removed: it is not in the list, or it is the last disposition"),
                             code);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_remove_disposition_async:
 * @self: an open #AcStore
 * @code: a disposition's code, such as `CALLBACK_BOOKED`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is gone
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
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (code != NULL);

  /* The task data: the code. */
  ac_store_start_job (self, g_strdup (code), g_free, ac_store_remove_disposition_async,
                      remove_disposition_job, cancellable, callback, user_data);
}

/**
 * ac_store_remove_disposition_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if removed; %FALSE with %AC_STORE_ERROR_INVALID (unknown,
 *   or the last one) or another %AC_STORE_ERROR
 */
gboolean
ac_store_remove_disposition_finish (AcStore       *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_remove_disposition_async, error);
}

struct _WrapUpData
{
  char *conversation_id;
  char *disposition;
  char *notes;
  int   timed_out;
};

AC_STORE_DEFINE_DATA (WrapUpData, wrap_up_data)

static void
wrap_up_data_clear (WrapUpData *data)
{
  g_free (data->conversation_id);
  g_free (data->disposition);
  g_free (data->notes);
}

static void
bind_wrap_up (sqlite3_stmt  *stmt,
              gconstpointer  task_data,
              const char    *now)
{
  const WrapUpData *args = task_data;

  sqlite3_bind_text (stmt, 1, args->conversation_id, -1, SQLITE_TRANSIENT);
  ac_store_bind_text_or_null (stmt, 2, args->disposition);
  ac_store_bind_text_or_null (stmt, 3, args->notes);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, args->timed_out);
}

static void
save_wrap_up_job (AcStore *self,
                  GTask   *task)
{
  if (ac_store_run_statement (self, task,
                              "UPDATE conversations SET disposition = ?2, wrap_up_notes = ?3, "
                              "resolution_status = CASE ?2 WHEN 'RESOLVED' THEN 'RESOLVED' "
                              "WHEN 'NO_ACTION' THEN 'RESOLVED' ELSE 'PENDING' END, updated_at = ?4, "
                              "wrap_up_timed_out = ?5 WHERE id = ?1",
                              bind_wrap_up, _("The wrap-up could not be stored")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_save_wrap_up_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @disposition: (nullable): its disposition code, or %NULL where the
 *   team lets a call go without one
 * @notes: (nullable): the agent's notes
 * @timed_out: whether After-Call Work reached its time limit, so that
 *   @disposition is the team's timeout code and not the agent's choice
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
 * @user_data: data for @callback
 *
 * Keeps the call's after-call work: its disposition and notes (a
 * `RESOLVED` or `NO_ACTION` disposition resolves the call), and whether it
 * timed out (the `wrap_up_timed_out` column).
 */
void
ac_store_save_wrap_up_async (AcStore             *self,
                             const char          *conversation_id,
                             const char          *disposition,
                             const char          *notes,
                             gboolean             timed_out,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  WrapUpData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);

  data = wrap_up_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->disposition = g_strdup (disposition);
  data->notes = g_strdup (notes);
  data->timed_out = timed_out != FALSE;

  ac_store_start_job (self, data, wrap_up_data_free, ac_store_save_wrap_up_async, save_wrap_up_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_save_wrap_up_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_save_wrap_up_finish (AcStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_save_wrap_up_async, error);
}

