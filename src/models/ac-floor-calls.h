/* ac-floor-calls.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define AC_TYPE_FLOOR_CALL (ac_floor_call_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorCall, ac_floor_call, AC, FLOOR_CALL, GObject)

const char   *ac_floor_call_get_id             (AcFloorCall *self);
const char   *ac_floor_call_get_status         (AcFloorCall *self);
const char   *ac_floor_call_get_customer_name  (AcFloorCall *self);
const char   *ac_floor_call_get_agent_id       (AcFloorCall *self);
const char   *ac_floor_call_get_agent_name     (AcFloorCall *self);
const char   *ac_floor_call_get_queue_id       (AcFloorCall *self);
const char   *ac_floor_call_get_queue_name     (AcFloorCall *self);
const char   *ac_floor_call_get_sentiment      (AcFloorCall *self);
double        ac_floor_call_get_risk_score     (AcFloorCall *self);
gboolean      ac_floor_call_get_escalated      (AcFloorCall *self);
gint64        ac_floor_call_get_start_ms       (AcFloorCall *self);
gint64        ac_floor_call_get_queued_ms      (AcFloorCall *self);
const char   *ac_floor_call_get_last_utterance (AcFloorCall *self);
const char   *ac_floor_call_get_last_speaker   (AcFloorCall *self);
const char   *ac_floor_call_get_recording_id   (AcFloorCall *self);
const double *ac_floor_call_get_recent_risk    (AcFloorCall *self,
                                                guint       *n_scores);

#define AC_TYPE_FLOOR_CALLS (ac_floor_calls_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorCalls, ac_floor_calls, AC, FLOOR_CALLS, GObject)

AcFloorCalls *ac_floor_calls_new         (void);
gboolean      ac_floor_calls_apply       (AcFloorCalls *self,
                                          const char   *type,
                                          JsonNode     *data);
gboolean      ac_floor_calls_apply_snapshot (AcFloorCalls *self,
                                             JsonNode     *data,
                                             gint64        asked_us);
AcFloorCall  *ac_floor_calls_lookup      (AcFloorCalls *self,
                                          const char   *id);

G_END_DECLS
