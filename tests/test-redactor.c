/* test-redactor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The redactor on text as engines write it: digits, digit words, numbers
 * split across utterances, the engines' confusions, numbers that must be
 * left alone, hostile and huge input; its accuracy on the held-out
 * conversations and its false positives on contact-center text with no
 * personal data.
 */

#include "config.h"

#include "ac-test-utils.h"
#include "ac-redactor.h"

#include <stdlib.h>
#include <string.h>

/* Measured when the held-out set was written: see README. */
#define HELDOUT_FLOOR 90

/* Redacts @text as a final of @channel and returns the categories found,
 * comma-separated ("-" for none); the masked text in @masked. */
static char *
categories_of (AcRedactor *redactor,
               guint       channel,
               const char *text,
               char      **masked)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *out = ac_redactor_redact (redactor, channel, text, -1, -1, NULL, 0, TRUE, &spans);

  for (guint i = 0; i < spans->len; i++)
    {
      const AcRedactionSpan *span = &g_array_index (spans, AcRedactionSpan, i);

      g_assert_cmpuint (span->start, <, span->end);
      g_assert_cmpuint (span->end, <=, g_utf8_strlen (out, -1));
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", ac_redaction_category_to_string (span->category));
    }

  if (masked != NULL)
    *masked = g_steal_pointer (&out);
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : g_strdup ("-");
}

typedef struct
{
  const char *text;
  const char *expected;   /* categories */
  const char *absent;     /* must not be in the masked text, or NULL */
} Case;

static void
check_cases (const Case *cases,
             gsize       n,
             gboolean    one_conversation)
{
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *masked = NULL;
      g_autofree char *found = NULL;

      if (!one_conversation)
        ac_redactor_reset (redactor);
      found = categories_of (redactor, 0, cases[i].text, &masked);
      g_test_message ("%s → %s (%s)", cases[i].text, masked, found);
      g_assert_cmpstr (found, ==, cases[i].expected);
      if (cases[i].absent != NULL)
        g_assert_null (strstr (masked, cases[i].absent));
    }
}

static void
test_cards (void)
{
  static const Case cases[] = {
    { "4111 1111 1111 1111", "card", "4111" },
    { "4111111111111111", "card", "41111" },
    { "4111-1111-1111-1111 thanks", "card", "4111" },
    { "four one one one one one one one one one one one one one one one", "card", "one one" },
    { "it's four one one one one one one one one one one one one one one one okay", "card", "one one" },
    /* oh for zero, double and triple, fillers */
    { "six oh one one one one one one one one one one one one one seven", "card", "one one" },
    { "five double five five five five five five five five five five four four four four", "card", "five" },
    { "three seven eight two um eight two two four six three one zero zero zero five", "card", "eight" },
    { "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "card", "1 1" },
    /* mixed digits and words */
    { "4111 one one one one 1111 one one one one", "card", "one" },
    /* Luhn fails, no cue: an order number read out */
    { "4111 1111 1111 1112", "-", NULL },
    { "1234567812345678", "-", NULL },
    /* a card then its security code in one breath */
    { "my card number is 5555 5555 5555 4444 and the security code is 321", "card,security-code", "4444 and" },
    { "the amex 3782 822463 10005", "card", "822463" },
  };

  check_cases (cases, G_N_ELEMENTS (cases), FALSE);
}

static void
test_card_label (void)
{
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autoptr(GArray) spans = NULL;
  g_autofree char *masked = ac_redactor_redact (redactor, 0, "card 4111 1111 1111 1111.", 1000, 9000, NULL, 0,
                                                TRUE, &spans);
  const AcRedactionSpan *span;

  /* The last four stay (PCI DSS allows them), the full stop too. */
  g_assert_cmpstr (masked, ==, "card [card ••••1111].");
  g_assert_cmpuint (spans->len, ==, 1);
  span = &g_array_index (spans, AcRedactionSpan, 0);
  g_assert_cmpint (span->category, ==, AC_REDACTION_CARD);
  /* characters, not bytes: the bullets are three bytes each */
  g_assert_cmpuint (span->start, ==, 5);
  g_assert_cmpuint (span->end, ==, 5 + g_utf8_strlen ("[card ••••1111]", -1));
  /* times spread over the utterance when words have none */
  g_assert_cmpint (span->start_ms, >=, 1000);
  g_assert_cmpint (span->end_ms, <=, 9000);
  g_assert_cmpint (span->start_ms, <, span->end_ms);
}

static void
test_word_times (void)
{
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autoptr(GArray) spans = NULL;
  const gint64 times[] = { 0, 300, 400, 700, 800, 1500, 1600, 2300, 2400, 3100, 3200, 3900 };
  g_autofree char *masked = ac_redactor_redact (redactor, 0, "my card 4111 1111 1111 1111", 0, 3900, times, 6,
                                                TRUE, &spans);
  gint64 start, end;
  guint n;

  g_assert_cmpstr (masked, ==, "my card [card ••••1111]");
  g_assert_cmpint (g_array_index (spans, AcRedactionSpan, 0).start_ms, ==, 800);
  g_assert_cmpint (g_array_index (spans, AcRedactionSpan, 0).end_ms, ==, 3900);

  /* the digits, for the recorder */
  g_assert_true (ac_redactor_get_digit_run (redactor, &start, &end, &n));
  g_assert_cmpint (start, ==, 800);
  g_assert_cmpint (end, ==, 3900);
  g_assert_cmpuint (n, ==, 16);

  g_free (ac_redactor_redact (redactor, 0, "thank you", 4000, 5000, NULL, 0, TRUE, NULL));
  g_assert_false (ac_redactor_get_digit_run (redactor, NULL, NULL, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_split_across_utterances (void)
{
  /* Asked for by the agent, read by the customer in four groups. */
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  static const char *groups[] = { "four one one one", "one one one one", "one one one one", "one one one one" };
  g_autofree char *asked = categories_of (redactor, 1, "can i have the card number please", NULL);

  g_assert_cmpstr (asked, ==, "-");
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *masked = NULL;
      g_autofree char *found = categories_of (redactor, 0, groups[i], &masked);

      g_assert_cmpstr (found, ==, "card");
      g_assert_null (strstr (masked, "one"));
      g_assert_null (strstr (masked, "four"));
    }

  /* No cue: the second half finishes a Luhn-valid card with the first. */
  ac_redactor_reset (redactor);
  {
    g_autofree char *first = categories_of (redactor, 0, "it's 4111 1111", NULL);
    g_autofree char *masked = NULL;
    g_autofree char *second = categories_of (redactor, 0, "1111 1111", &masked);

    g_assert_cmpstr (first, ==, "-");
    g_assert_cmpstr (second, ==, "card");
    g_assert_cmpstr (masked, ==, "[card ••••1111]");
  }

  /* No cue, one group an utterance: masked from the second group on, as
   * soon as the two make eight digits. */
  ac_redactor_reset (redactor);
  {
    static const char *read[] = { "four one one one", "one one one one", "one one one one", "one one one one" };
    static const char *expected[] = { "-", "card", "card", "card" };

    for (guint i = 0; i < G_N_ELEMENTS (read); i++)
      {
        g_autofree char *found = categories_of (redactor, 0, read[i], NULL);

        g_assert_cmpstr (found, ==, expected[i]);
      }
  }

  /* An order number read in two halves is left alone. */
  ac_redactor_reset (redactor);
  {
    g_autofree char *first = categories_of (redactor, 0, "my order number is 1234", NULL);
    g_autofree char *second = categories_of (redactor, 0, "5678", NULL);

    g_assert_cmpstr (first, ==, "-");
    g_assert_cmpstr (second, ==, "-");
  }

  /* The other speaker's digits do not join them. */
  ac_redactor_reset (redactor);
  {
    g_autofree char *first = categories_of (redactor, 0, "it's 4111 1111", NULL);
    g_autofree char *second = categories_of (redactor, 1, "1111 1111", NULL);

    g_assert_cmpstr (first, ==, "-");
    g_assert_cmpstr (second, ==, "-");
  }
}

static void
test_partials (void)
{
  /* A partial is masked with what the call said, but changes nothing. */
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autofree char *cue = categories_of (redactor, 1, "what's the security code", NULL);
  g_autoptr(GArray) spans = NULL;
  g_autofree char *partial = ac_redactor_redact (redactor, 0, "it's seven", -1, -1, NULL, 0, FALSE, &spans);
  g_autofree char *partial2 = ac_redactor_redact (redactor, 0, "it's seven three", -1, -1, NULL, 0, FALSE, NULL);
  g_autofree char *final = ac_redactor_redact (redactor, 0, "it's seven three seven", -1, -1, NULL, 0, TRUE, NULL);

  g_assert_cmpstr (cue, ==, "-");
  g_assert_cmpstr (partial, ==, "it's seven");
  g_assert_cmpstr (partial2, ==, "it's seven three");
  g_assert_cmpstr (final, ==, "it's [security code]");
}

static void
test_after_card (void)
{
  /* No cue: the digits after a card are its expiry date and code. */
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autofree char *card = categories_of (redactor, 0, "4111 1111 1111 1111", NULL);
  g_autofree char *masked = NULL;
  g_autofree char *code = categories_of (redactor, 0, "one two three", &masked);
  g_autofree char *both = NULL;
  g_autofree char *later = NULL;

  g_assert_cmpstr (card, ==, "card");
  g_assert_cmpstr (code, ==, "security-code");
  g_assert_cmpstr (masked, ==, "[security code]");

  ac_redactor_reset (redactor);
  both = categories_of (redactor, 0, "5555 5555 5555 4444 0427 and 321", NULL);
  g_assert_cmpstr (both, ==, "card,expiry-date,security-code");

  /* but not once something else was said */
  later = categories_of (redactor, 0, "i ordered 123 items", NULL);
  g_assert_cmpstr (later, ==, "-");
}

static void
test_partial_runs (void)
{
  /* A long run in a partial is masked until the final says what it is. */
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autofree char *partial = ac_redactor_redact (redactor, 0, "my number is four one one one one one", -1, -1,
                                                 NULL, 0, FALSE, NULL);
  g_autofree char *final = ac_redactor_redact (redactor, 0, "my order is 12345678", -1, -1, NULL, 0, TRUE, NULL);
  g_autofree char *short_partial = ac_redactor_redact (redactor, 0, "room one two three", -1, -1, NULL, 0, FALSE,
                                                       NULL);

  g_assert_cmpstr (partial, ==, "my number is [card number]");
  g_assert_cmpstr (final, ==, "my order is 12345678");
  g_assert_cmpstr (short_partial, ==, "room one two three");
}

static void
test_confusions (void)
{
  static const Case cases[] = {
    /* "for" and "to" are digits beside digits once a card was asked for */
    { "the card number is for one one one one one one one one one one one one one one one", "card", "one" },
    { "card number five five five five five five five five five five five five for for for for", "card", "for" },
    /* but not in a sentence without one */
    { "i called for two hours", "-", NULL },
    { "i need to go to the bank", "-", NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases), FALSE);
}

static void
test_left_alone (void)
{
  static const Case cases[] = {
    { "my order number is 12345678", "-", NULL },
    { "order 4111 1111 1111 1112", "-", NULL },
    { "the total is 1,234.56", "-", NULL },
    { "it was 12.50 a month", "-", NULL },
    { "twenty five dollars", "-", NULL },
    { "one hundred and twenty three", "-", NULL },
    { "i have two kids and three dogs", "-", NULL },
    { "oh i see", "-", NULL },
    { "the year 2019", "-", NULL },
    { "reference 20231107", "-", NULL },
    { "i'll call you back at four", "-", NULL },
    { "room 101", "-", NULL },
    { "", "-", NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases), FALSE);
}

static void
test_other_categories (void)
{
  static const Case cases[] = {
    { "the cvv is 123", "security-code", "123" },
    { "card verification one two three four", "security-code", "two" },
    { "expiry 04/27", "expiry-date", "04/27" },
    { "it expires april twenty twenty seven", "expiry-date", "april" },
    { "expiration 0427", "expiry-date", "0427" },
    { "my social security number is 123-45-6789", "ssn", "6789" },
    { "ssn one two three four five six seven eight nine", "ssn", "nine" },
    { "iban GB82 WEST 1234 5698 7654 32", "iban", "WEST" },
    { "it's GB82WEST12345698765432", "iban", "GB82" },
    { "the routing number is 021000021", "bank-account", "021000021" },
    { "write to jane.doe@example.com", "email", "jane" },
    { "my email is jane dot doe at example dot com", "email", "jane" },
    { "call me at 555-123-4567", "phone", "4567" },
    { "call me at (555) 123-4567 please", "phone", "555" },
    { "+44 20 7946 0958", "phone", "7946" },
    { "+442079460958", "phone", "0958" },
    { "my phone number is five five five one two three four five six seven", "phone", "seven" },
    { "date of birth march third nineteen eighty five", "date-of-birth", "march" },
    { "i was born on 03/15/1985", "date-of-birth", "1985" },
    { "my birthday is the fifth of may", "date-of-birth", "fifth" },
  };

  check_cases (cases, G_N_ELEMENTS (cases), FALSE);
}

static void
test_categories_off (void)
{
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autofree char *masked = NULL;
  g_autofree char *found = NULL;

  ac_redactor_set_category_enabled (redactor, AC_REDACTION_EMAIL, FALSE);
  ac_redactor_set_category_enabled (redactor, AC_REDACTION_PHONE, FALSE);
  /* cards and security codes cannot be turned off */
  ac_redactor_set_category_enabled (redactor, AC_REDACTION_CARD, FALSE);
  ac_redactor_set_category_enabled (redactor, AC_REDACTION_SECURITY_CODE, FALSE);
  g_assert_false (ac_redactor_get_category_enabled (redactor, AC_REDACTION_EMAIL));
  g_assert_true (ac_redactor_get_category_enabled (redactor, AC_REDACTION_CARD));
  g_assert_true (ac_redactor_get_category_enabled (redactor, AC_REDACTION_SECURITY_CODE));

  found = categories_of (redactor, 0, "jane@example.com 555-123-4567 card 4111 1111 1111 1111", &masked);
  g_assert_cmpstr (found, ==, "card");
  g_assert_cmpstr (masked, ==, "jane@example.com 555-123-4567 card [card ••••1111]");

  g_clear_pointer (&found, g_free);
  g_clear_pointer (&masked, g_free);
  ac_redactor_set_category_enabled (redactor, AC_REDACTION_PHONE, TRUE);
  found = categories_of (redactor, 0, "call me at (555) 123-4567.", &masked);
  g_assert_cmpstr (masked, ==, "call me at [phone number].");
}

static void
test_category_names (void)
{
  for (guint i = 0; i < AC_REDACTION_N_CATEGORIES; i++)
    {
      AcRedactionCategory back;

      g_assert_true (ac_redaction_category_from_string (ac_redaction_category_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (ac_redaction_category_get_label (i));
    }
  {
    AcRedactionCategory back;

    g_assert_false (ac_redaction_category_from_string ("passport", &back));
    g_assert_false (ac_redaction_category_from_string (NULL, &back));
  }
}

static void
test_hostile (void)
{
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GArray) spans = NULL;
  g_autofree char *masked = NULL;
  guint cards = 0;
  static const char *odd[] = {
    "\xff\xfe card 4111 1111 1111 1111 \xc3", "@@@ @ .@. a@b", "double", "double double double",
    "triple oh", "dot at dot", "at dot com", "GB82", "(((((", "+", "- - -", "1/", "/1/", "99/99/99/99",
    "at example dot", "12-", "-12", "oh oh oh oh oh oh oh oh oh oh oh oh oh 1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *out = ac_redactor_redact (redactor, i % 3, odd[i], -1, -1, NULL, 0, i % 2, NULL);

      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
  masked = ac_redactor_redact (redactor, 0, odd[0], -1, -1, NULL, 0, TRUE, NULL);
  g_assert_null (strstr (masked, "4111"));
  g_clear_pointer (&masked, g_free);

  /* 1 MB of cards, one after the other: every one masked, in linear time. */
  while (big->len < 1024 * 1024)
    g_string_append (big, "4111 1111 1111 1111 ");
  masked = ac_redactor_redact (redactor, 0, big->str, -1, -1, NULL, 0, TRUE, &spans);
  for (guint i = 0; i < spans->len; i++)
    cards += g_array_index (spans, AcRedactionSpan, i).category == AC_REDACTION_CARD;
  g_assert_cmpuint (cards, ==, (big->len + 19) / 20);
  g_assert_null (strstr (masked, "4111"));
  g_clear_pointer (&masked, g_free);
  g_clear_pointer (&spans, g_array_unref);

  /* 1 MB of one word (no cue, so left alone), and of words with no data */
  ac_redactor_reset (redactor);
  g_string_truncate (big, 0);
  g_string_set_size (big, 1024 * 1024);
  memset (big->str, '7', big->len);
  masked = ac_redactor_redact (redactor, 0, big->str, -1, -1, NULL, 0, TRUE, NULL);
  g_assert_cmpuint (strlen (masked), ==, big->len);
  g_clear_pointer (&masked, g_free);

  while (words->len < 1024 * 1024)
    g_string_append (words, "oh for to one at dot com card ");
  masked = ac_redactor_redact (redactor, 0, words->str, -1, -1, NULL, 0, TRUE, NULL);
  g_assert_true (g_utf8_validate (masked, -1, NULL));
}

/* Accuracy on conversations the redactor was not tuned on: each line's
 * categories, exactly.  The floor is below what it measured when the set
 * was written (README gives the figures); the test fails if it gets worse. */
static void
test_heldout (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "redaction-heldout.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  g_autofree char *call = NULL;
  guint n_lines = 0, right = 0, expected_spans = 0, found_spans = 0, true_spans = 0, false_lines = 0, clean = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_auto(GStrv) want = NULL;
      g_auto(GStrv) got = NULL;
      g_autofree char *found = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#' || g_str_has_prefix (lines[i], "call\t"))
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 4);

      if (g_strcmp0 (call, f[0]) != 0)
        {
          ac_redactor_reset (redactor);
          g_free (call);
          call = g_strdup (f[0]);
        }

      found = categories_of (redactor, atoi (f[1]), f[2], NULL);
      n_lines++;
      if (g_str_equal (found, f[3]))
        right++;
      else
        g_test_message ("held-out %s: “%s”: %s, expected %s", f[0], f[2], found, f[3]);

      want = g_str_equal (f[3], "-") ? g_new0 (char *, 1) : g_strsplit (f[3], ",", -1);
      got = g_str_equal (found, "-") ? g_new0 (char *, 1) : g_strsplit (found, ",", -1);
      expected_spans += g_strv_length (want);
      found_spans += g_strv_length (got);
      for (guint k = 0; got[k] != NULL; k++)
        if (g_strv_contains ((const char * const *) want, got[k]))
          true_spans++;
      if (want[0] == NULL)
        {
          clean++;
          false_lines += got[0] != NULL;
        }
    }

  g_test_message ("held-out: %u/%u lines exactly right; recall %u/%u, precision %u/%u; "
                  "%u of %u lines with nothing to mask masked", right, n_lines, true_spans, expected_spans,
                  true_spans, found_spans, false_lines, clean);
  g_assert_cmpuint (n_lines, >=, 60);
  g_assert_cmpuint (right * 100, >=, n_lines * HELDOUT_FLOOR);
}

/* Contact-center utterances with no personal data: nothing is masked. */
static void
test_false_positives (void)
{
  static const char *files[] = { "contact-center-dev.tsv", "contact-center-heldout.tsv" };
  g_autoptr(AcRedactor) redactor = ac_redactor_new ();
  guint n = 0, masked = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", files[f], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) lines = NULL;

      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;
          g_autofree char *found = NULL;

          if (lines[i][0] == '\0' || lines[i][0] == '#' || g_str_has_prefix (lines[i], "text\t"))
            continue;
          fields = g_strsplit (lines[i], "\t", 2);
          found = categories_of (redactor, i % 2, fields[0], NULL);
          n++;
          if (!g_str_equal (found, "-"))
            {
              masked++;
              g_test_message ("false positive: “%s”: %s", fields[0], found);
            }
        }
    }

  g_test_message ("false positives: %u of %u utterances", masked, n);
  g_assert_cmpuint (n, >, 90);
  g_assert_cmpuint (masked, ==, 0);
}

static void
test_lifecycle (void)
{
  AcRedactor *redactor = ac_redactor_new ();

  g_free (ac_redactor_redact (redactor, 99, "card 4111 1111 1111 1111", -1, -1, NULL, 0, TRUE, NULL));
  g_assert_finalize_object (redactor);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/redactor/cards", test_cards);
  g_test_add_func ("/redactor/card-label", test_card_label);
  g_test_add_func ("/redactor/word-times", test_word_times);
  g_test_add_func ("/redactor/split-across-utterances", test_split_across_utterances);
  g_test_add_func ("/redactor/partials", test_partials);
  g_test_add_func ("/redactor/after-card", test_after_card);
  g_test_add_func ("/redactor/partial-runs", test_partial_runs);
  g_test_add_func ("/redactor/confusions", test_confusions);
  g_test_add_func ("/redactor/left-alone", test_left_alone);
  g_test_add_func ("/redactor/other-categories", test_other_categories);
  g_test_add_func ("/redactor/categories-off", test_categories_off);
  g_test_add_func ("/redactor/category-names", test_category_names);
  g_test_add_func ("/redactor/hostile", test_hostile);
  g_test_add_func ("/redactor/heldout", test_heldout);
  g_test_add_func ("/redactor/false-positives", test_false_positives);
  g_test_add_func ("/redactor/lifecycle", test_lifecycle);

  return g_test_run ();
}
