/* ac-sentiment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "ac-vader.h"

G_BEGIN_DECLS

/**
 * AcSentimentLabel:
 * @AC_SENTIMENT_POSITIVE: pleased, thankful
 * @AC_SENTIMENT_NEUTRAL: neither: questions, information
 * @AC_SENTIMENT_NEGATIVE: unhappy: complaints, waiting, repeated problems
 * @AC_SENTIMENT_URGENT: negative and needing action now: fraud, security,
 *   safety, legal threats, leaving today
 *
 * The categories of the contact-center backends (CustomerCare-VoiceAI).
 */
typedef enum
{
  AC_SENTIMENT_POSITIVE,
  AC_SENTIMENT_NEUTRAL,
  AC_SENTIMENT_NEGATIVE,
  AC_SENTIMENT_URGENT,
} AcSentimentLabel;

/**
 * AcIntent:
 * @AC_INTENT_GENERAL: none of the others
 * @AC_INTENT_QUESTION: asking for information
 * @AC_INTENT_SUPPORT: something does not work and needs fixing
 * @AC_INTENT_PURCHASE: buying, ordering, upgrading
 * @AC_INTENT_CANCELLATION: cancelling, closing, leaving
 * @AC_INTENT_COMPLAINT: complaining about the service
 * @AC_INTENT_FRAUD: fraud or account security
 * @AC_INTENT_BILLING: charges, bills, payments, refunds
 *
 * What the speaker wants.
 */
typedef enum
{
  AC_INTENT_GENERAL,
  AC_INTENT_QUESTION,
  AC_INTENT_SUPPORT,
  AC_INTENT_PURCHASE,
  AC_INTENT_CANCELLATION,
  AC_INTENT_COMPLAINT,
  AC_INTENT_FRAUD,
  AC_INTENT_BILLING,
} AcIntent;

/**
 * AcSentimentModel:
 * @AC_SENTIMENT_MODEL_CONTACT_CENTER: VADER with the contact-center cues (the default)
 * @AC_SENTIMENT_MODEL_VADER: plain VADER, for comparison
 */
typedef enum
{
  AC_SENTIMENT_MODEL_CONTACT_CENTER,
  AC_SENTIMENT_MODEL_VADER,
} AcSentimentModel;

/**
 * AcEmotions:
 * @anger: 0..1
 * @fear: 0..1
 * @sadness: 0..1
 * @joy: 0..1
 *
 * How strongly an utterance expresses each emotion.
 */
typedef struct
{
  double anger;
  double fear;
  double sadness;
  double joy;
} AcEmotions;

/**
 * AC_RISK_WEIGHT_NEGATIVE:
 *
 * The weights of the risk score and its escalation threshold, from the
 * Voice Bot Dashboard backend's `calculateRiskScore()` (the primary
 * backend contract): risk = negative × 0.6 + anger × 0.3 + fear × 0.2 +
 * sadness × 0.1, at most 1; an utterance whose risk is above 0.7 needs
 * escalation.
 */
#define AC_RISK_WEIGHT_NEGATIVE 0.6
#define AC_RISK_WEIGHT_ANGER    0.3
#define AC_RISK_WEIGHT_FEAR     0.2
#define AC_RISK_WEIGHT_SADNESS  0.1
#define AC_RISK_ESCALATION      0.7

/**
 * AcSentiment:
 * @text: the utterance
 * @model: the model that scored it
 * @scores: VADER's scores; with the contact-center model, of the text with
 *   the cues' valences added
 * @label: the category
 * @intent: what the speaker wants
 * @cues: (array zero-terminated=1): the contact-center cues found, e.g.
 *   “waiting”, “fraud”; empty with plain VADER
 * @emotions: the emotions
 * @negative: how negative, 0..1: −compound for a negative or urgent label,
 *   else 0 (only a negative result adds risk, as in the contract)
 * @risk: the risk score, 0..1
 * @escalation: whether @risk is above [const@RISK_ESCALATION]
 *
 * The analysis of one utterance.  Immutable.
 */
typedef struct
{
  char             *text;
  AcSentimentModel  model;
  AcVaderScores     scores;
  AcSentimentLabel  label;
  AcIntent          intent;
  char            **cues;
  AcEmotions        emotions;
  double            negative;
  double            risk;
  gboolean          escalation;
} AcSentiment;

#define AC_TYPE_SENTIMENT (ac_sentiment_get_type ())

GType             ac_sentiment_get_type          (void) G_GNUC_CONST;
AcSentiment      *ac_sentiment_analyze           (AcSentimentModel  model,
                                                  const char       *text);
AcSentiment      *ac_sentiment_ref               (AcSentiment      *self);
void              ac_sentiment_unref             (AcSentiment      *self);
double            ac_sentiment_risk              (double            negative,
                                                  const AcEmotions *emotions);
gboolean          ac_sentiment_risk_escalates    (double            risk);
const char       *ac_sentiment_label_to_string   (AcSentimentLabel  label);
const char       *ac_intent_to_string            (AcIntent          intent);
gboolean          ac_sentiment_model_from_string (const char       *name,
                                                  AcSentimentModel *model);
JsonNode         *ac_sentiment_to_json           (const AcSentiment *sentiment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcSentiment, ac_sentiment_unref)

G_END_DECLS
