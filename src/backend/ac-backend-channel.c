/* ac-backend-channel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <libsoup/soup.h>

#include "ac-backend-channel.h"
#include "ac-json.h"

/**
 * AcBackendChannel:
 *
 * One of the voice platform's event channels (`contracts/voice-platform.md`:
 * `/ws/dashboard`, `/ws/calls`, `/ws/notifications`), at
 * `<websocket-url>/ws/<name>?token=<access token>` with the tenant in
 * `X-Tenant-ID`.  Every frame is `{type, data, timestamp, seq}`; the first
 * is a snapshot.  Each frame that is a JSON object with a type and data
 * comes out as [signal@BackendChannel::frame]; anything else (not JSON,
 * no type, 1 MB) is dropped with a warning.  Frames with a `seq` at or
 * below the last one seen are repeats and are dropped; snapshots carry no
 * `seq`.  A closed or refused socket is opened again after 1, 2, 4… up to
 * 30 s; the socket is kept alive with WebSocket pings.
 */

#define MAX_FRAME (1024 * 1024)
#define MAX_BACKOFF_S 30
#define KEEPALIVE_S 20

struct _AcBackendChannel
{
  GObject                  parent_instance;

  AcBackendClient         *client;
  char                    *websocket_url;
  char                    *name;
  SoupWebsocketConnection *ws;
  GCancellable            *cancellable;
  gboolean                 wanted;
  guint                    attempt;
  guint                    retry_source;
  gint64                   last_seq;
  guint                    refused;   /* the handshake's HTTP status, if refused */
  SoupMessage             *handshake;
};

G_DEFINE_FINAL_TYPE (AcBackendChannel, ac_backend_channel, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  PROP_REFUSED,
  N_PROPS
};

enum {
  FRAME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void open_socket (AcBackendChannel *self);

static gboolean
on_retry (gpointer user_data)
{
  AcBackendChannel *self = user_data;

  self->retry_source = 0;
  open_socket (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (AcBackendChannel *self)
{
  guint wait_s;

  if (!self->wanted || self->retry_source != 0)
    return;
  wait_s = MIN (1u << MIN (self->attempt, 5), MAX_BACKOFF_S);
  self->attempt++;
  self->retry_source = g_timeout_add_seconds (wait_s, on_retry, self);
}

static void
on_message (SoupWebsocketConnection *ws,
            int                      kind,
            GBytes                  *message,
            AcBackendChannel        *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *bytes = g_bytes_get_data (message, &size);
  JsonObject *frame;
  JsonNode *data;
  const char *type;
  gint64 seq = -1;

  if (kind != SOUP_WEBSOCKET_DATA_TEXT || size == 0 || size > MAX_FRAME ||
      !ac_json_parser_load (parser, bytes, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_warning ("Dropped a frame from /ws/%s that is not a JSON object (%" G_GSIZE_FORMAT " bytes)", self->name,
                 size);
      return;
    }

  frame = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (frame, "type", NULL);
  data = json_object_get_member (frame, "data");
  if (type == NULL || g_str_equal (type, "pong"))
    return;
  if (data == NULL)
    {
      g_warning ("Dropped a “%s” frame from /ws/%s without data", type, self->name);
      return;
    }

  /* seq as a number, or as a string of digits */
  if (json_object_has_member (frame, "seq"))
    {
      JsonNode *node = json_object_get_member (frame, "seq");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        seq = json_node_get_int (node);
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        seq = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
    }
  /* A snapshot starts over: after it, a server that restarted counts
   * from 1 again. */
  if (g_str_has_suffix (type, "_snapshot"))
    self->last_seq = -1;
  if (seq >= 0 && seq <= self->last_seq)
    return;
  if (seq >= 0)
    self->last_seq = seq;

  g_signal_emit (self, signals[FRAME], 0, type, data, seq);
}

static void
on_closed (SoupWebsocketConnection *ws,
           AcBackendChannel        *self)
{
  g_debug ("/ws/%s closed (code %u)", self->name, soup_websocket_connection_get_close_code (ws));
  g_signal_handlers_disconnect_by_data (ws, self);
  g_clear_object (&self->ws);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  schedule_retry (self);
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AcBackendChannel *self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (ws == NULL)
    {
      guint status;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      status = self->handshake != NULL ? soup_message_get_status (self->handshake) : 0;
      g_clear_object (&self->handshake);
      g_debug ("/ws/%s could not be opened (HTTP %u): %s", self->name, status, error->message);
      /* Refused (403 for an agent on /ws/dashboard, 400 for a bad tenant):
       * said, and tried again only at the longest interval. */
      if (status >= 400 && status < 500 && status != 408 && status != 429)
        {
          if (self->refused != status)
            {
              self->refused = status;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
            }
          self->attempt = MAX (self->attempt, 5);
        }
      schedule_retry (self);
      return;
    }

  g_clear_object (&self->handshake);
  if (self->refused != 0)
    {
      self->refused = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
    }
  self->ws = ws;
  self->attempt = 0;
  soup_websocket_connection_set_max_incoming_payload_size (ws, MAX_FRAME + 1);
  soup_websocket_connection_set_keepalive_interval (ws, KEEPALIVE_S);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
open_socket (AcBackendChannel *self)
{
  g_autoptr(AcBackendTokens) tokens = ac_backend_client_dup_tokens (self->client);
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;
  const char *tenant = ac_backend_client_get_tenant_id (self->client);

  if (!self->wanted || self->ws != NULL)
    return;
  if (tokens == NULL || tokens->access_token == NULL)
    {
      schedule_retry (self);
      return;
    }
  token = g_uri_escape_string (tokens->access_token, NULL, FALSE);
  if (tenant != NULL)
    {
      /* both ways the contract allows: a proxy may drop the header */
      g_autofree char *escaped = g_uri_escape_string (tenant, NULL, FALSE);

      url = g_strdup_printf ("%s%sws/%s?token=%s&tenantId=%s", self->websocket_url,
                             g_str_has_suffix (self->websocket_url, "/") ? "" : "/", self->name, token, escaped);
    }
  else
    url = g_strdup_printf ("%s%sws/%s?token=%s", self->websocket_url,
                           g_str_has_suffix (self->websocket_url, "/") ? "" : "/", self->name, token);
  message = soup_message_new ("GET", url);
  if (message == NULL)
    {
      /* Never log the address: it holds the token. */
      g_warning ("The address of /ws/%s is not valid", self->name);
      return;
    }
  if (tenant != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Tenant-ID", tenant);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->handshake, message);
  soup_session_websocket_connect_async (ac_backend_client_get_session (self->client), message, NULL, NULL,
                                        G_PRIORITY_DEFAULT, self->cancellable, on_connected, self);
}

static void
ac_backend_channel_dispose (GObject *object)
{
  AcBackendChannel *self = AC_BACKEND_CHANNEL (object);

  ac_backend_channel_stop (self);
  g_clear_object (&self->client);
  g_clear_object (&self->handshake);

  G_OBJECT_CLASS (ac_backend_channel_parent_class)->dispose (object);
}

static void
ac_backend_channel_finalize (GObject *object)
{
  AcBackendChannel *self = AC_BACKEND_CHANNEL (object);

  g_free (self->websocket_url);
  g_free (self->name);

  G_OBJECT_CLASS (ac_backend_channel_parent_class)->finalize (object);
}

static void
ac_backend_channel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AcBackendChannel *self = AC_BACKEND_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, ac_backend_channel_get_connected (self));
      break;

    case PROP_REFUSED:
      g_value_set_uint (value, self->refused);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_backend_channel_class_init (AcBackendChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_backend_channel_dispose;
  object_class->finalize = ac_backend_channel_finalize;
  object_class->get_property = ac_backend_channel_get_property;

  /**
   * AcBackendChannel:connected:
   *
   * Whether the socket is open.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcBackendChannel:refused:
   *
   * The HTTP status with which the server last refused the handshake
   * (401 bad token, 403 not allowed, 400 bad tenant, 404 no such
   * channel), or 0.
   */
  properties[PROP_REFUSED] =
    g_param_spec_uint ("refused", NULL, NULL, 0, 999, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcBackendChannel::frame:
   * @self: the channel
   * @type: the frame's `type`, such as `agent_state_changed`
   * @data: (transfer none): its `data`
   * @seq: its `seq`, or -1 (snapshots and deltas have none)
   *
   * A frame arrived, not a repeat.
   */
  signals[FRAME] =
    g_signal_new ("frame",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, JSON_TYPE_NODE, G_TYPE_INT64);
}

static void
ac_backend_channel_init (AcBackendChannel *self)
{
  self->last_seq = -1;
}

/**
 * ac_backend_channel_new:
 * @client: the signed-in client (its tokens, session and tenant)
 * @websocket_url: the backend's WebSocket address, such as `wss://host/`
 * @name: `dashboard`, `calls` or `notifications`
 *
 * Returns: (transfer full): a channel, not yet open
 */
AcBackendChannel *
ac_backend_channel_new (AcBackendClient *client,
                        const char      *websocket_url,
                        const char      *name)
{
  AcBackendChannel *self;

  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (client), NULL);
  g_return_val_if_fail (websocket_url != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (AC_TYPE_BACKEND_CHANNEL, NULL);
  self->client = g_object_ref (client);
  self->websocket_url = g_strdup (websocket_url);
  self->name = g_strdup (name);
  return self;
}

/**
 * ac_backend_channel_start:
 * @self: a #AcBackendChannel
 *
 * Opens the socket, and keeps it open until ac_backend_channel_stop().
 */
void
ac_backend_channel_start (AcBackendChannel *self)
{
  g_return_if_fail (AC_IS_BACKEND_CHANNEL (self));

  self->wanted = TRUE;
  open_socket (self);
}

/**
 * ac_backend_channel_stop:
 * @self: a #AcBackendChannel
 *
 * Closes the socket and stops opening it again.
 */
void
ac_backend_channel_stop (AcBackendChannel *self)
{
  g_return_if_fail (AC_IS_BACKEND_CHANNEL (self));

  self->wanted = FALSE;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ws, self);
      if (soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->ws);
    }
}

/**
 * ac_backend_channel_get_connected:
 * @self: a #AcBackendChannel
 *
 * Returns: whether the socket is open
 */
gboolean
ac_backend_channel_get_connected (AcBackendChannel *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CHANNEL (self), FALSE);

  return self->ws != NULL;
}

/**
 * ac_backend_channel_get_last_seq:
 * @self: a #AcBackendChannel
 *
 * Returns: the highest `seq` seen, or -1
 */
gint64
ac_backend_channel_get_last_seq (AcBackendChannel *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CHANNEL (self), -1);

  return self->last_seq;
}

/**
 * ac_backend_channel_get_refused:
 * @self: a #AcBackendChannel
 *
 * Returns: see [property@BackendChannel:refused]
 */
guint
ac_backend_channel_get_refused (AcBackendChannel *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_CHANNEL (self), 0);

  return self->refused;
}

/**
 * ac_backend_channel_reconnect:
 * @self: a #AcBackendChannel
 *
 * Closes the socket and opens it again at once, for a fresh snapshot (the
 * first frame of every socket).
 */
void
ac_backend_channel_reconnect (AcBackendChannel *self)
{
  g_return_if_fail (AC_IS_BACKEND_CHANNEL (self));

  ac_backend_channel_stop (self);
  self->attempt = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  ac_backend_channel_start (self);
}
