/* ac-ticket-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-ticket-draft"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-types.h"
#include "ac-ticket.h"
#include "ac-ticket-draft.h"

/* A quoted utterance is cut after this many characters. */
#define MAX_QUOTE_CHARS 200

/* When two intents are heard as often, the one a supervisor would want
 * to see first wins: most serious first. */
static const AcIntent by_severity[] = {
  AC_INTENT_FRAUD,
  AC_INTENT_CANCELLATION,
  AC_INTENT_COMPLAINT,
  AC_INTENT_BILLING,
  AC_INTENT_SUPPORT,
  AC_INTENT_PURCHASE,
  AC_INTENT_QUESTION,
};

static gboolean
is_customer_final (AcUtterance *u)
{
  return ac_utterance_get_is_final (u) &&
         ac_utterance_get_channel (u) == AC_AUDIO_CHANNEL_CUSTOMER &&
         ac_utterance_get_sentiment (u) != NULL;
}

/* Whether an utterance says something a ticket should quote: an intent
 * other than small talk, or a negative feeling. */
static gboolean
is_telling (AcUtterance *u)
{
  AcSentiment *s = ac_utterance_get_sentiment (u);

  return s->intent != AC_INTENT_GENERAL ||
         s->label == AC_SENTIMENT_NEGATIVE || s->label == AC_SENTIMENT_URGENT;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
append_quote (GString     *out,
              AcUtterance *u)
{
  g_autofree char *when = ac_format_duration (ac_utterance_get_start_ms (u));
  const char *text = ac_utterance_get_text (u);
  glong n_chars = g_utf8_strlen (text, -1);

  g_string_append_printf (out, "- [%s] ", when);
  if (n_chars > MAX_QUOTE_CHARS)
    {
      g_string_append_len (out, text, g_utf8_offset_to_pointer (text, MAX_QUOTE_CHARS) - text);
      g_string_append (out, "…");
    }
  else
    g_string_append (out, text);
  g_string_append_c (out, '\n');
}

/**
 * ac_ticket_draft_from_call:
 * @transcript: the call's transcript
 * @escalations: (nullable): the call's escalations
 * @customer_name: (nullable): who called, if known
 *
 * Drafts a ticket from what was said on a call, for the agent to check
 * and complete:
 *
 * - `category`: the intent the customer expressed most often (see
 *   ac_intent_to_string()); on a tie the more serious one (fraud,
 *   cancellation, complaint, billing, support, purchase, question);
 *   `general` when none;
 * - `priority`: `URGENT` if fraud or a danger to safety was escalated,
 *   `HIGH` for any other escalation, else `MEDIUM`;
 * - `title`: the category and the customer's name;
 * - `description`: the call's length, the intents heard and how often,
 *   the escalations with their time, and up to
 *   [const@TICKET_DRAFT_MAX_QUOTES] of the customer's utterances with their
 *   time from the start of the call — those with an intent or a negative
 *   feeling first, each cut after 200 characters.
 *
 * Returns: (transfer full) (element-type utf8 utf8): column → value, for
 *   ac_store_create_ticket_async() once the agent has checked them
 */
GHashTable *
ac_ticket_draft_from_call (AcTranscript  *transcript,
                           AcEscalations *escalations,
                           const char    *customer_name)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint counts[AC_INTENT_BILLING + 1] = { 0, };
  AcIntent category = AC_INTENT_GENERAL;
  const char *priority = "MEDIUM";
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *length = NULL;
  g_autoptr(GArray) quoted = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_items, n_intents = 0;
  gboolean any_escalation = FALSE;

  g_return_val_if_fail (AC_IS_TRANSCRIPT (transcript), NULL);
  g_return_val_if_fail (escalations == NULL || AC_IS_ESCALATIONS (escalations), NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (transcript));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), i);

      if (is_customer_final (u))
        counts[ac_utterance_get_sentiment (u)->intent]++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (by_severity); i++)
    if (counts[by_severity[i]] > counts[category] ||
        (category == AC_INTENT_GENERAL && counts[by_severity[i]] > 0))
      category = by_severity[i];

  length = ac_format_duration (ac_transcript_get_duration_ms (transcript));
  /* Translators: the first line of a ticket drafted from a call */
  g_string_append_printf (description, _("Drafted from a call of %s."), length);
  g_string_append_c (description, '\n');

  for (guint i = 0; i < G_N_ELEMENTS (by_severity); i++)
    {
      AcIntent intent = by_severity[i];

      if (counts[intent] == 0)
        continue;
      g_string_append (description, n_intents++ == 0 ? _("Customer intents:") : ",");
      g_string_append_printf (description, " %s (%u)", ac_ticket_category_to_label (ac_intent_to_string (intent)),
                              counts[intent]);
    }
  if (n_intents > 0)
    g_string_append (description, ".\n");

  if (escalations != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (escalations));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AcEscalation) e = g_list_model_get_item (G_LIST_MODEL (escalations), i);
          AcEscalationKind kind = ac_escalation_get_kind (e);
          g_autofree char *when = ac_format_duration (ac_escalation_get_time_ms (e));

          if (i == 0)
            g_string_append_printf (description, "%s\n", _("Escalations:"));
          g_string_append_printf (description, "- [%s] %s\n", when, ac_escalation_get_reason (e));

          if (kind == AC_ESCALATION_FRAUD || kind == AC_ESCALATION_SAFETY)
            priority = "URGENT";
          any_escalation = TRUE;
        }
    }
  if (any_escalation && g_str_equal (priority, "MEDIUM"))
    priority = "HIGH";

  /* What the customer said: the telling utterances first, the others if
   * there is room, quoted in the order they were said. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_items && quoted->len < AC_TICKET_DRAFT_MAX_QUOTES; i++)
      {
        g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), i);

        if (is_customer_final (u) && is_telling (u) == (pass == 0))
          g_array_append_val (quoted, i);
      }
  g_array_sort (quoted, compare_positions);

  if (quoted->len > 0)
    g_string_append_printf (description, "%s\n", _("The customer said:"));
  for (guint i = 0; i < quoted->len; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript),
                                                        g_array_index (quoted, guint, i));

      append_quote (description, u);
    }

  g_strchomp (description->str);

  g_hash_table_insert (fields, (gpointer) "category", g_strdup (ac_intent_to_string (category)));
  g_hash_table_insert (fields, (gpointer) "priority", g_strdup (priority));
  g_hash_table_insert (fields, (gpointer) "description", g_strdup (description->str));
  if (customer_name != NULL && customer_name[0] != '\0')
    /* Translators: a drafted ticket's title: “Billing: Jane Doe” */
    g_hash_table_insert (fields, (gpointer) "title",
                         g_strdup_printf (_("%s: %s"), ac_ticket_category_to_label (ac_intent_to_string (category)),
                                          customer_name));
  else
    /* Translators: a drafted ticket's title when the caller is unknown: “Billing: unknown caller” */
    g_hash_table_insert (fields, (gpointer) "title",
                         g_strdup_printf (_("%s: unknown caller"),
                                          ac_ticket_category_to_label (ac_intent_to_string (category))));

  return fields;
}
