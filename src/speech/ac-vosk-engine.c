/* ac-vosk-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-vosk-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ac-vosk-engine.h"
#include "ac-json.h"

/**
 * AcVoskEngine:
 *
 * A speech server of the contact center's own, spoken to with the Vosk
 * server's WebSocket protocol (alphacep/vosk-server, `websocket/asr_server.py`),
 * which vosk-server and the Kaldi and sherpa gateways companies run in
 * their own network speak:
 *
 * - the client opens one socket per channel and sends a text frame
 *   `{"config" : {"sample_rate" : 16000, "words" : 1}}`, then the audio as
 *   binary frames of 16-bit little-endian mono PCM;
 * - the server answers each audio frame with `{"partial" : "…"}`, or, when
 *   an utterance ends, `{"result" : [{"word", "start", "end", "conf"}…],
 *   "text" : "…"}` (times in seconds from the start of the stream, `conf`
 *   0..1);
 * - the client's `{"eof" : 1}` (written so: servers compare the frame as
 *   text) asks for the final result, after which the server closes.
 *
 * A partial is a partial hypothesis from the end of the channel's last
 * final to what has been sent (its confidence 0: the server gives none).
 * A final hypothesis has the result's words and their times; its
 * confidence is the mean of the words' `conf`.  Frames that are not JSON,
 * or not one of these, are dropped with a warning.
 */

struct _AcVoskEngine
{
  AcStreamingEngine parent_instance;

  char    *language;          /* the server's model's, primary subtag */
  char    *last_partial[2];   /* the worker's */
  gint64   last_end_ms[2];    /* the end of the channel's last final */
};

G_DEFINE_FINAL_TYPE (AcVoskEngine, ac_vosk_engine, AC_TYPE_STREAMING_ENGINE)

static SoupMessage *
vosk_handshake (AcStreamingEngine  *engine,
                guint               channel,
                GError            **error)
{
  /* No key: a server of the company's own network. */
  return ac_streaming_engine_new_request (engine, NULL, NULL, NULL, error);
}

static void
vosk_opened (AcStreamingEngine *engine,
             AcStream          *stream)
{
  AcVoskEngine *self = AC_VOSK_ENGINE (engine);
  g_autofree char *config = g_strdup_printf ("{\"config\" : {\"sample_rate\" : %d, \"words\" : 1}}",
                                             AC_SPEECH_SAMPLE_RATE);
  guint c = ac_stream_get_channel (stream);

  g_clear_pointer (&self->last_partial[c], g_free);
  /* A new stream starts where the last final ended (or the call did). */
  self->last_end_ms[c] = MAX (self->last_end_ms[c], ac_stream_get_offset_ms (stream));
  ac_stream_send_text (stream, config);
}

static void
emit_final (AcVoskEngine *self,
            AcStream     *stream,
            JsonArray    *words,
            const char   *text)
{
  guint c = ac_stream_get_channel (stream);
  gint64 offset = ac_stream_get_offset_ms (stream);
  g_autoptr(AcUtterance) utterance = NULL;
  g_autoptr(GPtrArray) timed = g_ptr_array_new ();
  gint64 start_ms = -1, end_ms = -1;
  double conf_sum = 0;

  for (guint i = 0; words != NULL && i < json_array_get_length (words); i++)
    {
      JsonNode *node = json_array_get_element (words, i);
      JsonObject *word;
      double start, end, conf;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      word = json_node_get_object (node);
      start = ac_speech_json_number (word, "start", -1);
      end = ac_speech_json_number (word, "end", -1);
      conf = ac_speech_json_number (word, "conf", -1);
      if (json_object_get_string_member_with_default (word, "word", NULL) == NULL || start < 0 || end < start)
        continue;
      g_ptr_array_add (timed, word);
      conf_sum += CLAMP (conf, 0.0, 1.0);
      if (start_ms < 0)
        start_ms = offset + (gint64) (start * 1000);
      end_ms = offset + (gint64) (end * 1000);
    }

  if (start_ms < 0)
    {
      /* No timed words: the stretch since the last final. */
      start_ms = self->last_end_ms[c];
      end_ms = MAX (start_ms, ac_stream_get_sent_ms (stream));
    }

  utterance = ac_utterance_new (c, start_ms, end_ms, text, timed->len > 0 ? conf_sum / timed->len : 0.0, TRUE);
  for (guint i = 0; i < timed->len; i++)
    {
      JsonObject *word = timed->pdata[i];

      ac_utterance_add_word (utterance, json_object_get_string_member (word, "word"),
                             offset + (gint64) (ac_speech_json_number (word, "start", -1) * 1000),
                             offset + (gint64) (ac_speech_json_number (word, "end", -1) * 1000));
    }
  self->last_end_ms[c] = end_ms;
  g_clear_pointer (&self->last_partial[c], g_free);
  ac_stream_emit (stream, utterance);
}

static void
vosk_received (AcStreamingEngine *engine,
               AcStream          *stream,
               const char        *text,
               gsize              length)
{
  AcVoskEngine *self = AC_VOSK_ENGINE (engine);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint c = ac_stream_get_channel (stream);
  JsonObject *object;
  JsonNode *root;
  const char *words;

  if (!ac_json_parser_load (parser, text, (gssize) length, &error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("Channel %u: a frame from the speech server that is not a JSON object was dropped", c);
      return;
    }
  object = json_node_get_object (root);

  if ((words = json_object_get_string_member_with_default (object, "partial", NULL)) != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (words));
      g_autoptr(AcUtterance) partial = NULL;

      if (trimmed[0] == '\0' || g_strcmp0 (trimmed, self->last_partial[c]) == 0)
        return;
      g_free (self->last_partial[c]);
      self->last_partial[c] = g_strdup (trimmed);
      partial = ac_utterance_new (c, self->last_end_ms[c],
                                  MAX (self->last_end_ms[c], ac_stream_get_sent_ms (stream)), trimmed, 0.0, FALSE);
      ac_stream_emit (stream, partial);
      return;
    }

  if ((words = json_object_get_string_member_with_default (object, "text", NULL)) != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (words));
      JsonNode *result = json_object_get_member (object, "result");

      /* An empty result: silence, nothing said. */
      if (trimmed[0] == '\0')
        return;
      emit_final (self, stream, result != NULL && JSON_NODE_HOLDS_ARRAY (result) ? json_node_get_array (result) : NULL,
                  trimmed);
      return;
    }

  g_warning ("Channel %u: a frame the Vosk protocol does not have was dropped", c);
}

static void
vosk_closing (AcStreamingEngine *engine,
              AcStream          *stream)
{
  ac_stream_send_text (stream, "{\"eof\" : 1}");
}

static void
ac_vosk_engine_finalize (GObject *object)
{
  AcVoskEngine *self = AC_VOSK_ENGINE (object);

  for (guint c = 0; c < 2; c++)
    g_free (self->last_partial[c]);
  g_free (self->language);

  G_OBJECT_CLASS (ac_vosk_engine_parent_class)->finalize (object);
}

/* The primary subtag of a BCP 47 tag, lower case: “es” of “es-MX”. */
static char *
primary_subtag (const char *language)
{
  char *primary = g_ascii_strdown (language, -1);

  if (strchr (primary, '-') != NULL)
    *strchr (primary, '-') = '\0';
  return primary;
}

/* The server hears the language of the model it runs, nothing else. */
static gboolean
vosk_check_language (AcStreamingEngine  *engine,
                     const char         *language,
                     GError            **error)
{
  AcVoskEngine *self = AC_VOSK_ENGINE (engine);
  g_autofree char *primary = primary_subtag (language);

  if (g_str_equal (primary, self->language))
    return TRUE;
  g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_LANGUAGE,
               _("The customer’s language is “%s”, but the speech server transcribes the language of the model it "
                 "runs"), language);
  return FALSE;
}

static void
ac_vosk_engine_class_init (AcVoskEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AcStreamingEngineClass *engine_class = AC_STREAMING_ENGINE_CLASS (klass);

  object_class->finalize = ac_vosk_engine_finalize;
  engine_class->name = "vosk";
  engine_class->check_language = vosk_check_language;
  engine_class->handshake = vosk_handshake;
  engine_class->opened = vosk_opened;
  engine_class->received = vosk_received;
  engine_class->closing = vosk_closing;
}

static void
ac_vosk_engine_init (AcVoskEngine *self)
{
}

/**
 * ac_vosk_engine_new:
 * @url: the speech server's `wss://` address (`ws://` on this computer,
 *   or with @allow_insecure)
 * @language: (nullable): the language of the model the server runs, a
 *   BCP 47 tag; %NULL for English.  The protocol cannot choose one: a call
 *   in another language is heard as this one (and the engine says so when
 *   asked for it, ac_speech_engine_set_language()).
 * @allow_insecure: allow `ws://` to another computer
 *
 * Returns: (transfer full): an engine that transcribes on the speech
 *   server; the address is checked when a channel first connects
 */
AcSpeechEngine *
ac_vosk_engine_new (const char *url,
                    const char *language,
                    gboolean    allow_insecure)
{
  AcStreamingEngine *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (AC_TYPE_VOSK_ENGINE, NULL);
  ac_streaming_engine_set_service (self, url, NULL, allow_insecure);
  AC_VOSK_ENGINE (self)->language = primary_subtag (language != NULL && language[0] != '\0' ? language : "en");
  return AC_SPEECH_ENGINE (self);
}
