/* ac-utterance.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-utterance"

#include "config.h"

#include "ac-utterance.h"

/**
 * AcUtterance:
 *
 * One speaker's stretch of speech as a speech engine heard it: a *partial*
 * hypothesis while the speaker is still talking (it will be replaced), or
 * the *final* hypothesis once they stop.
 *
 * The values are set at creation; only word timings are added, by the
 * engine, before it hands the utterance on, and the analysis of a final
 * utterance once, when it joins the transcript.  Times are in milliseconds
 * from the start of the call; the channel is an #AcAudioChannel
 * (0 customer, 1 agent).
 */
struct _AcUtterance
{
  GObject  parent_instance;

  guint    channel;
  gint64   start_ms;
  gint64   end_ms;
  char    *text;
  double   confidence;
  gboolean is_final;
  GArray  *words;  /* AcWord */
  AcSentiment *sentiment;
  char    *remote_label;   /* the backend's (or the AI provider's), or NULL */
  double   remote_score;
  char    *remote_source;  /* NULL for the contact center, else who scored it */
  char    *remote_intent;  /* the AI provider's intent, or NULL */
  char    *engine;         /* who heard it, or NULL */
  char    *model;
  GArray  *redactions;     /* AcRedactionSpan */
};

G_DEFINE_FINAL_TYPE (AcUtterance, ac_utterance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SENTIMENT,
  PROP_REMOTE_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ac_utterance_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AcUtterance *self = AC_UTTERANCE (object);

  switch (prop_id)
    {
    case PROP_SENTIMENT:
      g_value_set_boxed (value, self->sentiment);
      break;

    case PROP_REMOTE_LABEL:
      g_value_set_string (value, self->remote_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clear_word (gpointer data)
{
  AcWord *word = data;

  g_free (word->text);
}

static void
ac_utterance_finalize (GObject *object)
{
  AcUtterance *self = AC_UTTERANCE (object);

  g_free (self->text);
  g_clear_pointer (&self->words, g_array_unref);
  g_clear_pointer (&self->sentiment, ac_sentiment_unref);

  g_free (self->remote_label);
  g_free (self->remote_source);
  g_free (self->remote_intent);
  g_free (self->engine);
  g_free (self->model);
  g_array_unref (self->redactions);

  G_OBJECT_CLASS (ac_utterance_parent_class)->finalize (object);
}

static void
ac_utterance_class_init (AcUtteranceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ac_utterance_finalize;
  object_class->get_property = ac_utterance_get_property;

  /**
   * AcUtterance:sentiment:
   *
   * The analysis of a final utterance, once it has one.
   */
  properties[PROP_SENTIMENT] =
    g_param_spec_boxed ("sentiment", NULL, NULL, AC_TYPE_SENTIMENT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcUtterance:remote-label:
   *
   * The contact center's own label for a final utterance (see
   * ac_utterance_set_remote_sentiment()), once it sent one.
   */
  properties[PROP_REMOTE_LABEL] =
    g_param_spec_string ("remote-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_utterance_init (AcUtterance *self)
{
  self->words = g_array_new (FALSE, TRUE, sizeof (AcWord));
  g_array_set_clear_func (self->words, clear_word);
  self->redactions = g_array_new (FALSE, FALSE, sizeof (AcRedactionSpan));
}

/**
 * ac_utterance_new:
 * @channel: who spoke: 0 customer, 1 agent
 * @start_ms: start, in ms from the start of the call
 * @end_ms: end, in ms from the start of the call; not before @start_ms
 * @text: the recognised words, lower case, separated by single spaces
 * @confidence: the engine's confidence, 0..1 (each engine documents its
 *   mapping)
 * @is_final: %TRUE for a final hypothesis, %FALSE for a partial one
 *
 * Returns: (transfer full): a new utterance
 */
AcUtterance *
ac_utterance_new (guint       channel,
                  gint64      start_ms,
                  gint64      end_ms,
                  const char *text,
                  double      confidence,
                  gboolean    is_final)
{
  AcUtterance *self;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (end_ms >= start_ms, NULL);

  self = g_object_new (AC_TYPE_UTTERANCE, NULL);
  self->channel = channel;
  self->start_ms = start_ms;
  self->end_ms = end_ms;
  self->text = g_strdup (text);
  self->confidence = CLAMP (confidence, 0.0, 1.0);
  self->is_final = is_final;

  return self;
}

/**
 * ac_utterance_new_moved:
 * @self: a #AcUtterance, not yet analysed
 * @offset_ms: how far to move it on the call's clock, in ms
 *
 * For engines and the transcriber that put a hypothesis on the call's
 * clock: a stream that started later than the call, or audio that was not
 * heard while the call was on hold.
 *
 * Returns: (transfer full): a copy of @self — words, engine and model —
 *   with every time moved by @offset_ms
 */
AcUtterance *
ac_utterance_new_moved (AcUtterance *self,
                        gint64       offset_ms)
{
  AcUtterance *moved;

  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);

  moved = ac_utterance_new (self->channel, self->start_ms + offset_ms, self->end_ms + offset_ms, self->text,
                            self->confidence, self->is_final);
  for (guint i = 0; i < self->words->len; i++)
    {
      const AcWord *word = &g_array_index (self->words, AcWord, i);

      ac_utterance_add_word (moved, word->text, word->start_ms + offset_ms, word->end_ms + offset_ms);
    }
  ac_utterance_set_engine (moved, self->engine, self->model);
  for (guint i = 0; i < self->redactions->len; i++)
    {
      AcRedactionSpan span = g_array_index (self->redactions, AcRedactionSpan, i);

      span.start_ms = span.start_ms >= 0 ? span.start_ms + offset_ms : -1;
      span.end_ms = span.end_ms >= 0 ? span.end_ms + offset_ms : -1;
      g_array_append_val (moved->redactions, span);
    }
  return moved;
}

/**
 * ac_utterance_new_redacted:
 * @self: a #AcUtterance as an engine heard it, not yet analysed
 * @redactor: the call's redactor
 *
 * Masks the personal data in @self (see [class@Redactor]): the text, its
 * timed words (a redacted stretch becomes one word, its mask, over the
 * time the words took) and the spans, kept with it.  The transcriber
 * calls it on every hypothesis, partial or final, before anything else
 * sees it, so what is stored, shown, scored, exported or sent is only
 * ever the masked text.
 *
 * Returns: (transfer full): the masked copy, engine and model kept
 */
AcUtterance *
ac_utterance_new_redacted (AcUtterance *self,
                           AcRedactor  *redactor)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree gint64 *times = NULL;
  g_autofree char *masked = NULL;
  AcUtterance *redacted;

  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);
  g_return_val_if_fail (AC_IS_REDACTOR (redactor), NULL);

  if (self->words->len > 0)
    {
      times = g_new (gint64, 2 * self->words->len);
      for (guint i = 0; i < self->words->len; i++)
        {
          times[2 * i] = g_array_index (self->words, AcWord, i).start_ms;
          times[2 * i + 1] = g_array_index (self->words, AcWord, i).end_ms;
        }
    }

  masked = ac_redactor_redact (redactor, self->channel, self->text, self->start_ms, self->end_ms, times,
                               self->words->len, self->is_final, &spans);
  redacted = ac_utterance_new (self->channel, self->start_ms, self->end_ms, masked, self->confidence,
                               self->is_final);
  ac_utterance_set_engine (redacted, self->engine, self->model);
  ac_utterance_set_redactions (redacted, (const AcRedactionSpan *) spans->data, spans->len);

  /* Timed words: the engine's, with each redacted stretch one word, its
   * mask.  Only when each span starts and ends on a word (its times came
   * from the words); otherwise none, rather than a digit left behind. */
  for (guint s = 0; s < spans->len; s++)
    {
      const AcRedactionSpan *span = &g_array_index (spans, AcRedactionSpan, s);
      gboolean starts = FALSE, ends = FALSE;

      for (guint i = 0; i < self->words->len; i++)
        {
          starts |= g_array_index (self->words, AcWord, i).start_ms == span->start_ms;
          ends |= g_array_index (self->words, AcWord, i).end_ms == span->end_ms;
        }
      if (!starts || !ends)
        return redacted;
    }

  for (guint i = 0, s = 0; i < self->words->len; i++)
    {
      const AcWord *word = &g_array_index (self->words, AcWord, i);
      const AcRedactionSpan *span = s < spans->len ? &g_array_index (spans, AcRedactionSpan, s) : NULL;

      if (span != NULL && word->start_ms >= span->start_ms && word->end_ms <= span->end_ms)
        {
          g_autofree char *mask = g_utf8_substring (masked, span->start, span->end);

          ac_utterance_add_word (redacted, mask, span->start_ms, span->end_ms);
          while (i + 1 < self->words->len && g_array_index (self->words, AcWord, i + 1).end_ms <= span->end_ms)
            i++;
          s++;
          continue;
        }
      ac_utterance_add_word (redacted, word->text, word->start_ms, word->end_ms);
    }

  return redacted;
}

/**
 * ac_utterance_set_redactions:
 * @self: a #AcUtterance
 * @spans: (array length=n_spans): the redacted spans of its text
 * @n_spans: how many
 *
 * Keeps the spans the redactor masked (for a stored utterance read back).
 */
void
ac_utterance_set_redactions (AcUtterance           *self,
                             const AcRedactionSpan *spans,
                             guint                  n_spans)
{
  g_return_if_fail (AC_IS_UTTERANCE (self));
  g_return_if_fail (spans != NULL || n_spans == 0);

  g_array_set_size (self->redactions, 0);
  if (n_spans > 0)
    g_array_append_vals (self->redactions, spans, n_spans);
}

/**
 * ac_utterance_get_redactions:
 * @self: a #AcUtterance
 * @n_spans: (out): how many
 *
 * Returns: (array length=n_spans) (transfer none): the redacted spans of
 *   its text, in order (offsets in characters of ac_utterance_get_text())
 */
const AcRedactionSpan *
ac_utterance_get_redactions (AcUtterance *self,
                             guint       *n_spans)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  *n_spans = self->redactions->len;
  return (const AcRedactionSpan *) self->redactions->data;
}

/**
 * ac_utterance_redactions_to_json:
 * @self: a #AcUtterance
 *
 * Returns: (transfer full): its redacted spans as a JSON array of
 *   `{"category", "start", "end", "start_ms", "end_ms"}` (offsets in
 *   characters of the masked text; times in ms on the call's clock, or
 *   null if unknown)
 */
JsonNode *
ac_utterance_redactions_to_json (AcUtterance *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->redactions->len; i++)
    {
      const AcRedactionSpan *span = &g_array_index (self->redactions, AcRedactionSpan, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, ac_redaction_category_to_string (span->category));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, span->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, span->end);
      json_builder_set_member_name (builder, "start_ms");
      if (span->start_ms >= 0)
        json_builder_add_int_value (builder, span->start_ms);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "end_ms");
      if (span->end_ms >= 0)
        json_builder_add_int_value (builder, span->end_ms);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/**
 * ac_utterance_set_redactions_from_json:
 * @self: a #AcUtterance
 * @json: (nullable): what ac_utterance_redactions_to_json() wrote
 *
 * Reads the spans back; spans that do not fit the text are dropped.
 */
void
ac_utterance_set_redactions_from_json (AcUtterance *self,
                                       const char  *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n_chars;
  JsonArray *array;

  g_return_if_fail (AC_IS_UTTERANCE (self));

  g_array_set_size (self->redactions, 0);
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return;

  n_chars = g_utf8_strlen (self->text, -1);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      AcRedactionSpan span;
      gint64 start, end;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (!ac_redaction_category_from_string (json_object_get_string_member_with_default (object, "category", NULL),
                                              &span.category))
        continue;
      start = json_object_get_int_member_with_default (object, "start", -1);
      end = json_object_get_int_member_with_default (object, "end", -1);
      if (start < 0 || end <= start || end > n_chars)
        continue;
      span.start = start;
      span.end = end;
      span.start_ms = json_object_get_int_member_with_default (object, "start_ms", -1);
      span.end_ms = json_object_get_int_member_with_default (object, "end_ms", -1);
      g_array_append_val (self->redactions, span);
    }
}

/**
 * ac_utterance_get_channel:
 * @self: a #AcUtterance
 *
 * Returns: who spoke: 0 customer, 1 agent
 */
guint
ac_utterance_get_channel (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), 0);
  return self->channel;
}

/**
 * ac_utterance_get_start_ms:
 * @self: a #AcUtterance
 *
 * Returns: the start, in ms from the start of the call
 */
gint64
ac_utterance_get_start_ms (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), 0);
  return self->start_ms;
}

/**
 * ac_utterance_get_end_ms:
 * @self: a #AcUtterance
 *
 * Returns: the end, in ms from the start of the call
 */
gint64
ac_utterance_get_end_ms (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), 0);
  return self->end_ms;
}

/**
 * ac_utterance_get_text:
 * @self: a #AcUtterance
 *
 * Returns: (transfer none): the recognised words
 */
const char *
ac_utterance_get_text (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);
  return self->text;
}

/**
 * ac_utterance_get_confidence:
 * @self: a #AcUtterance
 *
 * Returns: the engine's confidence, 0..1
 */
double
ac_utterance_get_confidence (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), 0.0);
  return self->confidence;
}

/**
 * ac_utterance_get_is_final:
 * @self: a #AcUtterance
 *
 * Returns: %TRUE for a final hypothesis, %FALSE for a partial one
 */
gboolean
ac_utterance_get_is_final (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), FALSE);
  return self->is_final;
}

/**
 * ac_utterance_get_word_count:
 * @self: a #AcUtterance
 *
 * Returns: the number of words in the text
 */
guint
ac_utterance_get_word_count (AcUtterance *self)
{
  g_auto(GStrv) words = NULL;
  guint n = 0;

  g_return_val_if_fail (AC_IS_UTTERANCE (self), 0);

  words = g_strsplit (self->text, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      n++;

  return n;
}

/**
 * ac_utterance_add_word:
 * @self: a #AcUtterance
 * @text: the word
 * @start_ms: its start, in ms from the start of the call
 * @end_ms: its end, in ms from the start of the call
 *
 * Adds a word timing, for engines that know them.  Called by the engine
 * before the utterance is handed on.
 */
void
ac_utterance_add_word (AcUtterance *self,
                       const char  *text,
                       gint64       start_ms,
                       gint64       end_ms)
{
  AcWord word;

  g_return_if_fail (AC_IS_UTTERANCE (self));
  g_return_if_fail (text != NULL);

  word.text = g_strdup (text);
  word.start_ms = start_ms;
  word.end_ms = MAX (start_ms, end_ms);
  g_array_append_val (self->words, word);
}

/**
 * ac_utterance_get_n_timed_words:
 * @self: a #AcUtterance
 *
 * Returns: how many word timings the engine gave; 0 if it gives none
 */
guint
ac_utterance_get_n_timed_words (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), 0);
  return self->words->len;
}

/**
 * ac_utterance_get_timed_word:
 * @self: a #AcUtterance
 * @index: less than ac_utterance_get_n_timed_words()
 *
 * Returns: (transfer none): the word timing at @index
 */
const AcWord *
ac_utterance_get_timed_word (AcUtterance *self,
                             guint        index)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);
  g_return_val_if_fail (index < self->words->len, NULL);

  return &g_array_index (self->words, AcWord, index);
}

/**
 * ac_utterance_get_sentiment:
 * @self: a #AcUtterance
 *
 * Returns: (transfer none) (nullable): the analysis, or %NULL before it
 *   has one (partials never do)
 */
AcSentiment *
ac_utterance_get_sentiment (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);

  return self->sentiment;
}

/**
 * ac_utterance_set_sentiment:
 * @self: a #AcUtterance
 * @sentiment: (transfer none): the analysis of its text
 *
 * Attaches the analysis, once.
 */
void
ac_utterance_set_sentiment (AcUtterance *self,
                            AcSentiment *sentiment)
{
  g_return_if_fail (AC_IS_UTTERANCE (self));
  g_return_if_fail (sentiment != NULL);
  g_return_if_fail (self->sentiment == NULL);

  self->sentiment = ac_sentiment_ref (sentiment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENTIMENT]);
}

/**
 * ac_utterance_analyze:
 * @self: a #AcUtterance
 * @model: the sentiment model to score it with
 *
 * Scores a final utterance's text (see ac_sentiment_analyze()) unless it
 * already has an analysis; a partial hypothesis is left as it is (its
 * words may still change).  Whoever delivers final utterances — the
 * transcriber, a stored call read back — calls this before anyone sees
 * them.
 */
void
ac_utterance_analyze (AcUtterance      *self,
                      AcSentimentModel  model)
{
  g_autoptr(AcSentiment) sentiment = NULL;

  g_return_if_fail (AC_IS_UTTERANCE (self));

  if (!self->is_final || self->sentiment != NULL)
    return;

  sentiment = ac_sentiment_analyze (model, self->text);
  ac_utterance_set_sentiment (self, sentiment);
}

/**
 * ac_utterance_set_remote_sentiment:
 * @self: a final #AcUtterance
 * @label: the backend's label: `positive`, `negative`, `neutral`, `mixed`
 *   or `urgent`
 * @score: the same as a score in −1..1: the backend's confidence in its
 *   label (0..1), negative for `negative` and `urgent`, 0 for `neutral`
 *   and `mixed` (the contract's `sentiment_update` sends a label and a
 *   confidence, no signed score)
 *
 * Attaches the contact center's own analysis of the utterance, beside the
 * app's (ac_utterance_get_sentiment()); a later one replaces it.
 */
void
ac_utterance_set_remote_sentiment (AcUtterance *self,
                                   const char  *label,
                                   double       score)
{
  g_return_if_fail (AC_IS_UTTERANCE (self));
  g_return_if_fail (label != NULL);

  self->remote_score = CLAMP (score, -1.0, 1.0);
  g_free (self->remote_label);
  self->remote_label = g_strdup (label);
  g_clear_pointer (&self->remote_source, g_free);
  g_clear_pointer (&self->remote_intent, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_LABEL]);
}

/**
 * ac_utterance_set_assistant_sentiment:
 * @self: a final #AcUtterance
 * @label: the AI provider's label: `positive`, `neutral`, `negative` or
 *   `urgent`
 * @score: its score, −1..1
 * @intent: (nullable): the intent it heard, one of ac_intent_to_string()'s
 *
 * Attaches an AI provider's analysis of the utterance, beside the app's,
 * as ac_utterance_set_remote_sentiment() does the contact center's —
 * which, when there is one, stays: the contact center's word is the one
 * its supervisors see.
 */
void
ac_utterance_set_assistant_sentiment (AcUtterance *self,
                                      const char  *label,
                                      double       score,
                                      const char  *intent)
{
  g_return_if_fail (AC_IS_UTTERANCE (self));
  g_return_if_fail (label != NULL);

  if (self->remote_label != NULL && self->remote_source == NULL)
    return;
  self->remote_score = CLAMP (score, -1.0, 1.0);
  g_free (self->remote_label);
  self->remote_label = g_strdup (label);
  g_free (self->remote_source);
  self->remote_source = g_strdup ("assistant");
  g_free (self->remote_intent);
  self->remote_intent = g_strdup (intent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_LABEL]);
}

/**
 * ac_utterance_get_remote_source:
 * @self: a #AcUtterance
 *
 * Returns: (nullable): `assistant` when the remote analysis is an AI
 *   provider's, %NULL when it is the contact center's (or there is none)
 */
const char *
ac_utterance_get_remote_source (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);

  return self->remote_source;
}

/**
 * ac_utterance_get_remote_intent:
 * @self: a #AcUtterance
 *
 * Returns: (nullable): the AI provider's intent for the utterance
 */
const char *
ac_utterance_get_remote_intent (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);

  return self->remote_intent;
}

/**
 * ac_utterance_get_remote_label:
 * @self: a #AcUtterance
 *
 * Returns: (nullable): the contact center's label, or %NULL if it sent
 *   none (yet)
 */
const char *
ac_utterance_get_remote_label (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);

  return self->remote_label;
}

/**
 * ac_utterance_get_remote_score:
 * @self: a #AcUtterance
 *
 * Returns: the contact center's analysis as −1..1 (see
 *   ac_utterance_set_remote_sentiment()), 0 when there is none
 */
double
ac_utterance_get_remote_score (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), 0);

  return self->remote_label != NULL ? self->remote_score : 0;
}

/**
 * ac_utterance_set_engine:
 * @self: a #AcUtterance
 * @engine: (nullable): the speech engine that heard it, as
 *   ac_speech_service_names() name them (`pocketsphinx`, `deepgram`,
 *   `assemblyai`, `openai`, `vosk`)
 * @model: (nullable): the engine's model, as the engine or its service
 *   names it (`en-us`, `nova-3`, `gpt-4o-transcribe`); %NULL for the
 *   service's default
 *
 * Records which engine and model produced the utterance: kept with it in
 * the store and the enhanced JSON, so a call heard partly by a service and
 * partly on this computer says which words came from which.  Set by the
 * engine before it hands the utterance on.
 */
void
ac_utterance_set_engine (AcUtterance *self,
                         const char  *engine,
                         const char  *model)
{
  g_return_if_fail (AC_IS_UTTERANCE (self));

  g_free (self->engine);
  self->engine = engine != NULL && engine[0] != '\0' ? g_strdup (engine) : NULL;
  g_free (self->model);
  self->model = model != NULL && model[0] != '\0' ? g_strdup (model) : NULL;
}

/**
 * ac_utterance_get_engine:
 * @self: a #AcUtterance
 *
 * Returns: (nullable): the speech engine that heard it, %NULL if unknown
 *   (a call stored before engines were recorded, or one from a backend)
 */
const char *
ac_utterance_get_engine (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);
  return self->engine;
}

/**
 * ac_utterance_get_model:
 * @self: a #AcUtterance
 *
 * Returns: (nullable): the engine's model, %NULL for the service's default
 *   or unknown
 */
const char *
ac_utterance_get_model (AcUtterance *self)
{
  g_return_val_if_fail (AC_IS_UTTERANCE (self), NULL);
  return self->model;
}
