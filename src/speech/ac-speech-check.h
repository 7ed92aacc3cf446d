/* ac-speech-check.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-speech-engine.h"

G_BEGIN_DECLS

/**
 * AcSpeechCheck:
 * @words: what the engine heard first: its first final hypotheses, or its
 *   last partial if none was final; empty if it heard nothing
 * @latency_ms: the median time from a stretch of audio to the hypothesis
 *   that covers it, in ms: how far behind the speaker the transcript is;
 *   -1 with no hypothesis
 * @n_hypotheses: how many hypotheses (partial and final) came
 * @audio_ms: how much audio was streamed, in ms
 *
 * What a check of a speech engine found.
 */
typedef struct
{
  char   *words;
  gint64  latency_ms;
  guint   n_hypotheses;
  gint64  audio_ms;
} AcSpeechCheck;

void           ac_speech_check_free         (AcSpeechCheck        *check);
void           ac_speech_check_run_async    (AcSpeechEngine       *engine,
                                             GFile                *recording,
                                             guint                 duration_ms,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
AcSpeechCheck *ac_speech_check_run_finish   (GAsyncResult         *result,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcSpeechCheck, ac_speech_check_free)

G_END_DECLS
