/* ac-store-knowledge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-knowledge.h"
#include "ac-store-private.h"

/* The knowledge base: a folder of articles imported into kb_articles,
 * kb_passages and kb_fts (schema 10), and the search that suggests them
 * during a call. */

/* BM25 column weights: a match in an article's title says more than one
 * in a section heading, which says more than one in the text. */
#define KB_RANK "bm25(kb_fts, 0.0, 4.0, 2.0, 1.0)"
/* The passage shown for an article: the one whose own words matched best
 * (the title is the same for all of them). */
#define KB_TEXT_RANK "bm25(kb_fts, 0.0, 0.0, 2.0, 1.0)"
/* Passages read to find the best three articles. */
#define KB_CANDIDATES 60
/* Above this many passages, the candidates are found with the query's
 * rarest terms only (those that match at most a quarter of the passages
 * between them), then ranked with all of them: FTS5's bm25() costs a few
 * microseconds for every passage a term matches, and the words a caller
 * uses most (“card”, “account”) match thousands while deciding little
 * (BM25 gives them the least weight).  Below it, every term. */
#define KB_PRUNE_ABOVE 2000
#define KB_PRUNED_CANDIDATES 120

struct _ImportData
{
  GFile *folder;
};

AC_STORE_DEFINE_DATA (ImportData, import_data)

static void
import_data_clear (ImportData *data)
{
  g_clear_object (&data->folder);
}

static gboolean
article_known (sqlite3    *db,
               const char *file,
               const char *sha256,
               gint64     *id)
{
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;

  *id = -1;
  if (sqlite3_prepare_v2 (db, "SELECT id, sha256 FROM kb_articles WHERE file = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, file, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *id = sqlite3_column_int64 (stmt, 0);
          same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), sha256) == 0;
        }
    }
  sqlite3_finalize (stmt);
  return same;
}

static gboolean
drop_article (sqlite3  *db,
              gint64    id,
              GError  **error)
{
  g_autofree char *sql = g_strdup_printf (
    "DELETE FROM kb_fts WHERE passage_id IN (SELECT id FROM kb_passages WHERE article_id = %" G_GINT64_FORMAT ");"
    "DELETE FROM kb_passages WHERE article_id = %" G_GINT64_FORMAT ";"
    "DELETE FROM kb_articles WHERE id = %" G_GINT64_FORMAT ";", id, id, id);

  return ac_store_exec (db, sql, error);
}

static gboolean
insert_article (sqlite3    *db,
                const char *file,
                const char *title,
                const char *sha256,
                GPtrArray  *passages,
                const char *now,
                GError    **error)
{
  sqlite3_stmt *article = NULL;
  sqlite3_stmt *passage = NULL;
  sqlite3_stmt *fts = NULL;
  gint64 article_id;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "INSERT INTO kb_articles (file, title, sha256, imported_at) VALUES (?1, ?2, ?3, ?4)",
                          -1, &article, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO kb_passages (article_id, position, heading, text) VALUES (?1, ?2, ?3, ?4)",
                          -1, &passage, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO kb_fts (passage_id, title, heading, text) VALUES (?1, ?2, ?3, ?4)",
                          -1, &fts, NULL) != SQLITE_OK)
    goto out;

  sqlite3_bind_text (article, 1, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (article, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (article, 3, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (article, 4, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (article) != SQLITE_DONE)
    goto out;
  article_id = sqlite3_last_insert_rowid (db);

  for (guint i = 0; i < passages->len; i++)
    {
      AcKnowledgePassage *p = passages->pdata[i];
      gint64 passage_id;

      sqlite3_reset (passage);
      sqlite3_bind_int64 (passage, 1, article_id);
      sqlite3_bind_int (passage, 2, i);
      ac_store_bind_text_or_null (passage, 3, p->heading);
      sqlite3_bind_text (passage, 4, p->text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (passage) != SQLITE_DONE)
        goto out;
      passage_id = sqlite3_last_insert_rowid (db);

      sqlite3_reset (fts);
      sqlite3_bind_int64 (fts, 1, passage_id);
      sqlite3_bind_text (fts, 2, title, -1, SQLITE_TRANSIENT);
      ac_store_bind_text_or_null (fts, 3, p->heading);
      sqlite3_bind_text (fts, 4, p->text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (fts) != SQLITE_DONE)
        goto out;
    }
  ok = TRUE;

out:
  if (!ok)
    ac_store_set_sqlite_error (error, db, _("The article could not be stored"));
  sqlite3_finalize (article);
  sqlite3_finalize (passage);
  sqlite3_finalize (fts);
  return ok;
}

static void
import_job (AcStore *self,
            GTask   *task)
{
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now = ac_store_now_iso ();
  AcKnowledgeImport *counts;
  GFileInfo *info;

  /* what the search knows of the passages is about to change */
  g_clear_pointer (&self->kb_docs, g_hash_table_unref);
  self->kb_passages = -1;

  if (!ac_store_require_open (self, task))
    return;

  children = g_file_enumerate_children (data->folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, g_task_get_cancellable (task), &error);
  if (children == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->folder);

      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                               _("The knowledge base “%s” cannot be read: %s"), name, error->message);
      return;
    }

  counts = g_new0 (AcKnowledgeImport, 1);
  if (!ac_store_exec (self->db, "BEGIN IMMEDIATE", &error))
    goto failed;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) kept = info;
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) file = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *sha256 = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GPtrArray) passages = NULL;
      g_autoptr(GError) problem = NULL;
      gsize length = 0;
      gint64 id;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || !ac_knowledge_is_article (name))
        continue;
      file = g_file_get_child (data->folder, name);
      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &problem))
        {
          g_ptr_array_add (problems, g_strdup (problem->message));
          continue;
        }
      g_hash_table_add (present, g_strdup (name));
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      if (article_known (self->db, name, sha256, &id))
        {
          counts->unchanged++;
          continue;
        }
      passages = ac_knowledge_split (name, contents, length, &title, &problem);
      if (passages == NULL)
        {
          /* a bad file does not drop the article it was before */
          g_ptr_array_add (problems, g_strdup (problem->message));
          continue;
        }
      if (id >= 0 && !drop_article (self->db, id, &error))
        goto failed;
      if (!insert_article (self->db, name, title, sha256, passages, now, &error))
        goto failed;
      if (id >= 0)
        counts->updated++;
      else
        counts->added++;
    }

  /* the articles no longer in the folder */
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));

    if (sqlite3_prepare_v2 (self->db, "SELECT id, file FROM kb_articles", -1, &stmt, NULL) == SQLITE_OK)
      while (sqlite3_step (stmt) == SQLITE_ROW)
        if (!g_hash_table_contains (present, (const char *) sqlite3_column_text (stmt, 1)))
          {
            gint64 id = sqlite3_column_int64 (stmt, 0);

            g_array_append_val (gone, id);
          }
    sqlite3_finalize (stmt);
    for (guint i = 0; i < gone->len; i++)
      if (!drop_article (self->db, g_array_index (gone, gint64, i), &error))
        goto failed;
    counts->removed = gone->len;
  }

  if (!ac_store_exec (self->db, "COMMIT", &error))
    goto failed;
  counts->skipped = problems->len;
  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      counts->problems = g_strjoinv ("\n", (char **) problems->pdata);
    }
  g_task_return_pointer (task, counts, (GDestroyNotify) ac_knowledge_import_free);
  return;

failed:
  ac_store_exec (self->db, "ROLLBACK", NULL);
  ac_knowledge_import_free (counts);
  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ac_knowledge_import_free:
 * @counts: (nullable): what an import did
 */
void
ac_knowledge_import_free (AcKnowledgeImport *counts)
{
  if (counts == NULL)
    return;
  g_free (counts->problems);
  g_free (counts);
}

/**
 * ac_store_import_knowledge_async:
 * @self: an open #AcStore
 * @folder: a folder of articles: Markdown, HTML or plain text (see
 *   ac_knowledge_is_article())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with what was done
 * @user_data: data for @callback
 *
 * Imports the folder's articles, taken apart into passages and indexed:
 * an article whose file did not change is left as it was, a changed one
 * replaced, one no longer in the folder dropped — in one transaction, so a
 * failure leaves the knowledge base as it was.  A file that cannot be read
 * is skipped and named in the result.
 */
void
ac_store_import_knowledge_async (AcStore             *self,
                                 GFile               *folder,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ImportData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (folder));

  data = import_data_new ();
  data->folder = g_object_ref (folder);
  ac_store_start_job (self, data, import_data_free, ac_store_import_knowledge_async, import_job, cancellable,
                      callback, user_data);
}

/**
 * ac_store_import_knowledge_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an %AC_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): what was added, updated, removed,
 *   left as it was and skipped; free with ac_knowledge_import_free()
 */
AcKnowledgeImport *
ac_store_import_knowledge_finish (AcStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_import_knowledge_async, error);
}

struct _SuggestData
{
  char  *query;
  guint  limit;
};

AC_STORE_DEFINE_DATA (SuggestData, suggest_data)

static void
suggest_data_clear (SuggestData *data)
{
  g_free (data->query);
}

/* Each article's best text score so far, beside its suggestion. */
static double
suggestion_text_score (GHashTable   *text_scores,
                       AcSuggestion *suggestion)
{
  double *score = g_hash_table_lookup (text_scores, suggestion);

  return score != NULL ? *score : -G_MAXDOUBLE;
}

static void
set_text_score (GHashTable   *text_scores,
                AcSuggestion *suggestion,
                double        score)
{
  g_hash_table_insert (text_scores, suggestion, g_memdup2 (&score, sizeof score));
}

/* How many passages one query term (`"word"`) matches, remembered until
 * the next import; -1 when it cannot be counted. */
static gint64
term_docs (AcStore    *self,
           const char *term)
{
  sqlite3_stmt *stmt = NULL;
  gint64 *known;
  gint64 docs = -1;

  if (self->kb_docs == NULL)
    self->kb_docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((known = g_hash_table_lookup (self->kb_docs, term)) != NULL)
    return *known;
  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM kb_fts WHERE kb_fts MATCH ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        docs = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  if (docs >= 0)
    g_hash_table_insert (self->kb_docs, g_strdup (term), g_memdup2 (&docs, sizeof docs));
  return docs;
}

typedef struct
{
  const char *term;
  gint64      docs;
} TermDocs;

static int
by_docs (gconstpointer a,
         gconstpointer b)
{
  const TermDocs *x = a, *y = b;

  return x->docs < y->docs ? -1 : x->docs > y->docs;
}

/* The query that finds the candidates: @query itself in a small base;
 * in a large one, its rarest terms, as many as match at most a quarter
 * of the passages between them (at least the rarest that matches any).
 * Sets @limit to how many candidates to read. */
static char *
candidate_query (AcStore    *self,
                 const char *query,
                 guint      *limit)
{
  g_auto(GStrv) terms = NULL;
  g_autoptr(GArray) counted = NULL;
  g_autoptr(GString) kept = NULL;
  gint64 sum = 0;

  *limit = KB_CANDIDATES;
  if (self->kb_passages < 0)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM kb_passages", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        self->kb_passages = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  if (self->kb_passages <= KB_PRUNE_ABOVE)
    return g_strdup (query);

  terms = g_strsplit (query, " OR ", -1);
  counted = g_array_new (FALSE, FALSE, sizeof (TermDocs));
  for (guint i = 0; terms[i] != NULL; i++)
    {
      TermDocs t = { terms[i], term_docs (self, terms[i]) };

      if (t.docs < 0)
        return g_strdup (query);
      if (t.docs > 0)
        g_array_append_val (counted, t);
    }
  if (counted->len == 0)
    return g_strdup (query);
  g_array_sort (counted, by_docs);
  kept = g_string_new (NULL);
  for (guint i = 0; i < counted->len; i++)
    {
      TermDocs *t = &g_array_index (counted, TermDocs, i);

      if (i > 0 && sum + t->docs > self->kb_passages / 4)
        break;
      sum += t->docs;
      if (kept->len > 0)
        g_string_append (kept, " OR ");
      g_string_append (kept, t->term);
    }
  *limit = KB_PRUNED_CANDIDATES;
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static void
suggest_job (AcStore *self,
             GTask   *task)
{
  SuggestData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_suggestion_free);
  g_autoptr(GHashTable) articles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) text_scores = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree char *candidates = NULL;
  sqlite3_stmt *stmt = NULL;
  guint limit;
  int rc;

  if (!ac_store_require_open (self, task))
    return;

  /* The best passages first; an article's best one stands for it.  The
   * helpful/unhelpful marks of the agents move an article by a tenth of
   * the score for each net mark, at most half of it either way. */
  /* Two steps: the candidates by rank alone (FTS5 scores every match, so
   * nothing else is computed for the thousands that lose; in a large base
   * with the query's rarest terms only), then, for those few, their rank
   * with the whole query and what a suggestion shows. */
  candidates = candidate_query (self, data->query, &limit);
  if (sqlite3_prepare_v2 (self->db,
                          "WITH top AS (SELECT rowid AS id FROM kb_fts"
                          "             WHERE kb_fts MATCH ?2 ORDER BY " KB_RANK " LIMIT ?3)"
                          " SELECT a.file, a.title, p.heading, p.text,"
                          "  highlight(kb_fts, 3, char(1), char(2)), -" KB_RANK " AS score,"
                          "  (SELECT coalesce(sum(CASE WHEN helpful THEN 1 ELSE -1 END), 0)"
                          "     FROM kb_feedback WHERE kb_feedback.file = a.file) AS marks,"
                          "  highlight(kb_fts, 1, char(1), char(2)), highlight(kb_fts, 2, char(1), char(2)),"
                          "  -" KB_TEXT_RANK " AS text_score"
                          " FROM top JOIN kb_fts ON kb_fts.rowid = top.id"
                          " JOIN kb_passages p ON p.id = kb_fts.passage_id"
                          " JOIN kb_articles a ON a.id = p.article_id"
                          " WHERE kb_fts MATCH ?1 ORDER BY score DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_autoptr(GError) error = NULL;

      ac_store_set_sqlite_error (&error, self->db, _("The knowledge base cannot be searched"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_bind_text (stmt, 1, data->query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, candidates, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *file = (const char *) sqlite3_column_text (stmt, 0);
      AcSuggestion *suggestion;

      double score = sqlite3_column_double (stmt, 5);
      double marks = CLAMP (sqlite3_column_int (stmt, 6) * 0.1, -0.5, 0.5);

      if ((suggestion = g_hash_table_lookup (articles, file)) != NULL)
        {
          /* the article's place is its best passage's; the passage shown
           * is the one whose own words matched best */
          if (sqlite3_column_double (stmt, 9) > suggestion_text_score (text_scores, suggestion))
            {
              g_free (suggestion->heading);
              g_free (suggestion->passage);
              g_free (suggestion->highlighted);
              suggestion->heading = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
              suggestion->passage = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
              suggestion->highlighted = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
              set_text_score (text_scores, suggestion, sqlite3_column_double (stmt, 9));
            }
          continue;
        }
      suggestion = g_new0 (AcSuggestion, 1);
      suggestion->article = g_strdup (file);
      suggestion->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      suggestion->heading = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      suggestion->passage = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      suggestion->highlighted = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      set_text_score (text_scores, suggestion, sqlite3_column_double (stmt, 9));
      {
        /* the words that matched, in the title, the heading and the text */
        g_autofree char *all = g_strjoin (" ", sqlite3_column_text (stmt, 7) != NULL ? (const char *) sqlite3_column_text (stmt, 7) : "",
                                          sqlite3_column_text (stmt, 8) != NULL ? (const char *) sqlite3_column_text (stmt, 8) : "",
                                          suggestion->highlighted != NULL ? suggestion->highlighted : "", NULL);

        suggestion->why = ac_knowledge_why (all);
      }
      suggestion->score = score * (1.0 + marks);
      g_hash_table_insert (articles, suggestion->article, suggestion);
      g_ptr_array_add (found, suggestion);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autoptr(GError) error = NULL;

      ac_store_set_sqlite_error (&error, self->db, _("The knowledge base cannot be searched"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* (the marks may reorder them) */
  for (guint i = 1; i < found->len; i++)
    for (guint j = i; j > 0 && ((AcSuggestion *) found->pdata[j])->score >
                               ((AcSuggestion *) found->pdata[j - 1])->score; j--)
      {
        gpointer swap = found->pdata[j];

        found->pdata[j] = found->pdata[j - 1];
        found->pdata[j - 1] = swap;
      }
  if (found->len > data->limit)
    g_ptr_array_set_size (found, data->limit);
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_store_suggest_async:
 * @self: an open #AcStore
 * @query: an FTS5 query, such as ac_knowledge_query() makes of what the
 *   customer said
 * @limit: how many articles at most (the Suggestions page shows three)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the suggestions
 * @user_data: data for @callback
 *
 * The articles that best answer @query (BM25 over title, heading and
 * text, weighted 4 : 2 : 1, nudged by the agents' helpful marks), each
 * with its best passage.
 */
void
ac_store_suggest_async (AcStore             *self,
                        const char          *query,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SuggestData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (query != NULL);

  data = suggest_data_new ();
  data->query = g_strdup (query);
  data->limit = MAX (limit, 1);
  ac_store_start_job (self, data, suggest_data_free, ac_store_suggest_async, suggest_job, cancellable, callback,
                      user_data);
}

/**
 * ac_store_suggest_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an %AC_STORE_ERROR
 *
 * Returns: (transfer full) (element-type AcSuggestion): the suggestions,
 *   best first (empty when nothing matches), or %NULL on error
 */
GPtrArray *
ac_store_suggest_finish (AcStore       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_suggest_async, error);
}

struct _FeedbackData
{
  char     *file;
  gboolean  helpful;
};

AC_STORE_DEFINE_DATA (FeedbackData, feedback_data)

static void
feedback_data_clear (FeedbackData *data)
{
  g_free (data->file);
}

static void
bind_feedback (sqlite3_stmt  *stmt,
               gconstpointer  data,
               const char    *now)
{
  const FeedbackData *feedback = data;

  sqlite3_bind_text (stmt, 1, feedback->file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, feedback->helpful);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
}

static void
feedback_job (AcStore *self,
              GTask   *task)
{
  if (!ac_store_require_open (self, task))
    return;
  if (ac_store_run_statement (self, task, "INSERT INTO kb_feedback (file, helpful, at) VALUES (?1, ?2, ?3)",
                              bind_feedback, _("The feedback could not be kept")))
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_add_knowledge_feedback_async:
 * @self: an open #AcStore
 * @article: an article's file name
 * @helpful: whether the agent found its suggestion helpful
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when kept
 * @user_data: data for @callback
 *
 * Keeps an agent's mark on a suggestion; each net mark moves the
 * article's later suggestions by a tenth of their score (at most half).
 */
void
ac_store_add_knowledge_feedback_async (AcStore             *self,
                                       const char          *article,
                                       gboolean             helpful,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  FeedbackData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (article != NULL);

  data = feedback_data_new ();
  data->file = g_strdup (article);
  data->helpful = helpful;
  ac_store_start_job (self, data, feedback_data_free, ac_store_add_knowledge_feedback_async, feedback_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_add_knowledge_feedback_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an %AC_STORE_ERROR
 *
 * Returns: whether the mark was kept
 */
gboolean
ac_store_add_knowledge_feedback_finish (AcStore       *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_add_knowledge_feedback_async, error);
}

static void
article_job (AcStore *self,
             GTask   *task)
{
  const char *file = g_task_get_task_data (task);
  g_autoptr(GPtrArray) passages = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_knowledge_passage_free);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *title = NULL;

  if (!ac_store_require_open (self, task))
    return;
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT a.title, p.heading, p.text FROM kb_articles a JOIN kb_passages p ON p.article_id = a.id"
                          " WHERE a.file = ?1 ORDER BY p.position", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, file, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          AcKnowledgePassage *passage = g_new0 (AcKnowledgePassage, 1);

          if (title == NULL)
            title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          passage->heading = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          passage->text = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          g_ptr_array_add (passages, passage);
        }
    }
  sqlite3_finalize (stmt);
  if (passages->len == 0)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND,
                               _("The article “%s” is no longer in the knowledge base"), file);
      return;
    }
  /* the title rides as the first passage's heading-less text */
  {
    AcKnowledgePassage *head = g_new0 (AcKnowledgePassage, 1);

    head->text = g_steal_pointer (&title);
    g_ptr_array_insert (passages, 0, head);
  }
  g_task_return_pointer (task, g_steal_pointer (&passages), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_store_get_article_async:
 * @self: an open #AcStore
 * @article: an article's file name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the article
 * @user_data: data for @callback
 *
 * Reads a whole article, to open it from a suggestion.
 */
void
ac_store_get_article_async (AcStore             *self,
                            const char          *article,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (article != NULL);

  ac_store_start_job (self, g_strdup (article), g_free, ac_store_get_article_async, article_job, cancellable,
                      callback, user_data);
}

/**
 * ac_store_get_article_finish:
 * @self: an #AcStore
 * @result: the result
 * @title: (out) (transfer full): the article's title
 * @error: return location for an %AC_STORE_ERROR (%AC_STORE_ERROR_NOT_FOUND
 *   when it was removed)
 *
 * Returns: (transfer full) (element-type AcKnowledgePassage) (nullable): its
 *   passages, in order
 */
GPtrArray *
ac_store_get_article_finish (AcStore       *self,
                             GAsyncResult  *result,
                             char         **title,
                             GError       **error)
{
  GPtrArray *passages = ac_store_propagate_pointer (self, result, ac_store_get_article_async, error);
  AcKnowledgePassage *head;

  *title = NULL;
  if (passages == NULL)
    return NULL;
  head = passages->pdata[0];
  *title = g_steal_pointer (&head->text);
  g_ptr_array_remove_index (passages, 0);
  return passages;
}
