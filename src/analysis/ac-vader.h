/* ac-vader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AcVaderScores:
 * @neg: the share of the text that is negative, 0..1
 * @neu: the share that is neutral, 0..1
 * @pos: the share that is positive, 0..1
 * @compound: the overall valence, normalised to −1 (most negative) .. 1
 *
 * VADER's four scores.  @neg, @neu and @pos are rounded to 3 decimals and
 * @compound to 4, as the reference implementation does; all four are 0
 * for a text with no words.
 */
typedef struct
{
  double neg;
  double neu;
  double pos;
  double compound;
} AcVaderScores;

typedef struct _AcVader AcVader;

/**
 * AcVaderLookup:
 * @word: a token, lowercased
 * @valence: (out): its valence, −4..4
 * @user_data: the data given with the function
 *
 * A lexicon consulted before VADER's own (see ac_vader_valences()).
 *
 * Returns: whether @word is in this lexicon
 */
typedef gboolean (*AcVaderLookup) (const char *word,
                                   double     *valence,
                                   gpointer    user_data);

AcVader   *ac_vader_get_default        (void);
void       ac_vader_score              (AcVader       *self,
                                        const char    *text,
                                        AcVaderScores *scores);
GPtrArray *ac_vader_tokenize           (const char    *text);
GArray    *ac_vader_valences           (AcVader       *self,
                                        GPtrArray     *words,
                                        AcVaderLookup  lookup,
                                        gpointer       user_data);
void       ac_vader_scores_from_valences (GArray        *valences,
                                          const char    *text,
                                          AcVaderScores *scores);
gboolean   ac_vader_lookup             (AcVader       *self,
                                        const char    *word,
                                        double        *valence);
guint      ac_vader_get_lexicon_size   (AcVader       *self);

G_END_DECLS
