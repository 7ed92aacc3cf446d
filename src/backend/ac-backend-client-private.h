/* ac-backend-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-client.h"

G_BEGIN_DECLS

/* What the endpoint families (ac-backend-client-customers.c,
 * -conversations.c, -tickets.c, -dashboard.c) share with the transport
 * in ac-backend-client.c: an endpoint is one request whose answer's
 * `data` the family's _finish shapes into the app's models. */

void        ac_backend_client_endpoint   (AcBackendClient     *self,
                                          gpointer             source_tag,
                                          const char          *method,
                                          const char          *path,
                                          JsonNode            *body,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
JsonNode   *ac_backend_client_propagate  (AcBackendClient     *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          GError             **error);
JsonObject *ac_backend_data_object       (AcBackendClient     *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          JsonNode           **keep,
                                          GError             **error);
GHashTable *ac_backend_record_fields     (AcBackendClient     *self,
                                          GAsyncResult        *result,
                                          gpointer             source_tag,
                                          const char          *without_id,
                                          GError             **error);
JsonArray  *ac_backend_rows_of           (JsonNode            *data,
                                          const char          *member);
char       *ac_backend_escaped_path      (const char          *prefix,
                                          const char          *id);
JsonNode   *ac_backend_read_envelope     (guint                status,
                                          GBytes              *body,
                                          GError             **error);
char       *ac_backend_path_with_query   (const char          *path,
                                          const char          *first_name,
                                          ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
