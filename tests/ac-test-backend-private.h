/* ac-test-backend-private.h
 *
 * The test backend's state, shared by its files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ac-test-backend.h"

G_BEGIN_DECLS

struct _AcTestBackend
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *api_url;

  GMutex        lock;          /* guards everything below */
  GCond         ready;
  gboolean      started;
  AcTestFault   fault;
  guint         fault_times;
  int           token_lifetime;
  GHashTable   *refresh_tokens;  /* valid refresh token → email */
  GHashTable   *last_headers;    /* name → value, of the last request */
  GHashTable   *counts;          /* path → GUINT requests */
  GHashTable   *conversations;   /* id → JsonObject row */
  GHashTable   *idempotency;     /* Idempotency-Key → JsonObject row */
  GHashTable   *messages;        /* conversation id → JsonArray of rows */
  GHashTable   *sentiments;      /* conversation id → JsonArray of rows */
  JsonArray    *tickets;
  guint         next_ticket;
  guint         n_rooms_opened;
  guint         n_voice_activity;
  guint         transfers;
  char         *last_transfer;   /* “call|queue|agent|type|reason” */
  JsonArray    *recordings;      /* Recording rows */
  gboolean      document_000;    /* no POST /conversations/:id/end; COMPLETED */
  GString      *agent_states;    /* “STATE[:reason]” lines, as PUT */
  char         *agent_state;     /* the agent's, as the server has it */
  gint64        seq;             /* the channels' one counter */
  GPtrArray    *channels;        /* SoupWebsocketConnection, their name as data; server thread */
  GString      *recording_log;   /* “start CALL”, “stop ID” lines */
  guint16       port;

  GPtrArray    *members;         /* Member; the server thread only */

  /* The voice platform's floor (ac-test-backend-floor.c), under the lock */
  GHashTable   *floor_calls;     /* id → Call (JsonObject) */
  GPtrArray    *floor_order;     /* Call, oldest first */
  GHashTable   *floor_agents;    /* id → Agent (JsonObject) */
  GPtrArray    *agent_order;     /* Agent */
  JsonArray    *floor_notifications;  /* the last 20, with type/seq/timestamp */
  GHashTable   *transcripts;     /* call id → JsonArray of transcript rows (simulated calls) */
  guint         offered, answered, ended, abandoned, escalations;
  double        handle_total_s;
  double        sentiment_sum;
  guint         sentiment_n, n_positive, n_negative, n_neutral;
  guint         stats_source;    /* a stats_delta due; server thread */
  GRand        *rand;
  guint         load_source;     /* server thread */
  guint         load_left;       /* events still to send */
  guint         load_per_tick;
  guint         next_id;
};

typedef struct
{
  AcTestBackend           *backend;
  SoupWebsocketConnection *ws;
  char                    *conversation_id;
} Member;

/* ac-test-backend.c */
void        tb_reply             (SoupServerMessage *msg,
                                  guint              status,
                                  const char        *content_type,
                                  const char        *body);
void        tb_reply_error       (SoupServerMessage *msg,
                                  guint              status,
                                  const char        *code,
                                  const char        *message);
void        tb_reply_data        (SoupServerMessage *msg,
                                  const char        *data_json);
void        tb_reply_data_status (SoupServerMessage *msg,
                                  guint              status,
                                  const char        *data_json);
void        tb_reply_object      (SoupServerMessage *msg,
                                  guint              status,
                                  JsonObject        *object);
JsonObject *tb_request_object    (SoupServerMessage *msg,
                                  JsonNode         **keep);
char       *tb_now_iso           (void);
char       *tb_object_to_string  (JsonObject        *object);
char       *tb_array_to_string   (JsonArray         *array);
gboolean    tb_token_valid       (const char        *authorization);
void        tb_send_event        (AcTestBackend     *backend,
                                  const char        *name,
                                  const char        *type,
                                  const char        *data_json);

/* ac-test-backend-floor.c */
char       *tb_token_claim       (const char        *authorization,
                                  const char        *claim);
void        tb_floor_init        (AcTestBackend     *backend);
void        tb_floor_free        (AcTestBackend     *backend);
void        tb_floor_send        (AcTestBackend     *backend,
                                  const char        *channel,
                                  const char        *type,
                                  JsonObject        *data,
                                  const char        *tenant,
                                  const char        *agent_id);
void        tb_floor_call_started (AcTestBackend    *backend,
                                  JsonObject        *conversation,
                                  const char        *queue,
                                  const char        *tenant);
void        tb_floor_call_message (AcTestBackend    *backend,
                                  const char        *call_id,
                                  JsonObject        *message,
                                  const char        *label,
                                  double             risk);
void        tb_floor_call_ended  (AcTestBackend     *backend,
                                  const char        *call_id,
                                  const char        *reason);
JsonObject *tb_floor_call_transferred (AcTestBackend *backend,
                                  const char        *call_id,
                                  const char        *queue,
                                  const char        *agent,
                                  const char        *type,
                                  const char        *reason,
                                  const char        *by);
void        tb_floor_call_recording (AcTestBackend  *backend,
                                  const char        *call_id,
                                  JsonObject        *recording);
void        tb_floor_agent_state (AcTestBackend     *backend,
                                  const char        *agent_id,
                                  const char        *state,
                                  const char        *reason);
gboolean    tb_floor_handle      (AcTestBackend     *backend,
                                  SoupServerMessage *msg,
                                  const char        *path,
                                  GHashTable        *query);
char       *tb_floor_snapshot    (AcTestBackend     *backend,
                                  const char        *channel,
                                  const char        *role,
                                  const char        *user,
                                  const char        *tenant);

G_END_DECLS
