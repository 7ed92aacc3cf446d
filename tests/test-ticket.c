/* test-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ac-ticket.h"
#include "ac-ticket-draft.h"
#include "ac-test-utils.h"

static void
say (AcTranscript *transcript,
     guint         channel,
     gint64        start_ms,
     const char   *text)
{
  g_autoptr(AcUtterance) u = ac_utterance_new (channel, start_ms, start_ms + 1000, text, 0.9, TRUE);

  ac_utterance_analyze (u, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, u);
}

static const char *
field (GHashTable *fields,
       const char *column)
{
  return g_hash_table_lookup (fields, column);
}

/* A calm billing call: billing, MEDIUM, the customer's words quoted with
 * their time, the agent's left out. */
static void
test_draft_billing (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(AcEscalations) escalations = ac_escalations_new (transcript);
  g_autoptr(GHashTable) fields = NULL;
  const char *description;

  say (transcript, 1, 0, "thank you for calling how can i help");
  say (transcript, 0, 2000, "i have a question about a charge on my bill");
  say (transcript, 1, 5000, "let me look at your invoice");
  say (transcript, 0, 65000, "the payment was taken twice this month");

  fields = ac_ticket_draft_from_call (transcript, escalations, "Jane Doe");

  g_assert_cmpstr (field (fields, "category"), ==, "billing");
  g_assert_cmpstr (field (fields, "priority"), ==, "MEDIUM");
  g_assert_cmpstr (field (fields, "title"), ==, "Billing: Jane Doe");
  description = field (fields, "description");
  g_assert_nonnull (strstr (description, "- [0:02] i have a question about a charge on my bill"));
  g_assert_nonnull (strstr (description, "- [1:05] the payment was taken twice this month"));
  g_assert_nonnull (strstr (description, "Billing (2)"));
  g_assert_null (strstr (description, "invoice"));
  g_assert_null (strstr (description, "Escalations"));
}

/* Fraud outranks billing and makes the ticket URGENT; the escalation is
 * in the description. */
static void
test_draft_fraud (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(AcEscalations) escalations = ac_escalations_new (transcript);
  g_autoptr(GHashTable) fields = NULL;

  say (transcript, 0, 0, "there is a charge on my bill i do not know");
  say (transcript, 0, 3000, "someone hacked my account");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (escalations)), >, 0);

  fields = ac_ticket_draft_from_call (transcript, escalations, NULL);

  g_assert_cmpstr (field (fields, "category"), ==, "fraud");
  g_assert_cmpstr (field (fields, "priority"), ==, "URGENT");
  g_assert_cmpstr (field (fields, "title"), ==, "Fraud and Security: unknown caller");
  g_assert_nonnull (strstr (field (fields, "description"), "Escalations:\n- [0:04] "));
}

/* A call with nothing said still drafts a valid ticket; quotes are cut
 * and capped. */
static void
test_draft_edges (void)
{
  g_autoptr(AcTranscript) transcript = ac_transcript_new ();
  g_autoptr(GHashTable) empty = ac_ticket_draft_from_call (transcript, NULL, "");
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *description;
  guint n_quotes = 0;

  g_assert_cmpstr (field (empty, "category"), ==, "general");
  g_assert_cmpstr (field (empty, "priority"), ==, "MEDIUM");
  g_assert_true (ac_ticket_priority_is_valid (field (empty, "priority")));
  g_assert_cmpstr (field (empty, "title"), ==, "General: unknown caller");

  for (guint i = 0; i < 100; i++)
    g_string_append (long_text, "ünïcode ");
  say (transcript, 0, 0, long_text->str);
  for (guint i = 1; i < 20; i++)
    say (transcript, 0, i * 2000, "okay");

  fields = ac_ticket_draft_from_call (transcript, NULL, "Ana");
  description = field (fields, "description");
  g_assert_true (g_utf8_validate (description, -1, NULL));
  g_assert_nonnull (strstr (description, "…"));
  for (const char *p = description; (p = strstr (p, "\n- [")) != NULL; p++)
    n_quotes++;
  g_assert_cmpuint (n_quotes, ==, AC_TICKET_DRAFT_MAX_QUOTES);
}

static void
test_labels (void)
{
  g_auto(GStrv) categories = ac_ticket_list_categories ();
  g_auto(GStrv) priorities = ac_ticket_list_priorities ();

  g_assert_cmpstr (ac_ticket_category_to_label ("support"), ==, "Technical Support");
  g_assert_cmpstr (ac_ticket_category_to_label ("BILLING"), ==, "Billing");
  g_assert_cmpstr (ac_ticket_priority_to_label ("high"), ==, "High");
  /* A backend's own category is shown as it is. */
  g_assert_cmpstr (ac_ticket_category_to_label ("Mortgages"), ==, "Mortgages");
  g_assert_cmpstr (ac_ticket_status_to_label ("IN_PROGRESS"), ==, "In Progress");
  g_assert_true (g_strv_contains ((const char * const *) categories, "fraud"));
  g_assert_cmpuint (g_strv_length (priorities), ==, 4);
  for (guint i = 0; priorities[i] != NULL; i++)
    g_assert_cmpint (ac_ticket_sla_hours (priorities[i]), >, 0);
  g_assert_cmpint (ac_ticket_sla_hours ("urgent"), ==, 0);
  g_assert_cmpint (ac_ticket_sla_hours (NULL), ==, 0);
}

static void
test_check_fields (void)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *long_title = g_strnfill (256, 'x');
  const char *column = NULL;
  char *problem;

  problem = ac_ticket_check_fields (fields, &column);
  g_assert_cmpstr (problem, ==, "A ticket needs a title");
  g_assert_cmpstr (column, ==, "title");
  g_free (problem);

  g_hash_table_insert (fields, "title", "  \t ");
  problem = ac_ticket_check_fields (fields, &column);
  g_assert_cmpstr (column, ==, "title");
  g_free (problem);

  g_hash_table_insert (fields, "title", long_title);
  problem = ac_ticket_check_fields (fields, &column);
  g_assert_cmpstr (problem, ==, "The title is longer than 255 characters");
  g_free (problem);

  g_hash_table_insert (fields, "title", "Card blocked");
  problem = ac_ticket_check_fields (fields, &column);
  g_assert_cmpstr (column, ==, "category");
  g_free (problem);

  g_hash_table_insert (fields, "category", "billing");
  g_hash_table_insert (fields, "priority", "urgent");
  problem = ac_ticket_check_fields (fields, &column);
  g_assert_cmpstr (column, ==, "priority");
  g_assert_nonnull (strstr (problem, "“urgent”"));
  g_free (problem);

  g_hash_table_insert (fields, "priority", "URGENT");
  g_hash_table_insert (fields, "tags", "[\"vip\", 3]");
  problem = ac_ticket_check_fields (fields, &column);
  g_assert_cmpstr (column, ==, "tags");
  g_free (problem);

  g_hash_table_insert (fields, "tags", "not json");
  problem = ac_ticket_check_fields (fields, NULL);
  g_assert_nonnull (problem);
  g_free (problem);

  g_hash_table_insert (fields, "tags", "[\"vip\"]");
  g_assert_null (ac_ticket_check_fields (fields, &column));
  g_assert_null (column);
}

static void
test_tags (void)
{
  g_autofree char *tags = ac_ticket_tags_to_json (" billing, Refund ,, billing,\"quoted\" ");
  g_autofree char *none = ac_ticket_tags_to_json ("");
  g_autofree char *null = ac_ticket_tags_to_json (NULL);
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AcTicket) ticket = NULL;
  g_autofree char *back = NULL;

  g_assert_cmpstr (tags, ==, "[\"billing\",\"Refund\",\"\\\"quoted\\\"\"]");
  g_assert_cmpstr (none, ==, "[]");
  g_assert_cmpstr (null, ==, "[]");

  g_hash_table_insert (fields, "id", "TKT-000001");
  g_hash_table_insert (fields, "tags", tags);
  ticket = ac_ticket_new (fields);
  back = ac_ticket_dup_tags (ticket);
  g_assert_cmpstr (back, ==, "billing, Refund, \"quoted\"");
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/ticket/draft/billing", test_draft_billing);
  g_test_add_func ("/ticket/draft/fraud", test_draft_fraud);
  g_test_add_func ("/ticket/draft/edges", test_draft_edges);
  g_test_add_func ("/ticket/labels", test_labels);
  g_test_add_func ("/ticket/check-fields", test_check_fields);
  g_test_add_func ("/ticket/tags", test_tags);

  return g_test_run ();
}
