/* ac-call-uploader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-call-uploader"

#include "config.h"

#include "ac-call-uploader.h"

/**
 * AcCallUploader:
 *
 * Streams calls to the contact center's backend through the outbox
 * ([class@BackendSync]): it observes each [class@CallSession] it is given
 * and sends the call, every final utterance as it is told, the voices'
 * activity, the end and the wrap-up; the backend's own analysis of the
 * call's messages comes back onto its utterances and escalations.
 *
 * The call is created on the server once its customer is known (the
 * screen pop answered), or at its first words, or at once when the caller
 * is unknown: the conversation is created with the customer.  A customer
 * made on this computer is not on the server (the contract cannot create
 * one), so the call goes without them rather than be refused.
 */

struct _AcCallUploader
{
  GObject        parent_instance;

  AcBackendSync *sync;
  AcCallSession *session;    /* the current or last call */
  GHashTable    *messages;   /* client message id → AcUtterance, this call */
  gboolean       begun;      /* the call is in the outbox */
};

G_DEFINE_FINAL_TYPE (AcCallUploader, ac_call_uploader, G_TYPE_OBJECT)

enum {
  SCORED,
  FLAGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Who speaks, for supervisors watching the room: a level above this
 * counts as speech.  Telephone speech sits around −30..−15 dBFS; line
 * noise on the test sinks and a quiet room stay below −50. */
#define SPEAKING_DBFS (-45.0)

static void
begin_now (AcCallUploader *self)
{
  AcCustomer *customer;

  if (self->begun || self->session == NULL)
    return;

  self->begun = TRUE;
  customer = ac_call_session_get_customer (self->session);
  if (customer != NULL && !ac_backend_sync_is_server_customer (self->sync, ac_customer_get_id (customer)))
    customer = NULL;
  ac_backend_sync_begin_call (self->sync, ac_call_session_get_id (self->session),
                              customer != NULL ? ac_customer_get_id (customer) : NULL, "VOICE");
}

static void
on_customer (AcCallUploader *self,
             GParamSpec     *pspec,
             AcCallSession  *session)
{
  if (ac_call_session_get_customer (session) != NULL)
    begin_now (self);
}

static void
on_utterance (AcCallUploader *self,
              AcUtterance    *utterance,
              AcCallSession  *session)
{
  g_autofree char *id = g_uuid_string_random ();

  begin_now (self);
  g_hash_table_insert (self->messages, g_strdup (id), g_object_ref (utterance));
  ac_backend_sync_add_utterance (self->sync, ac_call_session_get_id (session), id,
                                 ac_utterance_get_channel (utterance), ac_utterance_get_text (utterance));
}

static void
on_ended (AcCallUploader *self,
          AcCallSession  *session)
{
  const char *overall = ac_call_session_get_overall_sentiment (session);
  g_autofree char *upper = overall != NULL ? g_ascii_strup (overall, -1) : NULL;

  begin_now (self);
  ac_backend_sync_end_call (self->sync, ac_call_session_get_id (session),
                            ac_call_session_get_duration_ms (session) / 1000, upper, NULL, NULL, FALSE);
}

/* After-call work: the disposition and notes join the call on the server. */
static void
on_wrapped_up (AcCallUploader *self,
               const char     *disposition,
               const char     *notes,
               gboolean        timed_out,
               AcCallSession  *session)
{
  if (self->begun)
    ac_backend_sync_wrap_up (self->sync, ac_call_session_get_id (session), disposition, notes,
                             g_strcmp0 (disposition, "RESOLVED") == 0);
}

/* The agent asks for a supervisor: a message of the agent's into the
 * call's room, where supervisors following the call read it (the contract
 * has no request of its own for this). */
static void
on_supervisor_asked (AcCallUploader *self,
                     const char     *note,
                     AcCallSession  *session)
{
  g_autofree char *id = g_uuid_string_random ();

  begin_now (self);
  ac_backend_sync_add_utterance (self->sync, ac_call_session_get_id (session), id, AC_AUDIO_CHANNEL_AGENT,
                                 note);
}

/* Nothing to tell before the call is on the server; the room throttles
 * the rest (state changes at once, levels at most 4 a second). */
static void
on_voice_activity (AcCallUploader *self,
                   double          customer_dbfs,
                   double          agent_dbfs,
                   AcCallSession  *session)
{
  if (!self->begun)
    return;
  ac_backend_sync_voice_activity (self->sync, ac_call_session_get_id (session), AC_AUDIO_CHANNEL_CUSTOMER,
                                  customer_dbfs > SPEAKING_DBFS, customer_dbfs);
  ac_backend_sync_voice_activity (self->sync, ac_call_session_get_id (session), AC_AUDIO_CHANNEL_AGENT,
                                  agent_dbfs > SPEAKING_DBFS, agent_dbfs);
}

static void
on_backend_sentiment (AcCallUploader           *self,
                      const char               *local_id,
                      const AcBackendSentiment *sentiment)
{
  AcUtterance *utterance = NULL;

  if (self->session == NULL || g_strcmp0 (local_id, ac_call_session_get_id (self->session)) != 0)
    return;

  /* Only the app's own messages can be tied to an utterance. */
  if (sentiment->client_message_id != NULL)
    utterance = g_hash_table_lookup (self->messages, sentiment->client_message_id);
  if (utterance != NULL)
    {
      ac_utterance_set_remote_sentiment (utterance, sentiment->label, ac_backend_sentiment_get_score (sentiment));
      g_signal_emit (self, signals[SCORED], 0, utterance);
    }

  if (!sentiment->escalation_required)
    return;
  if (utterance != NULL)
    ac_escalations_raise_backend (ac_call_session_get_escalations (self->session), utterance,
                                  sentiment->risk_score);
  else
    g_signal_emit (self, signals[FLAGGED], 0, MAX (sentiment->risk_score, 0));
}

static void
forget_session (AcCallUploader *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_hash_table_remove_all (self->messages);
  self->begun = FALSE;
}

static void
ac_call_uploader_dispose (GObject *object)
{
  AcCallUploader *self = AC_CALL_UPLOADER (object);

  forget_session (self);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (ac_call_uploader_parent_class)->dispose (object);
}

static void
ac_call_uploader_finalize (GObject *object)
{
  AcCallUploader *self = AC_CALL_UPLOADER (object);

  g_clear_pointer (&self->messages, g_hash_table_unref);

  G_OBJECT_CLASS (ac_call_uploader_parent_class)->finalize (object);
}

static void
ac_call_uploader_class_init (AcCallUploaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_call_uploader_dispose;
  object_class->finalize = ac_call_uploader_finalize;

  /**
   * AcCallUploader::scored:
   * @self: the uploader
   * @utterance: an utterance of the current call the backend has just
   *   scored (see ac_utterance_get_remote_sentiment())
   */
  signals[SCORED] =
    g_signal_new ("scored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_UTTERANCE);

  /**
   * AcCallUploader::flagged:
   * @self: the uploader
   * @risk: the backend's risk score, 0..1
   *
   * The backend asks for the current call to be escalated over a message
   * that is not one of this app's utterances (so no escalation of the
   * call can point at it).
   */
  signals[FLAGGED] =
    g_signal_new ("flagged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
ac_call_uploader_init (AcCallUploader *self)
{
  self->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * ac_call_uploader_new:
 * @sync: the outbox to the team's backend
 *
 * Returns: (transfer full): an uploader sending calls through @sync
 */
AcCallUploader *
ac_call_uploader_new (AcBackendSync *sync)
{
  AcCallUploader *self;

  g_return_val_if_fail (AC_IS_BACKEND_SYNC (sync), NULL);

  self = g_object_new (AC_TYPE_CALL_UPLOADER, NULL);
  self->sync = g_object_ref (sync);
  g_signal_connect_object (sync, "sentiment-update", G_CALLBACK (on_backend_sentiment), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * ac_call_uploader_get_sync:
 * @self: an #AcCallUploader
 *
 * Returns: (transfer none): the outbox calls go through
 */
AcBackendSync *
ac_call_uploader_get_sync (AcCallUploader *self)
{
  g_return_val_if_fail (AC_IS_CALL_UPLOADER (self), NULL);

  return self->sync;
}

/**
 * ac_call_uploader_get_begun:
 * @self: an #AcCallUploader
 *
 * Returns: whether the current call has gone to the outbox
 */
gboolean
ac_call_uploader_get_begun (AcCallUploader *self)
{
  g_return_val_if_fail (AC_IS_CALL_UPLOADER (self), FALSE);

  return self->begun;
}

/**
 * ac_call_uploader_add_call:
 * @self: an #AcCallUploader
 * @session: a call that has just started
 *
 * Sends @session to the backend (see the class description for when) and
 * from now on all that it tells.  The uploader follows one call at a time:
 * the last one is left (what is in the outbox still goes).
 */
void
ac_call_uploader_add_call (AcCallUploader *self,
                           AcCallSession  *session)
{
  g_return_if_fail (AC_IS_CALL_UPLOADER (self));
  g_return_if_fail (AC_IS_CALL_SESSION (session));

  forget_session (self);
  self->session = g_object_ref (session);

  g_signal_connect_object (session, "notify::customer", G_CALLBACK (on_customer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "utterance", G_CALLBACK (on_utterance), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "ended", G_CALLBACK (on_ended), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "wrapped-up", G_CALLBACK (on_wrapped_up), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "supervisor-asked", G_CALLBACK (on_supervisor_asked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "voice-activity", G_CALLBACK (on_voice_activity), self,
                           G_CONNECT_SWAPPED);

  if (ac_call_session_get_caller_number (session) == NULL || ac_call_session_get_customer (session) != NULL)
    begin_now (self);
}
