/* ac-backend-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-sync-private.h"
#include "ac-backend-enums.h"
#include "ac-json.h"

/**
 * AcBackendSync:
 *
 * Everything the backend must get, in order, exactly once, whether or not
 * it can be reached right now: the offline outbox.
 *
 * Each change (a call begun, an utterance, a call's end, a ticket) is
 * first committed to the store's outbox, then sent: calls, ends and
 * tickets over REST, utterances through the call's room
 * (#AcBackendRoom).  An item leaves the outbox only when the server
 * confirmed it (the REST answer, or the room's echo).  Items carry ids
 * the app made up (`Idempotency-Key`, `clientMessageId`), so sending one
 * again after a lost answer does not make a duplicate on a server that
 * honours them.
 *
 * Order: utterances go out as they come (the room keeps their order);
 * anything else waits until everything before it is confirmed, so that a
 * call's end reaches the server after its last utterance, and a call's
 * utterances after the call was created.
 *
 * When the server cannot be reached the outbox waits and tries again
 * after an exponential backoff with full jitter; a refused sign-in stops
 * it until the agent signs in again; an item the server refuses for good
 * (invalid, unknown) is set aside with its reason, and the next goes.
 * What waits is read back from the store at the next start.
 */

#define DEFAULT_BACKOFF_BASE_MS 1000
#define DEFAULT_BACKOFF_MAX_MS  60000
/* While idle, the server's /health is asked this often: the header's
 * Connected is at most this stale. */
#define DEFAULT_PROBE_INTERVAL_MS 30000

G_DEFINE_FINAL_TYPE (AcBackendSync, ac_backend_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_RETRY_AT,
  PROP_N_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CALL_CREATED,
  SENTIMENT_UPDATE,
  AGENT_JOINED,
  MESSAGE_RECEIVED,
  TICKET_FILED,
  ITEM_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static void
entry_free (Entry *entry)
{
  ac_outbox_item_free (entry->item);
  g_clear_pointer (&entry->payload, json_node_unref);
  g_free (entry);
}

Entry *
_ac_backend_sync_entry_new (AcOutboxItem *item)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->item = item;
  entry->payload = json_from_string (item->payload, NULL);
  if (entry->payload == NULL || !JSON_NODE_HOLDS_OBJECT (entry->payload))
    {
      g_clear_pointer (&entry->payload, json_node_unref);
      entry->payload = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  return entry;
}

static JsonObject *
payload (Entry *entry)
{
  return json_node_get_object (entry->payload);
}

static const char *
payload_string (Entry      *entry,
                const char *name)
{
  return json_object_get_string_member_with_default (payload (entry), name, NULL);
}

static void
set_state (AcBackendSync      *self,
           AcBackendSyncState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_ac_backend_sync_notify_waiting (AcBackendSync *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
}

static void
on_store_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  AcStore *store = AC_STORE (object);
  gboolean ok;

  /* The outbox's bookkeeping: removed, refused or a server's id kept. */
  if (g_async_result_is_tagged (result, ac_store_outbox_remove_async))
    ok = ac_store_outbox_remove_finish (store, result, &error);
  else if (g_async_result_is_tagged (result, ac_store_outbox_set_error_async))
    ok = ac_store_outbox_set_error_finish (store, result, &error);
  else
    ok = ac_store_set_remote_id_finish (store, result, &error);

  if (!ok &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The outbox could not be updated: %s", error->message);
}

/* The server has it: out of the queue and the outbox. */
static void
done (AcBackendSync *self,
      GList         *link)
{
  Entry *entry = link->data;

  ac_store_outbox_remove_async (self->store, entry->item->client_id, NULL, on_store_done, NULL);
  g_queue_delete_link (&self->queue, link);
  entry_free (entry);
  _ac_backend_sync_notify_waiting (self);
}

/* The server will never take it: kept in the outbox with the reason (and
 * tried again at the next start), out of the way of the rest. */
static void
refused (AcBackendSync *self,
         GList         *link,
         const char    *reason)
{
  Entry *entry = link->data;

  g_warning ("The server refused a %s (%s): %s", entry->item->kind, entry->item->client_id, reason);
  g_hash_table_insert (self->refusals, g_strdup (entry->item->client_id), g_strdup (reason));
  ac_store_outbox_set_error_async (self->store, entry->item->client_id, reason, NULL, on_store_done, NULL);
  g_signal_emit (self, signals[ITEM_REFUSED], 0, entry->item->kind, reason);
  g_queue_delete_link (&self->queue, link);
  entry_free (entry);
  _ac_backend_sync_notify_waiting (self);
}

static gboolean
on_retry (gpointer user_data)
{
  AcBackendSync *self = user_data;

  self->retry_source = 0;
  set_state (self, AC_BACKEND_SYNC_CONNECTING);
  _ac_backend_sync_pump (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (AcBackendSync *self)
{
  guint delay_ms = ac_backoff_delay_ms (self->backoff_base_ms, self->backoff_max_ms, self->attempt);

  self->attempt++;

  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (delay_ms, on_retry, self);
  self->retry_at = g_get_real_time () + (gint64) delay_ms * 1000;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
  set_state (self, AC_BACKEND_SYNC_WAITING);
}

GList *
_ac_backend_sync_find_entry (AcBackendSync *self,
                             const char    *client_id)
{
  for (GList *l = self->queue.head; l != NULL; l = l->next)
    if (g_str_equal (((Entry *) l->data)->item->client_id, client_id))
      return l;
  return NULL;
}

/* ---------------------------------------------------------------- rooms */

static const char *
local_id_of_room (AcBackendSync *self,
                  AcBackendRoom *room)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rooms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value == room)
      return key;
  return NULL;
}

static void
on_room_confirmed (AcBackendRoom *room,
                   const char    *client_id,
                   const char    *message_id,
                   AcBackendSync *self)
{
  GList *link = _ac_backend_sync_find_entry (self, client_id);

  if (link != NULL)
    done (self, link);
  self->attempt = 0;
  _ac_backend_sync_pump (self);
}

static void
on_room_state (AcBackendRoom *room,
               GParamSpec    *pspec,
               AcBackendSync *self)
{
  switch (ac_backend_room_get_state (room))
    {
    case AC_BACKEND_ROOM_OPEN:
      if (self->retry_source == 0 && !self->busy)
        set_state (self, AC_BACKEND_SYNC_CONNECTED);
      break;
    case AC_BACKEND_ROOM_WAITING:
      self->retry_at = ac_backend_room_get_retry_at (room);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
      set_state (self, AC_BACKEND_SYNC_WAITING);
      break;
    case AC_BACKEND_ROOM_SIGNED_OUT:
      set_state (self, AC_BACKEND_SYNC_SIGNED_OUT);
      break;
    case AC_BACKEND_ROOM_CONNECTING:
    case AC_BACKEND_ROOM_CLOSED:
    default:
      break;
    }
}

static void
on_room_sentiment (AcBackendRoom            *room,
                   const AcBackendSentiment *sentiment,
                   AcBackendSync            *self)
{
  g_signal_emit (self, signals[SENTIMENT_UPDATE], 0, local_id_of_room (self, room), sentiment);
}

static void
on_room_joined (AcBackendRoom *room,
                const char    *agent_id,
                AcBackendSync *self)
{
  g_signal_emit (self, signals[AGENT_JOINED], 0, local_id_of_room (self, room), agent_id);
}

static void
on_room_received (AcBackendRoom *room,
                  const char    *message_id,
                  const char    *speaker,
                  const char    *content,
                  const char    *timestamp,
                  AcBackendSync *self)
{
  g_signal_emit (self, signals[MESSAGE_RECEIVED], 0, local_id_of_room (self, room), speaker, content);
}

/* The call's room, joined if it was not. */
static AcBackendRoom *
room_for (AcBackendSync *self,
          const char    *local_id)
{
  AcBackendRoom *room = g_hash_table_lookup (self->rooms, local_id);
  const char *remote = g_hash_table_lookup (self->remote, local_id);

  if (room != NULL || remote == NULL)
    return room;

  room = ac_backend_room_new (self->client, self->websocket_url, remote, self->agent_id);
  ac_backend_room_set_backoff (room, MIN (self->backoff_base_ms, 500), MIN (self->backoff_max_ms, 30000));
  if (self->heartbeat_interval_ms > 0)
    ac_backend_room_set_heartbeat (room, self->heartbeat_interval_ms, self->heartbeat_timeout_ms);
  g_signal_connect (room, "message-confirmed", G_CALLBACK (on_room_confirmed), self);
  g_signal_connect (room, "notify::state", G_CALLBACK (on_room_state), self);
  g_signal_connect (room, "sentiment-update", G_CALLBACK (on_room_sentiment), self);
  g_signal_connect (room, "agent-joined", G_CALLBACK (on_room_joined), self);
  g_signal_connect (room, "message-received", G_CALLBACK (on_room_received), self);
  g_hash_table_insert (self->rooms, g_strdup (local_id), room);
  ac_backend_room_open (room);
  return room;
}

static void
leave_room (AcBackendSync *self,
            const char    *local_id)
{
  AcBackendRoom *room = g_hash_table_lookup (self->rooms, local_id);

  if (room == NULL)
    return;
  g_signal_handlers_disconnect_by_data (room, self);
  ac_backend_room_close (room);
  g_hash_table_remove (self->rooms, local_id);
}

/* ----------------------------------------------------------------- REST */

/* Whether an error is the server's "no, never" rather than "not now". */
static gboolean
is_permanent (const GError *error)
{
  return g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION) ||
         g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_FOUND) ||
         g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_CONFLICT) ||
         g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_NOT_IMPLEMENTED) ||
         g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_FORBIDDEN) ||
         g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE);
}

/* A REST item answered: @error %NULL when the server took it. */
static void
rest_answered (AcBackendSync *self,
               const char    *client_id,
               const GError  *error)
{
  GList *link;

  self->busy = FALSE;
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  link = _ac_backend_sync_find_entry (self, client_id);
  if (error == NULL)
    {
      if (link != NULL)
        done (self, link);
      self->attempt = 0;
      set_state (self, AC_BACKEND_SYNC_CONNECTED);
      _ac_backend_sync_pump (self);
    }
  else if (g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH))
    {
      g_debug ("The outbox stops: %s", error->message);
      set_state (self, AC_BACKEND_SYNC_SIGNED_OUT);
    }
  else if (is_permanent (error))
    {
      if (link != NULL)
        refused (self, link, error->message);
      _ac_backend_sync_pump (self);
    }
  else
    {
      g_debug ("The outbox waits: %s", error->message);
      schedule_retry (self);
    }
}

typedef struct
{
  AcBackendSync *self;
  char          *client_id;
  char          *local_id;
} Call;

static Call *
call_new (AcBackendSync *self,
          Entry         *entry,
          const char    *local_id)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->client_id = g_strdup (entry->item->client_id);
  call->local_id = g_strdup (local_id);
  return call;
}

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_free (call->client_id);
  g_free (call->local_id);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  AcBackendSync *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcConversation) conversation = ac_backend_client_conversation_finish (AC_BACKEND_CLIENT (object),
                                                                                  result, &error);

  if (conversation != NULL)
    {
      const char *remote = ac_conversation_get_id (conversation);

      g_hash_table_insert (self->remote, g_strdup (call->local_id), g_strdup (remote));
      ac_store_set_remote_id_async (self->store, self->server, "conversation", call->local_id, remote, NULL,
                                    on_store_done, NULL);
      g_signal_emit (self, signals[CALL_CREATED], 0, call->local_id, remote);
      room_for (self, call->local_id);
    }
  rest_answered (self, call->client_id, error);
}

static void
on_ended (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcConversation) conversation = ac_backend_client_conversation_finish (AC_BACKEND_CLIENT (object),
                                                                                  result, &error);

  if (conversation != NULL)
    leave_room (call->self, call->local_id);
  rest_answered (call->self, call->client_id, error);
}

static void
on_wrapped_up (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcConversation) conversation = ac_backend_client_conversation_finish (AC_BACKEND_CLIENT (object),
                                                                                  result, &error);

  rest_answered (call->self, call->client_id, error);
}

static void
on_filed (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcTicket) ticket = ac_backend_client_create_ticket_finish (AC_BACKEND_CLIENT (object), result, &error);

  if (ticket != NULL)
    {
      g_hash_table_insert (call->self->remote_tickets, g_strdup (call->client_id),
                           g_strdup (ac_ticket_get_id (ticket)));
      ac_store_set_remote_id_async (call->self->store, call->self->server, "ticket", call->client_id,
                                    ac_ticket_get_id (ticket), NULL, on_store_done, NULL);
      g_signal_emit (call->self, signals[TICKET_FILED], 0, call->client_id, ticket);
    }
  rest_answered (call->self, call->client_id, error);
}

static void
send_rest (AcBackendSync *self,
           Entry         *entry)
{
  const char *kind = entry->item->kind;
  const char *local_id = payload_string (entry, "conversation");

  self->busy = TRUE;
  if (g_str_equal (kind, "conversation"))
    {
      ac_backend_client_create_conversation_async (self->client, entry->item->client_id,
                                                   payload_string (entry, "customerId"), self->agent_id,
                                                   payload_string (entry, "channel"), self->cancellable,
                                                   on_created, call_new (self, entry, entry->item->client_id));
    }
  else if (g_str_equal (kind, "end"))
    {
      JsonObject *object = payload (entry);

      ac_backend_client_end_conversation_async (self->client, g_hash_table_lookup (self->remote, local_id),
                                                json_object_get_int_member_with_default (object, "duration", 0),
                                                payload_string (entry, "overallSentiment"),
                                                payload_string (entry, "disposition"),
                                                payload_string (entry, "notes"),
                                                json_object_get_boolean_member_with_default (object, "resolved", FALSE),
                                                self->cancellable, on_ended, call_new (self, entry, local_id));
    }
  else if (g_str_equal (kind, "wrap-up"))
    {
      ac_backend_client_wrap_up_conversation_async (self->client, g_hash_table_lookup (self->remote, local_id),
                                                    payload_string (entry, "disposition"),
                                                    payload_string (entry, "notes"),
                                                    json_object_get_boolean_member_with_default (payload (entry),
                                                                                                 "resolved", FALSE),
                                                    self->cancellable, on_wrapped_up,
                                                    call_new (self, entry, local_id));
    }
  else
    {
      JsonNode *node = json_object_get_member (payload (entry), "fields");
      g_autoptr(GHashTable) fields = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ?
                                     ac_backend_fields_from_json (json_node_get_object (node)) :
                                     g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      const char *call = g_hash_table_lookup (fields, "conversation_id");
      const char *remote = call != NULL ? g_hash_table_lookup (self->remote, call) : NULL;

      /* The app's id of the call, as the server knows it (created by now:
       * it was earlier in the outbox). */
      if (remote != NULL)
        g_hash_table_insert (fields, g_strdup ("conversation_id"), g_strdup (remote));

      ac_backend_client_create_ticket_async (self->client, entry->item->client_id, fields, self->cancellable,
                                             on_filed, call_new (self, entry, NULL));
    }
}

static void
on_probed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AcBackendSync) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (ac_backend_client_check_health_finish (AC_BACKEND_CLIENT (object), result, &error))
    {
      self->attempt = 0;
      set_state (self, AC_BACKEND_SYNC_CONNECTED);
      _ac_backend_sync_pump (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("The server is not there: %s", error->message);
      schedule_retry (self);
    }
}

static gboolean
on_probe_due (gpointer user_data)
{
  AcBackendSync *self = user_data;

  self->probe_source = 0;
  /* Anything under way tells as much; otherwise, ask. */
  if (self->busy || self->retry_source != 0 || self->queue.length > 0 ||
      self->state == AC_BACKEND_SYNC_SIGNED_OUT)
    return G_SOURCE_REMOVE;

  self->busy = TRUE;
  ac_backend_client_check_health_async (self->client, self->cancellable, on_probed, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Sends what can go now, in order. */
void
_ac_backend_sync_pump (AcBackendSync *self)
{
  GList *next;

  if (!self->loaded || !self->started || self->busy || self->retry_source != 0 ||
      self->state == AC_BACKEND_SYNC_SIGNED_OUT)
    return;

  for (GList *l = self->queue.head; l != NULL; l = next)
    {
      Entry *entry = l->data;
      const char *kind = entry->item->kind;
      const char *local_id = payload_string (entry, "conversation");

      next = l->next;
      if (!entry->stored)
        return;

      if (g_str_equal (kind, "message"))
        {
          AcBackendRoom *room;

          if (entry->in_room)
            continue;
          if (local_id == NULL || g_hash_table_lookup (self->remote, local_id) == NULL)
            {
              /* Its call was refused, or never stored: it cannot go. */
              refused (self, l, _("The call this utterance belongs to is not on the server"));
              continue;
            }
          room = room_for (self, local_id);
          ac_backend_room_send_message (room, entry->item->client_id, payload_string (entry, "speaker"),
                                        payload_string (entry, "content"));
          entry->in_room = TRUE;
          continue;
        }

      /* Anything else waits for everything before it. */
      if (l != self->queue.head)
        return;

      if (g_str_equal (kind, "conversation") && g_hash_table_contains (self->remote, entry->item->client_id))
        {
          done (self, l);
          continue;
        }
      if ((g_str_equal (kind, "end") || g_str_equal (kind, "wrap-up")) &&
          (local_id == NULL || g_hash_table_lookup (self->remote, local_id) == NULL))
        {
          refused (self, l, _("The call that ended is not on the server"));
          continue;
        }
      if (!g_str_equal (kind, "conversation") && !g_str_equal (kind, "end") &&
          !g_str_equal (kind, "wrap-up") && !g_str_equal (kind, "ticket"))
        {
          refused (self, l, _("The app does not know what to do with this change"));
          continue;
        }
      send_rest (self, entry);
      return;
    }

  /* Nothing to send: is the server there at all?  (/health) */
  if (self->queue.length == 0 && self->state != AC_BACKEND_SYNC_CONNECTED)
    {
      self->busy = TRUE;
      ac_backend_client_check_health_async (self->client, self->cancellable, on_probed, g_object_ref (self));
    }
  /* And while idle, now and then, so that the header does not say
   * Connected long after the server went away. */
  else if (self->queue.length == 0 && self->probe_source == 0 && self->probe_interval_ms > 0)
    self->probe_source = g_timeout_add (self->probe_interval_ms, on_probe_due, self);
}

/* -------------------------------------------------------------- loading */

static void
on_outbox_listed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AcBackendSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = ac_store_outbox_list_finish (AC_STORE (object), result, &error);

  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The outbox cannot be read: %s", error->message);
      items = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_outbox_item_free);
    }

  /* What waited from before goes first, in its order; what was added
   * meanwhile (and may be among it) stays after. */
  for (guint i = items->len; i > 0; i--)
    {
      AcOutboxItem *item = g_ptr_array_index (items, i - 1);
      Entry *entry;

      if (_ac_backend_sync_find_entry (self, item->client_id) != NULL)
        continue;
      entry = _ac_backend_sync_entry_new (ac_outbox_item_copy (item));
      entry->stored = TRUE;
      g_queue_push_head (&self->queue, entry);
    }
  if (items->len > 0)
    g_debug ("%u changes waited for the server from before", items->len);

  self->loaded = TRUE;
  _ac_backend_sync_notify_waiting (self);
  _ac_backend_sync_pump (self);
}

/* The server's ids kept in the store, read back at start one kind after
 * another (each into its table, see remote_table()), then the outbox. */
static const char * const remote_kinds[] = { "conversation", "ticket", "customer" };

static GHashTable *
remote_table (AcBackendSync *self,
              guint          kind)
{
  GHashTable *tables[] = { self->remote, self->remote_tickets, self->server_customers };

  G_STATIC_ASSERT (G_N_ELEMENTS (tables) == G_N_ELEMENTS (remote_kinds));
  return tables[kind];
}

typedef struct
{
  AcBackendSync *self;
  guint          kind;
} Reading;

static void read_remote_ids (AcBackendSync *self,
                             guint          kind);

static void
on_remote_ids_listed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(AcBackendSync) self = reading->self;
  guint kind = reading->kind;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = ac_store_list_remote_ids_finish (AC_STORE (object), result, &error);

  g_free (reading);
  if (ids != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, ids);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (remote_table (self, kind), g_strdup (key), g_strdup (value));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The server’s ids of each %s cannot be read: %s", remote_kinds[kind], error->message);

  read_remote_ids (self, kind + 1);
}

static void
read_remote_ids (AcBackendSync *self,
                 guint          kind)
{
  Reading *reading;

  if (kind == G_N_ELEMENTS (remote_kinds))
    {
      ac_store_outbox_list_async (self->store, self->server, self->cancellable, on_outbox_listed,
                                  g_object_ref (self));
      return;
    }

  reading = g_new0 (Reading, 1);
  reading->self = g_object_ref (self);
  reading->kind = kind;
  ac_store_list_remote_ids_async (self->store, self->server, remote_kinds[kind], self->cancellable,
                                  on_remote_ids_listed, reading);
}

/* --------------------------------------------------------------- object */

static void
ac_backend_sync_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AcBackendSync *self = AC_BACKEND_SYNC (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;
    case PROP_N_WAITING:
      g_value_set_uint (value, self->queue.length);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_backend_sync_dispose (GObject *object)
{
  AcBackendSync *self = AC_BACKEND_SYNC (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->probe_source, g_source_remove);
  if (self->rooms != NULL)
    {
      GHashTableIter iter;
      gpointer room;

      g_hash_table_iter_init (&iter, self->rooms);
      while (g_hash_table_iter_next (&iter, NULL, &room))
        {
          g_signal_handlers_disconnect_by_data (room, self);
          ac_backend_room_close (room);
        }
      g_hash_table_remove_all (self->rooms);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ac_backend_sync_parent_class)->dispose (object);
}

static void
ac_backend_sync_finalize (GObject *object)
{
  AcBackendSync *self = AC_BACKEND_SYNC (object);

  g_queue_clear_full (&self->queue, (GDestroyNotify) entry_free);
  g_hash_table_unref (self->remote);
  g_hash_table_unref (self->remote_tickets);
  g_hash_table_unref (self->server_customers);
  g_hash_table_unref (self->refusals);
  g_hash_table_unref (self->rooms);
  g_clear_object (&self->cancellable);
  g_free (self->server);
  g_free (self->websocket_url);
  g_free (self->agent_id);

  G_OBJECT_CLASS (ac_backend_sync_parent_class)->finalize (object);
}

static void
ac_backend_sync_class_init (AcBackendSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ac_backend_sync_get_property;
  object_class->dispose = ac_backend_sync_dispose;
  object_class->finalize = ac_backend_sync_finalize;

  /**
   * AcBackendSync:state:
   *
   * An #AcBackendSyncState.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AC_TYPE_BACKEND_SYNC_STATE, AC_BACKEND_SYNC_CONNECTING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcBackendSync:retry-at:
   *
   * While waiting, when the next attempt is, in µs of g_get_real_time().
   */
  properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcBackendSync:n-waiting:
   *
   * How many changes the server has not confirmed yet.
   */
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcBackendSync::call-created:
   * @self: the outbox
   * @local_id: the app's id of the call
   * @remote_id: the server's
   */
  signals[CALL_CREATED] =
    g_signal_new ("call-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AcBackendSync::sentiment-update:
   * @self: the outbox
   * @local_id: the app's id of the call
   * @sentiment: the backend's analysis of one message
   */
  signals[SENTIMENT_UPDATE] =
    g_signal_new ("sentiment-update", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, AC_TYPE_BACKEND_SENTIMENT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AcBackendSync::agent-joined:
   * @self: the outbox
   * @local_id: the app's id of the call
   * @agent_id: who joined its room
   */
  signals[AGENT_JOINED] =
    g_signal_new ("agent-joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AcBackendSync::message-received:
   * @self: the outbox
   * @local_id: the app's id of the call
   * @speaker: who (lower case)
   * @content: what they wrote
   *
   * Someone else's message in the call's room.
   */
  signals[MESSAGE_RECEIVED] =
    g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * AcBackendSync::ticket-filed:
   * @self: the outbox
   * @client_id: the app's id of the ticket
   * @ticket: the ticket as the server filed it
   */
  signals[TICKET_FILED] =
    g_signal_new ("ticket-filed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, AC_TYPE_TICKET);

  /**
   * AcBackendSync::item-refused:
   * @self: the outbox
   * @kind: `conversation`, `message`, `end` or `ticket`
   * @reason: why, for the agent
   *
   * The server refused a change for good; it stays in the outbox (tried
   * again at the next start) and the rest goes on.
   */
  signals[ITEM_REFUSED] =
    g_signal_new ("item-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
ac_backend_sync_init (AcBackendSync *self)
{
  g_queue_init (&self->queue);
  self->remote = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->remote_tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->server_customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refusals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->backoff_base_ms = DEFAULT_BACKOFF_BASE_MS;
  self->backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
  self->probe_interval_ms = DEFAULT_PROBE_INTERVAL_MS;
}

/**
 * ac_backend_sync_new:
 * @store: the open store whose outbox keeps what waits
 * @client: the signed-in client
 * @websocket_url: the rooms' address (see ac_backend_derive_websocket_url())
 * @agent_id: (nullable): the agent's user id on the server
 *
 * Returns: (transfer full): the outbox, idle until ac_backend_sync_start()
 */
AcBackendSync *
ac_backend_sync_new (AcStore         *store,
                     AcBackendClient *client,
                     const char      *websocket_url,
                     const char      *agent_id)
{
  AcBackendSync *self;

  g_return_val_if_fail (AC_IS_STORE (store), NULL);
  g_return_val_if_fail (AC_IS_BACKEND_CLIENT (client), NULL);
  g_return_val_if_fail (websocket_url != NULL, NULL);

  self = g_object_new (AC_TYPE_BACKEND_SYNC, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  self->server = g_strdup (ac_backend_client_get_base_url (client));
  self->websocket_url = g_strdup (websocket_url);
  self->agent_id = g_strdup (agent_id);
  return self;
}

/**
 * ac_backend_sync_get_client:
 * @self: an #AcBackendSync
 *
 * Returns: (transfer none): the client it sends through
 */
AcBackendClient *
ac_backend_sync_get_client (AcBackendSync *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), NULL);

  return self->client;
}

/**
 * ac_backend_sync_start:
 * @self: an #AcBackendSync
 *
 * Reads what waited from before (for this server) and starts sending.
 * Calling it again after [enum@BackendSyncState.SIGNED_OUT], once the
 * client has tokens again, resumes.
 */
void
ac_backend_sync_start (AcBackendSync *self)
{
  g_return_if_fail (AC_IS_BACKEND_SYNC (self));

  if (self->started)
    {
      if (self->state == AC_BACKEND_SYNC_SIGNED_OUT)
        {
          GHashTableIter iter;
          gpointer room;

          set_state (self, AC_BACKEND_SYNC_CONNECTING);
          g_hash_table_iter_init (&iter, self->rooms);
          while (g_hash_table_iter_next (&iter, NULL, &room))
            {
              ac_backend_room_close (room);
              ac_backend_room_open (room);
            }
          _ac_backend_sync_pump (self);
        }
      return;
    }
  self->started = TRUE;
  {
    g_autoptr(AcBackendTokens) tokens = ac_backend_client_dup_tokens (self->client);

    /* Kept for when the agent signs in; nothing goes out before. */
    if (tokens == NULL)
      set_state (self, AC_BACKEND_SYNC_SIGNED_OUT);
  }
  read_remote_ids (self, 0);
}

/**
 * ac_backend_sync_get_state:
 * @self: an #AcBackendSync
 *
 * Returns: where the link to the server stands
 */
AcBackendSyncState
ac_backend_sync_get_state (AcBackendSync *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), AC_BACKEND_SYNC_CONNECTING);

  return self->state;
}

/**
 * ac_backend_sync_get_retry_at:
 * @self: an #AcBackendSync
 *
 * Returns: while waiting, when the next attempt is, in µs of
 *   g_get_real_time()
 */
gint64
ac_backend_sync_get_retry_at (AcBackendSync *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), 0);

  return self->retry_at;
}

/**
 * ac_backend_sync_get_n_waiting:
 * @self: an #AcBackendSync
 *
 * Returns: how many changes the server has not confirmed
 */
guint
ac_backend_sync_get_n_waiting (AcBackendSync *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), 0);

  return self->queue.length;
}

/**
 * ac_backend_sync_get_remote_id:
 * @self: an #AcBackendSync
 * @local_id: the app's id of a call
 *
 * Returns: (transfer none) (nullable): the server's id of the call, once
 *   it was created there
 */
const char *
ac_backend_sync_get_remote_id (AcBackendSync *self,
                               const char    *local_id)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), NULL);
  g_return_val_if_fail (local_id != NULL, NULL);

  return g_hash_table_lookup (self->remote, local_id);
}

/**
 * ac_backend_sync_get_remote_ticket_id:
 * @self: an #AcBackendSync
 * @local_id: the store's id of a ticket filed with
 *   ac_backend_sync_file_ticket()
 *
 * The server numbers its own tickets; this is its number for one filed
 * here, once it answered (kept in the store across restarts).
 *
 * Returns: (transfer none) (nullable): the server's id of the ticket, or
 *   %NULL while it is not on the server (waiting, or refused)
 */
const char *
ac_backend_sync_get_remote_ticket_id (AcBackendSync *self,
                                      const char    *local_id)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), NULL);
  g_return_val_if_fail (local_id != NULL, NULL);

  return g_hash_table_lookup (self->remote_tickets, local_id);
}

/**
 * ac_backend_sync_note_customer:
 * @self: an #AcBackendSync
 * @customer_id: the id of a customer the server answered with (a search,
 *   a screen pop, `GET /customers/:id`)
 *
 * Remembers, in the store and across restarts, that the server has this
 * customer.  The contract cannot create customers, so a customer made on
 * this computer (for an unknown caller, or imported) is not on the server;
 * calls and tickets are sent for a customer only when the server has it
 * (see ac_backend_sync_is_server_customer()), lest the server refuse them.
 */
void
ac_backend_sync_note_customer (AcBackendSync *self,
                               const char    *customer_id)
{
  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (customer_id != NULL);

  if (g_hash_table_contains (self->server_customers, customer_id))
    return;
  g_hash_table_insert (self->server_customers, g_strdup (customer_id), g_strdup (customer_id));
  ac_store_set_remote_id_async (self->store, self->server, "customer", customer_id, customer_id, NULL,
                                on_store_done, NULL);
}

/**
 * ac_backend_sync_is_server_customer:
 * @self: an #AcBackendSync
 * @customer_id: (nullable): a customer's id
 *
 * Returns: whether the server answered with this customer, in this
 *   session or an earlier one (ac_backend_sync_note_customer())
 */
gboolean
ac_backend_sync_is_server_customer (AcBackendSync *self,
                                    const char    *customer_id)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), FALSE);

  return customer_id != NULL && g_hash_table_contains (self->server_customers, customer_id);
}

/**
 * ac_backend_sync_get_refusal:
 * @self: an #AcBackendSync
 * @client_id: the id a change was sent under (a ticket's store id)
 *
 * A change the server refused is kept in the store with the reason and
 * tried again at the next start; this is that reason, in this session.
 *
 * Returns: (transfer none) (nullable): why the server refused it, or
 *   %NULL when it did not
 */
const char *
ac_backend_sync_get_refusal (AcBackendSync *self,
                             const char    *client_id)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_hash_table_lookup (self->refusals, client_id);
}

/**
 * ac_backend_sync_is_loaded:
 * @self: an #AcBackendSync
 *
 * Returns: whether the outbox and the server's ids were read back from the
 *   store, so that ac_backend_sync_get_remote_id() and
 *   ac_backend_sync_get_remote_ticket_id() answer for earlier sessions too
 */
gboolean
ac_backend_sync_is_loaded (AcBackendSync *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), FALSE);

  return self->loaded;
}

/**
 * ac_backend_sync_set_probe_interval:
 * @self: an #AcBackendSync
 * @interval_ms: how long the link may be idle before the server's
 *   `/health` is asked again, in ms; default 30 000; 0 never asks
 *
 * With nothing to send, nothing tells that the server went away; this
 * asks now and then, so that [property@BackendSync:state] turns to
 * %AC_BACKEND_SYNC_WAITING within @interval_ms of it.
 */
void
ac_backend_sync_set_probe_interval (AcBackendSync *self,
                                    guint          interval_ms)
{
  g_return_if_fail (AC_IS_BACKEND_SYNC (self));

  self->probe_interval_ms = interval_ms;
  g_clear_handle_id (&self->probe_source, g_source_remove);
  _ac_backend_sync_pump (self);
}

/**
 * ac_backend_sync_set_backoff:
 * @self: an #AcBackendSync
 * @base_ms: the ceiling of the first wait; default 1 000
 * @max_ms: the largest; default 60 000
 *
 * Also for the rooms joined from now on (at most 500 ms and 30 s).
 */
void
ac_backend_sync_set_backoff (AcBackendSync *self,
                             guint          base_ms,
                             guint          max_ms)
{
  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (base_ms > 0 && max_ms >= base_ms && max_ms < G_MAXINT32);

  self->backoff_base_ms = base_ms;
  self->backoff_max_ms = max_ms;
}

/**
 * ac_backend_sync_set_heartbeat:
 * @self: an #AcBackendSync
 * @interval_ms: see ac_backend_room_set_heartbeat()
 * @timeout_ms: see ac_backend_room_set_heartbeat()
 *
 * For the rooms joined from now on.
 */
void
ac_backend_sync_set_heartbeat (AcBackendSync *self,
                               guint          interval_ms,
                               guint          timeout_ms)
{
  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (interval_ms > 0 && timeout_ms > interval_ms);

  self->heartbeat_interval_ms = interval_ms;
  self->heartbeat_timeout_ms = timeout_ms;
}

/**
 * ac_backend_sync_get_websocket_url:
 * @self: a #AcBackendSync
 *
 * Returns: (transfer none): the backend's WebSocket address, for the
 *   rooms and the event channels
 */
const char *
ac_backend_sync_get_websocket_url (AcBackendSync *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), NULL);

  return self->websocket_url;
}

/**
 * ac_backend_sync_get_agent_id:
 * @self: a #AcBackendSync
 *
 * Returns: (transfer none) (nullable): the signed-in agent's id on the
 *   server, if known
 */
const char *
ac_backend_sync_get_agent_id (AcBackendSync *self)
{
  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), NULL);

  return self->agent_id;
}
