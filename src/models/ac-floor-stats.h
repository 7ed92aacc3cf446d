/* ac-floor-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ac-floor-calls.h"

G_BEGIN_DECLS

#define AC_TYPE_FLOOR_QUEUE (ac_floor_queue_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorQueue, ac_floor_queue, AC, FLOOR_QUEUE, GObject)

const char *ac_floor_queue_get_id               (AcFloorQueue *self);
const char *ac_floor_queue_get_name             (AcFloorQueue *self);
int         ac_floor_queue_get_sla_seconds      (AcFloorQueue *self);
guint       ac_floor_queue_get_waiting          (AcFloorQueue *self);
guint       ac_floor_queue_get_in_progress      (AcFloorQueue *self);
double      ac_floor_queue_get_service_level    (AcFloorQueue *self);
gint64      ac_floor_queue_get_longest_wait_ms  (AcFloorQueue *self,
                                                 gint64        now_ms);
gboolean    ac_floor_queue_is_over_threshold    (AcFloorQueue *self,
                                                 gint64        now_ms);

#define AC_TYPE_FLOOR_STATS (ac_floor_stats_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorStats, ac_floor_stats, AC, FLOOR_STATS, GObject)

AcFloorStats *ac_floor_stats_new                  (void);
gboolean      ac_floor_stats_apply                (AcFloorStats *self,
                                                   const char   *type,
                                                   JsonNode     *data,
                                                   gint64        now_ms);
void          ac_floor_stats_count_calls          (AcFloorStats *self,
                                                   AcFloorCalls *calls);
GListModel   *ac_floor_stats_get_queues           (AcFloorStats *self);
gboolean      ac_floor_stats_has_snapshot         (AcFloorStats *self);
guint         ac_floor_stats_get_active_calls     (AcFloorStats *self);
guint         ac_floor_stats_get_calls_waiting    (AcFloorStats *self);
double        ac_floor_stats_get_average_handle_s (AcFloorStats *self);
double        ac_floor_stats_get_service_level    (AcFloorStats *self);
guint         ac_floor_stats_get_abandoned        (AcFloorStats *self);
guint         ac_floor_stats_get_escalations      (AcFloorStats *self);
double        ac_floor_stats_get_sentiment        (AcFloorStats *self,
                                                   const char  **label);
gint64        ac_floor_stats_get_generated_ms     (AcFloorStats *self);
JsonObject   *ac_floor_stats_get_raw              (AcFloorStats *self);

G_END_DECLS
