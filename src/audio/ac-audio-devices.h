/* ac-audio-devices.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AcAudioDevice:
 * @source: the source description to store and give to
 *   ac_audio_capture_set_source() (a PulseAudio/PipeWire source name)
 * @label: the device's name for display
 * @is_monitor: whether the source is the monitor of an output device
 *   (what a softphone plays), rather than a microphone
 *
 * An audio input the capture can use.
 */
typedef struct
{
  char     *source;
  char     *label;
  gboolean  is_monitor;
} AcAudioDevice;

void       ac_audio_device_free (AcAudioDevice *device);
GPtrArray *ac_audio_devices_list (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcAudioDevice, ac_audio_device_free)

G_END_DECLS
