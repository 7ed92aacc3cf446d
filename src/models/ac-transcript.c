/* ac-transcript.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-transcript"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ac-call-summary.h"
#include "ac-transcript.h"
#include "ac-types.h"

/**
 * AcTranscript:
 *
 * The transcript of one call: a [iface@Gio.ListModel] of [class@Utterance]
 * from both speakers, ordered by start time (the customer first when two
 * start in the same millisecond).
 *
 * Each channel has at most one partial hypothesis at a time.  A newer
 * partial, or the final, of the same channel replaces it: in place (one
 * `items-changed` of 1 removed, 1 added) when the order allows, otherwise
 * by removing it and inserting the newcomer where its start time belongs.
 *
 * Final utterances arrive analysed ([struct@Sentiment], see
 * ac_utterance_analyze()): the transcriber scores what the engines hear,
 * and whoever reads a stored call back scores it; the transcript only
 * orders, replaces partial hypotheses and sums the analysis up.
 *
 * Everything happens on the thread that owns the transcript (the main
 * thread in the app): engines hand their hypotheses over to it.
 */

#define N_SPEAKERS 2

struct _AcTranscript
{
  GObject      parent_instance;

  GPtrArray   *items;                 /* AcUtterance, sorted */
  AcUtterance *partials[N_SPEAKERS];  /* borrowed from items */
  guint        n_final;
  gint64       duration_ms;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcTranscript, ac_transcript, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_FINAL,
  PROP_DURATION_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
ac_transcript_get_item_type (GListModel *model)
{
  return AC_TYPE_UTTERANCE;
}

static guint
ac_transcript_get_n_items (GListModel *model)
{
  return AC_TRANSCRIPT (model)->items->len;
}

static gpointer
ac_transcript_get_item (GListModel *model,
                        guint       position)
{
  AcTranscript *self = AC_TRANSCRIPT (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ac_transcript_get_item_type;
  iface->get_n_items = ac_transcript_get_n_items;
  iface->get_item = ac_transcript_get_item;
}

static int
compare_utterances (AcUtterance *a,
                    AcUtterance *b)
{
  gint64 sa = ac_utterance_get_start_ms (a);
  gint64 sb = ac_utterance_get_start_ms (b);

  if (sa != sb)
    return sa < sb ? -1 : 1;

  return (int) ac_utterance_get_channel (a) - (int) ac_utterance_get_channel (b);
}

/* Where @utterance belongs: after every item that sorts before or equal to
 * it.  Speech arrives in order, so the search starts at the end. */
static guint
find_position (AcTranscript *self,
               AcUtterance  *utterance)
{
  guint lo = 0;
  guint hi = self->items->len;

  if (hi == 0 || compare_utterances (g_ptr_array_index (self->items, hi - 1), utterance) <= 0)
    return hi;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_utterances (g_ptr_array_index (self->items, mid), utterance) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
ac_transcript_finalize (GObject *object)
{
  AcTranscript *self = AC_TRANSCRIPT (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ac_transcript_parent_class)->finalize (object);
}

static void
ac_transcript_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AcTranscript *self = AC_TRANSCRIPT (object);

  switch (prop_id)
    {
    case PROP_N_FINAL:
      g_value_set_uint (value, self->n_final);
      break;

    case PROP_DURATION_MS:
      g_value_set_int64 (value, self->duration_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_transcript_class_init (AcTranscriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ac_transcript_finalize;
  object_class->get_property = ac_transcript_get_property;

  /**
   * AcTranscript:n-final:
   *
   * How many final utterances the transcript holds.
   */
  properties[PROP_N_FINAL] =
    g_param_spec_uint ("n-final", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcTranscript:duration-ms:
   *
   * The end of the latest utterance, in ms from the start of the call.
   */
  properties[PROP_DURATION_MS] =
    g_param_spec_int64 ("duration-ms", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_transcript_init (AcTranscript *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * ac_transcript_new:
 *
 * Returns: (transfer full): an empty transcript
 */
AcTranscript *
ac_transcript_new (void)
{
  return g_object_new (AC_TYPE_TRANSCRIPT, NULL);
}

/**
 * ac_transcript_add:
 * @self: a #AcTranscript
 * @utterance: (transfer none): a partial or final hypothesis of channel 0
 *   (customer) or 1 (agent)
 *
 * Adds a hypothesis.  It replaces the channel's pending partial, if any;
 * a final leaves the channel with no pending partial.  Hypotheses with no
 * text, or of an unknown channel, are ignored.
 */
void
ac_transcript_add (AcTranscript *self,
                   AcUtterance  *utterance)
{
  guint channel;
  AcUtterance *old;
  guint old_pos = G_MAXUINT;
  guint new_pos;

  g_return_if_fail (AC_IS_TRANSCRIPT (self));
  g_return_if_fail (AC_IS_UTTERANCE (utterance));

  channel = ac_utterance_get_channel (utterance);
  if (channel >= N_SPEAKERS || ac_utterance_get_text (utterance)[0] == '\0')
    return;

  old = self->partials[channel];
  self->partials[channel] = ac_utterance_get_is_final (utterance) ? NULL : utterance;

  if (old != NULL)
    g_ptr_array_find (self->items, old, &old_pos);

  if (old_pos != G_MAXUINT)
    {
      gboolean fits;

      /* In place if the neighbours still sort around the newcomer. */
      fits = (old_pos == 0 ||
              compare_utterances (g_ptr_array_index (self->items, old_pos - 1), utterance) <= 0) &&
             (old_pos + 1 == self->items->len ||
              compare_utterances (utterance, g_ptr_array_index (self->items, old_pos + 1)) <= 0);

      if (fits)
        {
          g_object_unref (g_ptr_array_index (self->items, old_pos));
          g_ptr_array_index (self->items, old_pos) = g_object_ref (utterance);
          g_list_model_items_changed (G_LIST_MODEL (self), old_pos, 1, 1);
          goto added;
        }

      g_ptr_array_remove_index (self->items, old_pos);
      g_list_model_items_changed (G_LIST_MODEL (self), old_pos, 1, 0);
    }

  new_pos = find_position (self, utterance);
  g_ptr_array_insert (self->items, new_pos, g_object_ref (utterance));
  g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 0, 1);

added:
  if (ac_utterance_get_is_final (utterance))
    {
      self->n_final++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINAL]);
    }

  if (ac_utterance_get_end_ms (utterance) > self->duration_ms)
    {
      self->duration_ms = ac_utterance_get_end_ms (utterance);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MS]);
    }
}

static void
collect_compounds (AcTranscript *self,
                   guint         channel,
                   GArray       *compounds,
                   GArray       *times)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      AcUtterance *u = g_ptr_array_index (self->items, i);
      AcSentiment *s = ac_utterance_get_sentiment (u);
      double t;

      if (!ac_utterance_get_is_final (u) || s == NULL || ac_utterance_get_channel (u) != channel)
        continue;

      t = (ac_utterance_get_start_ms (u) + ac_utterance_get_end_ms (u)) / 2.0;
      g_array_append_val (compounds, s->scores.compound);
      if (times != NULL)
        g_array_append_val (times, t);
    }
}

/**
 * ac_transcript_get_sentiment_summary:
 * @self: a #AcTranscript
 * @channel: 0 customer, 1 agent
 * @summary: (out caller-allocates): the speaker's figures
 *
 * The call-level sentiment of one speaker, from the compound scores
 * (−1..1) of their final utterances: the mean over the call; the mean in
 * each quarter of the call's duration (by each utterance's middle; a
 * quarter with nothing said has count 0 and mean 0), as contact-center
 * analytics report it; and the trend, the mean of the speaker's last
 * [const@SENTIMENT_TREND_N] utterances minus the mean of the ones before
 * those (as many as there are, up to that many again): above 0 the
 * speaker is warming, below 0 cooling.
 */
void
ac_transcript_get_sentiment_summary (AcTranscript       *self,
                                     guint               channel,
                                     AcSentimentSummary *summary)
{
  g_autoptr(GArray) compounds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0;
  guint n, recent, before;

  g_return_if_fail (AC_IS_TRANSCRIPT (self));
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  collect_compounds (self, channel, compounds, times);
  n = compounds->len;
  summary->n = n;
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      double c = g_array_index (compounds, double, i);
      double t = g_array_index (times, double, i);
      guint q = self->duration_ms > 0 ? (guint) (4.0 * t / self->duration_ms) : 0;

      q = MIN (q, 3);
      sum += c;
      summary->quarters[q] += c;
      summary->quarter_counts[q]++;
    }

  summary->mean = sum / n;
  for (guint q = 0; q < 4; q++)
    if (summary->quarter_counts[q] > 0)
      summary->quarters[q] /= summary->quarter_counts[q];

  recent = MIN (n, AC_SENTIMENT_TREND_N);
  before = MIN (n - recent, AC_SENTIMENT_TREND_N);
  if (before > 0)
    {
      double a = 0, b = 0;

      for (guint i = n - recent; i < n; i++)
        a += g_array_index (compounds, double, i);
      for (guint i = n - recent - before; i < n - recent; i++)
        b += g_array_index (compounds, double, i);
      summary->trend = a / recent - b / before;
    }
}

/**
 * ac_transcript_clear:
 * @self: a #AcTranscript
 *
 * Removes every utterance, for a new call.
 */
void
ac_transcript_clear (AcTranscript *self)
{
  guint n;

  g_return_if_fail (AC_IS_TRANSCRIPT (self));

  n = self->items->len;
  memset (self->partials, 0, sizeof self->partials);
  g_ptr_array_set_size (self->items, 0);

  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);

  if (self->n_final != 0)
    {
      self->n_final = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINAL]);
    }

  if (self->duration_ms != 0)
    {
      self->duration_ms = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_MS]);
    }
}

/**
 * ac_transcript_get_n_final:
 * @self: a #AcTranscript
 *
 * Returns: the number of final utterances
 */
guint
ac_transcript_get_n_final (AcTranscript *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIPT (self), 0);

  return self->n_final;
}

/**
 * ac_transcript_get_duration_ms:
 * @self: a #AcTranscript
 *
 * Returns: the end of the latest utterance, in ms from the start of the call
 */
gint64
ac_transcript_get_duration_ms (AcTranscript *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIPT (self), 0);

  return self->duration_ms;
}

/* The participants' names in the enhanced transcript format: stable
 * English, since the format is read by programs; their role is
 * ac_audio_channel_to_speaker(). */
static const char * const participant_names[N_SPEAKERS] = { "Customer", "Agent" };

static const char *
speaker_label (guint channel)
{
  return ac_audio_channel_to_label (channel);
}

/**
 * ac_transcript_to_text:
 * @self: a #AcTranscript
 *
 * Writes the final utterances as readable text, one per line:
 * `[m:ss] Speaker: words`, with the speaker's translated name.
 *
 * Returns: (transfer full): the text, empty if nothing final was said
 */
char *
ac_transcript_to_text (AcTranscript *self)
{
  GString *text;

  g_return_val_if_fail (AC_IS_TRANSCRIPT (self), NULL);

  text = g_string_new (NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      AcUtterance *u = g_ptr_array_index (self->items, i);
      g_autofree char *when = NULL;

      if (!ac_utterance_get_is_final (u))
        continue;

      when = ac_format_duration (ac_utterance_get_start_ms (u));
      g_string_append_printf (text, "[%s] %s: %s\n", when,
                              speaker_label (ac_utterance_get_channel (u)),
                              ac_utterance_get_text (u));
    }

  return g_string_free (text, FALSE);
}

static double
ms_to_s (gint64 ms)
{
  /* Seconds with millisecond precision, as the format writes them. */
  return (double) ms / 1000.0;
}

static void
add_speaker (JsonBuilder *builder,
             guint        channel)
{
  json_builder_set_member_name (builder, "channel");
  json_builder_add_int_value (builder, channel);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, ac_audio_channel_to_speaker (channel));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, participant_names[channel]);
}

/**
 * ac_transcript_to_enhanced_json:
 * @self: a #AcTranscript
 * @transcript_sid: (nullable): the call's identifier, or %NULL to leave it out
 * @call_date: (nullable): when the call started, or %NULL to leave it out
 * @call_duration_ms: the length of the call in ms, or -1 to use the end of
 *   the last utterance
 *
 * Writes the final utterances in the *enhanced transcript* format of the
 * Speech Assistant backends (`GET /api/enhanced-transcripts/{sid}`):
 * `participant_info` keyed by channel (`"0"` customer, `"1"` agent, with
 * `total_speaking_time` in s, `word_count`, `sentence_count` — one
 * sentence per utterance, since speech has no punctuation),
 * `conversation_flow` (`sequence` from 1, `speaker`, `text`, `start_time`,
 * `end_time` and `duration` in s, `confidence` 0..1, `word_count`) and
 * each utterance's `sentiment_analysis` (see ac_sentiment_to_json(), without
 * the text), and `summary_data` (`call_summary` and `suggested_disposition`
 * from ac_call_summary_new(), `total_duration_seconds`, `total_sentences`,
 * `total_words`, `participant_count` — speakers who said something —,
 * `average_confidence`, and `sentiment`: per role, `utterances`,
 * `average`, `quarters` (null where nothing was said) and `trend`, see
 * ac_transcript_get_sentiment_summary()).  `call_direction` is `inbound`.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
ac_transcript_to_enhanced_json (AcTranscript *self,
                                const char   *transcript_sid,
                                GDateTime    *call_date,
                                gint64        call_duration_ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) full_text = g_string_new (NULL);
  gint64 speaking_ms[N_SPEAKERS] = { 0, };
  guint words[N_SPEAKERS] = { 0, };
  guint sentences[N_SPEAKERS] = { 0, };
  double confidence_sum = 0.0;
  guint sequence = 0;
  guint participant_count = 0;

  g_return_val_if_fail (AC_IS_TRANSCRIPT (self), NULL);

  if (call_duration_ms < 0)
    call_duration_ms = self->duration_ms;

  json_builder_begin_object (builder);

  if (transcript_sid != NULL)
    {
      json_builder_set_member_name (builder, "transcript_sid");
      json_builder_add_string_value (builder, transcript_sid);
    }

  if (call_date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (call_date);
      g_autofree char *iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_set_member_name (builder, "call_date");
      json_builder_add_string_value (builder, iso);
    }

  json_builder_set_member_name (builder, "duration");
  json_builder_add_double_value (builder, ms_to_s (call_duration_ms));
  json_builder_set_member_name (builder, "call_direction");
  json_builder_add_string_value (builder, "inbound");

  json_builder_set_member_name (builder, "conversation_flow");
  json_builder_begin_array (builder);

  for (guint i = 0; i < self->items->len; i++)
    {
      AcUtterance *u = g_ptr_array_index (self->items, i);
      guint channel = ac_utterance_get_channel (u);
      gint64 start = ac_utterance_get_start_ms (u);
      gint64 end = ac_utterance_get_end_ms (u);
      guint n_words = ac_utterance_get_word_count (u);

      if (!ac_utterance_get_is_final (u))
        continue;

      speaking_ms[channel] += end - start;
      words[channel] += n_words;
      sentences[channel]++;
      confidence_sum += ac_utterance_get_confidence (u);

      if (full_text->len > 0)
        g_string_append_c (full_text, ' ');
      g_string_append (full_text, ac_utterance_get_text (u));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sequence");
      json_builder_add_int_value (builder, ++sequence);
      json_builder_set_member_name (builder, "speaker");
      json_builder_begin_object (builder);
      add_speaker (builder, channel);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, ac_utterance_get_text (u));
      json_builder_set_member_name (builder, "start_time");
      json_builder_add_double_value (builder, ms_to_s (start));
      json_builder_set_member_name (builder, "end_time");
      json_builder_add_double_value (builder, ms_to_s (end));
      json_builder_set_member_name (builder, "duration");
      json_builder_add_double_value (builder, ms_to_s (end - start));
      json_builder_set_member_name (builder, "confidence");
      json_builder_add_double_value (builder, ac_utterance_get_confidence (u));
      json_builder_set_member_name (builder, "word_count");
      json_builder_add_int_value (builder, n_words);
      {
        guint n_spans;

        /* The text above is masked; where, and what was there. */
        ac_utterance_get_redactions (u, &n_spans);
        if (n_spans > 0)
          {
            json_builder_set_member_name (builder, "redactions");
            json_builder_add_value (builder, ac_utterance_redactions_to_json (u));
          }
      }
      if (ac_utterance_get_engine (u) != NULL)
        {
          json_builder_set_member_name (builder, "engine");
          json_builder_add_string_value (builder, ac_utterance_get_engine (u));
          json_builder_set_member_name (builder, "model");
          if (ac_utterance_get_model (u) != NULL)
            json_builder_add_string_value (builder, ac_utterance_get_model (u));
          else
            json_builder_add_null_value (builder);
        }
      if (ac_utterance_get_sentiment (u) != NULL)
        {
          JsonNode *analysis = ac_sentiment_to_json (ac_utterance_get_sentiment (u));

          /* The text is the utterance's own, already above. */
          json_object_remove_member (json_node_get_object (analysis), "text");
          json_builder_set_member_name (builder, "sentiment_analysis");
          json_builder_add_value (builder, analysis);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "full_text");
  json_builder_add_string_value (builder, full_text->str);

  json_builder_set_member_name (builder, "participant_info");
  json_builder_begin_object (builder);
  for (guint c = 0; c < N_SPEAKERS; c++)
    {
      g_autofree char *key = g_strdup_printf ("%u", c);

      if (sentences[c] > 0)
        participant_count++;

      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      add_speaker (builder, c);
      json_builder_set_member_name (builder, "total_speaking_time");
      json_builder_add_double_value (builder, ms_to_s (speaking_ms[c]));
      json_builder_set_member_name (builder, "word_count");
      json_builder_add_int_value (builder, words[c]);
      json_builder_set_member_name (builder, "sentence_count");
      json_builder_add_int_value (builder, sentences[c]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "summary_data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total_duration_seconds");
  json_builder_add_double_value (builder, ms_to_s (call_duration_ms));
  json_builder_set_member_name (builder, "total_sentences");
  json_builder_add_int_value (builder, sequence);
  json_builder_set_member_name (builder, "total_words");
  json_builder_add_int_value (builder, words[0] + words[1]);
  json_builder_set_member_name (builder, "participant_count");
  json_builder_add_int_value (builder, participant_count);
  json_builder_set_member_name (builder, "average_confidence");
  json_builder_add_double_value (builder, sequence > 0 ? confidence_sum / sequence : 0.0);

  json_builder_set_member_name (builder, "sentiment");
  json_builder_begin_object (builder);
  for (guint c = 0; c < N_SPEAKERS; c++)
    {
      AcSentimentSummary summary;

      ac_transcript_get_sentiment_summary (self, c, &summary);
      json_builder_set_member_name (builder, ac_audio_channel_to_speaker (c));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "utterances");
      json_builder_add_int_value (builder, summary.n);
      json_builder_set_member_name (builder, "average");
      json_builder_add_double_value (builder, round (summary.mean * 1e4) / 1e4);
      json_builder_set_member_name (builder, "quarters");
      json_builder_begin_array (builder);
      for (guint q = 0; q < 4; q++)
        if (summary.quarter_counts[q] > 0)
          json_builder_add_double_value (builder, round (summary.quarters[q] * 1e4) / 1e4);
        else
          json_builder_add_null_value (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "trend");
      json_builder_add_double_value (builder, round (summary.trend * 1e4) / 1e4);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  /* the summary made on this computer, and the disposition it suggests */
  {
    g_autoptr(AcCallSummary) summary = ac_call_summary_new (self, 0);

    json_builder_set_member_name (builder, "call_summary");
    json_builder_add_value (builder, ac_call_summary_to_json (summary));
    json_builder_set_member_name (builder, "suggested_disposition");
    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "code");
    json_builder_add_string_value (builder, summary->disposition);
    json_builder_set_member_name (builder, "why");
    json_builder_add_string_value (builder, summary->why);
    json_builder_end_object (builder);
  }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
