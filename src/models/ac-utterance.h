/* ac-utterance.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ac-redactor.h"
#include "ac-sentiment.h"
#include "ac-types.h"

G_BEGIN_DECLS

/**
 * AcWord:
 * @text: the word
 * @start_ms: when it starts, in ms from the start of the call
 * @end_ms: when it ends, in ms from the start of the call
 *
 * One recognised word with its timing.
 */
typedef struct
{
  char   *text;
  gint64  start_ms;
  gint64  end_ms;
} AcWord;

#define AC_TYPE_UTTERANCE (ac_utterance_get_type ())

G_DECLARE_FINAL_TYPE (AcUtterance, ac_utterance, AC, UTTERANCE, GObject)

AcUtterance  *ac_utterance_new            (guint         channel,
                                           gint64        start_ms,
                                           gint64        end_ms,
                                           const char   *text,
                                           double        confidence,
                                           gboolean      is_final);
AcUtterance  *ac_utterance_new_moved      (AcUtterance  *self,
                                           gint64        offset_ms);
guint         ac_utterance_get_channel    (AcUtterance  *self);
gint64        ac_utterance_get_start_ms   (AcUtterance  *self);
gint64        ac_utterance_get_end_ms     (AcUtterance  *self);
const char   *ac_utterance_get_text       (AcUtterance  *self);
double        ac_utterance_get_confidence (AcUtterance  *self);
gboolean      ac_utterance_get_is_final   (AcUtterance  *self);
guint         ac_utterance_get_word_count (AcUtterance  *self);
void          ac_utterance_add_word       (AcUtterance  *self,
                                           const char   *text,
                                           gint64        start_ms,
                                           gint64        end_ms);
guint         ac_utterance_get_n_timed_words (AcUtterance *self);
const AcWord *ac_utterance_get_timed_word (AcUtterance  *self,
                                           guint         index);
AcSentiment  *ac_utterance_get_sentiment  (AcUtterance  *self);
void          ac_utterance_set_sentiment  (AcUtterance  *self,
                                           AcSentiment  *sentiment);
void          ac_utterance_analyze        (AcUtterance      *self,
                                           AcSentimentModel  model);
void          ac_utterance_set_remote_sentiment (AcUtterance *self,
                                                 const char  *label,
                                                 double       score);
void          ac_utterance_set_assistant_sentiment (AcUtterance *self,
                                                    const char  *label,
                                                    double       score,
                                                    const char  *intent);
const char   *ac_utterance_get_remote_source (AcUtterance *self);
const char   *ac_utterance_get_remote_intent (AcUtterance *self);
const char   *ac_utterance_get_remote_label (AcUtterance *self);
double        ac_utterance_get_remote_score (AcUtterance *self);
void          ac_utterance_set_engine     (AcUtterance  *self,
                                           const char   *engine,
                                           const char   *model);
const char   *ac_utterance_get_engine     (AcUtterance  *self);
const char   *ac_utterance_get_model      (AcUtterance  *self);

AcUtterance  *ac_utterance_new_redacted   (AcUtterance  *self,
                                           AcRedactor   *redactor);
void          ac_utterance_set_redactions (AcUtterance           *self,
                                           const AcRedactionSpan *spans,
                                           guint                  n_spans);
const AcRedactionSpan *ac_utterance_get_redactions (AcUtterance *self,
                                                    guint       *n_spans);
JsonNode     *ac_utterance_redactions_to_json (AcUtterance *self);
void          ac_utterance_set_redactions_from_json (AcUtterance *self,
                                                     const char  *json);

G_END_DECLS
