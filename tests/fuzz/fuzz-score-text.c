/* fuzz-score-text.c
 *
 * libFuzzer: `--score-text` input, any bytes (not only UTF-8), through
 * both sentiment models and their JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-json.h"
#include "ac-sentiment.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* A line of standard input: it ends at the first NUL. */
  g_autofree char *line = g_strndup ((const char *) data, size);

  for (AcSentimentModel model = AC_SENTIMENT_MODEL_CONTACT_CENTER; model <= AC_SENTIMENT_MODEL_VADER; model++)
    {
      g_autoptr(AcSentiment) sentiment = ac_sentiment_analyze (model, line);
      g_autoptr(JsonNode) node = ac_sentiment_to_json (sentiment);
      g_autofree char *json = ac_json_to_string (node, FALSE);

      g_assert (json != NULL);
    }

  return 0;
}
