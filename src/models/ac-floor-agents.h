/* ac-floor-agents.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define AC_TYPE_FLOOR_AGENT (ac_floor_agent_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorAgent, ac_floor_agent, AC, FLOOR_AGENT, GObject)

const char *ac_floor_agent_get_id             (AcFloorAgent *self);
const char *ac_floor_agent_get_name           (AcFloorAgent *self);
const char *ac_floor_agent_get_email          (AcFloorAgent *self);
const char *ac_floor_agent_get_state          (AcFloorAgent *self);
const char *ac_floor_agent_get_reason         (AcFloorAgent *self);
gint64      ac_floor_agent_get_state_since_ms (AcFloorAgent *self);
const char *ac_floor_agent_get_queues         (AcFloorAgent *self);
guint       ac_floor_agent_get_active_calls   (AcFloorAgent *self);
const char *ac_floor_agent_get_current_call   (AcFloorAgent *self);
guint       ac_floor_agent_get_handled_today  (AcFloorAgent *self);
double      ac_floor_agent_get_average_handle_s (AcFloorAgent *self);
gboolean    ac_floor_agent_is_overdue         (AcFloorAgent *self,
                                               gint64        now_ms,
                                               guint         break_limit_s,
                                               guint         after_call_limit_s);

#define AC_TYPE_FLOOR_AGENTS (ac_floor_agents_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorAgents, ac_floor_agents, AC, FLOOR_AGENTS, GObject)

AcFloorAgents *ac_floor_agents_new    (void);
gboolean       ac_floor_agents_apply  (AcFloorAgents *self,
                                       const char    *type,
                                       JsonNode      *data,
                                       gint64         now_ms);
gboolean       ac_floor_agents_apply_snapshot (AcFloorAgents *self,
                                               JsonNode      *data,
                                               gint64         now_ms,
                                               gint64         asked_us);
AcFloorAgent  *ac_floor_agents_lookup (AcFloorAgents *self,
                                       const char    *id);

G_END_DECLS
