/* ac-knowledge.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AcKnowledgePassage:
 * @heading: (nullable): the section it is in
 * @text: its text, one paragraph or a few short ones
 *
 * One passage of a knowledge-base article: what a suggestion shows.
 */
typedef struct
{
  char *heading;
  char *text;
} AcKnowledgePassage;

/**
 * AcSuggestion:
 * @article: the article's file name, as imported
 * @title: its title
 * @heading: (nullable): the passage's section
 * @passage: the passage that matched
 * @highlighted: the passage with each matched word between U+0001 and
 *   U+0002
 * @why: the words that matched, comma-separated
 * @score: how well it matched (BM25, higher is better; comparable only
 *   within one search)
 *
 * One knowledge suggestion for the call.
 */
typedef struct
{
  char   *article;
  char   *title;
  char   *heading;
  char   *passage;
  char   *highlighted;
  char   *why;
  double  score;
} AcSuggestion;

void       ac_suggestion_free        (AcSuggestion       *suggestion);
void       ac_knowledge_passage_free (AcKnowledgePassage *passage);
gboolean   ac_knowledge_is_article   (const char         *file_name);
GPtrArray *ac_knowledge_split        (const char         *file_name,
                                      const char         *contents,
                                      gsize               length,
                                      char              **title,
                                      GError            **error);
char      *ac_knowledge_query        (const char * const *utterances);
char      *ac_knowledge_why          (const char         *highlighted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcKnowledgePassage, ac_knowledge_passage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcSuggestion, ac_suggestion_free)

G_END_DECLS
