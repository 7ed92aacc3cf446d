/* ac-call-recorder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-audio-capture.h"

G_BEGIN_DECLS

/**
 * AcPauseReason:
 * @AC_PAUSE_REASON_AGENT: the agent paused recording
 * @AC_PAUSE_REASON_CARD_DETAILS: card details were being read
 *
 * Why part of a call is not in its recording.
 */
typedef enum
{
  AC_PAUSE_REASON_AGENT,
  AC_PAUSE_REASON_CARD_DETAILS,
} AcPauseReason;

/**
 * AcPauseSpan:
 * @start_ms: where it starts, in ms
 * @end_ms: where it ends, in ms (-1 while it lasts)
 * @reason: why
 *
 * A stretch of the call that is not in the recording.  The agent's pauses
 * are wall-clock time from ac_call_recorder_start() and absent from the
 * file; card details are on the call's clock and silence in the file.
 */
typedef struct
{
  gint64        start_ms;
  gint64        end_ms;
  AcPauseReason reason;
} AcPauseSpan;

#define AC_TYPE_CALL_RECORDER (ac_call_recorder_get_type ())

G_DECLARE_FINAL_TYPE (AcCallRecorder, ac_call_recorder, AC, CALL_RECORDER, GObject)

AcCallRecorder    *ac_call_recorder_new             (GFile           *file);
GFile             *ac_call_recorder_get_file        (AcCallRecorder  *self);
void               ac_call_recorder_set_stall_timeout (AcCallRecorder *self,
                                                       guint           timeout_ms);
gboolean           ac_call_recorder_start           (AcCallRecorder  *self,
                                                     GError         **error);
void               ac_call_recorder_push            (AcCallRecorder  *self,
                                                     AcAudioChannel   channel,
                                                     const gint16    *samples,
                                                     gsize            n_samples);
void               ac_call_recorder_channel_started (AcCallRecorder  *self,
                                                     AcAudioChannel   channel);
void               ac_call_recorder_channel_ended   (AcCallRecorder  *self,
                                                     AcAudioChannel   channel);
void               ac_call_recorder_set_paused      (AcCallRecorder  *self,
                                                     gboolean         paused);
gboolean           ac_call_recorder_get_paused      (AcCallRecorder  *self);
gboolean           ac_call_recorder_get_recording   (AcCallRecorder  *self);
gboolean           ac_call_recorder_stop            (AcCallRecorder  *self,
                                                     GError         **error);
gint64             ac_call_recorder_get_duration_ms (AcCallRecorder  *self);
const AcPauseSpan *ac_call_recorder_get_pause_spans (AcCallRecorder  *self,
                                                     guint           *n_spans);

void               ac_call_recorder_set_delay       (AcCallRecorder  *self,
                                                     guint            delay_ms);
gint64             ac_call_recorder_get_position_ms (AcCallRecorder  *self);
gint64             ac_call_recorder_begin_cut       (AcCallRecorder  *self,
                                                     gint64           from_ms);
void               ac_call_recorder_end_cut         (AcCallRecorder  *self,
                                                     gint64           at_ms);
gboolean           ac_call_recorder_get_cutting     (AcCallRecorder  *self);

G_END_DECLS
