/* ac-agent-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-agent-status"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-agent-status.h"
#include "ac-enums.h"

/**
 * AcAgentStatus:
 *
 * The agent's state machine: which [enum@AgentState] the agent is in, since
 * when, and which states can follow.
 *
 * The allowed transitions follow how contact-center routing treats an
 * agent: calls are only offered to an available agent, a call always ends
 * in after-call work, and after-call work, breaks and going offline are the
 * agent's choice outside a call:
 *
 * |                  | to Available | On call | After-call work | Break | Offline |
 * |------------------|:---:|:---:|:---:|:---:|:---:|
 * | Offline          | ✓ |   |   | ✓ |   |
 * | Available        |   | ✓ |   | ✓ | ✓ |
 * | On call          |   |   | ✓ |   |   |
 * | After-call work  | ✓ |   |   | ✓ | ✓ |
 * | Break            | ✓ |   |   |   | ✓ |
 *
 * Entering the state the agent is already in is allowed and does nothing.
 */
struct _AcAgentStatus
{
  GObject       parent_instance;

  AcAgentState  state;
  gint64        entered_us;          /* monotonic time the state began */
  gint64        last_call_duration;  /* ms, -1 before the first call */
};

G_DEFINE_FINAL_TYPE (AcAgentStatus, ac_agent_status, G_TYPE_OBJECT)
G_DEFINE_QUARK (ac-agent-status-error-quark, ac_agent_status_error)

enum {
  PROP_0,
  PROP_STATE,
  PROP_LAST_CALL_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows: from; columns: to.  Order of AcAgentState. */
static const gboolean transitions[5][5] = {
  /*                  OFF    AVAIL  CALL   ACW    BREAK */
  /* OFFLINE   */ {  FALSE, TRUE,  FALSE, FALSE, TRUE  },
  /* AVAILABLE */ {  TRUE,  FALSE, TRUE,  FALSE, TRUE  },
  /* ON_CALL   */ {  FALSE, FALSE, FALSE, TRUE,  FALSE },
  /* ACW       */ {  TRUE,  TRUE,  FALSE, FALSE, TRUE  },
  /* BREAK     */ {  TRUE,  TRUE,  FALSE, FALSE, FALSE },
};

static gboolean
state_is_valid (AcAgentState state)
{
  return state >= AC_AGENT_STATE_OFFLINE && state <= AC_AGENT_STATE_BREAK;
}

static void
ac_agent_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AcAgentStatus *self = AC_AGENT_STATUS (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LAST_CALL_DURATION:
      g_value_set_int64 (value, self->last_call_duration);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_agent_status_class_init (AcAgentStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ac_agent_status_get_property;

  /**
   * AcAgentStatus:state:
   *
   * The current state; change it with [method@AgentStatus.set_state].
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       AC_TYPE_AGENT_STATE,
                       AC_AGENT_STATE_AVAILABLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcAgentStatus:last-call-duration:
   *
   * How long the last call lasted (talk time), in milliseconds; -1 before
   * the first call.
   */
  properties[PROP_LAST_CALL_DURATION] =
    g_param_spec_int64 ("last-call-duration", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_agent_status_init (AcAgentStatus *self)
{
  self->state = AC_AGENT_STATE_AVAILABLE;
  self->entered_us = g_get_monotonic_time ();
  self->last_call_duration = -1;
}

/**
 * ac_agent_status_new:
 *
 * Creates a state machine in %AC_AGENT_STATE_AVAILABLE: the embedded
 * default has no routing to sign in to, so an agent who opens the app is
 * ready to take a call.
 *
 * Returns: (transfer full): a new #AcAgentStatus
 */
AcAgentStatus *
ac_agent_status_new (void)
{
  return g_object_new (AC_TYPE_AGENT_STATUS, NULL);
}

/**
 * ac_agent_status_get_state:
 * @self: a #AcAgentStatus
 *
 * Returns: the current state
 */
AcAgentState
ac_agent_status_get_state (AcAgentStatus *self)
{
  g_return_val_if_fail (AC_IS_AGENT_STATUS (self), AC_AGENT_STATE_OFFLINE);

  return self->state;
}

/**
 * ac_agent_status_can_enter:
 * @self: a #AcAgentStatus
 * @state: the state to enter
 *
 * Whether @state may follow the current state (see the table in
 * [class@AgentStatus]); the current state itself always may.
 *
 * Returns: %TRUE if [method@AgentStatus.set_state] would succeed
 */
gboolean
ac_agent_status_can_enter (AcAgentStatus *self,
                           AcAgentState   state)
{
  g_return_val_if_fail (AC_IS_AGENT_STATUS (self), FALSE);

  if (!state_is_valid (state))
    return FALSE;

  return state == self->state || transitions[self->state][state];
}

/**
 * ac_agent_status_set_state:
 * @self: a #AcAgentStatus
 * @state: the state to enter
 * @error: return location for an error
 *
 * Moves the agent to @state and restarts the time in state.  Leaving
 * %AC_AGENT_STATE_ON_CALL records [property@AgentStatus:last-call-duration].
 * Entering the current state again changes nothing.
 *
 * Returns: %TRUE on success; %FALSE with %AC_AGENT_STATUS_ERROR_INVALID_TRANSITION
 *   if @state cannot follow the current state, which is then unchanged
 */
gboolean
ac_agent_status_set_state (AcAgentStatus  *self,
                           AcAgentState    state,
                           GError        **error)
{
  gint64 now;

  g_return_val_if_fail (AC_IS_AGENT_STATUS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ac_agent_status_can_enter (self, state))
    {
      g_set_error (error,
                   AC_AGENT_STATUS_ERROR,
                   AC_AGENT_STATUS_ERROR_INVALID_TRANSITION,
                   /* Translators: e.g. “Can’t change from On call to Break” */
                   _("Can’t change from %s to %s"),
                   ac_agent_state_to_label (self->state),
                   state_is_valid (state) ? ac_agent_state_to_label (state) : "?");
      return FALSE;
    }

  if (state == self->state)
    return TRUE;

  now = g_get_monotonic_time ();

  if (self->state == AC_AGENT_STATE_ON_CALL)
    {
      self->last_call_duration = (now - self->entered_us) / 1000;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CALL_DURATION]);
    }

  g_debug ("%s → %s",
           ac_agent_state_to_nick (self->state),
           ac_agent_state_to_nick (state));

  self->state = state;
  self->entered_us = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  return TRUE;
}

/**
 * ac_agent_status_get_time_in_state:
 * @self: a #AcAgentStatus
 *
 * How long the agent has been in the current state, from the monotonic
 * clock (so changing the wall clock does not disturb it).  In
 * %AC_AGENT_STATE_ON_CALL this is the call's talk time.
 *
 * Returns: the time in the current state, in milliseconds
 */
gint64
ac_agent_status_get_time_in_state (AcAgentStatus *self)
{
  g_return_val_if_fail (AC_IS_AGENT_STATUS (self), 0);

  return (g_get_monotonic_time () - self->entered_us) / 1000;
}

/**
 * ac_agent_status_get_last_call_duration:
 * @self: a #AcAgentStatus
 *
 * Returns: the talk time of the last call in milliseconds, or -1 if the
 *   agent has not had a call yet
 */
gint64
ac_agent_status_get_last_call_duration (AcAgentStatus *self)
{
  g_return_val_if_fail (AC_IS_AGENT_STATUS (self), -1);

  return self->last_call_duration;
}

/**
 * ac_agent_state_to_nick:
 * @state: an #AcAgentState
 *
 * The stable identifier of @state, as used in actions and settings:
 * `offline`, `available`, `on-call`, `after-call-work` or `break`.
 *
 * Returns: (transfer none): the nick, or %NULL for an invalid value
 */
const char *
ac_agent_state_to_nick (AcAgentState state)
{
  GEnumClass *klass = g_type_class_ref (AC_TYPE_AGENT_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  g_type_class_unref (klass);

  return value ? value->value_nick : NULL;
}

/**
 * ac_agent_state_from_nick:
 * @nick: a nick as returned by ac_agent_state_to_nick()
 * @state: (out): return location for the state
 *
 * Returns: %TRUE if @nick names a state
 */
gboolean
ac_agent_state_from_nick (const char   *nick,
                          AcAgentState *state)
{
  GEnumClass *klass;
  GEnumValue *value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (AC_TYPE_AGENT_STATE);
  value = g_enum_get_value_by_nick (klass, nick);
  g_type_class_unref (klass);

  if (value == NULL)
    return FALSE;

  *state = value->value;
  return TRUE;
}

/**
 * ac_agent_state_to_label:
 * @state: an #AcAgentState
 *
 * Returns: (transfer none): the translated name of @state for display
 */
const char *
ac_agent_state_to_label (AcAgentState state)
{
  switch (state)
    {
    case AC_AGENT_STATE_OFFLINE:
      return _("Offline");
    case AC_AGENT_STATE_AVAILABLE:
      return _("Available");
    case AC_AGENT_STATE_ON_CALL:
      return _("On Call");
    case AC_AGENT_STATE_AFTER_CALL_WORK:
      return _("After-Call Work");
    case AC_AGENT_STATE_BREAK:
      return _("Break");
    default:
      g_return_val_if_reached ("?");
    }
}
