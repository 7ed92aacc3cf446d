/* ac-escalations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-escalations"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-escalations.h"
#include "ac-types.h"

/**
 * AcEscalation:
 *
 * One moment a call needed attention: when (ms from the start of the
 * call), why, in words for the agent, the customer utterance that caused
 * it, and whether the agent has acknowledged it.
 */
struct _AcEscalation
{
  GObject           parent_instance;

  AcEscalationKind  kind;
  gint64            time_ms;
  char             *reason;
  AcUtterance      *utterance;
  gboolean          acknowledged;
};

G_DEFINE_FINAL_TYPE (AcEscalation, ac_escalation, G_TYPE_OBJECT)

enum {
  ESC_PROP_0,
  ESC_PROP_ACKNOWLEDGED,
  ESC_N_PROPS
};

static GParamSpec *esc_properties[ESC_N_PROPS];

static void
ac_escalation_finalize (GObject *object)
{
  AcEscalation *self = AC_ESCALATION (object);

  g_free (self->reason);
  g_clear_object (&self->utterance);

  G_OBJECT_CLASS (ac_escalation_parent_class)->finalize (object);
}

static void
ac_escalation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AcEscalation *self = AC_ESCALATION (object);

  switch (prop_id)
    {
    case ESC_PROP_ACKNOWLEDGED:
      g_value_set_boolean (value, self->acknowledged);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_escalation_class_init (AcEscalationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ac_escalation_finalize;
  object_class->get_property = ac_escalation_get_property;

  /**
   * AcEscalation:acknowledged:
   *
   * Whether the agent has acknowledged the escalation.
   */
  esc_properties[ESC_PROP_ACKNOWLEDGED] =
    g_param_spec_boolean ("acknowledged", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ESC_N_PROPS, esc_properties);
}

static void
ac_escalation_init (AcEscalation *self)
{
}

/**
 * ac_escalation_get_kind:
 * @self: an #AcEscalation
 *
 * Returns: why the call needed attention
 */
AcEscalationKind
ac_escalation_get_kind (AcEscalation *self)
{
  g_return_val_if_fail (AC_IS_ESCALATION (self), AC_ESCALATION_RISK);
  return self->kind;
}

/**
 * ac_escalation_get_time_ms:
 * @self: an #AcEscalation
 *
 * Returns: when, in ms from the start of the call (the end of the
 *   utterance that caused it)
 */
gint64
ac_escalation_get_time_ms (AcEscalation *self)
{
  g_return_val_if_fail (AC_IS_ESCALATION (self), 0);
  return self->time_ms;
}

/**
 * ac_escalation_get_reason:
 * @self: an #AcEscalation
 *
 * Returns: (transfer none): why, in a sentence for the agent
 */
const char *
ac_escalation_get_reason (AcEscalation *self)
{
  g_return_val_if_fail (AC_IS_ESCALATION (self), NULL);
  return self->reason;
}

/**
 * ac_escalation_get_utterance:
 * @self: an #AcEscalation
 *
 * Returns: (transfer none): the customer utterance that raised it
 */
AcUtterance *
ac_escalation_get_utterance (AcEscalation *self)
{
  g_return_val_if_fail (AC_IS_ESCALATION (self), NULL);
  return self->utterance;
}

/**
 * ac_escalation_kind_to_nick:
 * @kind: an #AcEscalationKind
 *
 * Returns: (transfer none): the kind's stable name, as the store keeps it:
 *   `risk`, `fraud`, `safety`, `sustained` or `backend`
 */
const char *
ac_escalation_kind_to_nick (AcEscalationKind kind)
{
  switch (kind)
    {
    case AC_ESCALATION_FRAUD:
      return "fraud";
    case AC_ESCALATION_SAFETY:
      return "safety";
    case AC_ESCALATION_SUSTAINED:
      return "sustained";
    case AC_ESCALATION_BACKEND:
      return "backend";
    case AC_ESCALATION_RISK:
    default:
      return "risk";
    }
}

/**
 * ac_escalation_get_acknowledged:
 * @self: an #AcEscalation
 *
 * Returns: whether the agent has acknowledged it
 */
gboolean
ac_escalation_get_acknowledged (AcEscalation *self)
{
  g_return_val_if_fail (AC_IS_ESCALATION (self), FALSE);
  return self->acknowledged;
}

/**
 * ac_escalation_acknowledge:
 * @self: an #AcEscalation
 *
 * The agent has seen it.
 */
void
ac_escalation_acknowledge (AcEscalation *self)
{
  g_return_if_fail (AC_IS_ESCALATION (self));

  if (self->acknowledged)
    return;

  self->acknowledged = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), esc_properties[ESC_PROP_ACKNOWLEDGED]);
}

/* ------------------------------------------------------------------------ */

/**
 * AcEscalations:
 *
 * The escalations of a call, as a [iface@Gio.ListModel] of
 * [class@Escalation] in the order they were raised.  It watches the
 * call's [class@Transcript] and judges each final customer utterance once,
 * as it arrives:
 *
 * - fraud or account security mentioned: once per call;
 * - a danger to someone's safety mentioned: once per call;
 * - the customer's sentiment below [const@ESCALATION_LOW_SENTIMENT] for
 *   [const@ESCALATION_LOW_RUN] utterances in a row: once per such run;
 * - otherwise, an utterance whose risk needs escalation (the backend
 *   contract's rule, [const@RISK_ESCALATION]).
 *
 * An utterance raises at most one escalation.  Clearing the transcript
 * (a new call) clears the escalations.
 */
struct _AcEscalations
{
  GObject       parent_instance;

  AcTranscript *transcript;
  GPtrArray    *items;     /* AcEscalation */
  GHashTable   *judged;    /* AcUtterance* already looked at */
  guint         low_run;
  gboolean      fraud_raised;
  gboolean      safety_raised;
};

static void escalations_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcEscalations, ac_escalations, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, escalations_list_model_init))

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
escalations_get_item_type (GListModel *model)
{
  return AC_TYPE_ESCALATION;
}

static guint
escalations_get_n_items (GListModel *model)
{
  return AC_ESCALATIONS (model)->items->len;
}

static gpointer
escalations_get_item (GListModel *model,
                      guint       position)
{
  AcEscalations *self = AC_ESCALATIONS (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position)) : NULL;
}

static void
escalations_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = escalations_get_item_type;
  iface->get_n_items = escalations_get_n_items;
  iface->get_item = escalations_get_item;
}

static void
on_acknowledged (AcEscalations *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
raise_escalation (AcEscalations    *self,
                  AcEscalationKind  kind,
                  AcUtterance      *utterance,
                  char             *reason)
{
  AcEscalation *escalation = g_object_new (AC_TYPE_ESCALATION, NULL);

  escalation->kind = kind;
  escalation->time_ms = ac_utterance_get_end_ms (utterance);
  escalation->reason = reason;
  escalation->utterance = g_object_ref (utterance);
  g_signal_connect_object (escalation, "notify::acknowledged", G_CALLBACK (on_acknowledged), self,
                           G_CONNECT_SWAPPED);

  g_message ("Escalation at %" G_GINT64_FORMAT " ms: %s", escalation->time_ms, reason);

  g_ptr_array_add (self->items, escalation);
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static gboolean
has_cue (AcSentiment *s,
         const char  *cue)
{
  return g_strv_contains ((const char * const *) s->cues, cue);
}

static void
judge (AcEscalations *self,
       AcUtterance   *u)
{
  AcSentiment *s = ac_utterance_get_sentiment (u);
  g_autofree char *when = ac_format_duration (ac_utterance_get_end_ms (u));

  if (s == NULL)
    return;

  if (s->scores.compound < AC_ESCALATION_LOW_SENTIMENT)
    self->low_run++;
  else
    self->low_run = 0;

  if (has_cue (s, "fraud") && !self->fraud_raised)
    {
      self->fraud_raised = TRUE;
      /* Translators: an escalation, e.g. “The customer mentioned fraud or
       * their account’s security at 1:02: “my card was stolen”” */
      raise_escalation (self, AC_ESCALATION_FRAUD, u,
             g_strdup_printf (_("The customer mentioned fraud or their account’s security at %s: “%s”"), when,
                              ac_utterance_get_text (u)));
    }
  else if (has_cue (s, "safety") && !self->safety_raised)
    {
      self->safety_raised = TRUE;
      raise_escalation (self, AC_ESCALATION_SAFETY, u,
             g_strdup_printf (_("The customer mentioned someone’s safety at %s: “%s”"), when,
                              ac_utterance_get_text (u)));
    }
  else if (self->low_run == AC_ESCALATION_LOW_RUN)
    raise_escalation (self, AC_ESCALATION_SUSTAINED, u,
           /* Translators: an escalation; %u is how many things the
            * customer said in a row sounding upset, %s the time, “1:02” */
           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The customer has sounded upset for the last %u thing they said, up to %s",
                                         "The customer has sounded upset for the last %u things they said, up to %s",
                                         AC_ESCALATION_LOW_RUN),
                            AC_ESCALATION_LOW_RUN, when));
  else if (s->escalation)
    raise_escalation (self, AC_ESCALATION_RISK, u,
           /* Translators: an escalation: what the customer said at 1:02
            * scored high for risk (anger, a complaint, a threat to leave) */
           g_strdup_printf (_("The customer sounds very upset at %s: “%s”"), when,
                            ac_utterance_get_text (u)));
}

static void
on_items_changed (AcEscalations *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  g_assert (AC_IS_ESCALATIONS (self));

  if (g_list_model_get_n_items (model) == 0)
    {
      guint n = self->items->len;

      /* A new call. */
      g_hash_table_remove_all (self->judged);
      self->low_run = 0;
      self->fraud_raised = self->safety_raised = FALSE;
      g_ptr_array_set_size (self->items, 0);
      if (n > 0)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
        }
      return;
    }

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (model, i);

      if (!ac_utterance_get_is_final (u) || ac_utterance_get_channel (u) != 0 ||
          g_hash_table_contains (self->judged, u))
        continue;

      g_hash_table_add (self->judged, u);
      judge (self, u);
    }
}

static void
ac_escalations_dispose (GObject *object)
{
  AcEscalations *self = AC_ESCALATIONS (object);

  if (self->transcript != NULL)
    g_signal_handlers_disconnect_by_data (self->transcript, self);
  g_clear_object (&self->transcript);

  G_OBJECT_CLASS (ac_escalations_parent_class)->dispose (object);
}

static void
ac_escalations_finalize (GObject *object)
{
  AcEscalations *self = AC_ESCALATIONS (object);

  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->judged);

  G_OBJECT_CLASS (ac_escalations_parent_class)->finalize (object);
}

static void
ac_escalations_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AcEscalations *self = AC_ESCALATIONS (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_object (value, ac_escalations_get_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_escalations_class_init (AcEscalationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_escalations_dispose;
  object_class->finalize = ac_escalations_finalize;
  object_class->get_property = ac_escalations_get_property;

  /**
   * AcEscalations:pending:
   *
   * The latest escalation the agent has not acknowledged, or %NULL.
   */
  properties[PROP_PENDING] =
    g_param_spec_object ("pending", NULL, NULL, AC_TYPE_ESCALATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_escalations_init (AcEscalations *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  /* Pointers only: the transcript holds the utterances. */
  self->judged = g_hash_table_new (NULL, NULL);
}

/**
 * ac_escalations_new:
 * @transcript: the call's transcript
 *
 * Returns: (transfer full): the escalations of the call @transcript
 *   follows, judged from now on
 */
AcEscalations *
ac_escalations_new (AcTranscript *transcript)
{
  AcEscalations *self;

  g_return_val_if_fail (AC_IS_TRANSCRIPT (transcript), NULL);

  self = g_object_new (AC_TYPE_ESCALATIONS, NULL);
  self->transcript = g_object_ref (transcript);
  g_signal_connect_object (transcript, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * ac_escalations_get_pending:
 * @self: an #AcEscalations
 *
 * Returns: (transfer none) (nullable): the latest escalation not
 *   acknowledged
 */
AcEscalation *
ac_escalations_get_pending (AcEscalations *self)
{
  g_return_val_if_fail (AC_IS_ESCALATIONS (self), NULL);

  for (guint i = self->items->len; i > 0; i--)
    if (!ac_escalation_get_acknowledged (g_ptr_array_index (self->items, i - 1)))
      return g_ptr_array_index (self->items, i - 1);

  return NULL;
}

/**
 * ac_escalations_get_n_pending:
 * @self: an #AcEscalations
 *
 * How many escalations wait for the agent; it changes when
 * [property@Escalations:pending] is notified.
 *
 * Returns: the number of escalations not acknowledged
 */
guint
ac_escalations_get_n_pending (AcEscalations *self)
{
  guint n = 0;

  g_return_val_if_fail (AC_IS_ESCALATIONS (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (!ac_escalation_get_acknowledged (g_ptr_array_index (self->items, i)))
      n++;
  return n;
}

/**
 * ac_escalations_acknowledge_all:
 * @self: an #AcEscalations
 *
 * The agent has seen every escalation so far.
 */
void
ac_escalations_acknowledge_all (AcEscalations *self)
{
  g_return_if_fail (AC_IS_ESCALATIONS (self));

  for (guint i = 0; i < self->items->len; i++)
    ac_escalation_acknowledge (g_ptr_array_index (self->items, i));
}

/**
 * ac_escalations_raise_backend:
 * @self: an #AcEscalations
 * @utterance: the utterance the contact center judged
 * @risk: its risk score, 0..1, or a negative number when it sent none
 *
 * The contact center's own analysis asks for an escalation
 * (`escalationRequired`, which the contract sets above a risk of 0.7).
 * Raised as an %AC_ESCALATION_BACKEND escalation unless one of those is
 * still waiting for the agent, or @utterance already raised one here: a
 * backend that flags every angry sentence does not stack banners.
 *
 * Returns: %TRUE if an escalation was raised
 */
gboolean
ac_escalations_raise_backend (AcEscalations *self,
                              AcUtterance   *utterance,
                              double         risk)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (AC_IS_ESCALATIONS (self), FALSE);
  g_return_val_if_fail (AC_IS_UTTERANCE (utterance), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      AcEscalation *e = g_ptr_array_index (self->items, i);

      if (e->utterance == utterance || (e->kind == AC_ESCALATION_BACKEND && !e->acknowledged))
        return FALSE;
    }

  when = ac_format_duration (ac_utterance_get_end_ms (utterance));
  if (risk >= 0)
    /* Translators: an escalation the contact center's own analysis asked
     * for; %.0f %% is how sure it is */
    raise_escalation (self, AC_ESCALATION_BACKEND, utterance,
                      g_strdup_printf (_("The contact center’s analysis says this call needs attention (%.0f %% sure) at %s: “%s”"),
                                       MIN (risk, 1.0) * 100, when, ac_utterance_get_text (utterance)));
  else
    raise_escalation (self, AC_ESCALATION_BACKEND, utterance,
                      g_strdup_printf (_("The contact center’s analysis says this call needs attention at %s: “%s”"),
                                       when, ac_utterance_get_text (utterance)));
  return TRUE;
}
