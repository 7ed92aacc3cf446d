/* ac-backend-room.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ac-backend-room-private.h"
#include "ac-backend-wire.h"
#include "ac-backend-enums.h"
#include "ac-json.h"

/**
 * AcBackendRoom:
 *
 * A conversation's live room on the backend: the WebSocket
 * `<websocket-url>/conversations/<id>?token=<access token>` of the
 * contract (sections 4.1 and 7.1).
 *
 * The app sends `join_conversation` on entering, each final utterance as
 * `send_message` (`content`, `speaker` and a `clientMessageId` the app
 * made up, which servers may ignore) and throttled `voice_activity`; it
 * reads `message_received`, `sentiment_update`, `agent_joined`,
 * `voice_activity` and `error`.
 *
 * A message counts as delivered only when the server echoes it back in a
 * `message_received` (matched by `clientMessageId`, or by speaker and
 * content when the server does not echo the id).  Until then it is kept,
 * and sent again, in order, whenever the room is joined again.
 *
 * The connection is watched: libsoup 3.2 pings but does not notice a peer
 * that stopped answering, so the room counts anything heard (a frame, a
 * pong) and gives up on a silent connection after the heartbeat timeout.
 * A lost connection is tried again after an exponential backoff with
 * full jitter (a random wait between 0 and base × 2ⁿ, at most the
 * maximum); a token that expires within a minute, or that the server
 * refused (HTTP 401 or close code 1008), is refreshed first.
 *
 * Frames over the size limit, and frames that are not JSON objects, are
 * dropped with a warning; the room stays open.  Nothing a server sends
 * reaches the app except through the typed signals.
 */

#define DEFAULT_HEARTBEAT_INTERVAL_MS 15000
#define DEFAULT_HEARTBEAT_TIMEOUT_MS  45000
#define DEFAULT_BACKOFF_BASE_MS       500
#define DEFAULT_BACKOFF_MAX_MS        30000
#define DEFAULT_MAX_FRAME             (256 * 1024)
/* Beyond this libsoup closes the connection itself (and the room opens a
 * new one); between the two the frame is read and dropped. */
#define TRANSPORT_MAX_FRAME           (8 * 1024 * 1024)
/* Voice activity: a change of isActive goes out at once, a new level at
 * most this often per speaker. */
#define VOICE_ACTIVITY_INTERVAL_US    (250 * 1000)
/* Refresh a token that expires sooner than this before using it. */
#define TOKEN_MARGIN_S                60

typedef struct
{
  char     *client_id;
  char     *speaker;
  char     *content;
  gboolean  sent;          /* on the current connection */
} Pending;

typedef struct
{
  gint64   sent_at;        /* monotonic µs */
  gboolean is_active;
} VoiceState;

struct _AcBackendRoom
{
  GObject                  parent_instance;

  AcBackendClient         *client;
  char                    *websocket_url;
  char                    *conversation_id;
  char                    *agent_id;

  AcBackendRoomState       state;
  gboolean                 wanted;
  GCancellable            *cancellable;
  SoupWebsocketConnection *ws;
  guint                    attempt;        /* failures in a row */
  gboolean                 needs_refresh;
  guint                    retry_source;
  gint64                   retry_at;       /* real time, µs */
  guint                    heartbeat_source;
  guint                    teardown_source;
  gint64                   last_heard;     /* monotonic µs */

  guint                    heartbeat_interval_ms;
  guint                    heartbeat_timeout_ms;
  guint                    backoff_base_ms;
  guint                    backoff_max_ms;
  gsize                    max_frame;

  GQueue                   pending;        /* Pending, oldest first */
  GHashTable              *seen;           /* server message ids already handled */
  GHashTable              *own;            /* server id → client id, of the app's messages */
  GHashTable              *voice;          /* speaker → VoiceState */
};

G_DEFINE_FINAL_TYPE (AcBackendRoom, ac_backend_room, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_RETRY_AT,
  PROP_N_UNCONFIRMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MESSAGE_CONFIRMED,
  MESSAGE_RECEIVED,
  SENTIMENT_UPDATE,
  AGENT_JOINED,
  VOICE_ACTIVITY,
  SERVER_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void connect_now (AcBackendRoom *self);

static void
pending_free (Pending *pending)
{
  g_free (pending->client_id);
  g_free (pending->speaker);
  g_free (pending->content);
  g_free (pending);
}

static void
set_state (AcBackendRoom      *self,
           AcBackendRoomState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
drop_connection (AcBackendRoom *self,
                 gboolean       politely)
{
  g_clear_handle_id (&self->heartbeat_source, g_source_remove);
  g_clear_handle_id (&self->teardown_source, g_source_remove);
  if (self->ws == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->ws, self);
  if (politely && soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  else
    g_io_stream_close (soup_websocket_connection_get_io_stream (self->ws), NULL, NULL);
  g_clear_object (&self->ws);

  for (GList *l = self->pending.head; l != NULL; l = l->next)
    ((Pending *) l->data)->sent = FALSE;
}

static gboolean
on_retry (gpointer user_data)
{
  AcBackendRoom *self = user_data;

  self->retry_source = 0;
  connect_now (self);
  return G_SOURCE_REMOVE;
}

/**
 * ac_backoff_delay_ms:
 * @base_ms: the ceiling of the first wait, in ms
 * @max_ms: the largest ceiling, in ms (below %G_MAXINT32)
 * @attempt: failures so far, from 0
 *
 * Exponential backoff with full jitter (the AWS Architecture Blog's
 * “Exponential Backoff and Jitter”, 2015): a random wait in
 * [0, min(@max_ms, @base_ms × 2^@attempt)], so that many clients cut off
 * at once do not all come back at once.
 *
 * Returns: the wait, in ms
 */
guint
ac_backoff_delay_ms (guint base_ms,
                     guint max_ms,
                     guint attempt)
{
  guint64 ceiling = base_ms;

  for (guint i = 0; i < attempt && ceiling < max_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, max_ms);
  return (guint) g_random_int_range (0, (gint32) ceiling + 1);
}

static void
schedule_retry (AcBackendRoom *self)
{
  guint delay_ms;

  drop_connection (self, FALSE);
  if (!self->wanted)
    {
      set_state (self, AC_BACKEND_ROOM_CLOSED);
      return;
    }

  delay_ms = ac_backoff_delay_ms (self->backoff_base_ms, self->backoff_max_ms, self->attempt);
  self->attempt++;

  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (delay_ms, on_retry, self);
  self->retry_at = g_get_real_time () + (gint64) delay_ms * 1000;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
  set_state (self, AC_BACKEND_ROOM_WAITING);
}

/* Whether the frame went out: a connection that failed (its error or
 * close signal already seen) takes nothing more. */
static gboolean
send_json (AcBackendRoom *self,
           const char    *type,
           JsonObject    *data)
{
  g_autoptr(JsonObject) frame = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  if (self->ws == NULL || self->teardown_source != 0 ||
      soup_websocket_connection_get_state (self->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return FALSE;

  json_object_set_string_member (frame, "type", type);
  json_object_set_object_member (frame, "data", json_object_ref (data));
  json_node_set_object (node, frame);
  text = json_to_string (node, FALSE);
  soup_websocket_connection_send_text (self->ws, text);
  return self->teardown_source == 0;
}

static void
send_pending (AcBackendRoom *self,
              Pending       *pending)
{
  g_autoptr(JsonObject) data = json_object_new ();

  json_object_set_string_member (data, "content", pending->content);
  json_object_set_string_member (data, "speaker", pending->speaker);
  json_object_set_string_member (data, "clientMessageId", pending->client_id);
  pending->sent = send_json (self, "send_message", data);
}

static void
confirm (AcBackendRoom *self,
         GList         *link,
         const char    *server_id)
{
  Pending *pending = link->data;

  g_hash_table_insert (self->own, g_strdup (server_id), g_strdup (pending->client_id));
  g_queue_delete_link (&self->pending, link);
  g_signal_emit (self, signals[MESSAGE_CONFIRMED], 0, pending->client_id, server_id);
  pending_free (pending);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNCONFIRMED]);
}

static void
on_message_received (AcBackendRoom *self,
                     JsonObject    *data)
{
  const char *id = ac_backend_string_member (data, "id", NULL);
  const char *content = ac_backend_string_member (data, "content", NULL);
  const char *speaker = ac_backend_string_member (data, "speaker", NULL);
  const char *client_id = ac_backend_string_member (data, "clientMessageId", "client_message_id");
  g_autofree char *speaker_lower = NULL;

  if (id == NULL || content == NULL || speaker == NULL)
    {
      g_warning ("A message_received without an id, a speaker or content: dropped");
      return;
    }
  if (!g_hash_table_add (self->seen, g_strdup (id)))
    return;   /* a repeat */

  speaker_lower = g_ascii_strdown (speaker, -1);
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if (client_id != NULL ? g_str_equal (client_id, pending->client_id)
                            : (pending->sent && g_str_equal (pending->speaker, speaker_lower) &&
                               g_str_equal (pending->content, content)))
        {
          confirm (self, l, id);
          return;
        }
    }
  if (client_id != NULL && g_hash_table_contains (self->own, id))
    return;

  g_signal_emit (self, signals[MESSAGE_RECEIVED], 0, id, speaker_lower, content,
                 ac_backend_string_member (data, "timestamp", NULL));
}

static void
on_sentiment_update (AcBackendRoom *self,
                     JsonObject    *data)
{
  const char *problem = NULL;
  g_autoptr(AcBackendSentiment) sentiment = ac_backend_sentiment_new_from_json (data, &problem);

  if (sentiment == NULL)
    {
      g_warning ("A sentiment_update %s: dropped", problem);
      return;
    }
  sentiment->client_message_id = g_strdup (g_hash_table_lookup (self->own, sentiment->message_id));
  g_signal_emit (self, signals[SENTIMENT_UPDATE], 0, sentiment);
}

static void
on_frame (SoupWebsocketConnection *ws,
          int                      type,
          GBytes                  *message,
          gpointer                 user_data)
{
  _ac_backend_room_take_frame (user_data, type, message);
}

/* One frame from the server, whatever it holds: read, and told as a
 * signal when it is one the contract has; anything else is dropped with
 * a warning.  Never fails on what a server sends
 * (tests/fuzz/fuzz-backend-room.c). */
void
_ac_backend_room_take_frame (AcBackendRoom *self,
                             int            type,
                             GBytes        *message)
{
  gsize len;
  const char *bytes = g_bytes_get_data (message, &len);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *frame, *data;
  const char *kind;

  self->last_heard = g_get_monotonic_time ();

  if (len == 0)
    {
      g_warning ("Dropped an empty frame from the room");
      return;
    }
  if (len > self->max_frame)
    {
      g_warning ("Dropped a frame of %" G_GSIZE_FORMAT " bytes from the room (the limit is %" G_GSIZE_FORMAT ")",
                 len, self->max_frame);
      return;
    }
  parser = json_parser_new ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT || !ac_json_parser_load (parser, bytes, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("Dropped a frame from the room that is not a JSON object (%" G_GSIZE_FORMAT " bytes)", len);
      return;
    }
  frame = json_node_get_object (root);
  kind = ac_backend_string_member (frame, "type", NULL);
  data = json_object_has_member (frame, "data") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (frame, "data")) ?
         json_object_get_object_member (frame, "data") : NULL;
  if (kind == NULL || data == NULL)
    {
      g_warning ("Dropped a frame from the room without a type or data");
      return;
    }

  g_object_ref (self);
  if (g_str_equal (kind, "message_received"))
    on_message_received (self, data);
  else if (g_str_equal (kind, "sentiment_update"))
    on_sentiment_update (self, data);
  else if (g_str_equal (kind, "agent_joined"))
    {
      const char *agent = ac_backend_string_member (data, "agentId", "agent_id");

      if (agent != NULL)
        g_signal_emit (self, signals[AGENT_JOINED], 0, agent);
      else
        g_warning ("An agent_joined without an agent id: dropped");
    }
  else if (g_str_equal (kind, "voice_activity"))
    {
      const char *speaker = ac_backend_string_member (data, "speaker", NULL);

      if (speaker != NULL)
        g_signal_emit (self, signals[VOICE_ACTIVITY], 0, speaker, ac_backend_boolean_member (data, "isActive", "is_active"),
                       ac_backend_number_member (data, "audioLevel", 0));
      else
        g_warning ("A voice_activity without a speaker: dropped");
    }
  else if (g_str_equal (kind, "error"))
    {
      const char *text = ac_backend_string_member (data, "message", NULL);

      g_warning ("The room says: %s", text != NULL ? text : "(no message)");
      g_signal_emit (self, signals[SERVER_ERROR], 0, text != NULL ? text : "");
    }
  else
    g_debug ("Ignored a “%s” frame from the room", kind);
  g_object_unref (self);
}

static void
on_pong (SoupWebsocketConnection *ws,
         GBytes                  *message,
         gpointer                 user_data)
{
  AcBackendRoom *self = user_data;

  self->last_heard = g_get_monotonic_time ();
}

static gboolean
on_teardown (gpointer user_data)
{
  AcBackendRoom *self = user_data;

  self->teardown_source = 0;
  schedule_retry (self);
  return G_SOURCE_REMOVE;
}

/* The connection is over: let go of it from the main loop, not from
 * inside libsoup's own call. */
static void
tear_down_soon (AcBackendRoom *self)
{
  if (self->teardown_source == 0)
    self->teardown_source = g_idle_add (on_teardown, self);
}

static void
on_ws_error (SoupWebsocketConnection *ws,
             GError                  *error,
             gpointer                 user_data)
{
  AcBackendRoom *self = user_data;

  /* A write to a server that went away, a frame over the transport's
   * limit: libsoup closes the connection; the room opens a new one. */
  g_debug ("The room’s connection failed: %s", error->message);
  tear_down_soon (self);
}

static void
on_closed (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  AcBackendRoom *self = user_data;
  gushort code = soup_websocket_connection_get_close_code (ws);

  g_debug ("The room closed (code %u)", code);
  /* 1008: the contract's "Invalid token". */
  if (code == SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION)
    self->needs_refresh = TRUE;
  tear_down_soon (self);
}

static gboolean
on_heartbeat (gpointer user_data)
{
  AcBackendRoom *self = user_data;
  gint64 silent_ms = (g_get_monotonic_time () - self->last_heard) / 1000;

  if (silent_ms > self->heartbeat_timeout_ms)
    {
      g_warning ("Nothing heard from the room for %" G_GINT64_FORMAT " ms: connecting again", silent_ms);
      self->heartbeat_source = 0;
      schedule_retry (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AcBackendRoom *self = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (ws == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (message != NULL && (soup_message_get_status (message) == SOUP_STATUS_UNAUTHORIZED ||
                              soup_message_get_status (message) == SOUP_STATUS_FORBIDDEN))
        self->needs_refresh = TRUE;
      g_debug ("The room cannot be joined: %s", error->message);
      schedule_retry (self);
      return;
    }

  self->ws = ws;
  self->attempt = 0;
  self->last_heard = g_get_monotonic_time ();
  soup_websocket_connection_set_max_incoming_payload_size (ws, MAX (TRANSPORT_MAX_FRAME, self->max_frame));
  soup_websocket_connection_set_keepalive_interval (ws, MAX (1, self->heartbeat_interval_ms / 1000));
  g_signal_connect (ws, "message", G_CALLBACK (on_frame), self);
  g_signal_connect (ws, "pong", G_CALLBACK (on_pong), self);
  g_signal_connect (ws, "error", G_CALLBACK (on_ws_error), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), self);
  self->heartbeat_source = g_timeout_add (MAX (100, self->heartbeat_interval_ms / 2), on_heartbeat, self);
  set_state (self, AC_BACKEND_ROOM_OPEN);

  {
    g_autoptr(JsonObject) join = json_object_new ();

    json_object_set_string_member (join, "conversationId", self->conversation_id);
    if (self->agent_id != NULL)
      json_object_set_string_member (join, "agentId", self->agent_id);
    send_json (self, "join_conversation", join);
  }
  /* Whatever the server has not confirmed, again, in order. */
  for (GList *l = self->pending.head; l != NULL && self->ws != NULL; l = l->next)
    send_pending (self, l->data);
}

static void
open_socket (AcBackendRoom *self)
{
  g_autoptr(AcBackendTokens) tokens = ac_backend_client_dup_tokens (self->client);
  g_autofree char *id = g_uri_escape_string (self->conversation_id, NULL, FALSE);
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;
  const char *tenant = ac_backend_client_get_tenant_id (self->client);

  if (tokens == NULL || tokens->access_token == NULL)
    {
      set_state (self, AC_BACKEND_ROOM_SIGNED_OUT);
      return;
    }
  token = g_uri_escape_string (tokens->access_token, NULL, FALSE);
  url = g_strdup_printf ("%s%sconversations/%s?token=%s", self->websocket_url,
                         g_str_has_suffix (self->websocket_url, "/") ? "" : "/", id, token);
  message = soup_message_new ("GET", url);
  if (message == NULL)
    {
      /* Never log the address: it holds the token. */
      g_warning ("The room’s address is not valid");
      set_state (self, AC_BACKEND_ROOM_CLOSED);
      return;
    }
  if (tenant != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "X-Tenant-ID", tenant);

  soup_session_websocket_connect_async (ac_backend_client_get_session (self->client), message, NULL, NULL,
                                        G_PRIORITY_DEFAULT, self->cancellable, on_connected, self);
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AcBackendRoom *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ac_backend_client_refresh_finish (AC_BACKEND_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH))
        {
          g_debug ("The room cannot be joined: %s", error->message);
          set_state (self, AC_BACKEND_ROOM_SIGNED_OUT);
          return;
        }
      /* The server is away: try again later, refresh then. */
      schedule_retry (self);
      return;
    }
  self->needs_refresh = FALSE;
  open_socket (self);
}

static void
connect_now (AcBackendRoom *self)
{
  g_autoptr(AcBackendTokens) tokens = ac_backend_client_dup_tokens (self->client);

  if (!self->wanted)
    return;
  set_state (self, AC_BACKEND_ROOM_CONNECTING);

  if (tokens != NULL && tokens->refresh_token != NULL &&
      (self->needs_refresh || tokens->expires_at - g_get_real_time () / G_USEC_PER_SEC < TOKEN_MARGIN_S))
    ac_backend_client_refresh_async (self->client, self->cancellable, on_refreshed, self);
  else
    open_socket (self);
}

static void
ac_backend_room_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AcBackendRoom *self = AC_BACKEND_ROOM (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;
    case PROP_N_UNCONFIRMED:
      g_value_set_uint (value, self->pending.length);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_backend_room_dispose (GObject *object)
{
  AcBackendRoom *self = AC_BACKEND_ROOM (object);

  self->wanted = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  drop_connection (self, TRUE);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ac_backend_room_parent_class)->dispose (object);
}

static void
ac_backend_room_finalize (GObject *object)
{
  AcBackendRoom *self = AC_BACKEND_ROOM (object);

  g_queue_clear_full (&self->pending, (GDestroyNotify) pending_free);
  g_hash_table_unref (self->seen);
  g_hash_table_unref (self->own);
  g_hash_table_unref (self->voice);
  g_clear_object (&self->cancellable);
  g_free (self->websocket_url);
  g_free (self->conversation_id);
  g_free (self->agent_id);

  G_OBJECT_CLASS (ac_backend_room_parent_class)->finalize (object);
}

static void
ac_backend_room_class_init (AcBackendRoomClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ac_backend_room_get_property;
  object_class->dispose = ac_backend_room_dispose;
  object_class->finalize = ac_backend_room_finalize;

  /**
   * AcBackendRoom:state:
   *
   * An #AcBackendRoomState.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AC_TYPE_BACKEND_ROOM_STATE, AC_BACKEND_ROOM_CLOSED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcBackendRoom:retry-at:
   *
   * When the room tries again, in µs of g_get_real_time(), while waiting.
   */
  properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcBackendRoom:n-unconfirmed:
   *
   * Messages sent (or waiting to be) that the server has not echoed yet.
   */
  properties[PROP_N_UNCONFIRMED] =
    g_param_spec_uint ("n-unconfirmed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcBackendRoom::message-confirmed:
   * @self: the room
   * @client_message_id: the app's id of the message
   * @message_id: the server's id for it
   *
   * The server stored one of the app's messages and echoed it back.
   */
  signals[MESSAGE_CONFIRMED] =
    g_signal_new ("message-confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AcBackendRoom::message-received:
   * @self: the room
   * @message_id: the server's id
   * @speaker: `agent`, `customer` or whatever the server names the sender,
   *   lower case
   * @content: the text
   * @timestamp: (nullable): the server's time for it, ISO 8601
   *
   * Someone else's message in the room (a supervisor, another agent).
   * Each is reported once, however often the server repeats it.
   */
  signals[MESSAGE_RECEIVED] =
    g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AcBackendRoom::sentiment-update:
   * @self: the room
   * @sentiment: the backend's analysis of one message
   */
  signals[SENTIMENT_UPDATE] =
    g_signal_new ("sentiment-update", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AC_TYPE_BACKEND_SENTIMENT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AcBackendRoom::agent-joined:
   * @self: the room
   * @agent_id: who joined (a supervisor listening in, say)
   */
  signals[AGENT_JOINED] =
    g_signal_new ("agent-joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AcBackendRoom::voice-activity:
   * @self: the room
   * @speaker: who
   * @is_active: whether they are speaking
   * @audio_level: the level the sender reported
   */
  signals[VOICE_ACTIVITY] =
    g_signal_new ("voice-activity", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_DOUBLE);

  /**
   * AcBackendRoom::server-error:
   * @self: the room
   * @message: what the server said
   *
   * The room's `error` event; the room stays open.
   */
  signals[SERVER_ERROR] =
    g_signal_new ("server-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ac_backend_room_init (AcBackendRoom *self)
{
  self->cancellable = g_cancellable_new ();
  self->heartbeat_interval_ms = DEFAULT_HEARTBEAT_INTERVAL_MS;
  self->heartbeat_timeout_ms = DEFAULT_HEARTBEAT_TIMEOUT_MS;
  self->backoff_base_ms = DEFAULT_BACKOFF_BASE_MS;
  self->backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
  self->max_frame = DEFAULT_MAX_FRAME;
  g_queue_init (&self->pending);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->voice = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * ac_backend_room_new:
 * @client: the signed-in client whose session and tokens the room uses
 * @websocket_url: the rooms' address, such as `wss://cc.example.com`
 *   (the contract's `WS_BASE_URL`); see ac_backend_derive_websocket_url()
 * @conversation_id: the server's id of the conversation
 * @agent_id: (nullable): the agent's user id, sent with
 *   `join_conversation`
 *
 * Returns: (transfer full): a room, closed until ac_backend_room_open()
 */
AcBackendRoom *
ac_backend_room_new (AcBackendClient *client,
                     const char      *websocket_url,
                     const char      *conversation_id,
                     const char      *agent_id)
{
  AcBackendRoom *self;

  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (client), NULL);
  g_return_val_if_fail (websocket_url != NULL, NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  self = g_object_new (AC_TYPE_BACKEND_ROOM, NULL);
  self->client = g_object_ref (client);
  self->websocket_url = g_strdup (websocket_url);
  self->conversation_id = g_strdup (conversation_id);
  self->agent_id = g_strdup (agent_id);
  return self;
}

/**
 * ac_backend_room_get_conversation_id:
 * @self: an #AcBackendRoom
 *
 * Returns: (transfer none): the server's id of the conversation
 */
const char *
ac_backend_room_get_conversation_id (AcBackendRoom *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_ROOM (self), NULL);

  return self->conversation_id;
}

/**
 * ac_backend_room_get_state:
 * @self: an #AcBackendRoom
 *
 * Returns: where the connection stands
 */
AcBackendRoomState
ac_backend_room_get_state (AcBackendRoom *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_ROOM (self), AC_BACKEND_ROOM_CLOSED);

  return self->state;
}

/**
 * ac_backend_room_get_retry_at:
 * @self: an #AcBackendRoom
 *
 * Returns: while %AC_BACKEND_ROOM_WAITING, when the next attempt is, in
 *   µs of g_get_real_time()
 */
gint64
ac_backend_room_get_retry_at (AcBackendRoom *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_ROOM (self), 0);

  return self->retry_at;
}

/**
 * ac_backend_room_get_n_unconfirmed:
 * @self: an #AcBackendRoom
 *
 * Returns: how many messages the server has not echoed yet
 */
guint
ac_backend_room_get_n_unconfirmed (AcBackendRoom *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_ROOM (self), 0);

  return self->pending.length;
}

/**
 * ac_backend_room_open:
 * @self: an #AcBackendRoom
 *
 * Joins the room, and keeps joining it again whenever the connection is
 * lost, until ac_backend_room_close().
 */
void
ac_backend_room_open (AcBackendRoom *self)
{
  g_return_if_fail (AC_IS_BACKEND_ROOM (self));

  if (self->wanted)
    return;
  self->wanted = TRUE;
  self->attempt = 0;
  connect_now (self);
}

/**
 * ac_backend_room_close:
 * @self: an #AcBackendRoom
 *
 * Leaves the room (close code 1000).  Unconfirmed messages are kept and
 * go out if the room is opened again.
 */
void
ac_backend_room_close (AcBackendRoom *self)
{
  g_return_if_fail (AC_IS_BACKEND_ROOM (self));

  self->wanted = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->retry_source, g_source_remove);
  drop_connection (self, TRUE);
  set_state (self, AC_BACKEND_ROOM_CLOSED);
}

/**
 * ac_backend_room_send_message:
 * @self: an #AcBackendRoom
 * @client_message_id: an id the app made up for this message (a UUID),
 *   the same on every retry, so that a server that keeps it never stores
 *   the message twice
 * @speaker: `agent` or `customer`
 * @content: the words
 *
 * Sends `send_message` now if the room is open, else when it opens; the
 * message is kept until the server echoes it
 * ([signal@BackendRoom::message-confirmed]).  A message already waiting
 * with the same id is not queued twice.
 */
void
ac_backend_room_send_message (AcBackendRoom *self,
                              const char    *client_message_id,
                              const char    *speaker,
                              const char    *content)
{
  Pending *pending;

  g_return_if_fail (AC_IS_BACKEND_ROOM (self));
  g_return_if_fail (client_message_id != NULL && speaker != NULL && content != NULL);

  for (GList *l = self->pending.head; l != NULL; l = l->next)
    if (g_str_equal (((Pending *) l->data)->client_id, client_message_id))
      return;

  pending = g_new0 (Pending, 1);
  pending->client_id = g_strdup (client_message_id);
  pending->speaker = g_ascii_strdown (speaker, -1);
  pending->content = g_strdup (content);
  g_queue_push_tail (&self->pending, pending);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNCONFIRMED]);

  if (self->state == AC_BACKEND_ROOM_OPEN && self->ws != NULL)
    send_pending (self, pending);
}

/**
 * ac_backend_room_send_voice_activity:
 * @self: an #AcBackendRoom
 * @speaker: `agent` or `customer`
 * @is_active: whether they are speaking now
 * @audio_level: their level, in dBFS (−∞..0)
 *
 * Sends `voice_activity` if the room is open: a change of @is_active at
 * once, a new level at most every 250 ms per speaker.  Voice activity is
 * of the moment: nothing is kept for later.
 *
 * Returns: whether a frame went out
 */
gboolean
ac_backend_room_send_voice_activity (AcBackendRoom *self,
                                     const char    *speaker,
                                     gboolean       is_active,
                                     double         audio_level)
{
  VoiceState *state;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(JsonObject) data = NULL;

  g_return_val_if_fail (AC_IS_BACKEND_ROOM (self), FALSE);
  g_return_val_if_fail (speaker != NULL, FALSE);

  if (self->state != AC_BACKEND_ROOM_OPEN || self->ws == NULL)
    return FALSE;

  state = g_hash_table_lookup (self->voice, speaker);
  if (state != NULL && state->is_active == is_active && now - state->sent_at < VOICE_ACTIVITY_INTERVAL_US)
    return FALSE;
  if (state == NULL)
    {
      state = g_new0 (VoiceState, 1);
      g_hash_table_insert (self->voice, g_strdup (speaker), state);
    }
  state->sent_at = now;
  state->is_active = is_active;

  data = json_object_new ();
  json_object_set_boolean_member (data, "isActive", is_active);
  json_object_set_string_member (data, "speaker", speaker);
  json_object_set_double_member (data, "audioLevel", isfinite (audio_level) ? audio_level : -120.0);
  return send_json (self, "voice_activity", data);
}

/**
 * ac_backend_room_set_heartbeat:
 * @self: an #AcBackendRoom
 * @interval_ms: how often to ping (libsoup pings in whole seconds, at
 *   least 1 s); default 15 000
 * @timeout_ms: how long without hearing anything before the connection
 *   counts as dead; default 45 000
 *
 * For the next connection.
 */
void
ac_backend_room_set_heartbeat (AcBackendRoom *self,
                               guint          interval_ms,
                               guint          timeout_ms)
{
  g_return_if_fail (AC_IS_BACKEND_ROOM (self));
  g_return_if_fail (interval_ms > 0 && timeout_ms > interval_ms);

  self->heartbeat_interval_ms = interval_ms;
  self->heartbeat_timeout_ms = timeout_ms;
}

/**
 * ac_backend_room_set_backoff:
 * @self: an #AcBackendRoom
 * @base_ms: the ceiling of the first wait; default 500
 * @max_ms: the largest ceiling; default 30 000
 */
void
ac_backend_room_set_backoff (AcBackendRoom *self,
                             guint          base_ms,
                             guint          max_ms)
{
  g_return_if_fail (AC_IS_BACKEND_ROOM (self));
  g_return_if_fail (base_ms > 0 && max_ms >= base_ms && max_ms < G_MAXINT32);

  self->backoff_base_ms = base_ms;
  self->backoff_max_ms = max_ms;
}

/**
 * ac_backend_room_set_max_frame_size:
 * @self: an #AcBackendRoom
 * @bytes: frames longer than this are dropped; default 256 KiB
 */
void
ac_backend_room_set_max_frame_size (AcBackendRoom *self,
                                    gsize          bytes)
{
  g_return_if_fail (AC_IS_BACKEND_ROOM (self));
  g_return_if_fail (bytes > 0);

  self->max_frame = bytes;
}
