/* ac-analyze.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-transcript.h"

G_BEGIN_DECLS

#include "ac-speech-engine.h"

AcTranscript *ac_analyze_recording (GFile   *file,
                                    gint64  *duration_ms,
                                    GError **error);
AcTranscript *ac_analyze_recording_with (GFile          *file,
                                         AcSpeechEngine *engine,
                                         gint64         *duration_ms,
                                         GError        **error);

G_END_DECLS
