/* ac-speech-keys.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean ac_speech_key_store_sync  (const char  *engine,
                                    const char  *url,
                                    const char  *key,
                                    GError     **error);
char    *ac_speech_key_lookup_sync (const char  *engine,
                                    const char  *url,
                                    GError     **error);
gboolean ac_speech_key_clear_sync  (const char  *engine,
                                    const char  *url,
                                    GError     **error);

void     ac_speech_key_lookup_async  (const char          *engine,
                                     const char          *url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
char    *ac_speech_key_lookup_finish (GAsyncResult        *result,
                                     GError             **error);
void     ac_speech_key_store_async   (const char          *engine,
                                     const char          *url,
                                     const char          *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean ac_speech_key_store_finish  (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
