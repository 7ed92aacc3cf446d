/* ac-transcript.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ac-utterance.h"

G_BEGIN_DECLS

#define AC_TYPE_TRANSCRIPT (ac_transcript_get_type ())

G_DECLARE_FINAL_TYPE (AcTranscript, ac_transcript, AC, TRANSCRIPT, GObject)

AcTranscript *ac_transcript_new              (void);
void          ac_transcript_add              (AcTranscript *self,
                                              AcUtterance  *utterance);
void          ac_transcript_clear            (AcTranscript *self);
void          ac_transcript_set_sentiment_model (AcTranscript     *self,
                                                 AcSentimentModel  model);
guint         ac_transcript_get_n_final      (AcTranscript *self);
gint64        ac_transcript_get_duration_ms  (AcTranscript *self);
char         *ac_transcript_to_text          (AcTranscript *self);
JsonNode     *ac_transcript_to_enhanced_json (AcTranscript *self,
                                              const char   *transcript_sid,
                                              GDateTime    *call_date,
                                              gint64        call_duration_ms);

G_END_DECLS
