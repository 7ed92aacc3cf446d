/* ac-types.h
 *
 * The vocabulary every layer shares: the two sides of a call and their
 * names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AcAudioChannel:
 * @AC_AUDIO_CHANNEL_CUSTOMER: the softphone: what the customer says
 * @AC_AUDIO_CHANNEL_AGENT: the microphone: what the agent says
 *
 * The two sides of a call.  The values are also the channel numbers of a
 * dual-channel call recording (0 customer, 1 agent).
 */
typedef enum
{
  AC_AUDIO_CHANNEL_CUSTOMER,
  AC_AUDIO_CHANNEL_AGENT,
} AcAudioChannel;

#define AC_AUDIO_N_CHANNELS 2

const char     *ac_audio_channel_to_label    (AcAudioChannel  channel);
const char     *ac_audio_channel_to_speaker  (AcAudioChannel  channel);
AcAudioChannel  ac_audio_channel_from_speaker (const char     *speaker);

char           *ac_format_duration           (gint64          ms);
char           *ac_phone_digits              (const char     *number);

G_END_DECLS
