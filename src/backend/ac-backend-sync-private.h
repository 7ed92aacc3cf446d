/* ac-backend-sync-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-sync.h"

G_BEGIN_DECLS

/* What ac-backend-sync.c (sending, rooms, loading, the object) shares
 * with ac-backend-sync-items.c (what the outbox is given). */

typedef struct
{
  AcOutboxItem *item;
  JsonNode     *payload;
  gboolean      stored;      /* committed to the outbox */
  gboolean      in_room;     /* an utterance handed to its room */
} Entry;

struct _AcBackendSync
{
  GObject             parent_instance;

  AcStore            *store;
  AcBackendClient    *client;
  char               *server;
  char               *websocket_url;
  char               *agent_id;

  GQueue              queue;          /* Entry, oldest first */
  GHashTable         *remote;         /* local call id → server id */
  GHashTable         *remote_tickets; /* local ticket id → server's number */
  GHashTable         *server_customers; /* id → id of customers the server has */
  GHashTable         *refusals;       /* client id → the server's reason */
  GHashTable         *rooms;          /* local call id → AcBackendRoom */
  gboolean            loaded;
  gboolean            started;
  gboolean            busy;           /* a REST request under way */
  guint               retry_source;
  guint               probe_source;   /* the idle check of /health */
  guint               probe_interval_ms;
  gint64              retry_at;
  guint               attempt;
  AcBackendSyncState  state;
  GCancellable       *cancellable;
  guint               backoff_base_ms;
  guint               backoff_max_ms;
  guint               heartbeat_interval_ms;
  guint               heartbeat_timeout_ms;
};

Entry *_ac_backend_sync_entry_new      (AcOutboxItem  *item);
GList *_ac_backend_sync_find_entry     (AcBackendSync *self,
                                        const char    *client_id);
void   _ac_backend_sync_notify_waiting (AcBackendSync *self);
void   _ac_backend_sync_pump           (AcBackendSync *self);
void   _ac_backend_sync_enqueue        (AcBackendSync *self,
                                        const char    *client_id,
                                        const char    *kind,
                                        JsonObject    *object);

G_END_DECLS
