/* ac-call-recorder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-audio-capture.h"

G_BEGIN_DECLS

/**
 * AcPauseSpan:
 * @start_ms: when recording was paused, in ms from the start of the recording
 * @end_ms: when it resumed (or stopped), in ms from the start of the recording
 *
 * A stretch of the call that is not in the recording (wall-clock time,
 * measured from ac_call_recorder_start()).
 */
typedef struct
{
  gint64 start_ms;
  gint64 end_ms;
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

G_END_DECLS
