/* ac-transcriber.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-audio-capture.h"
#include "ac-speech-engine.h"
#include "ac-transcript.h"

G_BEGIN_DECLS

#define AC_TYPE_TRANSCRIBER (ac_transcriber_get_type ())

G_DECLARE_FINAL_TYPE (AcTranscriber, ac_transcriber, AC, TRANSCRIBER, GObject)

AcTranscriber  *ac_transcriber_new            (AcAudioCapture *capture,
                                               AcSpeechEngine *engine,
                                               AcTranscript   *transcript);
void            ac_transcriber_begin_call     (AcTranscriber  *self);
AcTranscript   *ac_transcriber_get_transcript (AcTranscriber  *self);
AcSpeechEngine *ac_transcriber_get_engine     (AcTranscriber  *self);
void            ac_transcriber_set_on_hold    (AcTranscriber  *self,
                                               gboolean        on_hold);
gboolean        ac_transcriber_get_on_hold    (AcTranscriber  *self);
gboolean        ac_transcriber_is_channel_done (AcTranscriber *self,
                                                AcAudioChannel channel);

void            ac_transcriber_set_sentiment_model (AcTranscriber    *self,
                                                    AcSentimentModel  model);

void            ac_transcriber_set_transcript      (AcTranscriber    *self,
                                                    AcTranscript     *transcript);

AcRedactor     *ac_transcriber_get_redactor   (AcTranscriber  *self);

G_END_DECLS
