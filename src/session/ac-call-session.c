/* ac-call-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-call-session"

#include "config.h"

#include "ac-call-session.h"
#include "ac-redactor.h"

/**
 * AcCallSession:
 *
 * One call, from its start to its wrap-up: its id, where it comes from,
 * the caller and the customer on the line, its transcript and
 * escalations, its recording, its end and its after-call work.
 *
 * A session is the one place the rest of the app learns what happens on
 * a call.  It follows its transcript and escalations and tells, once each
 * and in order, every final utterance ([signal@CallSession::utterance]) and
 * every escalation raised; the window, the local record of calls
 * ([class@CallRecordStore]) and the contact center's outbox
 * ([class@CallUploader]) observe it, and none of them observes another.
 * `--analyze --upload` drives a session with no window at all.
 *
 * A session keeps following its transcript after the call ends (the last
 * final hypothesis can arrive just after the audio stops) until
 * ac_call_session_close(), which the next call's start calls.
 */

struct _AcCallSession
{
  GObject         parent_instance;

  char           *id;
  char           *channel;
  char           *caller_number;
  GDateTime      *started;
  AcTranscript   *transcript;
  AcEscalations  *escalations;
  AcCustomer     *customer;
  GHashTable     *told;            /* AcUtterance* already told */
  gint64          duration_ms;
  char           *overall_sentiment;
  gboolean        ended;
  gboolean        closed;
};

G_DEFINE_FINAL_TYPE (AcCallSession, ac_call_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CHANNEL,
  PROP_CALLER_NUMBER,
  PROP_TRANSCRIPT,
  PROP_ESCALATIONS,
  PROP_CUSTOMER,
  PROP_ENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UTTERANCE,
  ESCALATION,
  ESCALATION_ACKNOWLEDGED,
  ENDED,
  WRAPPED_UP,
  RECORDING_KEPT,
  VOICE_ACTIVITY,
  SUPERVISOR_ASKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each final utterance once: a partial replaced by its final changes the
 * list at the same place, and a final is never replaced. */
static void
on_transcript_changed (AcCallSession *self,
                       guint          position,
                       guint          removed,
                       guint          added,
                       GListModel    *transcript)
{
  g_assert (AC_IS_CALL_SESSION (self));

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (transcript, i);

      if (!ac_utterance_get_is_final (utterance) || g_hash_table_contains (self->told, utterance))
        continue;

      g_hash_table_add (self->told, g_object_ref (utterance));
      g_signal_emit (self, signals[UTTERANCE], 0, utterance);
    }
}

static void
on_escalations_changed (AcCallSession *self,
                        guint          position,
                        guint          removed,
                        guint          added,
                        GListModel    *escalations)
{
  g_assert (AC_IS_CALL_SESSION (self));

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AcEscalation) escalation = g_list_model_get_item (escalations, i);

      g_signal_emit (self, signals[ESCALATION], 0, escalation);
    }
}

static void
ac_call_session_constructed (GObject *object)
{
  AcCallSession *self = AC_CALL_SESSION (object);

  G_OBJECT_CLASS (ac_call_session_parent_class)->constructed (object);

  if (self->transcript == NULL)
    self->transcript = ac_transcript_new ();
  if (self->escalations == NULL)
    self->escalations = ac_escalations_new (self->transcript);

  g_signal_connect_object (self->transcript, "items-changed", G_CALLBACK (on_transcript_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->escalations, "items-changed", G_CALLBACK (on_escalations_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
ac_call_session_dispose (GObject *object)
{
  AcCallSession *self = AC_CALL_SESSION (object);

  ac_call_session_close (self);
  g_clear_object (&self->transcript);
  g_clear_object (&self->escalations);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->told, g_hash_table_unref);

  G_OBJECT_CLASS (ac_call_session_parent_class)->dispose (object);
}

static void
ac_call_session_finalize (GObject *object)
{
  AcCallSession *self = AC_CALL_SESSION (object);

  g_free (self->id);
  g_free (self->channel);
  g_free (self->caller_number);
  g_free (self->overall_sentiment);
  g_clear_pointer (&self->started, g_date_time_unref);

  G_OBJECT_CLASS (ac_call_session_parent_class)->finalize (object);
}

static void
ac_call_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AcCallSession *self = AC_CALL_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;

    case PROP_CALLER_NUMBER:
      g_value_set_string (value, self->caller_number);
      break;

    case PROP_TRANSCRIPT:
      g_value_set_object (value, self->transcript);
      break;

    case PROP_ESCALATIONS:
      g_value_set_object (value, self->escalations);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_ENDED:
      g_value_set_boolean (value, self->ended);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_call_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AcCallSession *self = AC_CALL_SESSION (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      self->channel = g_value_dup_string (value);
      if (self->channel == NULL)
        self->channel = g_strdup ("VOICE");
      break;

    case PROP_CALLER_NUMBER:
      {
        const char *number = g_value_get_string (value);

        self->caller_number = number != NULL && number[0] != '\0' ? g_strdup (number) : NULL;
      }
      break;

    case PROP_TRANSCRIPT:
      self->transcript = g_value_dup_object (value);
      break;

    case PROP_ESCALATIONS:
      self->escalations = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER:
      ac_call_session_set_customer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_call_session_class_init (AcCallSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ac_call_session_constructed;
  object_class->dispose = ac_call_session_dispose;
  object_class->finalize = ac_call_session_finalize;
  object_class->get_property = ac_call_session_get_property;
  object_class->set_property = ac_call_session_set_property;

  /**
   * AcCallSession:id:
   *
   * The call's id: a random UUID, the store's id of the call and the
   * app's id of it on the contact center's server.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * AcCallSession:channel:
   *
   * Where the call comes from: `VOICE` (a live call) or `REPLAY` (a
   * recording played as if live).
   */
  properties[PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL, "VOICE",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AcCallSession:caller-number:
   *
   * The caller's number as the softphone gave it, or %NULL.
   */
  properties[PROP_CALLER_NUMBER] =
    g_param_spec_string ("caller-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TRANSCRIPT] =
    g_param_spec_object ("transcript", NULL, NULL, AC_TYPE_TRANSCRIPT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ESCALATIONS] =
    g_param_spec_object ("escalations", NULL, NULL, AC_TYPE_ESCALATIONS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AcCallSession:customer:
   *
   * The customer on the line, once a screen pop or the agent found them.
   */
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL, AC_TYPE_CUSTOMER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ENDED] =
    g_param_spec_boolean ("ended", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcCallSession::utterance:
   * @self: the call
   * @utterance: a final utterance, analysed
   *
   * Each final utterance of the call, once, as soon as it is heard — also
   * one that arrives just after the call ended.
   */
  signals[UTTERANCE] =
    g_signal_new ("utterance", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_UTTERANCE);

  /**
   * AcCallSession::escalation:
   * @self: the call
   * @escalation: an escalation just raised
   */
  signals[ESCALATION] =
    g_signal_new ("escalation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_ESCALATION);

  /**
   * AcCallSession::escalation-acknowledged:
   * @self: the call
   * @escalation: an escalation the agent has just acknowledged
   */
  signals[ESCALATION_ACKNOWLEDGED] =
    g_signal_new ("escalation-acknowledged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, AC_TYPE_ESCALATION);

  /**
   * AcCallSession::ended:
   * @self: the call
   *
   * The call ended: [method@CallSession.get_duration_ms] and
   * [method@CallSession.get_overall_sentiment] are known.
   */
  signals[ENDED] =
    g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * AcCallSession::wrapped-up:
   * @self: the call
   * @disposition: (nullable): the disposition code the agent chose, the
   *   team's timeout code if @timed_out, or %NULL where the team lets a
   *   call go without one
   * @notes: the agent's wrap-up notes, maybe empty
   * @timed_out: whether After-Call Work reached its time limit
   */
  signals[WRAPPED_UP] =
    g_signal_new ("wrapped-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * AcCallSession::supervisor-asked:
   * @self: the call
   * @note: what the agent asks help with, as one line for the call's
   *   notes and its room, e.g. “Asked a supervisor for help at 1:02: …”
   *
   * The agent asked a supervisor to help with the call.
   */
  signals[SUPERVISOR_ASKED] =
    g_signal_new ("supervisor-asked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AcCallSession::recording-kept:
   * @self: the call
   * @recorder: the stopped recorder of the call, with its file, length and
   *   paused spans
   */
  signals[RECORDING_KEPT] =
    g_signal_new ("recording-kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_CALL_RECORDER);

  /**
   * AcCallSession::voice-activity:
   * @self: the call
   * @customer_dbfs: the customer's level, in dBFS
   * @agent_dbfs: the agent's level, in dBFS
   *
   * The call's levels, about 20 times a second while it is live.
   */
  signals[VOICE_ACTIVITY] =
    g_signal_new ("voice-activity", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
ac_call_session_init (AcCallSession *self)
{
  self->id = g_uuid_string_random ();
  self->started = g_date_time_new_now_utc ();
  self->told = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->duration_ms = -1;
}

/**
 * ac_call_session_new:
 * @channel: (nullable): `VOICE` (when %NULL) or `REPLAY`
 * @caller_number: (nullable): the caller's number as the softphone gave it
 * @transcript: (nullable): the transcript the call is heard into; %NULL
 *   for a new one
 * @escalations: (nullable): the escalations of @transcript; %NULL for new
 *   ones
 *
 * Starts a call now, with a new id.
 *
 * Returns: (transfer full): the call
 */
AcCallSession *
ac_call_session_new (const char    *channel,
                     const char    *caller_number,
                     AcTranscript  *transcript,
                     AcEscalations *escalations)
{
  g_return_val_if_fail (transcript == NULL || AC_IS_TRANSCRIPT (transcript), NULL);
  g_return_val_if_fail (escalations == NULL || AC_IS_ESCALATIONS (escalations), NULL);

  return g_object_new (AC_TYPE_CALL_SESSION,
                       "channel", channel,
                       "caller-number", caller_number,
                       "transcript", transcript,
                       "escalations", escalations,
                       NULL);
}

/**
 * ac_call_session_get_id:
 * @self: an #AcCallSession
 *
 * Returns: (transfer none): the call's id (a UUID)
 */
const char *
ac_call_session_get_id (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->id;
}

/**
 * ac_call_session_get_channel:
 * @self: an #AcCallSession
 *
 * Returns: (transfer none): `VOICE` or `REPLAY`
 */
const char *
ac_call_session_get_channel (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->channel;
}

/**
 * ac_call_session_get_caller_number:
 * @self: an #AcCallSession
 *
 * Returns: (transfer none) (nullable): the caller's number
 */
const char *
ac_call_session_get_caller_number (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->caller_number;
}

/**
 * ac_call_session_get_started:
 * @self: an #AcCallSession
 *
 * Returns: (transfer none): when the call started, in UTC
 */
GDateTime *
ac_call_session_get_started (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->started;
}

/**
 * ac_call_session_get_transcript:
 * @self: an #AcCallSession
 *
 * Returns: (transfer none): what was said on the call
 */
AcTranscript *
ac_call_session_get_transcript (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->transcript;
}

/**
 * ac_call_session_get_escalations:
 * @self: an #AcCallSession
 *
 * Returns: (transfer none): the call's escalations
 */
AcEscalations *
ac_call_session_get_escalations (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->escalations;
}

/**
 * ac_call_session_get_customer:
 * @self: an #AcCallSession
 *
 * Returns: (transfer none) (nullable): the customer on the line
 */
AcCustomer *
ac_call_session_get_customer (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->customer;
}

/**
 * ac_call_session_set_customer:
 * @self: an #AcCallSession
 * @customer: (nullable): the customer on the line
 *
 * Sets [property@CallSession:customer]: the call is kept with them.
 * Another customer with the same id changes nothing.
 */
void
ac_call_session_set_customer (AcCallSession *self,
                              AcCustomer    *customer)
{
  g_return_if_fail (AC_IS_CALL_SESSION (self));
  g_return_if_fail (customer == NULL || AC_IS_CUSTOMER (customer));

  if (self->customer == customer ||
      (self->customer != NULL && customer != NULL &&
       g_strcmp0 (ac_customer_get_id (self->customer), ac_customer_get_id (customer)) == 0))
    return;

  g_set_object (&self->customer, customer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

/**
 * ac_call_session_get_ended:
 * @self: an #AcCallSession
 *
 * Returns: whether the call has ended
 */
gboolean
ac_call_session_get_ended (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), FALSE);

  return self->ended;
}

/**
 * ac_call_session_get_duration_ms:
 * @self: an #AcCallSession
 *
 * Returns: the call's length in ms, or -1 while it goes on
 */
gint64
ac_call_session_get_duration_ms (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), -1);

  return self->duration_ms;
}

/**
 * ac_call_session_get_overall_sentiment:
 * @self: an #AcCallSession
 *
 * The customer's sentiment over the ended call: `positive`, `neutral` or
 * `negative`, from the mean of the customer's utterance scores (−1..1)
 * with VADER's own thresholds (±0.05; Hutto & Gilbert, ICWSM 2014).
 *
 * Returns: (transfer none) (nullable): the label, or %NULL while the call
 *   goes on or if the customer said nothing
 */
const char *
ac_call_session_get_overall_sentiment (AcCallSession *self)
{
  g_return_val_if_fail (AC_IS_CALL_SESSION (self), NULL);

  return self->overall_sentiment;
}

/**
 * ac_call_session_end:
 * @self: an #AcCallSession
 * @duration_ms: how long the call lasted, in ms
 *
 * Ends the call and emits [signal@CallSession::ended].  A final utterance
 * that comes after is still told.  Ending twice changes nothing.
 */
void
ac_call_session_end (AcCallSession *self,
                     gint64         duration_ms)
{
  AcSentimentSummary customer;

  g_return_if_fail (AC_IS_CALL_SESSION (self));

  if (self->ended)
    return;

  ac_transcript_get_sentiment_summary (self->transcript, AC_AUDIO_CHANNEL_CUSTOMER, &customer);
  if (customer.n > 0)
    self->overall_sentiment = g_strdup (customer.mean >= 0.05 ? "positive"
                                        : customer.mean <= -0.05 ? "negative" : "neutral");
  self->duration_ms = MAX (duration_ms, 0);
  self->ended = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
  g_signal_emit (self, signals[ENDED], 0);
}

/**
 * ac_call_session_wrap_up:
 * @self: an #AcCallSession
 * @disposition: (nullable): the disposition code chosen in after-call
 *   work; %NULL for none, where the team allows it
 * @notes: (nullable): the agent's notes
 * @timed_out: whether After-Call Work reached the team's time limit, so
 *   that @disposition is the team's timeout code
 *
 * The after-call work of the call; emits [signal@CallSession::wrapped-up].
 */
void
ac_call_session_wrap_up (AcCallSession *self,
                         const char    *disposition,
                         const char    *notes,
                         gboolean       timed_out)
{
  g_autofree char *masked = NULL;

  g_return_if_fail (AC_IS_CALL_SESSION (self));

  /* A card number typed into the notes is kept no more than one said. */
  masked = ac_redact_typed_text (notes != NULL ? notes : "");
  g_signal_emit (self, signals[WRAPPED_UP], 0, disposition, masked, timed_out);
}

/**
 * ac_call_session_keep_recording:
 * @self: an #AcCallSession
 * @recorder: the call's recorder, stopped, with audio in its file
 *
 * The call's recording is kept with it; emits
 * [signal@CallSession::recording-kept].
 */
void
ac_call_session_keep_recording (AcCallSession  *self,
                                AcCallRecorder *recorder)
{
  g_return_if_fail (AC_IS_CALL_SESSION (self));
  g_return_if_fail (AC_IS_CALL_RECORDER (recorder));

  g_signal_emit (self, signals[RECORDING_KEPT], 0, recorder);
}

/**
 * ac_call_session_acknowledge_escalations:
 * @self: an #AcCallSession
 *
 * The agent has seen every escalation raised so far: each one not
 * acknowledged yet is told ([signal@CallSession::escalation-acknowledged])
 * and marked so.
 */
void
ac_call_session_acknowledge_escalations (AcCallSession *self)
{
  GListModel *escalations;

  g_return_if_fail (AC_IS_CALL_SESSION (self));

  escalations = G_LIST_MODEL (self->escalations);
  for (guint i = 0; i < g_list_model_get_n_items (escalations); i++)
    {
      g_autoptr(AcEscalation) escalation = g_list_model_get_item (escalations, i);

      if (!ac_escalation_get_acknowledged (escalation))
        g_signal_emit (self, signals[ESCALATION_ACKNOWLEDGED], 0, escalation);
    }

  ac_escalations_acknowledge_all (self->escalations);
}

/**
 * ac_call_session_ask_supervisor:
 * @self: an #AcCallSession
 * @note: the request as one line, such as “Asked a supervisor for help at
 *   1:02: The customer mentioned fraud…”
 *
 * The agent asks a supervisor for help with the call; emits
 * [signal@CallSession::supervisor-asked], which the call's room (where a
 * backend is connected) passes on to the supervisors.
 */
void
ac_call_session_ask_supervisor (AcCallSession *self,
                                const char    *note)
{
  g_return_if_fail (AC_IS_CALL_SESSION (self));
  g_return_if_fail (note != NULL);

  g_signal_emit (self, signals[SUPERVISOR_ASKED], 0, note);
}

/**
 * ac_call_session_voice_activity:
 * @self: an #AcCallSession
 * @customer_dbfs: the customer's level, in dBFS
 * @agent_dbfs: the agent's level, in dBFS
 *
 * The live call's levels; emits [signal@CallSession::voice-activity].
 */
void
ac_call_session_voice_activity (AcCallSession *self,
                                double         customer_dbfs,
                                double         agent_dbfs)
{
  g_return_if_fail (AC_IS_CALL_SESSION (self));

  if (!self->ended)
    g_signal_emit (self, signals[VOICE_ACTIVITY], 0, customer_dbfs, agent_dbfs);
}

/**
 * ac_call_session_close:
 * @self: an #AcCallSession
 *
 * Stops following the transcript and escalations: nothing more belongs to
 * this call (the next one may reuse them).
 */
void
ac_call_session_close (AcCallSession *self)
{
  g_return_if_fail (AC_IS_CALL_SESSION (self));

  if (self->closed)
    return;

  self->closed = TRUE;
  if (self->transcript != NULL)
    g_signal_handlers_disconnect_by_data (self->transcript, self);
  if (self->escalations != NULL)
    g_signal_handlers_disconnect_by_data (self->escalations, self);
}
