/* ac-vader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-vader"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "ac-vader.h"

/**
 * AcVader:
 *
 * VADER sentiment analysis (Hutto & Gilbert, “VADER: A Parsimonious
 * Rule-based Model for Sentiment Analysis of Social Media Text”, ICWSM
 * 2014), ported from the JavaScript implementation `vader-sentiment` 1.1.3
 * (npm) rule for rule, quirks included, so that it gives the same four
 * scores: its lexicon, negation, boosters and dampeners, capitalisation,
 * exclamation and question marks, “but”, “kind of”, “least”, idioms and
 * emoticons.  Tested against that implementation's output on 1,060
 * sentences.
 *
 * The lexicon is compiled into the app and loaded once, on first use.
 */

struct _AcVader
{
  GHashTable *lexicon;  /* char* → double* */
};

/* The constants of the reference implementation: empirically derived mean
 * rating changes (Hutto & Gilbert 2014). */
#define B_INCR     0.293   /* a booster word */
#define B_DECR    -0.293   /* a dampener word */
#define C_INCR     0.733   /* a word in ALL CAPS among others that are not */
#define N_SCALAR  -0.74    /* a negation */
#define EP_WEIGHT  0.292   /* each exclamation mark, up to 4 */
#define QM_WEIGHT  0.18    /* each question mark, from 2 to 3 */
#define QM_MAX     0.96    /* 4 question marks or more */
#define ALPHA     15.0     /* the normalisation of the compound score */

static const char * const punc_list[] = {
  ".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???",
  "?!?", "!?!", "?!?!", "!?!?",
};

static const char * const negate[] = {
  "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
  "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
  "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
  "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
  "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing",
  "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
  "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without",
  "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
};

static const struct {
  const char *word;
  double      scalar;
} boosters[] = {
  { "absolutely", B_INCR }, { "amazingly", B_INCR }, { "awfully", B_INCR },
  { "completely", B_INCR }, { "considerably", B_INCR }, { "decidedly", B_INCR },
  { "deeply", B_INCR }, { "effing", B_INCR }, { "enormously", B_INCR },
  { "entirely", B_INCR }, { "especially", B_INCR }, { "exceptionally", B_INCR },
  { "extremely", B_INCR }, { "fabulously", B_INCR }, { "flipping", B_INCR },
  { "flippin", B_INCR }, { "fricking", B_INCR }, { "frickin", B_INCR },
  { "frigging", B_INCR }, { "friggin", B_INCR }, { "fully", B_INCR },
  { "fucking", B_INCR }, { "greatly", B_INCR }, { "hella", B_INCR },
  { "highly", B_INCR }, { "hugely", B_INCR }, { "incredibly", B_INCR },
  { "intensely", B_INCR }, { "majorly", B_INCR }, { "more", B_INCR },
  { "most", B_INCR }, { "particularly", B_INCR }, { "purely", B_INCR },
  { "quite", B_INCR }, { "really", B_INCR }, { "remarkably", B_INCR },
  { "so", B_INCR }, { "substantially", B_INCR }, { "thoroughly", B_INCR },
  { "totally", B_INCR }, { "tremendously", B_INCR }, { "uber", B_INCR },
  { "unbelievably", B_INCR }, { "unusually", B_INCR }, { "utterly", B_INCR },
  { "very", B_INCR },
  { "almost", B_DECR }, { "barely", B_DECR }, { "hardly", B_DECR },
  { "just enough", B_DECR }, { "kind of", B_DECR }, { "kinda", B_DECR },
  { "kindof", B_DECR }, { "kind-of", B_DECR }, { "less", B_DECR },
  { "little", B_DECR }, { "marginally", B_DECR }, { "occasionally", B_DECR },
  { "partly", B_DECR }, { "scarcely", B_DECR }, { "slightly", B_DECR },
  { "somewhat", B_DECR }, { "sort of", B_DECR }, { "sorta", B_DECR },
  { "sortof", B_DECR }, { "sort-of", B_DECR },
};

static const struct {
  const char *idiom;
  double      valence;
} idioms[] = {
  { "the shit", 3 }, { "the bomb", 3 }, { "bad ass", 1.5 }, { "yeah right", -2 },
  { "cut the mustard", 2 }, { "kiss of death", -1.5 }, { "hand to mouth", -2 },
};

/* JavaScript's \s: the characters String.prototype.split(/\s/) splits at. */
static gboolean
is_js_space (gunichar c)
{
  switch (c)
    {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
    case 0x00a0: case 0x1680: case 0x2028: case 0x2029: case 0x202f:
    case 0x205f: case 0x3000: case 0xfeff:
      return TRUE;
    default:
      return c >= 0x2000 && c <= 0x200a;
    }
}

/* The reference's punctuation class [!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~]:
 * ASCII punctuation. */
static gboolean
is_ascii_punct (char c)
{
  return (guchar) c < 0x80 && g_ascii_ispunct (c);
}

/* A JavaScript string's length counts UTF-16 code units. */
static gsize
js_length (const char *s)
{
  gsize n = 0;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    n += g_utf8_get_char (p) > 0xffff ? 2 : 1;

  return n;
}

/* text.split(/\s/): a piece between every two whitespace characters,
 * empty ones included. */
static GPtrArray *
js_split (const char *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_js_space (g_utf8_get_char (p)))
      {
        g_ptr_array_add (pieces, g_strndup (start, p - start));
        start = g_utf8_next_char (p);
      }

  g_ptr_array_add (pieces, g_strdup (start));
  return pieces;
}

static char *
lower (const char *word)
{
  return g_utf8_strdown (word, -1);
}

/* ^[^a-z]*[A-Z]+[^a-z]*$ — no ASCII lowercase letter, at least one ASCII
 * capital. */
static gboolean
is_upper_python (const char *word)
{
  gboolean has_upper = FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p >= 'a' && *p <= 'z')
        return FALSE;
      if (*p >= 'A' && *p <= 'Z')
        has_upper = TRUE;
    }

  return has_upper;
}

static gboolean
lookup_static (const char *word,
               double     *scalar)
{
  for (guint i = 0; i < G_N_ELEMENTS (boosters); i++)
    if (g_str_equal (word, boosters[i].word))
      {
        *scalar = boosters[i].scalar;
        return TRUE;
      }

  return FALSE;
}

static gboolean
is_booster (const char *word_lower)
{
  double scalar;

  return lookup_static (word_lower, &scalar);
}

static gboolean
lookup_idiom (const char *sequence,
              double     *valence)
{
  for (guint i = 0; i < G_N_ELEMENTS (idioms); i++)
    if (g_str_equal (sequence, idioms[i].idiom))
      {
        *valence = idioms[i].valence;
        return TRUE;
      }

  return FALSE;
}

/* negated([word]): the word is a negation, contains “n't”.  (The
 * reference's “least” rule cannot fire on a single word.) */
static gboolean
negated_word (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (negate); i++)
    if (g_str_equal (word, negate[i]))
      return TRUE;

  return strstr (word, "n't") != NULL;
}

/* ----------------------------------------------------------------- lexicon */

static AcVader *
load_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AcVader *self = g_new0 (AcVader, 1);
  const char *data;
  gsize size;
  const char *line;
  const char *end;

  self->lexicon = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  bytes = g_resources_lookup_data (RESOURCE_BASE "/vader_lexicon.txt",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The VADER lexicon is missing from the app: %s", error->message);

  data = g_bytes_get_data (bytes, &size);
  end = data + size;

  for (line = data; line < end; )
    {
      const char *eol = memchr (line, '\n', end - line);
      const char *tab;

      if (eol == NULL)
        eol = end;

      tab = memchr (line, '\t', eol - line);
      if (tab != NULL && tab > line)
        {
          double *valence = g_new (double, 1);

          /* A later line for the same token wins, as in the reference's
           * object built from this file. */
          *valence = g_ascii_strtod (tab + 1, NULL);
          g_hash_table_insert (self->lexicon, g_strndup (line, tab - line), valence);
        }

      line = eol + 1;
    }

  return self;
}

/**
 * ac_vader_get_default:
 *
 * The analyzer with VADER's own lexicon, loaded on the first call (from
 * any thread) and kept for the life of the process.
 *
 * Returns: (transfer none): the analyzer
 */
AcVader *
ac_vader_get_default (void)
{
  static AcVader *vader;

  if (g_once_init_enter (&vader))
    g_once_init_leave (&vader, load_default ());

  return vader;
}

/**
 * ac_vader_lookup:
 * @self: an #AcVader
 * @word: a lowercased token
 * @valence: (out) (optional): its mean valence, −4..4
 *
 * Returns: whether @word is in the lexicon
 */
gboolean
ac_vader_lookup (AcVader    *self,
                 const char *word,
                 double     *valence)
{
  const double *found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  found = g_hash_table_lookup (self->lexicon, word);
  if (found != NULL && valence != NULL)
    *valence = *found;

  return found != NULL;
}

/**
 * ac_vader_get_lexicon_size:
 * @self: an #AcVader
 *
 * Returns: how many tokens the lexicon rates
 */
guint
ac_vader_get_lexicon_size (AcVader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->lexicon);
}

/* ------------------------------------------------------------ tokenizing */

/**
 * ac_vader_tokenize:
 * @text: valid UTF-8
 *
 * VADER's words and emoticons: the text split at whitespace, tokens of one
 * character dropped, and punctuation stripped from the start or end of a
 * word where the rest is a word of the text (so “good!” is “good” but
 * “:)” stays).  Case is kept.
 *
 * Returns: (transfer full) (element-type utf8): the tokens
 */
GPtrArray *
ac_vader_tokenize (const char *text)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) bare = NULL;
  g_autoptr(GHashTable) bare_words = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *no_punc = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  char *q;

  g_return_val_if_fail (text != NULL, words);

  no_punc = g_strdup (text);
  q = no_punc;
  for (const char *p = text; *p != '\0'; p++)
    if (!is_ascii_punct (*p))
      *q++ = *p;
  *q = '\0';

  bare = js_split (no_punc);
  for (guint i = 0; i < bare->len; i++)
    if (js_length (bare->pdata[i]) > 1)
      g_hash_table_add (bare_words, bare->pdata[i]);

  tokens = js_split (text);
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = tokens->pdata[i];
      gsize len = strlen (token);
      char *word = NULL;

      if (js_length (token) <= 1)
        continue;

      /* The reference maps “punctuation + word” and “word + punctuation”
       * back to the word, for every word of the text without its
       * punctuation.  A word holds no punctuation, so at most one split
       * can match. */
      for (guint j = 0; j < G_N_ELEMENTS (punc_list) && word == NULL; j++)
        {
          const char *punc = punc_list[j];
          gsize plen = strlen (punc);

          if (len <= plen)
            continue;

          if (strncmp (token, punc, plen) == 0 && g_hash_table_contains (bare_words, token + plen))
            word = g_strdup (token + plen);
          else if (strcmp (token + len - plen, punc) == 0)
            {
              g_autofree char *head = g_strndup (token, len - plen);

              if (g_hash_table_contains (bare_words, head))
                word = g_steal_pointer (&head);
            }
        }

      g_ptr_array_add (words, word != NULL ? word : g_strdup (token));
    }

  return words;
}

/* ----------------------------------------------------------------- rules */

typedef struct
{
  AcVader       *self;
  AcVaderLookup  lookup;
  gpointer       user_data;
} Lexicon;

static gboolean
in_lexicon (Lexicon    *lex,
            const char *word_lower,
            double     *valence)
{
  double v;

  if (lex->lookup != NULL && lex->lookup (word_lower, &v, lex->user_data))
    {
      if (valence != NULL)
        *valence = v;
      return TRUE;
    }

  return ac_vader_lookup (lex->self, word_lower, valence);
}

static gboolean
word_in_lexicon (Lexicon    *lex,
                 const char *word)
{
  g_autofree char *l = lower (word);

  return in_lexicon (lex, l, NULL);
}

static double
scalar_inc_dec (const char *word,
                double      valence,
                gboolean    is_cap_diff)
{
  g_autofree char *word_lower = lower (word);
  double scalar = 0.0;

  if (lookup_static (word_lower, &scalar))
    {
      if (valence < 0)
        scalar *= -1;

      if (is_cap_diff && is_upper_python (word))
        {
          if (valence > 0)
            scalar += C_INCR;
          else
            scalar -= C_INCR;
        }
    }

  return scalar;
}

#define W(i) ((const char *) g_ptr_array_index (words, (i)))

static gboolean
is_so_or_this (const char *word)
{
  return g_str_equal (word, "so") || g_str_equal (word, "this");
}

static double
never_check (double     valence,
             GPtrArray *words,
             guint      start_i,
             guint      index)
{
  if (start_i == 0)
    {
      if (negated_word (W (index - 1)))
        valence *= N_SCALAR;
    }

  if (start_i == 1)
    {
      if (g_str_equal (W (index - 2), "never") && is_so_or_this (W (index - 1)))
        valence *= 1.5;
      else if (negated_word (W (index - 2)))
        valence *= N_SCALAR;
    }

  if (start_i == 2)
    {
      if ((g_str_equal (W (index - 3), "never") && is_so_or_this (W (index - 2))) ||
          is_so_or_this (W (index - 1)))
        valence *= 1.25;
      else if (negated_word (W (index - 3)))
        valence *= N_SCALAR;
    }

  return valence;
}

static double
idioms_check (double     valence,
              GPtrArray *words,
              guint      index)
{
  g_autofree char *onezero = g_strjoin (" ", W (index - 1), W (index), NULL);
  g_autofree char *twoonezero = g_strjoin (" ", W (index - 2), W (index - 1), W (index), NULL);
  g_autofree char *twoone = g_strjoin (" ", W (index - 2), W (index - 1), NULL);
  g_autofree char *threetwoone = g_strjoin (" ", W (index - 3), W (index - 2), W (index - 1), NULL);
  g_autofree char *threetwo = g_strjoin (" ", W (index - 3), W (index - 2), NULL);
  const char *sequences[] = { onezero, twoonezero, twoone, threetwoone, threetwo };

  for (guint i = 0; i < G_N_ELEMENTS (sequences); i++)
    if (lookup_idiom (sequences[i], &valence))
      break;

  if (words->len - 1 > index)
    {
      g_autofree char *zeroone = g_strjoin (" ", W (index), W (index + 1), NULL);

      lookup_idiom (zeroone, &valence);
    }

  if (words->len - 1 > index + 1)
    {
      g_autofree char *zeroonetwo = g_strjoin (" ", W (index), W (index + 1), W (index + 2), NULL);

      lookup_idiom (zeroonetwo, &valence);
    }

  /* Booster and dampener bigrams such as “sort of”. */
  if (is_booster (threetwo) || is_booster (twoone))
    valence += B_DECR;

  return valence;
}

static double
least_check (Lexicon   *lex,
             double     valence,
             GPtrArray *words,
             guint      index)
{
  g_autofree char *prev = index > 0 ? lower (W (index - 1)) : NULL;

  if (index > 1 && g_str_equal (prev, "least") && !in_lexicon (lex, prev, NULL))
    {
      g_autofree char *prev2 = lower (W (index - 2));

      if (!g_str_equal (prev2, "at") && !g_str_equal (prev2, "very"))
        valence *= N_SCALAR;
    }
  else if (index > 0 && g_str_equal (prev, "least") && !in_lexicon (lex, prev, NULL))
    valence *= N_SCALAR;

  return valence;
}

static double
sentiment_valence (Lexicon   *lex,
                   GPtrArray *words,
                   gboolean   is_cap_diff,
                   guint      index)
{
  const char *item = W (index);
  g_autofree char *item_lower = lower (item);
  double valence = 0;

  if (!in_lexicon (lex, item_lower, &valence))
    return 0;

  if (is_upper_python (item) && is_cap_diff)
    {
      if (valence > 0)
        valence += C_INCR;
      else
        valence -= C_INCR;
    }

  for (guint start_i = 0; start_i < 3; start_i++)
    {
      if (index > start_i && !word_in_lexicon (lex, W (index - (start_i + 1))))
        {
          /* Modifiers further away count less. */
          double s = scalar_inc_dec (W (index - (start_i + 1)), valence, is_cap_diff);

          if (start_i == 1 && s != 0)
            s = s * 0.95;
          else if (start_i == 2 && s != 0)
            s = s * 0.9;

          valence = valence + s;
          valence = never_check (valence, words, start_i, index);
          if (start_i == 2)
            valence = idioms_check (valence, words, index);
        }
    }

  return least_check (lex, valence, words, index);
}

static gboolean
allcap_differential (GPtrArray *words)
{
  guint allcap_words = 0;
  guint cap_differential;

  for (guint i = 0; i < words->len; i++)
    if (is_upper_python (W (i)))
      allcap_words++;

  cap_differential = words->len - allcap_words;
  return cap_differential > 0 && cap_differential < words->len;
}

/**
 * ac_vader_valences:
 * @self: an #AcVader
 * @words: (element-type utf8): tokens from ac_vader_tokenize()
 * @lookup: (nullable) (scope call): a lexicon consulted before VADER's
 * @user_data: data for @lookup
 *
 * VADER's valence of each token in context — boosters, capitals,
 * negations, idioms, “least” and “but” applied — one per token, 0 for
 * tokens that carry none.
 *
 * Returns: (transfer full) (element-type double): the valences
 */
GArray *
ac_vader_valences (AcVader       *self,
                   GPtrArray     *words,
                   AcVaderLookup  lookup,
                   gpointer       user_data)
{
  Lexicon lex = { self, lookup, user_data };
  GArray *sentiments = g_array_sized_new (FALSE, FALSE, sizeof (double), words->len);
  gboolean is_cap_diff;
  int but_index = -1;

  g_return_val_if_fail (self != NULL, sentiments);

  is_cap_diff = allcap_differential (words);

  for (guint i = 0; i < words->len; i++)
    {
      g_autofree char *item_lower = lower (W (i));
      double valence = 0;

      if (i < words->len - 1 && g_str_equal (item_lower, "kind"))
        {
          g_autofree char *next = lower (W (i + 1));

          if (g_str_equal (next, "of"))
            {
              g_array_append_val (sentiments, valence);
              continue;
            }
        }

      if (is_booster (item_lower))
        {
          g_array_append_val (sentiments, valence);
          continue;
        }

      valence = sentiment_valence (&lex, words, is_cap_diff, i);
      g_array_append_val (sentiments, valence);
    }

  /* “but”: what comes before counts half, what comes after half again. */
  for (guint i = 0; i < words->len && but_index < 0; i++)
    if (g_str_equal (W (i), "but"))
      but_index = i;
  for (guint i = 0; i < words->len && but_index < 0; i++)
    if (g_str_equal (W (i), "BUT"))
      but_index = i;

  if (but_index >= 0)
    for (guint i = 0; i < sentiments->len; i++)
      {
        if ((int) i < but_index)
          g_array_index (sentiments, double, i) *= 0.5;
        else if ((int) i > but_index)
          g_array_index (sentiments, double, i) *= 1.5;
      }

  return sentiments;
}

#undef W

/* Number.prototype.toFixed(): the nearest, and of two equally near the
 * larger. */
static double
js_to_fixed (double x,
             int    digits)
{
  long double scaled = (long double) x * powl (10.0L, digits);
  long double floor_ = floorl (scaled);
  long double n = scaled - floor_ >= 0.5L ? floor_ + 1 : floor_;
  char buf[64];

  /* Through a decimal string, as parseFloat() reads it back. */
  g_snprintf (buf, sizeof buf, "%.0Lf", n);
  return g_ascii_strtod (buf, NULL) / pow (10.0, digits);
}

static double
normalize (double score)
{
  double norm_score = score / sqrt (score * score + ALPHA);

  return CLAMP (norm_score, -1.0, 1.0);
}

static guint
count_char (const char *text,
            char        c)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == c)
      n++;

  return n;
}

/**
 * ac_vader_scores_from_valences:
 * @valences: (element-type double): from ac_vader_valences(), possibly
 *   with more added
 * @text: the text they come from, for its exclamation and question marks
 * @scores: (out caller-allocates): the scores
 *
 * Sums valences into VADER's four scores.
 */
void
ac_vader_scores_from_valences (GArray        *valences,
                               const char    *text,
                               AcVaderScores *scores)
{
  double sum_s = 0;
  double ep_amplifier, qm_amplifier = 0, punct_emph_amplifier;
  double pos_sum = 0.0, neg_sum = 0.0, total;
  guint neu_count = 0;
  guint ep_count, qm_count;

  g_return_if_fail (valences != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (scores != NULL);

  *scores = (AcVaderScores) { 0, 0, 0, 0 };

  if (valences->len == 0)
    return;

  for (guint i = 0; i < valences->len; i++)
    sum_s += g_array_index (valences, double, i);

  ep_count = MIN (count_char (text, '!'), 4);
  ep_amplifier = ep_count * EP_WEIGHT;
  qm_count = count_char (text, '?');
  if (qm_count > 1)
    qm_amplifier = qm_count <= 3 ? qm_count * QM_WEIGHT : QM_MAX;
  punct_emph_amplifier = ep_amplifier + qm_amplifier;

  if (sum_s > 0)
    sum_s += punct_emph_amplifier;
  else if (sum_s < 0)
    sum_s -= punct_emph_amplifier;

  scores->compound = js_to_fixed (normalize (sum_s), 4);

  for (guint i = 0; i < valences->len; i++)
    {
      double s = g_array_index (valences, double, i);

      /* +1 and −1 make up for neutral words counting as 1. */
      if (s > 0)
        pos_sum += s + 1;
      else if (s < 0)
        neg_sum += s - 1;
      else
        neu_count += 1;
    }

  if (pos_sum > fabs (neg_sum))
    pos_sum += punct_emph_amplifier;
  else if (pos_sum < fabs (neg_sum))
    neg_sum -= punct_emph_amplifier;

  total = pos_sum + fabs (neg_sum) + neu_count;
  scores->pos = js_to_fixed (fabs (pos_sum / total), 3);
  scores->neg = js_to_fixed (fabs (neg_sum / total), 3);
  scores->neu = js_to_fixed (fabs (neu_count / total), 3);
}

/**
 * ac_vader_score:
 * @self: an #AcVader
 * @text: (nullable): any text; invalid UTF-8 is repaired first, %NULL is
 *   empty
 * @scores: (out caller-allocates): the scores
 *
 * Plain VADER.
 */
void
ac_vader_score (AcVader       *self,
                const char    *text,
                AcVaderScores *scores)
{
  g_autofree char *valid = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GArray) valences = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scores != NULL);

  valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  words = ac_vader_tokenize (valid);
  valences = ac_vader_valences (self, words, NULL, NULL);
  ac_vader_scores_from_valences (valences, valid, scores);
}
