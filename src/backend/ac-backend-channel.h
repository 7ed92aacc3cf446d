/* ac-backend-channel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ac-backend-client.h"

G_BEGIN_DECLS

#define AC_TYPE_BACKEND_CHANNEL (ac_backend_channel_get_type ())

G_DECLARE_FINAL_TYPE (AcBackendChannel, ac_backend_channel, AC, BACKEND_CHANNEL, GObject)

AcBackendChannel *ac_backend_channel_new           (AcBackendClient  *client,
                                                    const char       *websocket_url,
                                                    const char       *name);
void              ac_backend_channel_start         (AcBackendChannel *self);
void              ac_backend_channel_stop          (AcBackendChannel *self);
gboolean          ac_backend_channel_get_connected (AcBackendChannel *self);
gint64            ac_backend_channel_get_last_seq  (AcBackendChannel *self);
guint             ac_backend_channel_get_refused   (AcBackendChannel *self);
void              ac_backend_channel_reconnect     (AcBackendChannel *self);

G_END_DECLS
