/* ac-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "ac-analyze.h"
#include "ac-command-line.h"

/* The commands that run without a window, for scripts and for recorded
 * calls.  Each prints its result on standard output, its errors on
 * standard error, and returns the process's exit status. */

static int
fail (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return 1;
}

/**
 * ac_command_line_analyze:
 * @path: the recorded call, as given on the command line
 * @as_json: %TRUE for the enhanced transcript JSON, %FALSE for readable text
 *
 * `agent-console --analyze CALL [--json]`: transcribes a recorded call as
 * fast as the computer allows (see ac_analyze_recording()) and prints it.
 *
 * Returns: 0, or 1 with the reason on standard error
 */
int
ac_command_line_analyze (const char *path,
                         gboolean    as_json)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AcTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  gint64 duration_ms = -1;

  g_return_val_if_fail (path != NULL, 1);

  gst_init (NULL, NULL);

  file = g_file_new_for_commandline_arg (path);
  transcript = ac_analyze_recording (file, &duration_ms, &error);
  if (transcript == NULL)
    return fail (error);

  if (as_json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *sid = g_file_get_basename (file);
      g_autofree char *text = NULL;

      root = ac_transcript_to_enhanced_json (transcript, sid, NULL, duration_ms);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      /* Bytes as they are: the format is UTF-8 whatever the locale. */
      fputs (text, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      g_autofree char *text = ac_transcript_to_text (transcript);

      g_print ("%s", text);
      fflush (stdout);
    }

  return 0;
}
