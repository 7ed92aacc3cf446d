/* ac-transcript.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ac-utterance.h"

G_BEGIN_DECLS

/**
 * AC_SENTIMENT_TREND_N:
 *
 * How many of a speaker's latest utterances the trend compares with the
 * ones before them.
 */
#define AC_SENTIMENT_TREND_N 5

/**
 * AcSentimentSummary:
 * @n: how many final utterances the speaker said
 * @mean: their mean compound score, −1..1
 * @quarters: the mean in each quarter of the call
 * @quarter_counts: how many utterances each quarter holds
 * @trend: recent mean minus the mean before it, −2..2
 *
 * One speaker's sentiment over a call (see
 * ac_transcript_get_sentiment_summary()).
 */
typedef struct
{
  guint  n;
  double mean;
  double quarters[4];
  guint  quarter_counts[4];
  double trend;
} AcSentimentSummary;

#define AC_TYPE_TRANSCRIPT (ac_transcript_get_type ())

G_DECLARE_FINAL_TYPE (AcTranscript, ac_transcript, AC, TRANSCRIPT, GObject)

AcTranscript *ac_transcript_new              (void);
void          ac_transcript_add              (AcTranscript *self,
                                              AcUtterance  *utterance);
void          ac_transcript_clear            (AcTranscript *self);
void          ac_transcript_get_sentiment_summary (AcTranscript       *self,
                                                   guint               channel,
                                                   AcSentimentSummary *summary);
guint         ac_transcript_get_n_final      (AcTranscript *self);
gint64        ac_transcript_get_duration_ms  (AcTranscript *self);
char         *ac_transcript_to_text          (AcTranscript *self);
JsonNode     *ac_transcript_to_enhanced_json (AcTranscript *self,
                                              const char   *transcript_sid,
                                              GDateTime    *call_date,
                                              gint64        call_duration_ms);

G_END_DECLS
