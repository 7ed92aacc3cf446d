/* ac-assemblyai-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-assemblyai-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ac-assemblyai-engine.h"
#include "ac-json.h"

/**
 * AcAssemblyaiEngine:
 *
 * AssemblyAI's Universal-Streaming v3 (www.assemblyai.com/docs, “Streaming
 * API” and its message reference):
 *
 * - a WebSocket on `wss://streaming.assemblyai.com/v3/ws` with the API key
 *   as the `Authorization` header and `sample_rate=16000`,
 *   `encoding=pcm_s16le` and `format_turns=true` in the query, one per
 *   channel, with `speech_model=universal-streaming-multilingual` for a
 *   call in Spanish, French, German, Italian or Portuguese (“Multilingual
 *   streaming”: the model finds which of them is spoken);
 * - the service says `Begin`, then answers the binary PCM with `Turn`
 *   frames: the turn's `transcript` so far and its `words` (`text`,
 *   `start`/`end` in ms from the start of the stream, `confidence`,
 *   `word_is_final`); at the turn's end `end_of_turn` is true, and with
 *   `format_turns` the same turn comes again punctuated and cased
 *   (`turn_is_formatted`);
 * - `{"type": "Terminate"}` ends the session: the last turn, then
 *   `Termination`, then the close.
 *
 * A turn not yet formatted is a partial hypothesis (confidence 0); the
 * formatted end of a turn is the final one, its confidence the mean of its
 * words'.  Frames that are not JSON are dropped with a warning.
 */

struct _AcAssemblyaiEngine
{
  AcStreamingEngine parent_instance;
};

G_DEFINE_FINAL_TYPE (AcAssemblyaiEngine, ac_assemblyai_engine, AC_TYPE_STREAMING_ENGINE)

/* The languages of the multilingual model (“Multilingual streaming”). */
static const char * const multilingual[] = { "en", "es", "fr", "de", "it", "pt", NULL };

static gboolean
is_english (const char *language)
{
  return language == NULL || g_ascii_strncasecmp (language, "en", 2) == 0;
}

static gboolean
assemblyai_check_language (AcStreamingEngine  *engine,
                           const char         *language,
                           GError            **error)
{
  g_autofree char *primary = g_ascii_strdown (language, -1);

  if (strchr (primary, '-') != NULL)
    *strchr (primary, '-') = '\0';
  if (g_strv_contains (multilingual, primary))
    return TRUE;
  g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_LANGUAGE,
               _("The customer’s language is “%s”, which AssemblyAI does not transcribe live"), language);
  return FALSE;
}

/* The model set, else the English model, or the multilingual one for a
 * call in another language. */
static char *
assemblyai_dup_model (AcStreamingEngine *engine)
{
  g_autofree char *model = ac_streaming_engine_dup_model (engine);
  g_autofree char *language = ac_streaming_engine_dup_language (engine);

  if (model != NULL)
    return g_steal_pointer (&model);
  return g_strdup (is_english (language) ? "universal-streaming-english" : "universal-streaming-multilingual");
}

static SoupMessage *
assemblyai_handshake (AcStreamingEngine  *engine,
                      guint               channel,
                      GError            **error)
{
  g_autofree char *model = assemblyai_dup_model (engine);
  g_autofree char *query = NULL;

  /* The English model is the service's default: named only if another. */
  if (g_str_equal (model, "universal-streaming-english"))
    query = g_strdup_printf ("sample_rate=%d&encoding=pcm_s16le&format_turns=true", AC_SPEECH_SAMPLE_RATE);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (model, NULL, FALSE);

      query = g_strdup_printf ("sample_rate=%d&encoding=pcm_s16le&format_turns=true&speech_model=%s",
                               AC_SPEECH_SAMPLE_RATE, escaped);
    }

  return ac_streaming_engine_new_request (engine, query, "",
                                          _("AssemblyAI needs an API key in the keyring "
                                            "(agent-console --set-api-key=assemblyai)"), error);
}

static void
assemblyai_opened (AcStreamingEngine *engine,
                   AcStream          *stream)
{
}

static void
on_turn (AcAssemblyaiEngine *self,
         AcStream           *stream,
         JsonObject         *turn)
{
  guint c = ac_stream_get_channel (stream);
  gint64 offset = ac_stream_get_offset_ms (stream);
  gboolean end_of_turn = json_object_get_boolean_member_with_default (turn, "end_of_turn", FALSE);
  gboolean formatted = json_object_get_boolean_member_with_default (turn, "turn_is_formatted", FALSE);
  gboolean is_final = end_of_turn && formatted;
  g_autofree char *text = g_strstrip (g_strdup (json_object_get_string_member_with_default (turn, "transcript",
                                                                                          "")));
  JsonArray *words = ac_speech_json_array (turn, "words");
  g_autoptr(AcUtterance) utterance = NULL;
  gint64 start_ms = -1, end_ms = -1;
  double conf_sum = 0;
  guint n = 0;

  /* The end of a turn before its formatted copy: that copy is the final. */
  if (text[0] == '\0' || (end_of_turn && !formatted))
    return;

  for (guint i = 0; words != NULL && i < json_array_get_length (words); i++)
    {
      JsonNode *node = json_array_get_element (words, i);
      JsonObject *word = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (word == NULL || ac_speech_json_number (word, "start", -1) < 0)
        continue;
      if (start_ms < 0)
        start_ms = offset + (gint64) ac_speech_json_number (word, "start", 0);
      end_ms = MAX (end_ms, offset + (gint64) ac_speech_json_number (word, "end", 0));
      conf_sum += CLAMP (ac_speech_json_number (word, "confidence", 0), 0.0, 1.0);
      n++;
    }
  if (start_ms < 0)
    start_ms = end_ms = MAX (offset, ac_stream_get_sent_ms (stream));

  utterance = ac_utterance_new (c, start_ms, MAX (start_ms, end_ms), text, is_final && n > 0 ? conf_sum / n : 0.0,
                                is_final);
  for (guint i = 0; is_final && words != NULL && i < json_array_get_length (words); i++)
    {
      JsonNode *node = json_array_get_element (words, i);
      JsonObject *word = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *said = word != NULL ? json_object_get_string_member_with_default (word, "text", NULL) : NULL;

      if (said != NULL && ac_speech_json_number (word, "start", -1) >= 0)
        ac_utterance_add_word (utterance, said, offset + (gint64) ac_speech_json_number (word, "start", 0),
                               offset + (gint64) ac_speech_json_number (word, "end", 0));
    }
  ac_stream_emit (stream, utterance);
}

static void
assemblyai_received (AcStreamingEngine *engine,
                     AcStream          *stream,
                     const char        *text,
                     gsize              length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *type;

  if (!ac_json_parser_load (parser, text, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("Channel %u: a frame from AssemblyAI that is not a JSON object was dropped",
                 ac_stream_get_channel (stream));
      return;
    }
  type = json_object_get_string_member_with_default (json_node_get_object (root), "type", "");
  if (g_str_equal (type, "Turn"))
    on_turn (AC_ASSEMBLYAI_ENGINE (engine), stream, json_node_get_object (root));
}

static void
assemblyai_closing (AcStreamingEngine *engine,
                    AcStream          *stream)
{
  ac_stream_send_text (stream, "{\"type\": \"Terminate\"}");
}

static void
ac_assemblyai_engine_class_init (AcAssemblyaiEngineClass *klass)
{
  AcStreamingEngineClass *engine_class = AC_STREAMING_ENGINE_CLASS (klass);

  engine_class->name = "assemblyai";
  engine_class->check_language = assemblyai_check_language;
  engine_class->dup_model = assemblyai_dup_model;
  engine_class->handshake = assemblyai_handshake;
  engine_class->opened = assemblyai_opened;
  engine_class->received = assemblyai_received;
  engine_class->closing = assemblyai_closing;
}

static void
ac_assemblyai_engine_init (AcAssemblyaiEngine *self)
{
}

/**
 * ac_assemblyai_engine_new:
 * @url: (nullable): the endpoint, %NULL for [const@ASSEMBLYAI_URL]
 * @key: the API key (from the keyring; kept only in memory)
 * @model: (nullable): the `speech_model`; %NULL for
 *   `universal-streaming-english`, or `universal-streaming-multilingual`
 *   for a call in Spanish, French, German, Italian or Portuguese
 * @language: (nullable): the call's language, a BCP 47 tag
 * @allow_insecure: allow `ws://` to another computer
 *
 * Returns: (transfer full): an engine that transcribes on AssemblyAI
 */
AcSpeechEngine *
ac_assemblyai_engine_new (const char *url,
                          const char *key,
                          const char *model,
                          const char *language,
                          gboolean    allow_insecure)
{
  AcStreamingEngine *self = g_object_new (AC_TYPE_ASSEMBLYAI_ENGINE, NULL);

  ac_streaming_engine_set_service (self, url != NULL && url[0] != '\0' ? url : AC_ASSEMBLYAI_URL, key,
                                   allow_insecure);
  ac_streaming_engine_set_model (self, model);
  ac_speech_engine_set_language (AC_SPEECH_ENGINE (self), language, NULL);
  return AC_SPEECH_ENGINE (self);
}
