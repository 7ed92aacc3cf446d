/* ac-audio-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean ac_audio_file_probe (GFile   *file,
                              guint   *n_channels,
                              gint64  *duration_ms,
                              GError **error);

GFile   *ac_audio_file_get_sample_call (void);

G_END_DECLS
