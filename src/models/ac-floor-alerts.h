/* ac-floor-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define AC_TYPE_FLOOR_ALERT (ac_floor_alert_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorAlert, ac_floor_alert, AC, FLOOR_ALERT, GObject)

const char *ac_floor_alert_get_id           (AcFloorAlert *self);
const char *ac_floor_alert_get_severity     (AcFloorAlert *self);
const char *ac_floor_alert_get_title        (AcFloorAlert *self);
const char *ac_floor_alert_get_message      (AcFloorAlert *self);
const char *ac_floor_alert_get_call_id      (AcFloorAlert *self);
gint64      ac_floor_alert_get_time_ms      (AcFloorAlert *self);
gboolean    ac_floor_alert_get_acknowledged (AcFloorAlert *self);

#define AC_TYPE_FLOOR_ALERTS (ac_floor_alerts_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorAlerts, ac_floor_alerts, AC, FLOOR_ALERTS, GObject)

AcFloorAlerts *ac_floor_alerts_new            (void);
AcFloorAlert  *ac_floor_alerts_apply          (AcFloorAlerts *self,
                                               const char    *type,
                                               JsonNode      *data,
                                               gint64         now_ms);
AcFloorAlert  *ac_floor_alerts_add_local      (AcFloorAlerts *self,
                                               const char    *id,
                                               const char    *severity,
                                               const char    *title,
                                               const char    *message,
                                               gint64         now_ms);
void           ac_floor_alerts_acknowledge    (AcFloorAlerts *self,
                                               AcFloorAlert  *alert);
guint          ac_floor_alerts_get_n_unacknowledged (AcFloorAlerts *self);
AcFloorAlert  *ac_floor_alerts_lookup         (AcFloorAlerts *self,
                                               const char    *id);

G_END_DECLS
