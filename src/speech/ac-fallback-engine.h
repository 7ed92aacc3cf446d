/* ac-fallback-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-streaming-engine.h"

G_BEGIN_DECLS

#define AC_TYPE_FALLBACK_ENGINE (ac_fallback_engine_get_type ())

G_DECLARE_FINAL_TYPE (AcFallbackEngine, ac_fallback_engine, AC, FALLBACK_ENGINE, GObject)

AcSpeechEngine *ac_fallback_engine_new          (AcStreamingEngine *service,
                                                 AcSpeechEngine    *on_device);
gboolean        ac_fallback_engine_is_falling_back (AcFallbackEngine *self,
                                                    guint             channel);

G_END_DECLS
