/* ac-assistant.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-chat-client.h"
#include "ac-transcript.h"

G_BEGIN_DECLS

/**
 * AcAssistantSummary:
 * @reason: why the customer called
 * @actions: what the agent did
 * @resolution: how the call ended
 * @next_steps: (array zero-terminated=1): what is still to be done, by whom;
 *   empty when nothing is
 * @disposition: (nullable): one of the team's disposition codes, or %NULL
 *   when the provider named none of them
 * @why: (nullable): why that disposition, for the agent
 *
 * A call's summary written by an AI provider, read from its JSON answer
 * and checked against the schema in ac_assistant_summary_from_json().
 */
typedef struct
{
  char  *reason;
  char  *actions;
  char  *resolution;
  GStrv  next_steps;
  char  *disposition;
  char  *why;
} AcAssistantSummary;

AcAssistantSummary *ac_assistant_summary_from_json (const char           *answer,
                                                    GPtrArray            *dispositions,
                                                    GError              **error);
char               *ac_assistant_summary_to_text   (AcAssistantSummary   *summary);
void                ac_assistant_summary_free      (AcAssistantSummary   *summary);

/**
 * AcAssistantLabel:
 * @sentiment: `positive`, `neutral`, `negative` or `urgent`
 * @score: −1..1
 * @intent: one of the analyzer's intents (ac_intent_to_string()), `general`
 *   when the provider named another
 *
 * An AI provider's analysis of one utterance.
 */
typedef struct
{
  char   *sentiment;
  double  score;
  char   *intent;
} AcAssistantLabel;

void                ac_assistant_label_free        (AcAssistantLabel     *label);
GPtrArray          *ac_assistant_labels_from_json  (const char           *answer,
                                                    guint                 n_utterances,
                                                    GError              **error);

char               *ac_assistant_transcript_text   (AcTranscript         *transcript,
                                                    guint                 max_utterances);

#define AC_TYPE_ASSISTANT (ac_assistant_get_type ())

G_DECLARE_FINAL_TYPE (AcAssistant, ac_assistant, AC, ASSISTANT, GObject)

AcAssistant        *ac_assistant_new                 (const char           *base_url,
                                                      const char           *model,
                                                      const char           *api_key,
                                                      GError              **error);
const char         *ac_assistant_get_model           (AcAssistant          *self);
void                ac_assistant_set_timeouts        (AcAssistant          *self,
                                                      guint                 first_token_s,
                                                      guint                 total_s);
void                ac_assistant_summarize_async     (AcAssistant          *self,
                                                      AcTranscript         *transcript,
                                                      GPtrArray            *dispositions,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
AcAssistantSummary *ac_assistant_summarize_finish    (AcAssistant          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                ac_assistant_suggest_reply_async (AcAssistant          *self,
                                                      AcTranscript         *transcript,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char               *ac_assistant_suggest_reply_finish (AcAssistant         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                ac_assistant_classify_async      (AcAssistant          *self,
                                                      GPtrArray            *texts,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GPtrArray          *ac_assistant_classify_finish     (AcAssistant          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                ac_assistant_describe_ticket_async (AcAssistant        *self,
                                                      AcTranscript         *transcript,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char               *ac_assistant_describe_ticket_finish (AcAssistant       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcAssistantSummary, ac_assistant_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcAssistantLabel, ac_assistant_label_free)

G_END_DECLS
