/* ac-deepgram-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-streaming-engine.h"

G_BEGIN_DECLS

/**
 * AC_DEEPGRAM_URL:
 *
 * Deepgram's live streaming endpoint (developers.deepgram.com, “Live
 * Streaming Audio”).
 */
#define AC_DEEPGRAM_URL "wss://api.deepgram.com/v1/listen"

#define AC_TYPE_DEEPGRAM_ENGINE (ac_deepgram_engine_get_type ())

G_DECLARE_FINAL_TYPE (AcDeepgramEngine, ac_deepgram_engine, AC, DEEPGRAM_ENGINE, AcStreamingEngine)

AcSpeechEngine *ac_deepgram_engine_new (const char *url,
                                        const char *key,
                                        const char *model,
                                        const char *language,
                                        gboolean    allow_insecure);

G_END_DECLS
