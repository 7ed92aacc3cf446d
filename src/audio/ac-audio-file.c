/* ac-audio-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-audio-file"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/pbutils/pbutils.h>

#include "ac-audio-capture.h"
#include "ac-audio-file.h"

/* Long enough for a big file on a slow disk; discovery reads only the
 * headers and the first buffers. */
#define DISCOVER_TIMEOUT_NS (15 * GST_SECOND)

/**
 * ac_audio_file_probe:
 * @file: a recording
 * @n_channels: (out) (optional): the channels of its first audio stream
 * @duration_ms: (out) (optional): its length in ms, or -1 if unknown
 * @error: return location for an error
 *
 * Checks that @file is a recording the capture can play, before a call is
 * replayed or analysed, so that the agent is told what is wrong with it
 * in words rather than by a pipeline error.  GStreamer must have been
 * initialised.
 *
 * Returns: %TRUE if the file has an audio stream GStreamer decodes;
 *   %FALSE with %AC_AUDIO_ERROR_NOT_FOUND, %AC_AUDIO_ERROR_UNSUPPORTED,
 *   %AC_AUDIO_ERROR_NO_AUDIO or %AC_AUDIO_ERROR_MISSING_ELEMENT
 */
gboolean
ac_audio_file_probe (GFile   *file,
                     guint   *n_channels,
                     gint64  *duration_ms,
                     GError **error)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  GList *streams;
  GstClockTime duration;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);

  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                 G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                                 G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (file_info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_NOT_FOUND,
                     _("Cannot open “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (file_info) != G_FILE_TYPE_REGULAR ||
      (g_file_info_has_attribute (file_info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ) &&
       !g_file_info_get_attribute_boolean (file_info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)))
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_NOT_FOUND,
                   _("Cannot open “%s”: it is not a readable file"), name);
      return FALSE;
    }

  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT_NS, &local_error);
  if (discoverer == NULL)
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_MISSING_ELEMENT,
                   _("Recordings cannot be read: %s"), local_error->message);
      return FALSE;
    }

  uri = g_file_get_uri (file);
  info = gst_discoverer_discover_uri (discoverer, uri, &local_error);

  if (info == NULL || gst_discoverer_info_get_result (info) != GST_DISCOVERER_OK)
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_UNSUPPORTED,
                   _("“%s” is not a recording that can be played: %s"), name,
                   local_error != NULL ? local_error->message : _("unknown format"));
      return FALSE;
    }

  streams = gst_discoverer_info_get_audio_streams (info);
  if (streams == NULL)
    {
      g_set_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_NO_AUDIO,
                   _("“%s” has no sound in it"), name);
      return FALSE;
    }

  if (n_channels != NULL)
    *n_channels = gst_discoverer_audio_info_get_channels (streams->data);

  duration = gst_discoverer_info_get_duration (info);
  if (duration_ms != NULL)
    *duration_ms = GST_CLOCK_TIME_IS_VALID (duration) ? (gint64) (duration / GST_MSECOND) : -1;

  gst_discoverer_stream_info_list_free (streams);

  return TRUE;
}

/**
 * ac_audio_file_get_sample_call:
 *
 * The sample call that ships with the app (`sample-call.flac`: channel 0
 * the customer, 1 the agent; see `data/samples/README.md`), in the
 * installed data folder or, for an uninstalled build, in the folder named
 * by the environment variable `AC_SAMPLES_DIR`.
 *
 * Returns: (transfer full): the file, which may not exist
 */
GFile *
ac_audio_file_get_sample_call (void)
{
  const char *dir = g_getenv ("AC_SAMPLES_DIR");
  g_autofree char *path = NULL;

  if (dir != NULL && dir[0] != '\0')
    path = g_build_filename (dir, "sample-call.flac", NULL);
  else
    path = g_build_filename (PKGDATADIR, "samples", "sample-call.flac", NULL);

  return g_file_new_for_path (path);
}
