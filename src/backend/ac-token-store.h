/* ac-token-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-backend-client.h"

G_BEGIN_DECLS

void             ac_token_store_save_async   (const char          *server,
                                              const char          *account,
                                              const AcBackendTokens *tokens,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean         ac_token_store_save_finish  (GAsyncResult        *result,
                                              GError             **error);
void             ac_token_store_load_async   (const char          *server,
                                              const char          *account,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
AcBackendTokens *ac_token_store_load_finish  (GAsyncResult        *result,
                                              GError             **error);
void             ac_token_store_clear_async  (const char          *server,
                                              const char          *account,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean         ac_token_store_clear_finish (GAsyncResult        *result,
                                              GError             **error);

void             ac_token_store_keep_rotated (AcBackendClient     *client,
                                              const char          *account);

G_END_DECLS
