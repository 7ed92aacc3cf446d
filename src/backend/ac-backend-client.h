/* ac-backend-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ac-conversation.h"
#include "ac-customer.h"
#include "ac-ticket.h"
#include "ac-backend-tokens.h"
#include "ac-backend-wire.h"

G_BEGIN_DECLS

/**
 * AcBackendError:
 * @AC_BACKEND_ERROR_NETWORK: the server cannot be reached, or it closed
 *   the connection before it finished answering
 * @AC_BACKEND_ERROR_TIMEOUT: the server did not answer in time
 * @AC_BACKEND_ERROR_AUTH: the server refused the credentials or token
 *   (`AUTH_INVALID`, HTTP 401) and a refresh did not help
 * @AC_BACKEND_ERROR_NOT_FOUND: no such thing (`NOT_FOUND`, HTTP 404)
 * @AC_BACKEND_ERROR_VALIDATION: the server refused what was sent
 *   (`VALIDATION_ERROR`, HTTP 400 or 422)
 * @AC_BACKEND_ERROR_RATE_LIMITED: too many requests (HTTP 429), still so
 *   after waiting as long as the server asked
 * @AC_BACKEND_ERROR_SERVER: the server failed (`SERVER_ERROR`, HTTP 5xx)
 * @AC_BACKEND_ERROR_CONFLICT: already so, or no longer possible
 *   (`CONFLICT`, HTTP 409): a call that already ended, a recording
 *   already stopped
 * @AC_BACKEND_ERROR_NOT_IMPLEMENTED: the server does not do this
 *   (`NOT_IMPLEMENTED`, HTTP 501 or 405)
 * @AC_BACKEND_ERROR_FORBIDDEN: signed in, but the account's role may not
 *   do this (`FORBIDDEN`, HTTP 403): an agent asking for the floor
 * @AC_BACKEND_ERROR_INVALID_RESPONSE: the answer is not the contract's
 *   envelope: a web page, broken JSON, missing fields
 *
 * Why a request to the contact-center backend failed.  The message of
 * each is written for the agent; the server's own message is quoted when
 * it gave one.
 */
typedef enum
{
  AC_BACKEND_ERROR_NETWORK,
  AC_BACKEND_ERROR_TIMEOUT,
  AC_BACKEND_ERROR_AUTH,
  AC_BACKEND_ERROR_NOT_FOUND,
  AC_BACKEND_ERROR_VALIDATION,
  AC_BACKEND_ERROR_RATE_LIMITED,
  AC_BACKEND_ERROR_SERVER,
  AC_BACKEND_ERROR_INVALID_RESPONSE,
  AC_BACKEND_ERROR_CONFLICT,
  AC_BACKEND_ERROR_NOT_IMPLEMENTED,
  AC_BACKEND_ERROR_FORBIDDEN,
} AcBackendError;

#define AC_BACKEND_ERROR (ac_backend_error_quark ())
GQuark ac_backend_error_quark (void);

#define AC_TYPE_BACKEND_CLIENT (ac_backend_client_get_type ())

G_DECLARE_FINAL_TYPE (AcBackendClient, ac_backend_client, AC, BACKEND_CLIENT, GObject)

AcBackendClient *ac_backend_client_new               (const char          *base_url,
                                                      const char          *tenant_id,
                                                      GError             **error);
AcBackendClient *ac_backend_client_new_full          (const char          *base_url,
                                                      const char          *tenant_id,
                                                      gboolean             allow_insecure,
                                                      GError             **error);
gboolean         ac_backend_check_address            (const char          *url,
                                                      gboolean             websocket,
                                                      gboolean             allow_insecure,
                                                      GError             **error);
const char      *ac_backend_client_get_base_url      (AcBackendClient     *self);
const char      *ac_backend_client_get_tenant_id     (AcBackendClient     *self);
SoupSession     *ac_backend_client_get_session       (AcBackendClient     *self);
void             ac_backend_client_refresh_async     (AcBackendClient     *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         ac_backend_client_refresh_finish    (AcBackendClient     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_set_tokens        (AcBackendClient     *self,
                                                      const AcBackendTokens *tokens);
AcBackendTokens *ac_backend_client_dup_tokens        (AcBackendClient     *self);
const char      *ac_backend_client_get_role          (AcBackendClient     *self);
void             ac_backend_client_set_auto_refresh  (AcBackendClient     *self,
                                                      gboolean             auto_refresh);
void             ac_backend_client_set_timeout       (AcBackendClient     *self,
                                                      guint                seconds);
void             ac_backend_client_set_max_retry_wait (AcBackendClient    *self,
                                                      guint                seconds);

void             ac_backend_client_request_async     (AcBackendClient     *self,
                                                      const char          *method,
                                                      const char          *path,
                                                      JsonNode            *body,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void             ac_backend_client_request_full_async (AcBackendClient    *self,
                                                      const char          *method,
                                                      const char          *path,
                                                      JsonNode            *body,
                                                      const char          *idempotency_key,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
JsonNode        *ac_backend_client_request_finish    (AcBackendClient     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

void             ac_backend_client_login_async       (AcBackendClient     *self,
                                                      const char          *email,
                                                      const char          *password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AcBackendTokens *ac_backend_client_login_finish      (AcBackendClient     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_get_customer_async (AcBackendClient    *self,
                                                      const char          *customer_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AcCustomer      *ac_backend_client_get_customer_finish (AcBackendClient   *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_search_customers_async (AcBackendClient *self,
                                                      const char          *query,
                                                      const char          *phone,
                                                      const char          *email,
                                                      const char          *account_number,
                                                      guint                limit,
                                                      guint                offset,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel      *ac_backend_client_search_customers_finish (AcBackendClient *self,
                                                      GAsyncResult        *result,
                                                      guint               *total_count,
                                                      GError             **error);

void             ac_backend_client_create_conversation_async (AcBackendClient *self,
                                                      const char          *client_id,
                                                      const char          *customer_id,
                                                      const char          *agent_id,
                                                      const char          *channel,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void             ac_backend_client_get_conversation_async (AcBackendClient *self,
                                                      const char          *conversation_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void             ac_backend_client_end_conversation_async (AcBackendClient *self,
                                                      const char          *conversation_id,
                                                      gint64               duration_s,
                                                      const char          *overall_sentiment,
                                                      const char          *disposition,
                                                      const char          *notes,
                                                      gboolean             resolved,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void             ac_backend_client_wrap_up_conversation_async (AcBackendClient *self,
                                                      const char          *conversation_id,
                                                      const char          *disposition,
                                                      const char          *notes,
                                                      gboolean             resolved,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AcConversation  *ac_backend_client_conversation_finish (AcBackendClient   *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_list_messages_async (AcBackendClient   *self,
                                                      const char          *conversation_id,
                                                      guint                limit,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray       *ac_backend_client_list_messages_finish (AcBackendClient  *self,
                                                      GAsyncResult        *result,
                                                      GStrv               *message_ids,
                                                      GError             **error);
void             ac_backend_client_get_sentiment_timeline_async (AcBackendClient *self,
                                                      const char          *conversation_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray       *ac_backend_client_get_sentiment_timeline_finish (AcBackendClient *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_create_ticket_async (AcBackendClient   *self,
                                                      const char          *client_id,
                                                      GHashTable          *fields,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AcTicket        *ac_backend_client_create_ticket_finish (AcBackendClient  *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_list_tickets_async (AcBackendClient    *self,
                                                      const char          *status,
                                                      const char          *priority,
                                                      const char          *customer_id,
                                                      const char          *text,
                                                      guint                limit,
                                                      guint                offset,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GListModel      *ac_backend_client_list_tickets_finish (AcBackendClient   *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_list_queues_async (AcBackendClient     *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray       *ac_backend_client_list_queues_finish (AcBackendClient     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_transfer_call_async (AcBackendClient     *self,
                                                        const char          *call_id,
                                                        const char          *queue,
                                                        const char          *agent,
                                                        gboolean             warm,
                                                        const char          *reason,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GHashTable      *ac_backend_client_transfer_call_finish (AcBackendClient     *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void             ac_backend_client_get_dashboard_async (AcBackendClient   *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GHashTable      *ac_backend_client_get_dashboard_finish (AcBackendClient  *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void             ac_backend_client_check_health_async (AcBackendClient    *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         ac_backend_client_check_health_finish (AcBackendClient   *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

void             ac_backend_client_list_recordings_async  (AcBackendClient     *self,
                                                           const char          *call_id,
                                                           const char          *status,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray       *ac_backend_client_list_recordings_finish (AcBackendClient     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void             ac_backend_client_start_recording_async  (AcBackendClient     *self,
                                                           const char          *call_id,
                                                           const char          *reason,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GHashTable      *ac_backend_client_start_recording_finish (AcBackendClient     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void             ac_backend_client_stop_recording_async   (AcBackendClient     *self,
                                                           const char          *recording_id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean         ac_backend_client_stop_recording_finish  (AcBackendClient     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void             ac_backend_client_set_agent_state_async  (AcBackendClient     *self,
                                                           const char          *state,
                                                           const char          *reason,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GHashTable      *ac_backend_client_set_agent_state_finish (AcBackendClient     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
