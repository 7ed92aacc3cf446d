/* ac-call-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-call-summary.h"
#include "ac-types.h"

/* A call's summary on this computer, without a model: the utterances that
 * carry it, found by what they do rather than by topic words —
 *   reason:     the customer's first utterance with an intent (the
 *               analyzer's), else their first long one;
 *   action:     the agent saying something is done ("I've refunded…");
 *   commitment: the agent promising to do something ("I'll send…");
 *   outcome:    the customer's last words near the end, when they close it
 *               ("thanks, that fixed it") or leave it open ("it's still…").
 * The disposition follows from those: a transfer or an escalation first,
 * then an open promise or outcome (follow-up), then a closing
 * (resolved), then a question answered (no action). */

#define MAX_ACTIONS 3
#define MAX_COMMITMENTS 3

static const char *action_pattern =
  "\\b(i('ve| have)|we('ve| have)|i just|it('s| has) been|that('s| is) (now|been)|i('m| am) (now )?)"
  "\\s*(\\w+\\s+){0,3}(sent|refunded|blocked|cancell?ed|updated|changed|ordered|reset|unlocked|credited|"
  "booked|escalated|transferred|removed|added|reversed|waived|fixed|replaced|rebooked|processed|raised|"
  "opened|closed|activated|reactivated|issued)\\b";
static const char *commitment_pattern =
  "\\b(i('ll| will)|we('ll| will)|i('m| am) going to|we('re| are) going to)\\b.{0,60}?\\b(send|refund|call|email|"
  "escalate|transfer|block|replace|credit|fix|check|book|cancel|arrange|order|update|process|follow|look)"
  "|\\byou('ll| will) (get|receive|see|have)\\b";
static const char *transfer_pattern = "\\btransfer(ring|red)?\\b|\\bput you through\\b|\\bconnect you (to|with)\\b";
static const char *escalate_pattern = "\\bescalat(e|ed|ing)\\b|\\bsupervisor\\b|\\bmanager\\b";
static const char *closed_pattern =
  "\\b(thanks?|thank you|cheers|perfect|great|brilliant|that('s| is) (all|it|everything|fine|great|perfect|sorted)|"
  "that (helps|helped|fixed|works|worked|solves|solved)|(all )?sorted|resolved|problem solved|works now)\\b";
static const char *open_pattern =
  "\\b(still (not|doesn't|isn't|haven't|no)|not (working|fixed|resolved|sorted)|(call|ring) (me )?back|"
  "waiting (for|on)|nothing (has|was) (changed|done)|again tomorrow|i'll (wait|check back))\\b";

static gboolean
matches (const char *pattern,
         const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_CASELESS, 0);
}

static void
line_free (AcSummaryLine *line)
{
  g_free (line->text);
  g_free (line);
}

static void
add_line (AcCallSummary *summary,
          AcSummaryRole  role,
          AcUtterance   *utterance)
{
  AcSummaryLine *line = g_new0 (AcSummaryLine, 1);

  line->role = role;
  line->channel = ac_utterance_get_channel (utterance);
  line->start_ms = ac_utterance_get_start_ms (utterance);
  line->text = g_strdup (ac_utterance_get_text (utterance));
  g_ptr_array_add (summary->lines, line);
}

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  const AcSummaryLine *x = *(AcSummaryLine **) a;
  const AcSummaryLine *y = *(AcSummaryLine **) b;

  return x->start_ms < y->start_ms ? -1 : x->start_ms > y->start_ms;
}

/**
 * ac_call_summary_new:
 * @transcript: a call's transcript (its final utterances are read)
 * @n_escalations: how many escalations the call raised (see
 *   #AcEscalations)
 *
 * Returns: (transfer full): the call's summary; with no final utterance,
 *   no lines and `NOT_CLASSIFIED`
 */
AcCallSummary *
ac_call_summary_new (AcTranscript *transcript,
                     guint         n_escalations)
{
  AcCallSummary *summary;
  GListModel *model;
  guint n;
  gint64 end_ms;
  AcUtterance *reason = NULL, *fallback = NULL, *outcome = NULL;
  guint actions = 0, commitments = 0;
  gboolean transferred = FALSE, escalated = n_escalations > 0, closed = FALSE, open = FALSE, question = FALSE;
  gboolean customer_spoke = FALSE;

  g_return_val_if_fail (AC_IS_TRANSCRIPT (transcript), NULL);

  summary = g_new0 (AcCallSummary, 1);
  summary->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  model = G_LIST_MODEL (transcript);
  n = g_list_model_get_n_items (model);
  end_ms = ac_transcript_get_duration_ms (transcript);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (model, i);
      const char *text = ac_utterance_get_text (utterance);
      AcSentiment *sentiment = ac_utterance_get_sentiment (utterance);
      gboolean customer = ac_utterance_get_channel (utterance) == AC_AUDIO_CHANNEL_CUSTOMER;

      if (!ac_utterance_get_is_final (utterance) || text == NULL || text[0] == '\0')
        continue;
      if (customer)
        {
          customer_spoke = TRUE;
          if (reason == NULL && sentiment != NULL && sentiment->intent != AC_INTENT_GENERAL)
            {
              reason = utterance;
              question = sentiment->intent == AC_INTENT_QUESTION;
            }
          if (fallback == NULL && ac_utterance_get_word_count (utterance) >= 5)
            fallback = utterance;
          /* the last third of the call: how the customer leaves it */
          if (end_ms <= 0 || ac_utterance_get_start_ms (utterance) >= end_ms * 2 / 3)
            {
              if (matches (open_pattern, text))
                {
                  open = TRUE;
                  closed = FALSE;
                  outcome = utterance;
                }
              else if (matches (closed_pattern, text))
                {
                  closed = TRUE;
                  outcome = utterance;
                }
            }
        }
      else
        {
          if (matches (transfer_pattern, text))
            transferred = TRUE;
          if (matches (escalate_pattern, text))
            escalated = TRUE;
          if (commitments < MAX_COMMITMENTS && matches (commitment_pattern, text))
            {
              add_line (summary, AC_SUMMARY_COMMITMENT, utterance);
              commitments++;
            }
          else if (actions < MAX_ACTIONS && matches (action_pattern, text))
            {
              add_line (summary, AC_SUMMARY_ACTION, utterance);
              actions++;
            }
        }
    }

  if (reason == NULL)
    reason = fallback;
  if (reason != NULL)
    add_line (summary, AC_SUMMARY_REASON, reason);
  if (outcome != NULL && outcome != reason)
    add_line (summary, AC_SUMMARY_OUTCOME, outcome);
  g_ptr_array_sort (summary->lines, by_time);

  if (transferred)
    {
      summary->disposition = g_strdup ("TRANSFERRED");
      summary->why = g_strdup (_("The agent transferred the call"));
    }
  else if (escalated)
    {
      summary->disposition = g_strdup ("ESCALATED");
      summary->why = g_strdup (_("The call was escalated"));
    }
  else if (open || (commitments > 0 && !closed))
    {
      summary->disposition = g_strdup ("FOLLOW_UP");
      summary->why = g_strdup (open ? _("The customer left it open") : _("The agent promised something still to do"));
    }
  else if (closed && (actions > 0 || commitments > 0 || !question))
    {
      summary->disposition = g_strdup ("RESOLVED");
      summary->why = g_strdup (_("The customer closed the call satisfied"));
    }
  else if (closed && question)
    {
      summary->disposition = g_strdup ("NO_ACTION");
      summary->why = g_strdup (_("A question, answered"));
    }
  else
    {
      summary->disposition = g_strdup ("NOT_CLASSIFIED");
      summary->why = g_strdup (customer_spoke ? _("Nothing in the call says how it ended")
                                              : _("The customer was not heard"));
    }
  return summary;
}

/**
 * ac_call_summary_free:
 * @summary: (nullable): a summary
 */
void
ac_call_summary_free (AcCallSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->lines);
  g_free (summary->disposition);
  g_free (summary->why);
  g_free (summary);
}

/**
 * ac_summary_role_to_string:
 * @role: a role
 *
 * Returns: `reason`, `action`, `commitment` or `outcome`
 */
const char *
ac_summary_role_to_string (AcSummaryRole role)
{
  switch (role)
    {
    case AC_SUMMARY_REASON:
      return "reason";
    case AC_SUMMARY_ACTION:
      return "action";
    case AC_SUMMARY_COMMITMENT:
      return "commitment";
    case AC_SUMMARY_OUTCOME:
    default:
      return "outcome";
    }
}

/**
 * ac_call_summary_to_text:
 * @summary: a summary
 *
 * Returns: (transfer full): the summary for the wrap-up's notes, one line
 *   per utterance: “Reason (customer): …”, “Done (agent): …”, “Promised
 *   (agent): …”, “Outcome (customer): …”; empty when it has no line
 */
char *
ac_call_summary_to_text (AcCallSummary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (summary != NULL, NULL);

  for (guint i = 0; i < summary->lines->len; i++)
    {
      AcSummaryLine *line = summary->lines->pdata[i];
      const char *who = line->channel == AC_AUDIO_CHANNEL_CUSTOMER ? _("customer") : _("agent");
      const char *what;

      switch (line->role)
        {
        case AC_SUMMARY_REASON:
          /* Translators: a line of a call's summary: “Reason (customer): …” */
          what = _("Reason");
          break;
        case AC_SUMMARY_ACTION:
          /* Translators: a line of a call's summary: what the agent did */
          what = _("Done");
          break;
        case AC_SUMMARY_COMMITMENT:
          /* Translators: a line of a call's summary: what the agent promised */
          what = _("Promised");
          break;
        case AC_SUMMARY_OUTCOME:
        default:
          what = _("Outcome");
          break;
        }
      /* Translators: a line of a call's summary: “Reason (customer): my card was stolen” */
      g_string_append_printf (text, _("%s (%s): %s\n"), what, who, line->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ac_call_summary_to_json:
 * @summary: a summary
 *
 * Returns: (transfer full): `{"lines": [{"role", "speaker", "start",
 *   "text"}], "text", "suggested_disposition": {"code", "why"}}`, times in
 *   seconds
 */
JsonNode *
ac_call_summary_to_json (AcCallSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = ac_call_summary_to_text (summary);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->lines->len; i++)
    {
      AcSummaryLine *line = summary->lines->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, ac_summary_role_to_string (line->role));
      json_builder_set_member_name (builder, "speaker");
      json_builder_add_string_value (builder, ac_audio_channel_to_speaker (line->channel));
      json_builder_set_member_name (builder, "start");
      json_builder_add_double_value (builder, line->start_ms / 1000.0);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, line->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
