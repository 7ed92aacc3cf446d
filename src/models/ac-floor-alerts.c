/* ac-floor-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-floor"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-floor-alerts.h"
#include "ac-json.h"

/**
 * AcFloorAlerts:
 *
 * What needs a supervisor's eye, newest first: the notifications
 * channel's `escalation_alert`s (and those in its
 * `notifications_snapshot`), and alerts the app raises itself (a queue
 * over its service-level threshold).  Each is acknowledged by the
 * supervisor; an alert already known (by id) is not added twice.  At most
 * [const@FLOOR_ALERTS_KEPT] are kept.
 */

#define FLOOR_ALERTS_KEPT 200

struct _AcFloorAlert
{
  GObject  parent_instance;

  char    *id;
  char    *severity;
  char    *title;
  char    *message;
  char    *call_id;
  gint64   time_ms;
  gboolean acknowledged;
};

G_DEFINE_FINAL_TYPE (AcFloorAlert, ac_floor_alert, G_TYPE_OBJECT)

struct _AcFloorAlerts
{
  GObject     parent_instance;

  GListStore *alerts;       /* AcFloorAlert, newest first */
  GHashTable *by_id;        /* id → AcFloorAlert, not owned */
  guint       n_unacknowledged;
};

static void ac_floor_alerts_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcFloorAlerts, ac_floor_alerts, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ac_floor_alerts_list_model_init))

enum {
  PROP_0,
  PROP_N_UNACKNOWLEDGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ac_floor_alert_finalize (GObject *object)
{
  AcFloorAlert *self = AC_FLOOR_ALERT (object);

  g_free (self->id);
  g_free (self->severity);
  g_free (self->title);
  g_free (self->message);
  g_free (self->call_id);

  G_OBJECT_CLASS (ac_floor_alert_parent_class)->finalize (object);
}

static void
ac_floor_alert_class_init (AcFloorAlertClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_floor_alert_finalize;

  /**
   * AcFloorAlert::changed:
   * @self: the alert
   *
   * It was acknowledged.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ac_floor_alert_init (AcFloorAlert *self)
{
}

static GType
ac_floor_alerts_get_item_type (GListModel *model)
{
  return AC_TYPE_FLOOR_ALERT;
}

static guint
ac_floor_alerts_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (AC_FLOOR_ALERTS (model)->alerts));
}

static gpointer
ac_floor_alerts_get_item (GListModel *model,
                          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (AC_FLOOR_ALERTS (model)->alerts), position);
}

static void
ac_floor_alerts_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ac_floor_alerts_get_item_type;
  iface->get_n_items = ac_floor_alerts_get_n_items;
  iface->get_item = ac_floor_alerts_get_item;
}

static void
ac_floor_alerts_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AcFloorAlerts *self = AC_FLOOR_ALERTS (object);

  switch (prop_id)
    {
    case PROP_N_UNACKNOWLEDGED:
      g_value_set_uint (value, self->n_unacknowledged);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_floor_alerts_finalize (GObject *object)
{
  AcFloorAlerts *self = AC_FLOOR_ALERTS (object);

  g_hash_table_unref (self->by_id);
  g_object_unref (self->alerts);

  G_OBJECT_CLASS (ac_floor_alerts_parent_class)->finalize (object);
}

static void
ac_floor_alerts_class_init (AcFloorAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ac_floor_alerts_get_property;
  object_class->finalize = ac_floor_alerts_finalize;

  /**
   * AcFloorAlerts:n-unacknowledged:
   *
   * Alerts no supervisor has acknowledged yet.
   */
  properties[PROP_N_UNACKNOWLEDGED] =
    g_param_spec_uint ("n-unacknowledged", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
on_store_changed (AcFloorAlerts *self,
                  guint          position,
                  guint          removed,
                  guint          added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
ac_floor_alerts_init (AcFloorAlerts *self)
{
  self->alerts = g_list_store_new (AC_TYPE_FLOOR_ALERT);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect_swapped (self->alerts, "items-changed", G_CALLBACK (on_store_changed), self);
}

/**
 * ac_floor_alerts_new:
 *
 * Returns: (transfer full): no alerts
 */
AcFloorAlerts *
ac_floor_alerts_new (void)
{
  return g_object_new (AC_TYPE_FLOOR_ALERTS, NULL);
}

static void
set_unacknowledged (AcFloorAlerts *self,
                    guint          n)
{
  if (self->n_unacknowledged == n)
    return;
  self->n_unacknowledged = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNACKNOWLEDGED]);
}

/* Newest first, by time; the oldest beyond the limit go. */
static AcFloorAlert *
insert (AcFloorAlerts *self,
        AcFloorAlert  *alert)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->alerts));
  guint position = 0;

  while (position < n)
    {
      g_autoptr(AcFloorAlert) other = g_list_model_get_item (G_LIST_MODEL (self->alerts), position);

      if (other->time_ms <= alert->time_ms)
        break;
      position++;
    }
  g_hash_table_insert (self->by_id, alert->id, alert);
  g_list_store_insert (self->alerts, position, alert);
  set_unacknowledged (self, self->n_unacknowledged + 1);
  while (g_list_model_get_n_items (G_LIST_MODEL (self->alerts)) > FLOOR_ALERTS_KEPT)
    {
      guint last = g_list_model_get_n_items (G_LIST_MODEL (self->alerts)) - 1;
      g_autoptr(AcFloorAlert) old = g_list_model_get_item (G_LIST_MODEL (self->alerts), last);

      g_hash_table_remove (self->by_id, old->id);
      if (!old->acknowledged)
        set_unacknowledged (self, self->n_unacknowledged - 1);
      g_list_store_remove (self->alerts, last);
    }
  return g_hash_table_lookup (self->by_id, alert->id);
}

static AcFloorAlert *
read_alert (AcFloorAlerts *self,
            JsonObject    *object,
            gint64         now_ms)
{
  g_autoptr(AcFloorAlert) alert = NULL;
  g_autofree char *owned = NULL;
  const char *id = ac_json_member_text (object, "id", &owned);
  g_autofree char *call_owned = NULL;
  const char *call_id = ac_json_member_text (object, "callId", &call_owned);
  g_autofree char *made_up = NULL;
  JsonNode *node;
  gint64 when;

  if (id == NULL || id[0] == '\0')
    {
      /* No id: one per call and message, so a repeat is still one alert. */
      g_autofree char *message_owned = NULL;
      const char *message_id = ac_json_member_text (object, "messageId", &message_owned);

      if (call_id == NULL)
        return NULL;
      id = made_up = g_strdup_printf ("%s/%s", call_id, message_id != NULL ? message_id : "");
    }
  if (g_hash_table_contains (self->by_id, id))
    return NULL;

  alert = g_object_new (AC_TYPE_FLOOR_ALERT, NULL);
  alert->id = g_strdup (id);
  alert->call_id = g_strdup (call_id);
  node = json_object_get_member (object, "severity");
  alert->severity = g_ascii_strdown (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                                     json_node_get_value_type (node) == G_TYPE_STRING
                                     ? json_node_get_string (node) : "high", -1);
  {
    g_autofree char *title_owned = NULL;
    g_autofree char *message_owned = NULL;
    g_autofree char *content_owned = NULL;
    const char *title = ac_json_member_text (object, "title", &title_owned);
    const char *message = ac_json_member_text (object, "message", &message_owned);
    const char *content = ac_json_member_text (object, "content", &content_owned);

    alert->title = g_strdup (title != NULL ? title : _("Escalation"));
    alert->message = g_strdup (message != NULL ? message : content);
  }
  when = ac_json_member_time_ms (object, "timestamp");
  alert->time_ms = when >= 0 ? when : now_ms;
  return insert (self, alert);
}

/**
 * ac_floor_alerts_apply:
 * @self: a #AcFloorAlerts
 * @type: a notifications frame's `type`
 * @data: (nullable): its `data`
 * @now_ms: when it arrived, Unix ms (the alert's time when it has none)
 *
 * Reads `escalation_alert` and the escalations of a
 * `notifications_snapshot` (those with `type` `escalation_alert` or
 * `category` `ESCALATION`); other notifications are not alerts here.
 *
 * Returns: (transfer none) (nullable): the newest alert it added, if any
 */
AcFloorAlert *
ac_floor_alerts_apply (AcFloorAlerts *self,
                       const char    *type,
                       JsonNode      *data,
                       gint64         now_ms)
{
  JsonObject *object;

  g_return_val_if_fail (AC_IS_FLOOR_ALERTS (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return NULL;
  object = json_node_get_object (data);

  if (g_str_equal (type, "escalation_alert"))
    return read_alert (self, object, now_ms);

  if (g_str_equal (type, "notifications_snapshot"))
    {
      JsonArray *list = ac_json_member_array (object, "notifications");
      AcFloorAlert *newest = NULL;

      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          JsonObject *row = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          g_autofree char *type_owned = NULL;
          g_autofree char *category_owned = NULL;
          const char *row_type = ac_json_member_text (row, "type", &type_owned);
          const char *category = ac_json_member_text (row, "category", &category_owned);
          AcFloorAlert *added;

          if (g_strcmp0 (row_type, "escalation_alert") != 0 && g_strcmp0 (category, "ESCALATION") != 0)
            continue;
          added = read_alert (self, row, now_ms);
          if (added != NULL && (newest == NULL || added->time_ms >= newest->time_ms))
            newest = added;
        }
      return newest;
    }

  return NULL;
}

/**
 * ac_floor_alerts_add_local:
 * @self: a #AcFloorAlerts
 * @id: an id for it, unique among alerts (`sla:QUEUE:TIME`)
 * @severity: `info`, `high` or `critical`
 * @title: what it is about, translated
 * @message: (nullable): more, translated
 * @now_ms: its time, Unix ms
 *
 * An alert the app raises itself, such as a queue over its service-level
 * threshold.
 *
 * Returns: (transfer none) (nullable): the alert, or %NULL when one with
 *   @id is already there
 */
AcFloorAlert *
ac_floor_alerts_add_local (AcFloorAlerts *self,
                           const char    *id,
                           const char    *severity,
                           const char    *title,
                           const char    *message,
                           gint64         now_ms)
{
  g_autoptr(AcFloorAlert) alert = NULL;

  g_return_val_if_fail (AC_IS_FLOOR_ALERTS (self), NULL);
  g_return_val_if_fail (id != NULL && severity != NULL && title != NULL, NULL);

  if (g_hash_table_contains (self->by_id, id))
    return NULL;
  alert = g_object_new (AC_TYPE_FLOOR_ALERT, NULL);
  alert->id = g_strdup (id);
  alert->severity = g_strdup (severity);
  alert->title = g_strdup (title);
  alert->message = g_strdup (message);
  alert->time_ms = now_ms;
  return insert (self, alert);
}

/**
 * ac_floor_alerts_acknowledge:
 * @self: a #AcFloorAlerts
 * @alert: one of its alerts
 *
 * The supervisor saw it: it stays in the list, marked.
 */
void
ac_floor_alerts_acknowledge (AcFloorAlerts *self,
                             AcFloorAlert  *alert)
{
  guint position;

  g_return_if_fail (AC_IS_FLOOR_ALERTS (self));
  g_return_if_fail (AC_IS_FLOOR_ALERT (alert));

  if (alert->acknowledged || !g_list_store_find (self->alerts, alert, &position))
    return;
  alert->acknowledged = TRUE;
  g_signal_emit (alert, signals[CHANGED], 0);
  g_list_model_items_changed (G_LIST_MODEL (self->alerts), position, 1, 1);
  set_unacknowledged (self, self->n_unacknowledged - 1);
}

/**
 * ac_floor_alerts_get_n_unacknowledged:
 * @self: a #AcFloorAlerts
 *
 * Returns: alerts not acknowledged yet
 */
guint
ac_floor_alerts_get_n_unacknowledged (AcFloorAlerts *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERTS (self), 0);
  return self->n_unacknowledged;
}

/**
 * ac_floor_alerts_lookup:
 * @self: a #AcFloorAlerts
 * @id: an alert's id
 *
 * Returns: (transfer none) (nullable): the alert
 */
AcFloorAlert *
ac_floor_alerts_lookup (AcFloorAlerts *self,
                        const char    *id)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERTS (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * ac_floor_alert_get_id:
 * @self: a #AcFloorAlert
 *
 * Returns: its id
 */
const char *
ac_floor_alert_get_id (AcFloorAlert *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERT (self), NULL);
  return self->id;
}

/**
 * ac_floor_alert_get_severity:
 * @self: a #AcFloorAlert
 *
 * Returns: `info`, `high`, `critical` (lower case), or what the server said
 */
const char *
ac_floor_alert_get_severity (AcFloorAlert *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERT (self), NULL);
  return self->severity;
}

/**
 * ac_floor_alert_get_title:
 * @self: a #AcFloorAlert
 *
 * Returns: its title
 */
const char *
ac_floor_alert_get_title (AcFloorAlert *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERT (self), NULL);
  return self->title;
}

/**
 * ac_floor_alert_get_message:
 * @self: a #AcFloorAlert
 *
 * Returns: (nullable): what it says (an escalation's message or the
 *   customer's words)
 */
const char *
ac_floor_alert_get_message (AcFloorAlert *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERT (self), NULL);
  return self->message;
}

/**
 * ac_floor_alert_get_call_id:
 * @self: a #AcFloorAlert
 *
 * Returns: (nullable): the call it is about
 */
const char *
ac_floor_alert_get_call_id (AcFloorAlert *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERT (self), NULL);
  return self->call_id;
}

/**
 * ac_floor_alert_get_time_ms:
 * @self: a #AcFloorAlert
 *
 * Returns: when it was raised, Unix ms
 */
gint64
ac_floor_alert_get_time_ms (AcFloorAlert *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERT (self), 0);
  return self->time_ms;
}

/**
 * ac_floor_alert_get_acknowledged:
 * @self: a #AcFloorAlert
 *
 * Returns: whether a supervisor acknowledged it
 */
gboolean
ac_floor_alert_get_acknowledged (AcFloorAlert *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_ALERT (self), FALSE);
  return self->acknowledged;
}
