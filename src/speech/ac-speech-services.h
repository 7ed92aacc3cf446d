/* ac-speech-services.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-speech-engine.h"

G_BEGIN_DECLS

const char * const *ac_speech_service_names        (void);
gboolean            ac_speech_service_is_streaming (const char  *name);
const char         *ac_speech_service_get_display_name (const char *name);
AcSpeechEngine     *ac_speech_engine_new_for_service (const char  *name,
                                                      const char  *url,
                                                      gboolean     allow_insecure,
                                                      const char  *key,
                                                      const char  *model,
                                                      const char  *language,
                                                      GError     **error);

G_END_DECLS
