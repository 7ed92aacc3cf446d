/* ac-store-conversations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ac-store-private.h"

/* The calls: `conversations` and what each holds — `messages` with their
 * `sentiment_analysis`, `escalations`, `recordings` — and the history
 * that lists them. */

/* ------------------------------------------------------------- a call */

struct _BeginData
{
  char      *conversation_id;
  char      *customer_id;
  char      *channel;
  GDateTime *start;
};

AC_STORE_DEFINE_DATA (BeginData, begin_data)

static void
begin_data_clear (BeginData *data)
{
  g_free (data->conversation_id);
  g_free (data->customer_id);
  g_free (data->channel);
  g_clear_pointer (&data->start, g_date_time_unref);
}

static void
bind_begin (sqlite3_stmt  *stmt,
            gconstpointer  task_data,
            const char    *now)
{
  const BeginData *args = task_data;
  g_autofree char *start = g_date_time_format_iso8601 (args->start);

  sqlite3_bind_text (stmt, 1, args->conversation_id, -1, SQLITE_TRANSIENT);
  ac_store_bind_text_or_null (stmt, 2, args->customer_id);
  sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, args->channel != NULL ? args->channel : "VOICE", -1, SQLITE_TRANSIENT);
}

static void
begin_conversation_job (AcStore *self,
                        GTask   *task)
{
  if (ac_store_run_statement (self, task,
                              "INSERT INTO conversations (id, customer_id, status, start_time, channel, "
                              "created_at, updated_at) VALUES (?1, ?2, 'ACTIVE', ?3, ?5, ?4, ?4)",
                              bind_begin, _("A call could not be stored")))
    g_task_return_boolean (task, TRUE);
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
  BeginData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);
  g_return_if_fail (start != NULL);

  data = begin_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->customer_id = g_strdup (customer_id);
  data->channel = g_strdup (channel);
  data->start = g_date_time_to_utc (start);

  ac_store_start_job (self, data, begin_data_free, ac_store_begin_conversation_async,
                      begin_conversation_job, cancellable, callback, user_data);
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
  return ac_store_propagate_boolean (self, result, ac_store_begin_conversation_async, error);
}

struct _MessageData
{
  char        *conversation_id;
  AcUtterance *utterance;
};

AC_STORE_DEFINE_DATA (MessageData, message_data)

static void
message_data_clear (MessageData *data)
{
  g_free (data->conversation_id);
  g_clear_object (&data->utterance);
}

static void
add_message_job (AcStore *self,
                 GTask   *task)
{
  MessageData *args = g_task_get_task_data (task);
  AcUtterance *u = args->utterance;
  AcSentiment *s = ac_utterance_get_sentiment (u);
  g_autofree char *message_id = g_uuid_string_random ();
  g_autofree char *now = ac_store_now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!ac_store_require_open (self, task))
    return;

  if (!ac_store_exec (self->db, "BEGIN IMMEDIATE", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO messages (id, conversation_id, speaker, content, timestamp, "
                           "start_ms, end_ms, sentiment, confidence, intent, created_at, engine, model, "
                           "redactions) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?5, ?11, ?12, ?13)",
                           -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, message_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, args->conversation_id, -1, SQLITE_TRANSIENT);
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
      sqlite3_bind_text (stmt, 11, ac_utterance_get_engine (u), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 12, ac_utterance_get_model (u), -1, SQLITE_TRANSIENT);
      {
        guint n_spans;
        g_autoptr(JsonNode) spans = NULL;
        g_autofree char *json = NULL;

        if (ac_utterance_get_redactions (u, &n_spans) != NULL && n_spans > 0)
          {
            spans = ac_utterance_redactions_to_json (u);
            json = json_to_string (spans, FALSE);
            sqlite3_bind_text (stmt, 13, json, -1, SQLITE_TRANSIENT);
          }
      }
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
          sqlite3_bind_text (stmt, 3, args->conversation_id, -1, SQLITE_TRANSIENT);
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
      ac_store_set_sqlite_error (&error, self->db, _("What was said could not be stored"));
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
  MessageData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);
  g_return_if_fail (AC_IS_UTTERANCE (utterance));

  data = message_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->utterance = g_object_ref (utterance);

  ac_store_start_job (self, data, message_data_free, ac_store_add_message_async, add_message_job,
                      cancellable, callback, user_data);
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
  return ac_store_propagate_boolean (self, result, ac_store_add_message_async, error);
}

struct _EndData
{
  char   *conversation_id;
  gint64  duration_ms;
  char   *overall_sentiment;
};

AC_STORE_DEFINE_DATA (EndData, end_data)

static void
end_data_clear (EndData *data)
{
  g_free (data->conversation_id);
  g_free (data->overall_sentiment);
}

static void
bind_end (sqlite3_stmt  *stmt,
          gconstpointer  task_data,
          const char    *now)
{
  const EndData *args = task_data;

  sqlite3_bind_text (stmt, 1, args->conversation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  /* The contract's duration is in seconds. */
  sqlite3_bind_int64 (stmt, 3, args->duration_ms / 1000);
  ac_store_bind_text_or_null (stmt, 4, args->overall_sentiment);
}

static void
end_conversation_job (AcStore *self,
                      GTask   *task)
{
  EndData *args = g_task_get_task_data (task);

  ac_store_run_update (self, task,
                       "UPDATE conversations SET status = 'COMPLETED', end_time = ?2, "
                       "duration = ?3, overall_sentiment = ?4, updated_at = ?2 WHERE id = ?1",
                       bind_end, _("The end of the call could not be stored"),
                       _("No call “%s” is stored"), args->conversation_id);
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
  EndData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);

  data = end_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->duration_ms = duration_ms;
  data->overall_sentiment = g_strdup (overall_sentiment);

  ac_store_start_job (self, data, end_data_free, ac_store_end_conversation_async, end_conversation_job,
                      cancellable, callback, user_data);
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
  return ac_store_propagate_boolean (self, result, ac_store_end_conversation_async, error);
}

/* The task data of reading a call: its id. */

static void
list_messages_job (AcStore *self,
                   GTask   *task)
{
  const char *conversation_id = g_task_get_task_data (task);
  g_autoptr(GPtrArray) utterances = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!ac_store_require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT speaker, content, start_ms, end_ms, confidence, engine, model, redactions "
                          "FROM messages "
                          "WHERE conversation_id = ?1 ORDER BY start_ms, rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The call could not be read"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_bind_text (stmt, 1, conversation_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *speaker = (const char *) sqlite3_column_text (stmt, 0);
      const char *content = (const char *) sqlite3_column_text (stmt, 1);
      gint64 start = sqlite3_column_int64 (stmt, 2);
      gint64 end = MAX (start, sqlite3_column_int64 (stmt, 3));

      AcUtterance *u = ac_utterance_new (ac_audio_channel_from_speaker (speaker), start, end,
                                         content != NULL ? content : "", sqlite3_column_double (stmt, 4), TRUE);

      ac_utterance_set_engine (u, (const char *) sqlite3_column_text (stmt, 5),
                               (const char *) sqlite3_column_text (stmt, 6));
      ac_utterance_set_redactions_from_json (u, (const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (utterances, u);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The call could not be read"));
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
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);

  ac_store_start_job (self, g_strdup (conversation_id), g_free, ac_store_list_messages_async,
                      list_messages_job, cancellable, callback, user_data);
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
  return ac_store_propagate_pointer (self, result, ac_store_list_messages_async, error);
}

static void
conversation_status_job (AcStore *self,
                         GTask   *task)
{
  const char *conversation_id = g_task_get_task_data (task);
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!ac_store_require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db, "SELECT status FROM conversations WHERE id = ?1", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, conversation_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  if (status == NULL)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND,
                             _("No call “%s” is stored"), conversation_id);
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
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL);

  ac_store_start_job (self, g_strdup (conversation_id), g_free, ac_store_get_conversation_status_async,
                      conversation_status_job, cancellable, callback, user_data);
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
  return ac_store_propagate_pointer (self, result, ac_store_get_conversation_status_async, error);
}

/* ------------------------------------------------- what else a call has */

struct _EscalationData
{
  char     *conversation_id;
  char     *kind;
  char     *reason;           /* NULL when acknowledging */
  gint64    time_ms;
  gboolean  acknowledged;
};

AC_STORE_DEFINE_DATA (EscalationData, escalation_data)

static void
escalation_data_clear (EscalationData *data)
{
  g_free (data->conversation_id);
  g_free (data->kind);
  g_free (data->reason);
}

static void
bind_escalation (sqlite3_stmt  *stmt,
                 gconstpointer  task_data,
                 const char    *now)
{
  const EscalationData *args = task_data;
  g_autofree char *id = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->conversation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, args->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, args->time_ms);
  sqlite3_bind_int (stmt, 6, args->acknowledged);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
}

static void
add_escalation_job (AcStore *self,
                    GTask   *task)
{
  if (ac_store_run_statement (self, task,
                              "INSERT INTO escalations (id, conversation_id, kind, reason, time_ms, "
                              "acknowledged, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              bind_escalation, _("Part of the call could not be stored")))
    g_task_return_boolean (task, TRUE);
}

struct _RecordingData
{
  char   *conversation_id;
  char   *path;
  gint64  duration_ms;
  char   *pause_spans_json;
};

AC_STORE_DEFINE_DATA (RecordingData, recording_data)

static void
recording_data_clear (RecordingData *data)
{
  g_free (data->conversation_id);
  g_free (data->path);
  g_free (data->pause_spans_json);
}

static void
bind_recording (sqlite3_stmt  *stmt,
                gconstpointer  task_data,
                const char    *now)
{
  const RecordingData *args = task_data;
  g_autofree char *id = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->conversation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, args->path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, args->duration_ms);
  sqlite3_bind_text (stmt, 5, args->pause_spans_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
}

static void
add_recording_job (AcStore *self,
                   GTask   *task)
{
  if (ac_store_run_statement (self, task,
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
  EscalationData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && kind != NULL && reason != NULL);

  data = escalation_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->kind = g_strdup (kind);
  data->reason = g_strdup (reason);
  data->time_ms = time_ms;
  data->acknowledged = acknowledged;

  ac_store_start_job (self, data, escalation_data_free, ac_store_add_escalation_async,
                      add_escalation_job, cancellable, callback, user_data);
}

/**
 * ac_store_add_escalation_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_add_escalation_finish (AcStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_add_escalation_async, error);
}

static void
bind_acknowledgement (sqlite3_stmt  *stmt,
                      gconstpointer  task_data,
                      const char    *now)
{
  const EscalationData *args = task_data;

  sqlite3_bind_text (stmt, 1, args->conversation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, args->time_ms);
}

static void
acknowledge_escalation_job (AcStore *self,
                            GTask   *task)
{
  EscalationData *args = g_task_get_task_data (task);

  ac_store_run_update (self, task,
                       "UPDATE escalations SET acknowledged = 1 "
                       "WHERE conversation_id = ?1 AND kind = ?2 AND time_ms = ?3",
                       bind_acknowledgement, _("Part of the call could not be stored"),
                       _("No such escalation is stored for the call “%s”"), args->conversation_id);
}

/**
 * ac_store_acknowledge_escalation_async:
 * @self: an open #AcStore
 * @conversation_id: the call
 * @kind: the escalation's kind, as stored by ac_store_add_escalation_async()
 * @time_ms: its time, in ms from the start of the call
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is committed
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
  EscalationData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && kind != NULL);

  data = escalation_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->kind = g_strdup (kind);
  data->time_ms = time_ms;
  ac_store_start_job (self, data, escalation_data_free, ac_store_acknowledge_escalation_async,
                      acknowledge_escalation_job, cancellable, callback, user_data);
}

/**
 * ac_store_acknowledge_escalation_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with %AC_STORE_ERROR_NOT_FOUND for
 *   an escalation not stored, or another %AC_STORE_ERROR
 */
gboolean
ac_store_acknowledge_escalation_finish (AcStore       *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_acknowledge_escalation_async, error);
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
  RecordingData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && path != NULL && pause_spans_json != NULL);

  data = recording_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->path = g_strdup (path);
  data->duration_ms = duration_ms;
  data->pause_spans_json = g_strdup (pause_spans_json);

  ac_store_start_job (self, data, recording_data_free, ac_store_add_recording_async,
                      add_recording_job, cancellable, callback, user_data);
}

/**
 * ac_store_add_recording_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_add_recording_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_add_recording_async, error);
}

struct _CallCustomerData
{
  char *conversation_id;
  char *customer_id;
};

AC_STORE_DEFINE_DATA (CallCustomerData, call_customer_data)

static void
call_customer_data_clear (CallCustomerData *data)
{
  g_free (data->conversation_id);
  g_free (data->customer_id);
}

static void
bind_conversation_customer (sqlite3_stmt  *stmt,
                            gconstpointer  task_data,
                            const char    *now)
{
  const CallCustomerData *args = task_data;

  sqlite3_bind_text (stmt, 1, args->conversation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
}

static void
set_customer_job (AcStore *self,
                  GTask   *task)
{
  if (ac_store_run_statement (self, task,
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
 * @callback: called when it is committed
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
  CallCustomerData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (conversation_id != NULL && customer_id != NULL);

  data = call_customer_data_new ();
  data->conversation_id = g_strdup (conversation_id);
  data->customer_id = g_strdup (customer_id);

  ac_store_start_job (self, data, call_customer_data_free, ac_store_set_conversation_customer_async,
                      set_customer_job, cancellable, callback, user_data);
}

/**
 * ac_store_set_conversation_customer_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR
 */
gboolean
ac_store_set_conversation_customer_finish (AcStore       *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_set_conversation_customer_async, error);
}

/* ---------------------------------------------------------- history */

struct _HistoryQuery
{
  char      *text;
  GDateTime *since;
  char      *sentiment;
  char      *disposition;
  char      *customer_id;
  guint      limit;
};

AC_STORE_DEFINE_DATA (HistoryQuery, history_query)

static void
history_query_clear (HistoryQuery *data)
{
  g_free (data->text);
  g_clear_pointer (&data->since, g_date_time_unref);
  g_free (data->sentiment);
  g_free (data->disposition);
  g_free (data->customer_id);
}

static AcConversation *
conversation_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GHashTable) fields = ac_store_row_fields (stmt);

  return ac_conversation_new (fields);
}

static void
list_conversations_job (AcStore *self,
                        GTask   *task)
{
  HistoryQuery *args = g_task_get_task_data (task);
  g_autoptr(GListStore) calls = g_list_store_new (AC_TYPE_CONVERSATION);
  g_autofree char *match = args->text != NULL ? ac_store_fts_query (args->text) : NULL;
  g_autofree char *since = args->since != NULL ? g_date_time_format_iso8601 (args->since) : NULL;
  sqlite3_stmt *stmt = NULL;

  if (!ac_store_require_open (self, task))
    return;

  /* Words said on the call go through the messages' full-text index;
   * the customer's name and the call's id are matched as text. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT v.id, v.customer_id, v.status, v.start_time, v.end_time, v.duration, "
                          "v.channel, v.overall_sentiment, v.resolution_status, v.disposition, "
                          "v.wrap_up_notes, v.wrap_up_timed_out, c.name AS customer_name, c.phone AS customer_phone, "
                          "r.path AS recording_path, r.duration_ms AS recording_duration_ms, "
                          "r.pause_spans AS recording_pause_spans, "
                          "(SELECT count(*) FROM messages m WHERE m.conversation_id = v.id) AS message_count, "
                          "(SELECT count(*) FROM escalations e WHERE e.conversation_id = v.id) AS escalation_count, "
                          "(SELECT group_concat(t.id, ' ') FROM tickets t WHERE t.conversation_id = v.id) AS ticket_ids "
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

  ac_store_bind_text_or_null (stmt, 1, since);
  ac_store_bind_text_or_null (stmt, 2, args->sentiment);
  ac_store_bind_text_or_null (stmt, 3, args->disposition);
  ac_store_bind_text_or_null (stmt, 4, args->customer_id);
  ac_store_bind_text_or_null (stmt, 5, args->text);
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
  HistoryQuery *data;

  g_return_if_fail (AC_IS_STORE (self));

  data = history_query_new ();
  data->text = trimmed[0] != '\0' ? g_steal_pointer (&trimmed) : NULL;
  data->since = since != NULL ? g_date_time_to_utc (since) : NULL;
  data->sentiment = g_strdup (sentiment);
  data->disposition = g_strdup (disposition);
  data->customer_id = g_strdup (customer_id);
  data->limit = MIN (limit, (guint) G_MAXINT);

  ac_store_start_job (self, data, history_query_free, ac_store_list_conversations_async,
                      list_conversations_job, cancellable, callback, user_data);
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
  return ac_store_propagate_pointer (self, result, ac_store_list_conversations_async, error);
}
