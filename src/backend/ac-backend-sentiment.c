/* ac-backend-sentiment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include "ac-backend-sentiment.h"
#include "ac-backend-wire.h"
#include "ac-json.h"

/* The backend's own analysis of one message, as the room's
 * `sentiment_update` and the sentiment timeline send it. */

static AcBackendSentiment *
sentiment_copy (const AcBackendSentiment *sentiment)
{
  return ac_backend_sentiment_copy (sentiment);
}

G_DEFINE_BOXED_TYPE (AcBackendSentiment, ac_backend_sentiment, sentiment_copy, ac_backend_sentiment_free)

/**
 * ac_backend_sentiment_copy:
 * @sentiment: a sentiment update
 *
 * Returns: (transfer full): a copy
 */
AcBackendSentiment *
ac_backend_sentiment_copy (const AcBackendSentiment *sentiment)
{
  AcBackendSentiment *copy = g_new0 (AcBackendSentiment, 1);

  *copy = *sentiment;
  copy->message_id = g_strdup (sentiment->message_id);
  copy->client_message_id = g_strdup (sentiment->client_message_id);
  copy->label = g_strdup (sentiment->label);
  copy->emotions_json = g_strdup (sentiment->emotions_json);
  return copy;
}

/**
 * ac_backend_sentiment_get_score:
 * @sentiment: an #AcBackendSentiment
 *
 * The contract sends a label and a confidence, no signed score; this is
 * the label as a score in −1..1, for the timeline beside the app's own
 * (see ac_utterance_set_remote_sentiment()).
 *
 * Returns: the confidence (0..1) for `positive`, its negation for
 *   `negative` and `urgent`, 0 for `neutral` and `mixed`
 */
double
ac_backend_sentiment_get_score (const AcBackendSentiment *sentiment)
{
  double confidence;

  g_return_val_if_fail (sentiment != NULL, 0);

  confidence = CLAMP (sentiment->confidence, 0.0, 1.0);
  if (g_strcmp0 (sentiment->label, "positive") == 0)
    return confidence;
  if (g_strcmp0 (sentiment->label, "negative") == 0 || g_strcmp0 (sentiment->label, "urgent") == 0)
    return -confidence;
  return 0;
}

/**
 * ac_backend_sentiment_free:
 * @sentiment: (transfer full) (nullable): a sentiment update
 */
void
ac_backend_sentiment_free (AcBackendSentiment *sentiment)
{
  if (sentiment == NULL)
    return;
  g_free (sentiment->message_id);
  g_free (sentiment->client_message_id);
  g_free (sentiment->label);
  g_free (sentiment->emotions_json);
  g_free (sentiment);
}

/**
 * ac_backend_sentiment_new_from_json:
 * @data: a `sentiment_update`'s data, or a row of the contract's
 *   `sentiment_analysis` table (camelCase or snake_case)
 * @problem: (out) (optional) (transfer none): why it was refused, in
 *   English, for the log
 *
 * Reads the backend's analysis of one message: numbers may come as JSON
 * strings (PostgreSQL DECIMAL), the label in any case.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL when it has
 *   no message id or no known label
 */
AcBackendSentiment *
ac_backend_sentiment_new_from_json (JsonObject  *data,
                                    const char **problem)
{
  g_autoptr(AcBackendSentiment) sentiment = g_new0 (AcBackendSentiment, 1);
  const char *label = ac_backend_string_member (data, "sentiment", NULL);
  const char *message_id = ac_backend_string_member (data, "messageId", "message_id");
  JsonNode *emotions = json_object_get_member (data, "emotions");

  if (message_id == NULL || label == NULL)
    {
      if (problem != NULL)
        *problem = "without a message id or a sentiment";
      return NULL;
    }
  sentiment->label = g_ascii_strdown (label, -1);
  if (!g_str_equal (sentiment->label, "positive") && !g_str_equal (sentiment->label, "negative") &&
      !g_str_equal (sentiment->label, "neutral") && !g_str_equal (sentiment->label, "mixed") &&
      !g_str_equal (sentiment->label, "urgent"))
    {
      if (problem != NULL)
        *problem = "with an unknown sentiment";
      return NULL;
    }
  sentiment->message_id = g_strdup (message_id);
  if (emotions != NULL && JSON_NODE_HOLDS_OBJECT (emotions))
    sentiment->emotions_json = ac_json_to_string (emotions, FALSE);
  sentiment->confidence = CLAMP (ac_backend_number_member (data, "confidence", 0), 0, 1);
  sentiment->risk_score = ac_backend_number_member (data, "riskScore", ac_backend_number_member (data, "risk_score", -1));
  if (sentiment->risk_score >= 0)
    sentiment->risk_score = MIN (sentiment->risk_score, 1);
  sentiment->escalation_required = ac_backend_boolean_member (data, "escalationRequired", "escalation_required");
  return g_steal_pointer (&sentiment);
}
