/* ac-audio-capture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-types.h"

G_BEGIN_DECLS

/**
 * AcAudioError:
 * @AC_AUDIO_ERROR_INVALID_SOURCE: the source description cannot be used
 * @AC_AUDIO_ERROR_MISSING_ELEMENT: a GStreamer element is not installed
 * @AC_AUDIO_ERROR_DEVICE_FAILED: the device or file failed to open or stopped
 *   delivering audio
 * @AC_AUDIO_ERROR_NOT_FOUND: the file does not exist or cannot be read
 * @AC_AUDIO_ERROR_UNSUPPORTED: the file is not in a format that can be decoded
 * @AC_AUDIO_ERROR_NO_AUDIO: the file has no audio stream
 *
 * Errors of [class@AudioCapture].
 */
typedef enum
{
  AC_AUDIO_ERROR_INVALID_SOURCE,
  AC_AUDIO_ERROR_MISSING_ELEMENT,
  AC_AUDIO_ERROR_DEVICE_FAILED,
  AC_AUDIO_ERROR_NOT_FOUND,
  AC_AUDIO_ERROR_UNSUPPORTED,
  AC_AUDIO_ERROR_NO_AUDIO,
} AcAudioError;

#define AC_AUDIO_ERROR (ac_audio_error_quark ())
GQuark ac_audio_error_quark (void);

/**
 * AC_AUDIO_LEVEL_FLOOR:
 *
 * The level reported for silence or a stopped channel, in dBFS.  The
 * `level` element reports digital silence as -700 dBFS; anything below
 * this floor is shown as the floor.
 */
#define AC_AUDIO_LEVEL_FLOOR (-90.0)

/**
 * AC_AUDIO_SOURCE_OFF:
 *
 * The source description of a channel that is not captured.
 */
#define AC_AUDIO_SOURCE_OFF "off"

/**
 * AC_AUDIO_CAPTURE_RATE:
 *
 * The rate of the audio handed to an #AcAudioFunc, in Hz: what the
 * on-device speech models are trained on.
 */
#define AC_AUDIO_CAPTURE_RATE 16000

/**
 * AcAudioFunc:
 * @channel: the side of the call the audio is from
 * @samples: (array length=n_samples) (nullable): signed 16-bit mono
 *   samples at [const@AUDIO_CAPTURE_RATE], or %NULL at the end
 * @n_samples: how many; 0 at the end
 * @user_data: the data given to ac_audio_capture_set_audio_func()
 *
 * Receives a channel's audio.  It is called from that channel's own
 * streaming thread, except for the end of a channel that was stopped,
 * which comes from the thread that stopped it.  Each run of a channel,
 * from its start to its end, failure or stop, ends with exactly one call
 * with %NULL samples.
 */
typedef void (*AcAudioFunc) (AcAudioChannel  channel,
                             const gint16   *samples,
                             gsize           n_samples,
                             gpointer        user_data);

typedef struct _AcCallRecorder AcCallRecorder;

#define AC_TYPE_AUDIO_CAPTURE (ac_audio_capture_get_type ())

G_DECLARE_FINAL_TYPE (AcAudioCapture, ac_audio_capture, AC, AUDIO_CAPTURE, GObject)

AcAudioCapture *ac_audio_capture_new          (void);
void            ac_audio_capture_set_source   (AcAudioCapture  *self,
                                               AcAudioChannel   channel,
                                               const char      *source);
const char     *ac_audio_capture_get_source   (AcAudioCapture  *self,
                                               AcAudioChannel   channel);
gboolean        ac_audio_capture_start        (AcAudioCapture  *self,
                                               GError         **error);
gboolean        ac_audio_capture_start_channel (AcAudioCapture *self,
                                                AcAudioChannel  channel,
                                                GError        **error);
void            ac_audio_capture_stop         (AcAudioCapture  *self);
gboolean        ac_audio_capture_get_running  (AcAudioCapture  *self);
gboolean        ac_audio_capture_is_channel_running (AcAudioCapture *self,
                                                     AcAudioChannel  channel);
double          ac_audio_capture_get_level    (AcAudioCapture  *self,
                                               AcAudioChannel   channel);
void            ac_audio_capture_set_paced    (AcAudioCapture  *self,
                                               gboolean         paced);
gboolean        ac_audio_capture_get_paced    (AcAudioCapture  *self);
void            ac_audio_capture_set_audio_func (AcAudioCapture *self,
                                                 AcAudioFunc     func,
                                                 gpointer        user_data,
                                                 GDestroyNotify  destroy);
void            ac_audio_capture_set_recorder (AcAudioCapture  *self,
                                               AcCallRecorder  *recorder);


G_END_DECLS
