/* ac-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ac-types.h"

/**
 * ac_audio_channel_to_label:
 * @channel: an #AcAudioChannel
 *
 * Returns: (transfer none): the translated name of the side of the call,
 *   “Customer” or “Agent”, for people
 */
const char *
ac_audio_channel_to_label (AcAudioChannel channel)
{
  switch (channel)
    {
    case AC_AUDIO_CHANNEL_CUSTOMER:
      return _("Customer");
    case AC_AUDIO_CHANNEL_AGENT:
      return _("Agent");
    default:
      g_return_val_if_reached ("?");
    }
}

/**
 * ac_audio_channel_to_speaker:
 * @channel: an #AcAudioChannel
 *
 * The one name of a side of the call that programs read: the store's
 * `speaker` column, the enhanced transcript's `role`, and the contact
 * center's `speaker` field (which the backend writes in capitals; see
 * ac_audio_channel_from_speaker()).
 *
 * Returns: (transfer none): `customer` or `agent`
 */
const char *
ac_audio_channel_to_speaker (AcAudioChannel channel)
{
  return channel == AC_AUDIO_CHANNEL_AGENT ? "agent" : "customer";
}

/**
 * ac_audio_channel_from_speaker:
 * @speaker: (nullable): a speaker's name as a store or server wrote it
 *
 * Reads ac_audio_channel_to_speaker() back, in any case.  Anyone who is
 * not the agent (the customer, a name nobody expected, none) is on the
 * customer's side: what they said is never attributed to the agent.
 *
 * Returns: the side of the call
 */
AcAudioChannel
ac_audio_channel_from_speaker (const char *speaker)
{
  return speaker != NULL && g_ascii_strcasecmp (speaker, "agent") == 0 ? AC_AUDIO_CHANNEL_AGENT
                                                                       : AC_AUDIO_CHANNEL_CUSTOMER;
}

/**
 * ac_format_duration:
 * @ms: a duration in milliseconds; negative values are shown as zero
 *
 * Formats a duration the way call timers show it: `M:SS` below an hour,
 * `H:MM:SS` from an hour on.
 *
 * Returns: (transfer full): the formatted duration
 */
char *
ac_format_duration (gint64 ms)
{
  gint64 s = MAX (ms, 0) / 1000;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d",
                            s / 3600, (int) (s / 60 % 60), (int) (s % 60));

  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

/**
 * ac_phone_digits:
 * @number: (nullable): a phone number as written: `+1 (555) 123-4567`,
 *   `0044 20 7946 0000`, `555.123.4567`
 *
 * The number's digits, with an international `00` prefix dropped (the
 * same as `+`): the one normaliser of phone numbers in the app.  The
 * store compares caller numbers by them (two numbers match when one's
 * digits end with the other's last nine: a national number against its
 * international form); a server is sent them after a `+` (see
 * ac_backend_phone_number()).  Not full E.164 parsing — that needs the
 * numbering plan of every country.
 *
 * Returns: (transfer full) (nullable): the digits, or %NULL if there are
 *   none
 */
char *
ac_phone_digits (const char *number)
{
  GString *digits;

  if (number == NULL)
    return NULL;

  digits = g_string_new (NULL);
  for (const char *p = number; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (g_str_has_prefix (digits->str, "00"))
    g_string_erase (digits, 0, 2);

  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  return g_string_free (digits, FALSE);
}
