/* ac-sign-in.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-settings.h"

G_BEGIN_DECLS

void     ac_sign_in_async   (AcSettings          *settings,
                             const char          *url,
                             const char          *websocket_url,
                             const char          *tenant_id,
                             gboolean             allow_insecure,
                             const char          *email,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
gboolean ac_sign_in_finish  (GAsyncResult        *result,
                             GError             **error);
void     ac_sign_out_async  (AcSettings          *settings,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
gboolean ac_sign_out_finish (GAsyncResult        *result,
                             GError             **error);

G_END_DECLS
