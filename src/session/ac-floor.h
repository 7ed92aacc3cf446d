/* ac-floor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-client.h"
#include "ac-floor-agents.h"
#include "ac-floor-alerts.h"
#include "ac-floor-calls.h"
#include "ac-floor-stats.h"

G_BEGIN_DECLS

/**
 * AcFloorState:
 * @AC_FLOOR_CONNECTING: opening the channels, nothing known yet
 * @AC_FLOOR_LIVE: every channel open and its snapshot in: what is shown
 *   is what the server says now
 * @AC_FLOOR_RECONNECTING: a channel was lost; what is shown is as of
 *   [property@Floor:as-of]
 * @AC_FLOOR_FORBIDDEN: the server refused the floor to this account (403)
 *
 * How far the supervisor can trust what the floor shows.
 */
typedef enum
{
  AC_FLOOR_CONNECTING,
  AC_FLOOR_LIVE,
  AC_FLOOR_RECONNECTING,
  AC_FLOOR_FORBIDDEN,
} AcFloorState;

#define AC_TYPE_FLOOR (ac_floor_get_type ())

G_DECLARE_FINAL_TYPE (AcFloor, ac_floor, AC, FLOOR, GObject)

AcFloor         *ac_floor_new             (AcBackendClient *client,
                                           const char      *websocket_url);
void             ac_floor_start           (AcFloor         *self);
void             ac_floor_stop            (AcFloor         *self);
AcFloorState     ac_floor_get_state       (AcFloor         *self);
gint64           ac_floor_get_as_of       (AcFloor         *self);
guint            ac_floor_get_n_resyncs   (AcFloor         *self);
AcBackendClient *ac_floor_get_client      (AcFloor         *self);
const char      *ac_floor_get_websocket_url (AcFloor       *self);
AcFloorCalls    *ac_floor_get_calls       (AcFloor         *self);
AcFloorAgents   *ac_floor_get_agents      (AcFloor         *self);
AcFloorAlerts   *ac_floor_get_alerts      (AcFloor         *self);
AcFloorStats    *ac_floor_get_stats       (AcFloor         *self);
void             ac_floor_apply_frame     (AcFloor         *self,
                                           const char      *channel,
                                           const char      *type,
                                           JsonNode        *data,
                                           gint64           seq);
void             ac_floor_set_gap_wait    (AcFloor         *self,
                                           guint            gap_wait_ms,
                                           guint            min_resync_ms);

G_END_DECLS
