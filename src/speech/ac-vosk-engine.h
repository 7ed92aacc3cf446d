/* ac-vosk-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-streaming-engine.h"

G_BEGIN_DECLS

#define AC_TYPE_VOSK_ENGINE (ac_vosk_engine_get_type ())

G_DECLARE_FINAL_TYPE (AcVoskEngine, ac_vosk_engine, AC, VOSK_ENGINE, AcStreamingEngine)

AcSpeechEngine *ac_vosk_engine_new (const char *url,
                                    const char *language,
                                    gboolean    allow_insecure);

G_END_DECLS
