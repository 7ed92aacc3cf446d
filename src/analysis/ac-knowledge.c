/* ac-knowledge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-knowledge"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "ac-knowledge.h"

/* A knowledge base's articles, taken apart into passages, and the search a
 * call's words make of them.  Markdown is read by its headings and blank
 * lines (what an article needs of it: no rendering), HTML by libxml2's HTML
 * parser, plain text by its blank lines. */

/* A passage shorter than this many words joins the next one in its
 * section, so a suggestion is not a lone line. */
#define MIN_PASSAGE_WORDS 20
/* The query: this many distinct words, the most recent first (what the
 * customer is talking about now; each more word is a doclist more). */
#define MAX_QUERY_TERMS 16

/* Words that say nothing about what a customer needs, as speech engines
 * write them (lower case, no punctuation). */
static const char * const stopwords[] = {
  "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
  "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing",
  "don't", "for", "from", "get", "got", "had", "has", "have", "having", "he", "her", "here", "hi",
  "hello", "him", "his", "how", "i", "i'm", "i've", "i'd", "i'll", "if", "in", "into", "is", "it",
  "it's", "its", "just", "know", "like", "me", "mm", "my", "no", "not", "now", "of", "oh", "ok",
  "okay", "on", "one", "or", "our", "out", "please", "really", "right", "said", "say", "she", "so",
  "some", "than", "thank", "thanks", "that", "that's", "the", "their", "them", "then", "there",
  "there's", "these", "they", "this", "those", "to", "too", "uh", "um", "up", "us", "very", "was",
  "way", "we", "well", "were", "what", "when", "where", "which", "while", "who", "why", "will",
  "with", "would", "yeah", "yes", "you", "you're", "your", "hmm", "want", "need", "thing", "things",
  "can't", "it'll", "isn't", "wasn't", "didn't", "doesn't", "won't", "going", "gonna", "let",
};

/**
 * ac_suggestion_free:
 * @suggestion: (nullable): a suggestion
 */
void
ac_suggestion_free (AcSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->article);
  g_free (suggestion->title);
  g_free (suggestion->heading);
  g_free (suggestion->passage);
  g_free (suggestion->highlighted);
  g_free (suggestion->why);
  g_free (suggestion);
}

/**
 * ac_knowledge_passage_free:
 * @passage: (nullable): a passage
 */
void
ac_knowledge_passage_free (AcKnowledgePassage *passage)
{
  if (passage == NULL)
    return;
  g_free (passage->heading);
  g_free (passage->text);
  g_free (passage);
}

static const char *
extension_of (const char *file_name)
{
  const char *dot = strrchr (file_name, '.');

  return dot != NULL ? dot + 1 : "";
}

/**
 * ac_knowledge_is_article:
 * @file_name: a file's name
 *
 * A knowledge base's article is a Markdown (`.md`, `.markdown`), HTML
 * (`.html`, `.htm`) or plain-text (`.txt`) file; a folder's README is
 * about the folder, not an article, and hidden files are skipped.
 *
 * Returns: whether @file_name is read as an article
 */
gboolean
ac_knowledge_is_article (const char *file_name)
{
  const char *extension = extension_of (file_name);

  if (file_name[0] == '.' || g_ascii_strncasecmp (file_name, "README", 6) == 0)
    return FALSE;
  return g_ascii_strcasecmp (extension, "md") == 0 || g_ascii_strcasecmp (extension, "markdown") == 0 ||
         g_ascii_strcasecmp (extension, "html") == 0 || g_ascii_strcasecmp (extension, "htm") == 0 ||
         g_ascii_strcasecmp (extension, "txt") == 0;
}

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

/* Collects passages: paragraphs under their heading, short ones joined. */
typedef struct
{
  GPtrArray *passages;
  char      *heading;
  GString   *pending;   /* paragraphs not yet long enough */
} Builder;

static void
flush (Builder *builder)
{
  AcKnowledgePassage *passage;

  if (builder->pending->len == 0)
    return;
  passage = g_new0 (AcKnowledgePassage, 1);
  passage->heading = g_strdup (builder->heading);
  passage->text = g_strdup (builder->pending->str);
  g_ptr_array_add (builder->passages, passage);
  g_string_truncate (builder->pending, 0);
}

static void
add_paragraph (Builder    *builder,
               const char *paragraph)
{
  g_autofree char *text = g_strstrip (g_strdup (paragraph));
  g_auto(GStrv) words = NULL;
  g_autofree char *joined = NULL;

  if (text[0] == '\0')
    return;
  /* one line of words, whatever the file's line breaks */
  words = g_strsplit_set (text, " \t\r\n", -1);
  joined = g_strjoinv (" ", words);
  while (strstr (joined, "  ") != NULL)
    {
      char *at = strstr (joined, "  ");

      memmove (at, at + 1, strlen (at));
    }
  if (builder->pending->len > 0)
    g_string_append_c (builder->pending, ' ');
  g_string_append (builder->pending, joined);
  if (count_words (builder->pending->str) >= MIN_PASSAGE_WORDS)
    flush (builder);
}

static void
set_heading (Builder    *builder,
             const char *heading)
{
  flush (builder);
  g_free (builder->heading);
  builder->heading = g_strstrip (g_strdup (heading));
}

/* "lost-or-stolen_card.md" → "Lost or stolen card" */
static char *
title_from_name (const char *file_name)
{
  g_autofree char *base = g_path_get_basename (file_name);
  char *dot = strrchr (base, '.');
  char *title;

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, "-_", ' ');
  title = g_strstrip (g_strdup (base));
  if (title[0] != '\0')
    title[0] = g_ascii_toupper (title[0]);
  return title;
}

static void
split_markdown (Builder    *builder,
                const char *text,
                char      **title)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  gboolean fenced = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);
      guint level = 0;

      while (line[level] == '#')
        level++;
      if (g_str_has_prefix (line, "```"))
        {
          fenced = !fenced;
          continue;
        }
      if (!fenced && level > 0 && level <= 6 && (line[level] == ' ' || line[level] == '\0'))
        {
          add_paragraph (builder, paragraph->str);
          g_string_truncate (paragraph, 0);
          if (level == 1 && *title == NULL)
            *title = g_strstrip (g_strdup (line + level));
          else
            set_heading (builder, line + level);
          continue;
        }
      if (line[0] == '\0' || (!fenced && (g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* "))))
        {
          add_paragraph (builder, paragraph->str);
          g_string_truncate (paragraph, 0);
          if (line[0] != '\0')
            g_string_append (paragraph, line + 2);
          continue;
        }
      if (paragraph->len > 0)
        g_string_append_c (paragraph, ' ');
      g_string_append (paragraph, line);
    }
  add_paragraph (builder, paragraph->str);
}

static void
split_plain (Builder    *builder,
             const char *text,
             char      **title)
{
  g_auto(GStrv) paragraphs = NULL;
  g_autoptr(GRegex) blank = g_regex_new ("\\n[ \\t]*\\n", 0, 0, NULL);

  paragraphs = g_regex_split (blank, text, 0);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *paragraph = g_strstrip (g_strdup (paragraphs[i]));

      /* a short first line alone: the title */
      if (i == 0 && *title == NULL && strchr (paragraph, '\n') == NULL && g_utf8_strlen (paragraph, -1) <= 80 &&
          paragraph[0] != '\0' && paragraphs[1] != NULL)
        {
          *title = g_steal_pointer (&paragraph);
          continue;
        }
      add_paragraph (builder, paragraph);
    }
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content != NULL ? (const char *) content : "");

  xmlFree (content);
  return text;
}

static void
walk_html (Builder  *builder,
           xmlNode  *node,
           char    **title)
{
  static const char * const blocks[] = { "p", "li", "dd", "dt", "td", "th", "blockquote", "pre", "figcaption", NULL };

  for (; node != NULL; node = node->next)
    {
      const char *name = (const char *) node->name;
      g_autofree char *lower = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      lower = g_ascii_strdown (name, -1);
      if (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0 ||
          g_ascii_strcasecmp (name, "nav") == 0 || g_ascii_strcasecmp (name, "head") == 0)
        {
          if (g_ascii_strcasecmp (name, "head") == 0)
            walk_html (builder, node->children, title);  /* for its <title> */
          continue;
        }
      if (g_ascii_strcasecmp (name, "title") == 0)
        {
          if (*title == NULL)
            *title = g_strstrip (node_text (node));
          continue;
        }
      if (strlen (name) == 2 && g_ascii_tolower (name[0]) == 'h' && name[1] >= '1' && name[1] <= '6')
        {
          g_autofree char *heading = g_strstrip (node_text (node));

          if (name[1] == '1' && *title == NULL)
            *title = g_steal_pointer (&heading);
          else if (heading[0] != '\0')
            set_heading (builder, heading);
          continue;
        }
      if (g_strv_contains (blocks, lower) ||
          (g_ascii_strcasecmp (name, "div") == 0 && node->children != NULL && node->children->next == NULL &&
           node->children->type == XML_TEXT_NODE))
        {
          g_autofree char *text = node_text (node);

          add_paragraph (builder, text);
          continue;
        }
      walk_html (builder, node->children, title);
    }
}

/**
 * ac_knowledge_split:
 * @file_name: the article's file name (its extension says how to read it)
 * @contents: its bytes, UTF-8
 * @length: their length
 * @title: (out) (transfer full): its title: the first level-one heading
 *   (`# …`, `<h1>`), else `<title>`, else a short first line of plain
 *   text, else the file name
 * @error: return location for a %G_IO_ERROR_INVALID_DATA
 *
 * Takes an article apart into passages: its paragraphs under their
 * headings, the ones shorter than 20 words joined to the next.
 *
 * Returns: (transfer full) (element-type AcKnowledgePassage): the passages,
 *   or %NULL when the file is not UTF-8 text or has nothing to suggest
 */
GPtrArray *
ac_knowledge_split (const char  *file_name,
                    const char  *contents,
                    gsize        length,
                    char       **title,
                    GError     **error)
{
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_knowledge_passage_free);
  g_autofree char *text = NULL;
  g_autofree char *found_title = NULL;
  const char *extension = extension_of (file_name);
  Builder builder = { passages, NULL, g_string_new (NULL) };

  g_return_val_if_fail (file_name != NULL && contents != NULL && title != NULL, NULL);

  *title = NULL;
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not UTF-8 text"), file_name);
      g_string_free (builder.pending, TRUE);
      return NULL;
    }
  text = g_strndup (contents, length);
  g_strdelimit (text, "\r", '\n');

  if (g_ascii_strcasecmp (extension, "html") == 0 || g_ascii_strcasecmp (extension, "htm") == 0)
    {
      htmlDocPtr doc = htmlReadMemory (text, (int) MIN (length, G_MAXINT), file_name, "UTF-8",
                                       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                       HTML_PARSE_RECOVER);

      if (doc != NULL)
        {
          walk_html (&builder, xmlDocGetRootElement (doc), &found_title);
          xmlFreeDoc (doc);
        }
    }
  else if (g_ascii_strcasecmp (extension, "md") == 0 || g_ascii_strcasecmp (extension, "markdown") == 0)
    split_markdown (&builder, text, &found_title);
  else
    split_plain (&builder, text, &found_title);
  flush (&builder);
  g_string_free (builder.pending, TRUE);
  g_free (builder.heading);

  if (passages->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has no text to suggest"), file_name);
      return NULL;
    }
  *title = found_title != NULL && found_title[0] != '\0' ? g_steal_pointer (&found_title)
                                                          : title_from_name (file_name);
  return g_steal_pointer (&passages);
}

/**
 * ac_knowledge_query:
 * @utterances: (array zero-terminated=1): what the customer said, the most
 *   recent last
 *
 * The search a call's words make: the distinct words that are not
 * stopwords, the most recent first, each quoted and joined
 * with OR (at most 16), for FTS5's `MATCH` (so nothing a speech engine
 * writes is taken as query syntax); BM25 then weighs them by how rare they
 * are.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when nothing
 *   said names anything
 */
char *
ac_knowledge_query (const char * const *utterances)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;
  guint count = utterances != NULL ? g_strv_length ((char **) utterances) : 0;

  for (guint u = count; u > 0 && n < MAX_QUERY_TERMS; u--)
    {
      g_autofree char *lower = g_utf8_strdown (utterances[u - 1], -1);
      g_auto(GStrv) words = g_regex_split_simple ("[^\\p{L}\\p{N}']+", lower, 0, 0);

      for (guint i = 0; words[i] != NULL && n < MAX_QUERY_TERMS; i++)
        {
          char *word = words[i];

          /* quotes at the ends are not the word's */
          while (word[0] == '\'')
            word++;
          while (word[0] != '\0' && word[strlen (word) - 1] == '\'')
            word[strlen (word) - 1] = '\0';
          if (g_utf8_strlen (word, -1) < 2 || g_strv_contains (stopwords, word) || g_hash_table_contains (seen, word))
            continue;
          g_hash_table_add (seen, g_strdup (word));
          if (query->len > 0)
            g_string_append (query, " OR ");
          g_string_append_printf (query, "\"%s\"", word);
          n++;
        }
    }
  return n > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/**
 * ac_knowledge_why:
 * @highlighted: a passage as FTS5's `highlight()` marks it, each match
 *   between U+0001 and U+0002
 *
 * Returns: (transfer full): the distinct matched words, in the order they
 *   appear, comma-separated (“card, stolen”)
 */
char *
ac_knowledge_why (const char *highlighted)
{
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = highlighted;

  g_return_val_if_fail (highlighted != NULL, NULL);

  while ((p = strchr (p, '\x01')) != NULL)
    {
      const char *end = strchr (p + 1, '\x02');
      g_autofree char *word = NULL;

      if (end == NULL)
        break;
      word = g_utf8_strdown (p + 1, end - p - 1);
      if (!g_hash_table_contains (seen, word))
        {
          if (why->len > 0)
            g_string_append (why, ", ");
          g_string_append (why, word);
          g_hash_table_add (seen, g_steal_pointer (&word));
        }
      p = end + 1;
    }
  return g_string_free (g_steal_pointer (&why), FALSE);
}
