/* ac-openai-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-streaming-engine.h"

G_BEGIN_DECLS

/**
 * AC_OPENAI_URL:
 *
 * OpenAI's Realtime API for transcription (developers.openai.com,
 * “Realtime transcription”).
 */
#define AC_OPENAI_URL "wss://api.openai.com/v1/realtime?intent=transcription"

/**
 * AC_OPENAI_SAMPLE_RATE:
 *
 * The only rate the Realtime API takes PCM at, in Hz.
 */
#define AC_OPENAI_SAMPLE_RATE 24000

#define AC_TYPE_OPENAI_ENGINE (ac_openai_engine_get_type ())

G_DECLARE_FINAL_TYPE (AcOpenaiEngine, ac_openai_engine, AC, OPENAI_ENGINE, AcStreamingEngine)

AcSpeechEngine *ac_openai_engine_new (const char *url,
                                      const char *key,
                                      const char *model,
                                      const char *language,
                                      gboolean    allow_insecure);

G_END_DECLS
