/* ac-assemblyai-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-streaming-engine.h"

G_BEGIN_DECLS

/**
 * AC_ASSEMBLYAI_URL:
 *
 * AssemblyAI's Universal-Streaming v3 endpoint (www.assemblyai.com/docs,
 * “Streaming API”).
 */
#define AC_ASSEMBLYAI_URL "wss://streaming.assemblyai.com/v3/ws"

#define AC_TYPE_ASSEMBLYAI_ENGINE (ac_assemblyai_engine_get_type ())

G_DECLARE_FINAL_TYPE (AcAssemblyaiEngine, ac_assemblyai_engine, AC, ASSEMBLYAI_ENGINE, AcStreamingEngine)

AcSpeechEngine *ac_assemblyai_engine_new (const char *url,
                                          const char *key,
                                          const char *model,
                                          const char *language,
                                          gboolean    allow_insecure);

G_END_DECLS
