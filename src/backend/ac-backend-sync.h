/* ac-backend-sync.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-client.h"
#include "ac-backend-room.h"
#include "ac-store.h"

G_BEGIN_DECLS

/**
 * AcBackendSyncState:
 * @AC_BACKEND_SYNC_CONNECTING: reading the outbox, or reaching the server
 * @AC_BACKEND_SYNC_CONNECTED: the server has everything it was sent, or
 *   is getting it
 * @AC_BACKEND_SYNC_WAITING: the server cannot be reached; trying again at
 *   [property@BackendSync:retry-at]
 * @AC_BACKEND_SYNC_SIGNED_OUT: the server refused the sign-in: nothing
 *   goes out until the agent signs in again
 *
 * Where the link to the backend stands, for the header's indicator.
 */
typedef enum
{
  AC_BACKEND_SYNC_CONNECTING,
  AC_BACKEND_SYNC_CONNECTED,
  AC_BACKEND_SYNC_WAITING,
  AC_BACKEND_SYNC_SIGNED_OUT,
} AcBackendSyncState;

#define AC_TYPE_BACKEND_SYNC (ac_backend_sync_get_type ())

G_DECLARE_FINAL_TYPE (AcBackendSync, ac_backend_sync, AC, BACKEND_SYNC, GObject)

AcBackendSync      *ac_backend_sync_new             (AcStore         *store,
                                                     AcBackendClient *client,
                                                     const char      *websocket_url,
                                                     const char      *agent_id);
AcBackendClient    *ac_backend_sync_get_client      (AcBackendSync   *self);
void                ac_backend_sync_start           (AcBackendSync   *self);
AcBackendSyncState  ac_backend_sync_get_state       (AcBackendSync   *self);
gint64              ac_backend_sync_get_retry_at    (AcBackendSync   *self);
guint               ac_backend_sync_get_n_waiting   (AcBackendSync   *self);
const char         *ac_backend_sync_get_remote_id   (AcBackendSync   *self,
                                                     const char      *local_id);
const char         *ac_backend_sync_get_remote_ticket_id (AcBackendSync *self,
                                                     const char      *local_id);
gboolean            ac_backend_sync_is_loaded       (AcBackendSync   *self);
const char         *ac_backend_sync_get_refusal     (AcBackendSync   *self,
                                                     const char      *client_id);
void                ac_backend_sync_note_customer   (AcBackendSync   *self,
                                                     const char      *customer_id);
gboolean            ac_backend_sync_is_server_customer (AcBackendSync *self,
                                                     const char      *customer_id);
void                ac_backend_sync_begin_call      (AcBackendSync   *self,
                                                     const char      *local_id,
                                                     const char      *customer_id,
                                                     const char      *channel);
void                ac_backend_sync_add_utterance   (AcBackendSync   *self,
                                                     const char      *local_id,
                                                     const char      *client_message_id,
                                                     AcAudioChannel   channel,
                                                     const char      *content);
void                ac_backend_sync_end_call        (AcBackendSync   *self,
                                                     const char      *local_id,
                                                     gint64           duration_s,
                                                     const char      *overall_sentiment,
                                                     const char      *disposition,
                                                     const char      *notes,
                                                     gboolean         resolved);
void                ac_backend_sync_wrap_up         (AcBackendSync   *self,
                                                     const char      *local_id,
                                                     const char      *disposition,
                                                     const char      *notes,
                                                     gboolean         resolved);
void                ac_backend_sync_file_ticket     (AcBackendSync   *self,
                                                     const char      *client_id,
                                                     GHashTable      *fields);
gboolean            ac_backend_sync_voice_activity  (AcBackendSync   *self,
                                                     const char      *local_id,
                                                     AcAudioChannel   channel,
                                                     gboolean         is_active,
                                                     double           audio_level);
void                ac_backend_sync_set_backoff     (AcBackendSync   *self,
                                                     guint            base_ms,
                                                     guint            max_ms);
void                ac_backend_sync_set_probe_interval (AcBackendSync *self,
                                                     guint            interval_ms);
void                ac_backend_sync_set_heartbeat   (AcBackendSync   *self,
                                                     guint            interval_ms,
                                                     guint            timeout_ms);

const char         *ac_backend_sync_get_websocket_url (AcBackendSync *self);
const char         *ac_backend_sync_get_agent_id      (AcBackendSync *self);

G_END_DECLS
