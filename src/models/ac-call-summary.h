/* ac-call-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ac-transcript.h"

G_BEGIN_DECLS

/**
 * AcSummaryRole:
 * @AC_SUMMARY_REASON: why the customer called
 * @AC_SUMMARY_ACTION: what the agent did
 * @AC_SUMMARY_COMMITMENT: what the agent promised to do
 * @AC_SUMMARY_OUTCOME: how the customer left it
 *
 * Why an utterance is in a call's summary.
 */
typedef enum
{
  AC_SUMMARY_REASON,
  AC_SUMMARY_ACTION,
  AC_SUMMARY_COMMITMENT,
  AC_SUMMARY_OUTCOME,
} AcSummaryRole;

/**
 * AcSummaryLine:
 * @role: why it is in the summary
 * @channel: who said it (an #AcAudioChannel)
 * @start_ms: when, from the call's start
 * @text: what was said (as the transcript holds it: masked)
 *
 * One utterance of a call's summary.
 */
typedef struct
{
  AcSummaryRole  role;
  guint          channel;
  gint64         start_ms;
  char          *text;
} AcSummaryLine;

/**
 * AcCallSummary:
 * @lines: (element-type AcSummaryLine): the utterances that carry the
 *   call, in call order
 * @disposition: the suggested disposition code: `TRANSFERRED`, `ESCALATED`,
 *   `FOLLOW_UP`, `RESOLVED`, `NO_ACTION` or `NOT_CLASSIFIED`
 * @why: why that disposition, for the agent
 *
 * A call's summary made on this computer: extractive (the utterances that
 * carry its reason, what was done and promised, and how it ended) and a
 * disposition suggestion.  The agent edits and confirms both.
 */
typedef struct
{
  GPtrArray *lines;
  char      *disposition;
  char      *why;
} AcCallSummary;

AcCallSummary *ac_call_summary_new      (AcTranscript  *transcript,
                                         guint          n_escalations);
void           ac_call_summary_free     (AcCallSummary *summary);
char          *ac_call_summary_to_text  (AcCallSummary *summary);
JsonNode      *ac_call_summary_to_json  (AcCallSummary *summary);
const char    *ac_summary_role_to_string (AcSummaryRole role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcCallSummary, ac_call_summary_free)

G_END_DECLS
