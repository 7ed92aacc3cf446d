/* ac-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>

#include "ac-analyze.h"
#include "ac-command-line.h"
#include "ac-json.h"
#include "ac-sentiment.h"

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
      g_autofree char *sid = g_file_get_basename (file);
      g_autofree char *text = NULL;

      root = ac_transcript_to_enhanced_json (transcript, sid, NULL, duration_ms);
      text = ac_json_to_string (root, TRUE);
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

/**
 * ac_command_line_score_text:
 * @model_name: (nullable): `contact-center` (the default) or `vader`
 *
 * `agent-console --score-text [--sentiment-model=MODEL]`: reads one
 * utterance per line on standard input and writes one JSON object per line
 * (see ac_sentiment_to_json()).  Lines that are not UTF-8 are repaired;
 * an empty line gives a neutral result.
 *
 * Returns: 0, or 2 for an unknown model, 1 if standard input fails
 */
int
ac_command_line_score_text (const char *model_name)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  AcSentimentModel model = AC_SENTIMENT_MODEL_CONTACT_CENTER;
  g_autoptr(GError) error = NULL;
  char *line;
  gsize length;

  if (model_name != NULL && !ac_sentiment_model_from_string (model_name, &model))
    {
      g_printerr (_("%s: unknown sentiment model “%s” (use contact-center or vader)\n"),
                  g_get_prgname (), model_name);
      return 2;
    }

  /* One utterance may be long (a pasted document): no line limit. */
  while ((line = g_data_input_stream_read_line (data, &length, NULL, &error)) != NULL)
    {
      g_autoptr(AcSentiment) sentiment = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';

      sentiment = ac_sentiment_analyze (model, line);
      g_free (line);

      node = ac_sentiment_to_json (sentiment);
      json = ac_json_to_string (node, FALSE);
      fputs (json, stdout);
      fputc ('\n', stdout);
    }

  fflush (stdout);

  if (error != NULL)
    return fail (error);

  return 0;
}
