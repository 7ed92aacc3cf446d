/* ac-call-record-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-call-record-store"

#include "config.h"

#include "ac-call-record-store.h"

/**
 * AcCallRecordStore:
 *
 * Keeps calls in the local store as they happen: it observes each
 * [class@CallSession] it is given and writes the call when it starts,
 * every final utterance and escalation the moment it is told, the
 * customer on the line, the acknowledgements, the recording, the end and
 * the wrap-up.  The store's worker runs them in the order they are asked
 * for, so an acknowledgement always follows its escalation.
 *
 * A failed write is told once a call ([signal@CallRecordStore::failed]):
 * a full disk fails every utterance the same way.
 */

struct _AcCallRecordStore
{
  GObject        parent_instance;

  AcStore       *store;
  AcCallSession *session;   /* the current or last call */
  gboolean       failed;    /* told once this call */
};

G_DEFINE_FINAL_TYPE (AcCallRecordStore, ac_call_record_store, G_TYPE_OBJECT)

enum {
  FAILED,
  WRAP_UP_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  AcCallRecordStore *self;
  AcCallSession     *session;
} Write;

static Write *
write_new (AcCallRecordStore *self)
{
  Write *write = g_new (Write, 1);

  write->self = g_object_ref (self);
  write->session = g_object_ref (self->session);
  return write;
}

static void
write_free (Write *write)
{
  g_object_unref (write->self);
  g_object_unref (write->session);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Write, write_free)

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(GError) error = NULL;
  AcStore *store = AC_STORE (object);
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  gboolean ok;

  if (tag == ac_store_begin_conversation_async)
    ok = ac_store_begin_conversation_finish (store, result, &error);
  else if (tag == ac_store_end_conversation_async)
    ok = ac_store_end_conversation_finish (store, result, &error);
  else if (tag == ac_store_add_message_async)
    ok = ac_store_add_message_finish (store, result, &error);
  else if (tag == ac_store_add_escalation_async)
    ok = ac_store_add_escalation_finish (store, result, &error);
  else if (tag == ac_store_acknowledge_escalation_async)
    ok = ac_store_acknowledge_escalation_finish (store, result, &error);
  else if (tag == ac_store_set_conversation_customer_async)
    ok = ac_store_set_conversation_customer_finish (store, result, &error);
  else if (tag == ac_store_save_wrap_up_async)
    ok = ac_store_save_wrap_up_finish (store, result, &error);
  else
    ok = ac_store_add_recording_finish (store, result, &error);

  if (!ok && !write->self->failed)
    {
      write->self->failed = TRUE;
      g_signal_emit (write->self, signals[FAILED], 0, error);
    }

  if (ok && tag == ac_store_save_wrap_up_async)
    g_signal_emit (write->self, signals[WRAP_UP_SAVED], 0, write->session);
}

static void
on_utterance (AcCallRecordStore *self,
              AcUtterance       *utterance,
              AcCallSession     *session)
{
  ac_store_add_message_async (self->store, ac_call_session_get_id (session), utterance, NULL, on_written,
                              write_new (self));
}

static void
on_escalation (AcCallRecordStore *self,
               AcEscalation      *e,
               AcCallSession     *session)
{
  ac_store_add_escalation_async (self->store, ac_call_session_get_id (session),
                                 ac_escalation_kind_to_nick (ac_escalation_get_kind (e)),
                                 ac_escalation_get_reason (e), ac_escalation_get_time_ms (e),
                                 ac_escalation_get_acknowledged (e), NULL, on_written, write_new (self));
}

static void
on_escalation_acknowledged (AcCallRecordStore *self,
                            AcEscalation      *e,
                            AcCallSession     *session)
{
  ac_store_acknowledge_escalation_async (self->store, ac_call_session_get_id (session),
                                         ac_escalation_kind_to_nick (ac_escalation_get_kind (e)),
                                         ac_escalation_get_time_ms (e), NULL, on_written, write_new (self));
}

static void
on_customer (AcCallRecordStore *self,
             GParamSpec        *pspec,
             AcCallSession     *session)
{
  AcCustomer *customer = ac_call_session_get_customer (session);

  if (customer != NULL)
    ac_store_set_conversation_customer_async (self->store, ac_call_session_get_id (session),
                                              ac_customer_get_id (customer), NULL, on_written,
                                              write_new (self));
}

static void
on_ended (AcCallRecordStore *self,
          AcCallSession     *session)
{
  ac_store_end_conversation_async (self->store, ac_call_session_get_id (session),
                                   ac_call_session_get_duration_ms (session),
                                   ac_call_session_get_overall_sentiment (session), NULL, on_written,
                                   write_new (self));
}

static void
on_wrapped_up (AcCallRecordStore *self,
               const char        *disposition,
               const char        *notes,
               gboolean           timed_out,
               AcCallSession     *session)
{
  ac_store_save_wrap_up_async (self->store, ac_call_session_get_id (session), disposition, notes, timed_out, NULL,
                               on_written, write_new (self));
}

/* The paused spans as the store keeps them: a JSON array of
 * {"start_ms", "end_ms", "reason"}, reason "agent" (absent from the file)
 * or "card-details" (silence in it). */
static void
on_recording_kept (AcCallRecordStore *self,
                   AcCallRecorder    *recorder,
                   AcCallSession     *session)
{
  g_autoptr(GString) spans = g_string_new ("[");
  const AcPauseSpan *pauses;
  guint n;

  pauses = ac_call_recorder_get_pause_spans (recorder, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (spans, "%s{\"start_ms\":%" G_GINT64_FORMAT ",\"end_ms\":%" G_GINT64_FORMAT
                            ",\"reason\":\"%s\"}",
                            i > 0 ? "," : "", pauses[i].start_ms, pauses[i].end_ms,
                            pauses[i].reason == AC_PAUSE_REASON_CARD_DETAILS ? "card-details" : "agent");
  g_string_append_c (spans, ']');

  ac_store_add_recording_async (self->store, ac_call_session_get_id (session),
                                g_file_peek_path (ac_call_recorder_get_file (recorder)),
                                ac_call_recorder_get_duration_ms (recorder), spans->str, NULL, on_written,
                                write_new (self));
}

static void
forget_session (AcCallRecordStore *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
}

static void
ac_call_record_store_dispose (GObject *object)
{
  AcCallRecordStore *self = AC_CALL_RECORD_STORE (object);

  forget_session (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ac_call_record_store_parent_class)->dispose (object);
}

static void
ac_call_record_store_class_init (AcCallRecordStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_call_record_store_dispose;

  /**
   * AcCallRecordStore::failed:
   * @self: the record store
   * @error: why the call could not be kept (an %AC_STORE_ERROR written for
   *   the agent)
   *
   * Part of the current call could not be stored; told once a call.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * AcCallRecordStore::wrap-up-saved:
   * @self: the record store
   * @session: the call whose after-call work is now stored
   */
  signals[WRAP_UP_SAVED] =
    g_signal_new ("wrap-up-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_CALL_SESSION);
}

static void
ac_call_record_store_init (AcCallRecordStore *self)
{
}

/**
 * ac_call_record_store_new:
 * @store: the open local store
 *
 * Returns: (transfer full): a record store writing to @store
 */
AcCallRecordStore *
ac_call_record_store_new (AcStore *store)
{
  AcCallRecordStore *self;

  g_return_val_if_fail (AC_IS_STORE (store), NULL);

  self = g_object_new (AC_TYPE_CALL_RECORD_STORE, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * ac_call_record_store_get_store:
 * @self: an #AcCallRecordStore
 *
 * Returns: (transfer none): the store calls are kept in
 */
AcStore *
ac_call_record_store_get_store (AcCallRecordStore *self)
{
  g_return_val_if_fail (AC_IS_CALL_RECORD_STORE (self), NULL);

  return self->store;
}

/**
 * ac_call_record_store_add_call:
 * @self: an #AcCallRecordStore
 * @session: a call that has just started
 *
 * Stores @session now, with its customer if it has one, and from now on
 * all that it tells.  The record store follows one call at a time: the
 * last one is left.
 */
void
ac_call_record_store_add_call (AcCallRecordStore *self,
                               AcCallSession     *session)
{
  AcCustomer *customer;

  g_return_if_fail (AC_IS_CALL_RECORD_STORE (self));
  g_return_if_fail (AC_IS_CALL_SESSION (session));

  forget_session (self);
  self->session = g_object_ref (session);
  self->failed = FALSE;

  customer = ac_call_session_get_customer (session);
  ac_store_begin_conversation_async (self->store, ac_call_session_get_id (session),
                                     customer != NULL ? ac_customer_get_id (customer) : NULL,
                                     ac_call_session_get_channel (session),
                                     ac_call_session_get_started (session), NULL, on_written, write_new (self));

  g_signal_connect_object (session, "utterance", G_CALLBACK (on_utterance), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "escalation", G_CALLBACK (on_escalation), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "escalation-acknowledged", G_CALLBACK (on_escalation_acknowledged), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::customer", G_CALLBACK (on_customer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "ended", G_CALLBACK (on_ended), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "wrapped-up", G_CALLBACK (on_wrapped_up), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "recording-kept", G_CALLBACK (on_recording_kept), self,
                           G_CONNECT_SWAPPED);
}
