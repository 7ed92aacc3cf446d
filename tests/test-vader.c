/* test-vader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The C port of VADER against the reference implementation's scores
 * (tests/data/vader-reference: vader-sentiment 1.1.3 on 1,060 sentences),
 * then its rules one by one and hostile input.
 */

#include "config.h"

#include "ac-test-utils.h"
#include "ac-vader.h"

#include <math.h>

#define TOLERANCE (1e-3 + 1e-9)

/* The reference scores kept with the tests (tests/data/vader-reference/README.md). */
static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "vader-reference", name, NULL);
}

static void
check_parity (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = fixture_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  AcVader *vader = ac_vader_get_default ();
  guint checked = 0, wrong = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      AcVaderScores s;
      double expect[4];

      if (lines[i][0] == '\0')
        continue;

      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      for (guint k = 0; k < 4; k++)
        expect[k] = g_ascii_strtod (f[2 + k], NULL);

      ac_vader_score (vader, f[0], &s);
      checked++;

      if (fabs (s.neg - expect[0]) > TOLERANCE || fabs (s.neu - expect[1]) > TOLERANCE ||
          fabs (s.pos - expect[2]) > TOLERANCE || fabs (s.compound - expect[3]) > TOLERANCE)
        {
          wrong++;
          g_test_message ("line %u: “%s”: got %g %g %g %g, reference %g %g %g %g", i + 1, f[0],
                          s.neg, s.neu, s.pos, s.compound,
                          expect[0], expect[1], expect[2], expect[3]);
        }
    }

  g_test_message ("%s: %u of %u sentences match", name, checked - wrong, checked);
  g_assert_cmpuint (checked, >=, 60);
  g_assert_cmpuint (wrong, ==, 0);
}

static double
compound (const char *text)
{
  AcVaderScores s;

  ac_vader_score (ac_vader_get_default (), text, &s);
  return s.compound;
}

static void
test_vader_lexicon (void)
{
  AcVader *vader = ac_vader_get_default ();
  double v;

  g_assert_true (vader == ac_vader_get_default ());
  g_assert_cmpuint (ac_vader_get_lexicon_size (vader), ==, 7503);
  g_assert_true (ac_vader_lookup (vader, "good", &v));
  g_assert_cmpfloat_with_epsilon (v, 1.9, 1e-9);
  g_assert_true (ac_vader_lookup (vader, ":)", &v));
  g_assert_cmpfloat (v, >, 0);
  g_assert_false (ac_vader_lookup (vader, "agent", NULL));
}

/* Each rule moves the score the way the paper says. */
static void
test_vader_rules (void)
{
  double base = compound ("The service is good");

  g_assert_cmpfloat (base, >, 0.05);
  /* negation flips and dampens */
  g_assert_cmpfloat (compound ("The service is not good"), <, -0.05);
  g_assert_cmpfloat (compound ("The service isn't good"), <, -0.05);
  /* boosters and dampeners */
  g_assert_cmpfloat (compound ("The service is very good"), >, base);
  g_assert_cmpfloat (compound ("The service is slightly good"), <, base);
  g_assert_cmpfloat (compound ("The service is kind of good"), <, base);
  /* capitals among lowercase words */
  g_assert_cmpfloat (compound ("The service is GOOD"), >, base);
  /* exclamation marks, up to four */
  g_assert_cmpfloat (compound ("Good service!!!!"), >, compound ("Good service!"));
  g_assert_cmpfloat (compound ("Good service!!!!!!!"), ==, compound ("Good service!!!!"));
  /* …but, as in the reference, a word with more marks than its list of
   * punctuation knows (“good!!!!”) is not recognised */
  g_assert_cmpfloat (compound ("The service is good!!!!"), ==, 0);
  /* question marks: two or more add emphasis */
  g_assert_cmpfloat (compound ("Good service??"), >, compound ("Good service?"));
  /* “but” shifts the weight to what follows */
  g_assert_cmpfloat (compound ("The food is good but the service is awful"), <, 0);
  /* “least” */
  g_assert_cmpfloat (compound ("This is the least good plan"), <, 0);
  g_assert_cmpfloat (compound ("At least the service is good"), >, 0);
  /* idioms: “the bomb” is good, a bomb is not */
  g_assert_cmpfloat (compound ("that is the bomb"), >, 0.05);
  g_assert_cmpfloat (compound ("bomb"), <, -0.05);
  /* emoticons */
  g_assert_cmpfloat (compound ("see you tomorrow :)"), >, 0.05);
  g_assert_cmpfloat (compound ("see you tomorrow :("), <, -0.05);
  /* punctuation stuck to words */
  g_assert_cmpfloat (compound ("good,"), ==, compound ("good"));
}

static void
test_vader_hostile_input (void)
{
  AcVader *vader = ac_vader_get_default ();
  AcVaderScores s;
  GString *big = g_string_new (NULL);

  ac_vader_score (vader, "", &s);
  g_assert_cmpfloat (s.neg + s.neu + s.pos + s.compound, ==, 0);
  ac_vader_score (vader, NULL, &s);
  g_assert_cmpfloat (s.compound, ==, 0);
  ac_vader_score (vader, " \t\n  \u00a0 ", &s);
  g_assert_cmpfloat (s.neu, ==, 0);

  /* Invalid UTF-8 is repaired, not refused. */
  ac_vader_score (vader, "good \xff\xfe service", &s);
  g_assert_cmpfloat (s.compound, >, 0);

  /* Emoji only: no lexicon word, a neutral result. */
  ac_vader_score (vader, "\xf0\x9f\x98\x80 \xf0\x9f\x98\xa1", &s);
  g_assert_cmpfloat (s.compound, ==, 0);
  g_assert_cmpfloat (s.neu, ==, 1);

  /* 1 MB of text. */
  while (big->len < 1024 * 1024)
    g_string_append (big, "the agent was helpful but the wait was terrible! ");
  ac_vader_score (vader, big->str, &s);
  g_assert_cmpfloat (s.compound, >=, -1);
  g_assert_cmpfloat (s.compound, <=, 1);
  g_assert_cmpfloat_with_epsilon (s.neg + s.neu + s.pos, 1.0, 0.002);
  g_string_free (big, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/vader/lexicon", test_vader_lexicon);
  g_test_add_data_func ("/vader/parity/amazon-cells", "vader-reference-amazon-cells.tsv", check_parity);
  g_test_add_data_func ("/vader/parity/contact-center", "vader-reference-contact-center.tsv",
                        check_parity);
  g_test_add_func ("/vader/rules", test_vader_rules);
  g_test_add_func ("/vader/hostile-input", test_vader_hostile_input);

  return g_test_run ();
}
