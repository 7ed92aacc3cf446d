/* ac-backend-room.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-client.h"
#include "ac-backend-sentiment.h"

G_BEGIN_DECLS

/**
 * AcBackendRoomState:
 * @AC_BACKEND_ROOM_CLOSED: not joined, and not trying to
 * @AC_BACKEND_ROOM_CONNECTING: opening the WebSocket
 * @AC_BACKEND_ROOM_OPEN: in the room: what is sent reaches the server
 * @AC_BACKEND_ROOM_WAITING: the connection failed or was lost; trying
 *   again at [property@BackendRoom:retry-at]
 * @AC_BACKEND_ROOM_SIGNED_OUT: the server refused the token and a refresh
 *   did not help: the agent must sign in again
 *
 * Where a room's connection stands.
 */
typedef enum
{
  AC_BACKEND_ROOM_CLOSED,
  AC_BACKEND_ROOM_CONNECTING,
  AC_BACKEND_ROOM_OPEN,
  AC_BACKEND_ROOM_WAITING,
  AC_BACKEND_ROOM_SIGNED_OUT,
} AcBackendRoomState;

guint ac_backoff_delay_ms (guint base_ms,
                           guint max_ms,
                           guint attempt);

#define AC_TYPE_BACKEND_ROOM (ac_backend_room_get_type ())

G_DECLARE_FINAL_TYPE (AcBackendRoom, ac_backend_room, AC, BACKEND_ROOM, GObject)

AcBackendRoom      *ac_backend_room_new                (AcBackendClient *client,
                                                        const char      *websocket_url,
                                                        const char      *conversation_id,
                                                        const char      *agent_id);
const char         *ac_backend_room_get_conversation_id (AcBackendRoom  *self);
AcBackendRoomState  ac_backend_room_get_state          (AcBackendRoom   *self);
gint64              ac_backend_room_get_retry_at       (AcBackendRoom   *self);
guint               ac_backend_room_get_n_unconfirmed  (AcBackendRoom   *self);
void                ac_backend_room_open               (AcBackendRoom   *self);
void                ac_backend_room_close              (AcBackendRoom   *self);
void                ac_backend_room_send_message       (AcBackendRoom   *self,
                                                        const char      *client_message_id,
                                                        const char      *speaker,
                                                        const char      *content);
gboolean            ac_backend_room_send_voice_activity (AcBackendRoom  *self,
                                                        const char      *speaker,
                                                        gboolean         is_active,
                                                        double           audio_level);
void                ac_backend_room_set_heartbeat      (AcBackendRoom   *self,
                                                        guint            interval_ms,
                                                        guint            timeout_ms);
void                ac_backend_room_set_backoff        (AcBackendRoom   *self,
                                                        guint            base_ms,
                                                        guint            max_ms);
void                ac_backend_room_set_max_frame_size (AcBackendRoom   *self,
                                                        gsize            bytes);

G_END_DECLS
