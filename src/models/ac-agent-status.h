/* ac-agent-status.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AcAgentState:
 * @AC_AGENT_STATE_OFFLINE: signed out of the queues; no calls are offered
 * @AC_AGENT_STATE_AVAILABLE: ready for the next call
 * @AC_AGENT_STATE_ON_CALL: talking to a customer
 * @AC_AGENT_STATE_AFTER_CALL_WORK: wrapping up the last call (after-call work)
 * @AC_AGENT_STATE_BREAK: away on a break; no calls are offered
 *
 * The agent's state as a contact center's routing sees it.
 */
typedef enum
{
  AC_AGENT_STATE_OFFLINE,
  AC_AGENT_STATE_AVAILABLE,
  AC_AGENT_STATE_ON_CALL,
  AC_AGENT_STATE_AFTER_CALL_WORK,
  AC_AGENT_STATE_BREAK,
} AcAgentState;

/**
 * AcAgentStatusError:
 * @AC_AGENT_STATUS_ERROR_INVALID_TRANSITION: the state cannot be entered
 *   from the current one
 *
 * Errors of [class@AgentStatus].
 */
typedef enum
{
  AC_AGENT_STATUS_ERROR_INVALID_TRANSITION,
} AcAgentStatusError;

#define AC_AGENT_STATUS_ERROR (ac_agent_status_error_quark ())
GQuark ac_agent_status_error_quark (void);

#define AC_TYPE_AGENT_STATUS (ac_agent_status_get_type ())

G_DECLARE_FINAL_TYPE (AcAgentStatus, ac_agent_status, AC, AGENT_STATUS, GObject)

AcAgentStatus *ac_agent_status_new                 (void);
AcAgentState   ac_agent_status_get_state           (AcAgentStatus  *self);
gboolean       ac_agent_status_set_state           (AcAgentStatus  *self,
                                                    AcAgentState    state,
                                                    GError        **error);
gboolean       ac_agent_status_can_enter           (AcAgentStatus  *self,
                                                    AcAgentState    state);
gint64         ac_agent_status_get_time_in_state   (AcAgentStatus  *self);
gint64         ac_agent_status_get_last_call_duration (AcAgentStatus *self);

const char    *ac_agent_state_to_nick              (AcAgentState    state);
gboolean       ac_agent_state_from_nick            (const char     *nick,
                                                    AcAgentState   *state);
const char    *ac_agent_state_to_label             (AcAgentState    state);

G_END_DECLS
