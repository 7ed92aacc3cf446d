/* ac-backend-sync-items.c
 *
 * What the outbox is given: a call begun, an utterance, a call's end, its
 * wrap-up, a ticket, each committed to the store's outbox before it is
 * sent (see #AcBackendSync); and a call's voice activity, which is never
 * kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include "ac-backend-sync-private.h"
#include "ac-json.h"

typedef struct
{
  AcBackendSync *self;
  char          *client_id;
} Added;

static void
on_added (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Added *added = user_data;
  AcBackendSync *self = added->self;
  g_autoptr(GError) error = NULL;
  GList *link = _ac_backend_sync_find_entry (self, added->client_id);

  if (!ac_store_outbox_add_finish (AC_STORE (object), result, &error))
    /* Not kept on disk: still sent now, but lost if the app ends first. */
    g_warning ("A change for the server could not be kept in the outbox: %s", error->message);
  if (link != NULL)
    ((Entry *) link->data)->stored = TRUE;
  _ac_backend_sync_pump (self);

  g_object_unref (added->self);
  g_free (added->client_id);
  g_free (added);
}

void
_ac_backend_sync_enqueue (AcBackendSync *self,
                          const char    *client_id,
                          const char    *kind,
                          JsonObject    *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  AcOutboxItem *item = g_new0 (AcOutboxItem, 1);
  Added *added = g_new0 (Added, 1);

  if (_ac_backend_sync_find_entry (self, client_id) != NULL)
    {
      g_free (item);
      g_free (added);
      return;
    }

  item->client_id = g_strdup (client_id);
  item->kind = g_strdup (kind);
  item->payload = ac_json_to_string (node, FALSE);
  g_queue_push_tail (&self->queue, _ac_backend_sync_entry_new (item));
  _ac_backend_sync_notify_waiting (self);

  added->self = g_object_ref (self);
  added->client_id = g_strdup (client_id);
  ac_store_outbox_add_async (self->store, self->server, client_id, kind, item->payload, NULL, on_added, added);
}

/**
 * ac_backend_sync_begin_call:
 * @self: an #AcBackendSync
 * @local_id: the app's id of the call (the store's), which is also the
 *   `Idempotency-Key` of its creation
 * @customer_id: (nullable): the customer's id on the server
 * @channel: (nullable): `VOICE` when %NULL
 *
 * Creates the conversation on the server (`POST /conversations`) and
 * joins its room.
 */
void
ac_backend_sync_begin_call (AcBackendSync *self,
                            const char    *local_id,
                            const char    *customer_id,
                            const char    *channel)
{
  JsonObject *object;

  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (local_id != NULL);

  object = json_object_new ();
  if (customer_id != NULL)
    json_object_set_string_member (object, "customerId", customer_id);
  json_object_set_string_member (object, "channel", channel != NULL ? channel : "VOICE");
  _ac_backend_sync_enqueue (self, local_id, "conversation", object);
}

/**
 * ac_backend_sync_add_utterance:
 * @self: an #AcBackendSync
 * @local_id: the app's id of the call
 * @client_message_id: the utterance's own id (a UUID)
 * @channel: who said it
 * @content: the final hypothesis's words
 *
 * Sends a final utterance to the call's room (`send_message`, its
 * `speaker` the channel's ac_audio_channel_to_speaker()).
 */
void
ac_backend_sync_add_utterance (AcBackendSync  *self,
                               const char     *local_id,
                               const char     *client_message_id,
                               AcAudioChannel  channel,
                               const char     *content)
{
  JsonObject *object;

  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (local_id != NULL && client_message_id != NULL && content != NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "conversation", local_id);
  json_object_set_string_member (object, "speaker", ac_audio_channel_to_speaker (channel));
  json_object_set_string_member (object, "content", content);
  _ac_backend_sync_enqueue (self, client_message_id, "message", object);
}

/**
 * ac_backend_sync_end_call:
 * @self: an #AcBackendSync
 * @local_id: the app's id of the call
 * @duration_s: its length, in seconds
 * @overall_sentiment: (nullable): the customer's overall label
 * @disposition: (nullable): the wrap-up's disposition code
 * @notes: (nullable): the wrap-up's notes
 * @resolved: whether the matter was resolved
 *
 * Marks the call completed on the server, after its last utterance, and
 * leaves its room.
 */
void
ac_backend_sync_end_call (AcBackendSync *self,
                          const char    *local_id,
                          gint64         duration_s,
                          const char    *overall_sentiment,
                          const char    *disposition,
                          const char    *notes,
                          gboolean       resolved)
{
  JsonObject *object;
  g_autofree char *client_id = NULL;

  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (local_id != NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "conversation", local_id);
  json_object_set_int_member (object, "duration", duration_s);
  if (overall_sentiment != NULL)
    json_object_set_string_member (object, "overallSentiment", overall_sentiment);
  if (disposition != NULL)
    json_object_set_string_member (object, "disposition", disposition);
  if (notes != NULL)
    json_object_set_string_member (object, "notes", notes);
  json_object_set_boolean_member (object, "resolved", resolved);
  client_id = g_strconcat ("end-", local_id, NULL);
  _ac_backend_sync_enqueue (self, client_id, "end", object);
}

/**
 * ac_backend_sync_wrap_up:
 * @self: an #AcBackendSync
 * @local_id: the app's id of the call, ended with ac_backend_sync_end_call()
 * @disposition: (nullable): the disposition code chosen in after-call
 *   work, or %NULL for none
 * @notes: (nullable): the agent's wrap-up notes
 * @resolved: whether the call resolved the customer's matter
 *
 * Adds the after-call work to the call on the server
 * (ac_backend_client_wrap_up_conversation_async()), after its end.
 */
void
ac_backend_sync_wrap_up (AcBackendSync *self,
                         const char    *local_id,
                         const char    *disposition,
                         const char    *notes,
                         gboolean       resolved)
{
  JsonObject *object;
  g_autofree char *client_id = NULL;

  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (local_id != NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "conversation", local_id);
  if (disposition != NULL)
    json_object_set_string_member (object, "disposition", disposition);
  if (notes != NULL && notes[0] != '\0')
    json_object_set_string_member (object, "notes", notes);
  json_object_set_boolean_member (object, "resolved", resolved);
  client_id = g_strconcat ("wrap-up-", local_id, NULL);
  _ac_backend_sync_enqueue (self, client_id, "wrap-up", object);
}

/**
 * ac_backend_sync_file_ticket:
 * @self: an #AcBackendSync
 * @client_id: the ticket's own id (a UUID), its `Idempotency-Key`
 * @fields: (element-type utf8 utf8): the ticket's columns, as for
 *   ac_backend_client_create_ticket_async(); `conversation_id` may be the
 *   app's id of a call, and is sent as the server's id of it
 *
 * Files a ticket on the server (`POST /tickets`);
 * [signal@BackendSync::ticket-filed] gives it back with the server's id.
 */
void
ac_backend_sync_file_ticket (AcBackendSync *self,
                             const char    *client_id,
                             GHashTable    *fields)
{
  JsonObject *object;
  JsonObject *columns;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (AC_IS_BACKEND_SYNC (self));
  g_return_if_fail (client_id != NULL && fields != NULL);

  columns = json_object_new ();
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      json_object_set_string_member (columns, key, value);
  object = json_object_new ();
  json_object_set_object_member (object, "fields", columns);
  _ac_backend_sync_enqueue (self, client_id, "ticket", object);
}

/**
 * ac_backend_sync_voice_activity:
 * @self: an #AcBackendSync
 * @local_id: the app's id of the call
 * @channel: whose voice
 * @is_active: whether they speak now
 * @audio_level: their level, in dBFS
 *
 * Sends `voice_activity` to the call's room if it is open (throttled; see
 * ac_backend_room_send_voice_activity()).  Never kept for later.
 *
 * Returns: whether it went out
 */
gboolean
ac_backend_sync_voice_activity (AcBackendSync  *self,
                                const char     *local_id,
                                AcAudioChannel  channel,
                                gboolean        is_active,
                                double          audio_level)
{
  AcBackendRoom *room;

  g_return_val_if_fail (AC_IS_BACKEND_SYNC (self), FALSE);
  g_return_val_if_fail (local_id != NULL, FALSE);

  room = g_hash_table_lookup (self->rooms, local_id);
  return room != NULL && ac_backend_room_send_voice_activity (room, ac_audio_channel_to_speaker (channel),
                                                              is_active, audio_level);
}
