/* ac-deepgram-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-deepgram-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ac-deepgram-engine.h"
#include "ac-json.h"

/**
 * AcDeepgramEngine:
 *
 * Deepgram's live streaming API (developers.deepgram.com, “Live Streaming
 * Audio” and its “Results”, “Metadata”, “KeepAlive”, “Finalize” and
 * “CloseStream” references):
 *
 * - the handshake is a WebSocket on `wss://api.deepgram.com/v1/listen`
 *   (or the URL set: a regional endpoint, a company's gateway) with
 *   `Authorization: Token KEY` and the stream's settings in the query:
 *   `encoding=linear16&sample_rate=16000&channels=1` (the audio as sent),
 *   `interim_results=true` (partial hypotheses), `punctuate=true`,
 *   `smart_format=true`, `endpointing=300` (ms of silence that end an
 *   utterance), `utterance_end_ms=1000` and `vad_events=true` (an
 *   `UtteranceEnd` after a second without words, where noise keeps the
 *   endpoint from coming), `model` and `language`;
 * - audio goes as binary frames of 16-bit little-endian PCM;
 * - the service answers with `Results` frames: `is_final` false is an
 *   interim, true the service's last word on that stretch of audio (a
 *   *segment*); `channel.alternatives[0]` holds the `transcript`, its
 *   `confidence` (0..1) and its `words` with `start`/`end` in seconds from
 *   the start of the stream and their `punctuated_word`.  An utterance
 *   ends with `speech_final` (the endpoint), `from_finalize` (the answer
 *   to Finalize) or an `UtteranceEnd` frame; its segments, joined, are the
 *   final hypothesis, and until then the segments so far with the interim
 *   after them are the partial one;
 * - `{"type": "Finalize"}` when the call is put on hold: the service
 *   sends its finals for what it has heard and keeps the stream;
 * - `{"type": "KeepAlive"}` while no audio flows (the service closes a
 *   stream after about 10 s without audio);
 * - `{"type": "CloseStream"}` ends the stream: the service sends its last
 *   `Results`, then `Metadata`, and closes.
 *
 * One socket per channel, not one with `channels=2&multichannel=true`: a
 * channel's connection can drop, reconnect and resend its own audio
 * without holding up the other side, each stream keeps its own clock, and
 * the other services (AssemblyAI, OpenAI, Vosk) work the same way; the
 * price is a second connection.
 *
 * A final hypothesis's confidence is the mean of its segments'; a
 * partial's is 0, as for the other engines.  `Metadata` (the end of the
 * stream) closes what is open; `SpeechStarted` is not used; an `Error`
 * frame is logged; frames that are not JSON are dropped with a warning.
 */

/* The utterance being said: the is_final segments that came so far. */
typedef struct
{
  AcUtterance *said;      /* their text, words and times; NULL: none */
  double       conf_sum;  /* the segments' confidences, for their mean */
  guint        n_segments;
} Open;

struct _AcDeepgramEngine
{
  AcStreamingEngine parent_instance;

  gint64   last_end_ms[2];   /* the worker's */
  Open     open[2];          /* the worker's */
};

G_DEFINE_FINAL_TYPE (AcDeepgramEngine, ac_deepgram_engine, AC_TYPE_STREAMING_ENGINE)

static SoupMessage *
deepgram_handshake (AcStreamingEngine  *engine,
                    guint               channel,
                    GError            **error)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *model = ac_streaming_engine_dup_model (engine);
  g_autofree char *language = ac_streaming_engine_dup_language (engine);
  g_autofree char *encoded = NULL;

  g_hash_table_insert (query, "encoding", "linear16");
  g_hash_table_insert (query, "sample_rate", G_STRINGIFY (AC_SPEECH_SAMPLE_RATE));
  g_hash_table_insert (query, "channels", "1");
  g_hash_table_insert (query, "interim_results", "true");
  g_hash_table_insert (query, "punctuate", "true");
  g_hash_table_insert (query, "smart_format", "true");
  g_hash_table_insert (query, "endpointing", "300");
  g_hash_table_insert (query, "utterance_end_ms", "1000");
  g_hash_table_insert (query, "vad_events", "true");
  if (model != NULL)
    g_hash_table_insert (query, "model", model);
  if (language != NULL)
    g_hash_table_insert (query, "language", language);
  encoded = soup_form_encode_hash (query);

  return ac_streaming_engine_new_request (engine, encoded, "Token ",
                                          _("Deepgram needs an API key in the keyring "
                                            "(agent-console --set-api-key=deepgram)"), error);
}

static void
reset_open (Open *open)
{
  g_clear_object (&open->said);
  open->conf_sum = 0;
  open->n_segments = 0;
}

static void
deepgram_opened (AcStreamingEngine *engine,
                 AcStream          *stream)
{
  AcDeepgramEngine *self = AC_DEEPGRAM_ENGINE (engine);
  guint c = ac_stream_get_channel (stream);

  /* What the last stream had not closed is heard again on this one. */
  reset_open (&self->open[c]);
  self->last_end_ms[c] = MAX (self->last_end_ms[c], ac_stream_get_offset_ms (stream));
}

/* The utterance is over (speech_final, UtteranceEnd, Finalize, the end of
 * the stream): its segments are one final hypothesis. */
static void
close_utterance (AcDeepgramEngine *self,
                 AcStream         *stream)
{
  Open *open = &self->open[ac_stream_get_channel (stream)];
  g_autoptr(AcUtterance) final = NULL;

  if (open->said == NULL)
    return;
  final = ac_utterance_new (ac_stream_get_channel (stream), ac_utterance_get_start_ms (open->said),
                            ac_utterance_get_end_ms (open->said), ac_utterance_get_text (open->said),
                            open->conf_sum / MAX (open->n_segments, 1), TRUE);
  for (guint i = 0; i < ac_utterance_get_n_timed_words (open->said); i++)
    {
      const AcWord *word = ac_utterance_get_timed_word (open->said, i);

      ac_utterance_add_word (final, word->text, word->start_ms, word->end_ms);
    }
  self->last_end_ms[ac_stream_get_channel (stream)] = ac_utterance_get_end_ms (final);
  reset_open (open);
  ac_stream_emit (stream, final);
}

/* The open utterance with @text after it, as a partial hypothesis. */
static void
emit_partial (AcDeepgramEngine *self,
              AcStream         *stream,
              const char       *text,
              gint64            start_ms,
              gint64            end_ms)
{
  Open *open = &self->open[ac_stream_get_channel (stream)];
  g_autoptr(AcUtterance) partial = NULL;
  g_autofree char *said = NULL;

  if (open->said != NULL)
    {
      said = text[0] != '\0' ? g_strconcat (ac_utterance_get_text (open->said), " ", text, NULL)
                             : g_strdup (ac_utterance_get_text (open->said));
      start_ms = ac_utterance_get_start_ms (open->said);
      end_ms = MAX (end_ms, ac_utterance_get_end_ms (open->said));
    }
  else
    said = g_strdup (text);
  partial = ac_utterance_new (ac_stream_get_channel (stream), start_ms, MAX (start_ms, end_ms), said, 0.0, FALSE);
  ac_stream_emit (stream, partial);
}

static void
on_results (AcDeepgramEngine *self,
            AcStream         *stream,
            JsonObject       *results)
{
  guint c = ac_stream_get_channel (stream);
  gint64 offset = ac_stream_get_offset_ms (stream);
  Open *open = &self->open[c];
  JsonObject *channel, *alternative;
  JsonArray *alternatives, *words;
  g_autofree char *text = NULL;
  gboolean is_final, ends;
  gint64 start_ms, end_ms;

  channel = json_object_get_member (results, "channel") != NULL &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (results, "channel"))
            ? json_object_get_object_member (results, "channel") : NULL;
  alternatives = ac_speech_json_array (channel, "alternatives");
  if (alternatives == NULL || json_array_get_length (alternatives) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (alternatives, 0)))
    return;
  alternative = json_array_get_object_element (alternatives, 0);
  text = g_strstrip (g_strdup (json_object_get_string_member_with_default (alternative, "transcript", "")));
  is_final = json_object_get_boolean_member_with_default (results, "is_final", FALSE);
  /* The end of what was said: the endpoint, or the answer to Finalize. */
  ends = is_final && (json_object_get_boolean_member_with_default (results, "speech_final", FALSE) ||
                      json_object_get_boolean_member_with_default (results, "from_finalize", FALSE));

  if (text[0] == '\0')
    {
      if (ends)
        close_utterance (self, stream);
      return;
    }

  start_ms = offset + (gint64) (ac_speech_json_number (results, "start", 0) * 1000);
  end_ms = start_ms + (gint64) (ac_speech_json_number (results, "duration", 0) * 1000);
  words = ac_speech_json_array (alternative, "words");

  /* The words' own times, where there are words. */
  for (guint i = 0; words != NULL && i < json_array_get_length (words); i++)
    {
      JsonNode *node = json_array_get_element (words, i);
      JsonObject *word = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (word == NULL || ac_speech_json_number (word, "start", -1) < 0)
        continue;
      if (i == 0)
        start_ms = offset + (gint64) (ac_speech_json_number (word, "start", 0) * 1000);
      end_ms = MAX (end_ms, offset + (gint64) (ac_speech_json_number (word, "end", 0) * 1000));
    }

  if (!is_final)
    {
      emit_partial (self, stream, text, MIN (start_ms, MAX (self->last_end_ms[c], offset)), end_ms);
      return;
    }

  /* A segment is final: it joins the utterance being said. */
  if (open->said == NULL)
    open->said = ac_utterance_new (c, start_ms, MAX (start_ms, end_ms), text, 0.0, FALSE);
  else
    {
      g_autofree char *joined = g_strconcat (ac_utterance_get_text (open->said), " ", text, NULL);
      g_autoptr(AcUtterance) longer = ac_utterance_new (c, ac_utterance_get_start_ms (open->said),
                                                        MAX (end_ms, ac_utterance_get_end_ms (open->said)), joined,
                                                        0.0, FALSE);

      for (guint i = 0; i < ac_utterance_get_n_timed_words (open->said); i++)
        {
          const AcWord *word = ac_utterance_get_timed_word (open->said, i);

          ac_utterance_add_word (longer, word->text, word->start_ms, word->end_ms);
        }
      g_set_object (&open->said, longer);
    }
  for (guint i = 0; words != NULL && i < json_array_get_length (words); i++)
    {
      JsonNode *node = json_array_get_element (words, i);
      JsonObject *word = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *said;

      if (word == NULL)
        continue;
      said = json_object_get_string_member_with_default (word, "punctuated_word",
                                                         json_object_get_string_member_with_default (word, "word",
                                                                                                     NULL));
      if (said != NULL && ac_speech_json_number (word, "start", -1) >= 0)
        ac_utterance_add_word (open->said, said, offset + (gint64) (ac_speech_json_number (word, "start", 0) * 1000),
                               offset + (gint64) (ac_speech_json_number (word, "end", 0) * 1000));
    }
  open->conf_sum += CLAMP (ac_speech_json_number (alternative, "confidence", 0), 0.0, 1.0);
  open->n_segments++;

  if (ends)
    close_utterance (self, stream);
  else
    emit_partial (self, stream, "", start_ms, end_ms);
}

static void
deepgram_received (AcStreamingEngine *engine,
                   AcStream          *stream,
                   const char        *text,
                   gsize              length)
{
  AcDeepgramEngine *self = AC_DEEPGRAM_ENGINE (engine);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *type;

  if (!ac_json_parser_load (parser, text, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("Channel %u: a frame from Deepgram that is not a JSON object was dropped",
                 ac_stream_get_channel (stream));
      return;
    }

  type = json_object_get_string_member_with_default (json_node_get_object (root), "type", "");
  if (g_str_equal (type, "Results"))
    on_results (self, stream, json_node_get_object (root));
  /* No word for utterance_end_ms, or the stream's end: what is open is
   * all that was said. */
  else if (g_str_equal (type, "UtteranceEnd") || g_str_equal (type, "Metadata"))
    close_utterance (self, stream);
  else if (g_str_equal (type, "Error"))
    /* Said before the service closes the stream (NET-0001: nothing came
     * for too long); the close is handled as any other. */
    g_message ("Channel %u: Deepgram: %s %s", ac_stream_get_channel (stream),
               json_object_get_string_member_with_default (json_node_get_object (root), "err_code", ""),
               json_object_get_string_member_with_default (json_node_get_object (root), "err_msg", ""));
}

static void
deepgram_closing (AcStreamingEngine *engine,
                  AcStream          *stream)
{
  ac_stream_send_text (stream, "{\"type\": \"CloseStream\"}");
}

/* On hold: the service's finals for everything sent, the stream kept. */
static void
deepgram_finalize (AcStreamingEngine *engine,
                   AcStream          *stream)
{
  ac_stream_send_text (stream, "{\"type\": \"Finalize\"}");
}

/* Deepgram closes a stream that has had no audio for about 10 s. */
static void
deepgram_keep_alive (AcStreamingEngine *engine,
                     AcStream          *stream)
{
  ac_stream_send_text (stream, "{\"type\": \"KeepAlive\"}");
}

static void
ac_deepgram_engine_finalize (GObject *object)
{
  AcDeepgramEngine *self = AC_DEEPGRAM_ENGINE (object);

  reset_open (&self->open[0]);
  reset_open (&self->open[1]);

  G_OBJECT_CLASS (ac_deepgram_engine_parent_class)->finalize (object);
}

static void
ac_deepgram_engine_class_init (AcDeepgramEngineClass *klass)
{
  AcStreamingEngineClass *engine_class = AC_STREAMING_ENGINE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ac_deepgram_engine_finalize;
  engine_class->name = "deepgram";
  engine_class->keep_alive = deepgram_keep_alive;
  engine_class->finalize = deepgram_finalize;
  engine_class->handshake = deepgram_handshake;
  engine_class->opened = deepgram_opened;
  engine_class->received = deepgram_received;
  engine_class->closing = deepgram_closing;
}

static void
ac_deepgram_engine_init (AcDeepgramEngine *self)
{
}

/**
 * ac_deepgram_engine_new:
 * @url: (nullable): the endpoint, %NULL for [const@DEEPGRAM_URL]
 * @key: the API key (from the keyring; kept only in memory)
 * @model: (nullable): the model, such as `nova-2-phonecall`; %NULL for the
 *   service's default
 * @language: (nullable): the language, such as `en-US` or `es`; %NULL for
 *   the model's default
 * @allow_insecure: allow `ws://` to another computer
 *
 * Returns: (transfer full): an engine that transcribes on Deepgram
 */
AcSpeechEngine *
ac_deepgram_engine_new (const char *url,
                        const char *key,
                        const char *model,
                        const char *language,
                        gboolean    allow_insecure)
{
  AcDeepgramEngine *self = g_object_new (AC_TYPE_DEEPGRAM_ENGINE, NULL);

  ac_streaming_engine_set_service (AC_STREAMING_ENGINE (self), url != NULL && url[0] != '\0' ? url : AC_DEEPGRAM_URL,
                                   key, allow_insecure);
  ac_streaming_engine_set_model (AC_STREAMING_ENGINE (self), model);
  ac_speech_engine_set_language (AC_SPEECH_ENGINE (self), language, NULL);
  return AC_SPEECH_ENGINE (self);
}
