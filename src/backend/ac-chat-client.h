/* ac-chat-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AC_TYPE_CHAT_CLIENT (ac_chat_client_get_type ())

G_DECLARE_FINAL_TYPE (AcChatClient, ac_chat_client, AC, CHAT_CLIENT, GObject)

AcChatClient *ac_chat_client_new             (const char          *base_url,
                                              const char          *model,
                                              const char          *api_key,
                                              GError             **error);
void          ac_chat_client_set_timeouts    (AcChatClient        *self,
                                              guint                first_token_s,
                                              guint                total_s);
void          ac_chat_client_complete_async  (AcChatClient        *self,
                                              const char          *instructions,
                                              const char          *text,
                                              gboolean             json,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char         *ac_chat_client_complete_finish (AcChatClient        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
