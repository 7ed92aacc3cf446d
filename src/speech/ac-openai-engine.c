/* ac-openai-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-openai-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ac-openai-engine.h"
#include "ac-json.h"

/**
 * AcOpenaiEngine:
 *
 * OpenAI's Realtime API in transcription mode (developers.openai.com,
 * “Realtime transcription” and the client and server event references):
 *
 * - a WebSocket on `wss://api.openai.com/v1/realtime?intent=transcription`
 *   with `Authorization: Bearer KEY`, one per channel;
 * - once open, `session.update` with a session of `type` `transcription`:
 *   `audio.input.format` `audio/pcm` at 24 kHz (the only rate it takes: the
 *   16 kHz audio is resampled, linearly, on the way), the transcription
 *   `model` (`gpt-4o-transcribe` unless set) and `language`, and server
 *   voice activity detection (`server_vad`) to cut turns;
 * - the audio as `input_audio_buffer.append` events, base64;
 * - `input_audio_buffer.speech_started` / `speech_stopped` give a turn's
 *   start and end (`audio_start_ms`, `audio_end_ms`, from the start of the
 *   stream); `conversation.item.input_audio_transcription.delta` add text
 *   to a turn (a partial hypothesis), `.completed` is its final
 *   hypothesis, `.failed` drops it with a warning.
 *
 * At the end, `input_audio_buffer.commit` asks for the last turn; the
 * service does not close the stream, so the engine closes it once no turn
 * it has heard of is still waiting for its transcript.  Finals have no
 * confidence from the service: 1.0 is given, as it kept the words.
 */

typedef struct
{
  char   *item;        /* the turn being heard */
  gint64  start_ms;    /* on the stream's clock */
  gint64  end_ms;
  GString *text;       /* its deltas so far */
  guint   pending;     /* turns waiting for their transcript */
  gint16  last;        /* the last sample given, for the resampler */
  double  phase;       /* where the next 24 kHz sample falls, in input samples */
  gboolean closing;
} Channel;

struct _AcOpenaiEngine
{
  AcStreamingEngine parent_instance;

  Channel  channels[2];   /* the worker's */
};

G_DEFINE_FINAL_TYPE (AcOpenaiEngine, ac_openai_engine, AC_TYPE_STREAMING_ENGINE)

/* The transcription model: the one set, else gpt-4o-transcribe. */
static char *
openai_dup_model (AcStreamingEngine *engine)
{
  char *model = ac_streaming_engine_dup_model (engine);

  return model != NULL ? model : g_strdup ("gpt-4o-transcribe");
}

static SoupMessage *
openai_handshake (AcStreamingEngine  *engine,
                  guint               channel,
                  GError            **error)
{
  SoupMessage *msg = ac_streaming_engine_new_request (engine, NULL, "Bearer ",
                                                      _("OpenAI needs an API key in the keyring "
                                                        "(agent-console --set-api-key=openai)"), error);

  if (msg != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "OpenAI-Beta", "realtime=v1");
  return msg;
}

static void
reset_channel (Channel *ch)
{
  g_clear_pointer (&ch->item, g_free);
  if (ch->text != NULL)
    g_string_truncate (ch->text, 0);
  ch->start_ms = ch->end_ms = -1;
  ch->pending = 0;
  ch->last = 0;
  ch->phase = 0;
  ch->closing = FALSE;
}

static void
openai_opened (AcStreamingEngine *engine,
               AcStream          *stream)
{
  AcOpenaiEngine *self = AC_OPENAI_ENGINE (engine);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *model = openai_dup_model (engine);
  g_autofree char *language = ac_streaming_engine_dup_language (engine);

  reset_channel (&self->channels[ac_stream_get_channel (stream)]);
  /* The API takes ISO-639-1: “es” of “es-MX”. */
  if (language != NULL && strchr (language, '-') != NULL)
    *strchr (language, '-') = '\0';

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "session.update");
  json_builder_set_member_name (b, "session");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "transcription");
  json_builder_set_member_name (b, "audio");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "audio/pcm");
  json_builder_set_member_name (b, "rate");
  json_builder_add_int_value (b, AC_OPENAI_SAMPLE_RATE);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "transcription");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, model);
  if (language != NULL)
    {
      json_builder_set_member_name (b, "language");
      json_builder_add_string_value (b, language);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "turn_detection");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "server_vad");
  json_builder_set_member_name (b, "silence_duration_ms");
  json_builder_add_int_value (b, 300);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  ac_stream_send_text (stream, text);
}

/* 16 kHz to the service's 24 kHz, linearly, carrying the phase and the
 * last sample from one chunk to the next. */
static void
openai_send_audio (AcStreamingEngine *engine,
                   AcStream          *stream,
                   const gint16      *samples,
                   gsize              n_samples)
{
  AcOpenaiEngine *self = AC_OPENAI_ENGINE (engine);
  Channel *ch = &self->channels[ac_stream_get_channel (stream)];
  const double step = (double) AC_SPEECH_SAMPLE_RATE / AC_OPENAI_SAMPLE_RATE;
  g_autoptr(GArray) out = g_array_sized_new (FALSE, FALSE, sizeof (gint16), n_samples * 3 / 2 + 2);
  g_autofree char *encoded = NULL;
  g_autofree char *event = NULL;

  /* The phase counts input samples from the last one of the chunk before
   * (0), so this chunk's sample k is at k + 1; an output sample at p is
   * between the samples at floor (p) and floor (p) + 1. */
  while (n_samples > 0 && ch->phase < (double) n_samples)
    {
      double p = ch->phase - 1;
      gssize i = (gssize) floor (p);
      double frac = p - i;
      double a = i < 0 ? ch->last : samples[i];
      double b = samples[i + 1];
      gint16 v = (gint16) CLAMP (a + (b - a) * frac, -32768.0, 32767.0);

      v = GINT16_TO_LE (v);
      g_array_append_val (out, v);
      ch->phase += step;
    }
  ch->phase -= n_samples;
  if (n_samples > 0)
    ch->last = samples[n_samples - 1];

  encoded = g_base64_encode ((const guchar *) out->data, out->len * sizeof (gint16));
  event = g_strdup_printf ("{\"type\":\"input_audio_buffer.append\",\"audio\":\"%s\"}", encoded);
  ac_stream_send_text (stream, event);
}

static void
maybe_close (Channel  *ch,
             AcStream *stream)
{
  if (ch->closing && ch->pending == 0 && ch->item == NULL)
    ac_stream_close (stream);
}

static void
openai_received (AcStreamingEngine *engine,
                 AcStream          *stream,
                 const char        *text,
                 gsize              length)
{
  AcOpenaiEngine *self = AC_OPENAI_ENGINE (engine);
  guint c = ac_stream_get_channel (stream);
  Channel *ch = &self->channels[c];
  gint64 offset = ac_stream_get_offset_ms (stream);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *event;
  JsonNode *root;
  const char *type;

  if (!ac_json_parser_load (parser, text, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_warning ("Channel %u: a frame from OpenAI that is not a JSON object was dropped", c);
      return;
    }
  event = json_node_get_object (root);
  type = json_object_get_string_member_with_default (event, "type", "");

  if (g_str_equal (type, "input_audio_buffer.speech_started"))
    {
      g_free (ch->item);
      ch->item = g_strdup (json_object_get_string_member_with_default (event, "item_id", ""));
      ch->start_ms = (gint64) ac_speech_json_number (event, "audio_start_ms", 0);
      ch->end_ms = -1;
      g_string_truncate (ch->text, 0);
      ch->pending++;
    }
  else if (g_str_equal (type, "input_audio_buffer.speech_stopped"))
    ch->end_ms = (gint64) ac_speech_json_number (event, "audio_end_ms", (double) ch->start_ms);
  else if (g_str_equal (type, "conversation.item.input_audio_transcription.delta"))
    {
      g_autoptr(AcUtterance) partial = NULL;
      g_autofree char *so_far = NULL;

      g_string_append (ch->text, json_object_get_string_member_with_default (event, "delta", ""));
      so_far = g_strstrip (g_strdup (ch->text->str));
      if (so_far[0] == '\0' || ch->start_ms < 0)
        return;
      partial = ac_utterance_new (c, offset + ch->start_ms,
                                  MAX (offset + ch->start_ms, ch->end_ms >= 0 ? offset + ch->end_ms
                                                                              : ac_stream_get_sent_ms (stream)),
                                  so_far, 0.0, FALSE);
      ac_stream_emit (stream, partial);
    }
  else if (g_str_equal (type, "conversation.item.input_audio_transcription.completed") ||
           g_str_equal (type, "conversation.item.input_audio_transcription.failed"))
    {
      g_autofree char *transcript = g_strstrip (g_strdup (json_object_get_string_member_with_default (
                                                            event, "transcript", "")));

      if (g_str_has_suffix (type, ".failed"))
        g_warning ("Channel %u: OpenAI could not transcribe a turn", c);
      else if (transcript[0] != '\0' && ch->start_ms >= 0)
        {
          g_autoptr(AcUtterance) final = ac_utterance_new (c, offset + ch->start_ms,
                                                           offset + MAX (ch->start_ms, ch->end_ms),
                                                           transcript, 1.0, TRUE);

          ac_stream_emit (stream, final);
        }
      if (ch->pending > 0)
        ch->pending--;
      g_clear_pointer (&ch->item, g_free);
      g_string_truncate (ch->text, 0);
      maybe_close (ch, stream);
    }
}

static void
openai_closing (AcStreamingEngine *engine,
                AcStream          *stream)
{
  AcOpenaiEngine *self = AC_OPENAI_ENGINE (engine);
  Channel *ch = &self->channels[ac_stream_get_channel (stream)];

  ch->closing = TRUE;
  ac_stream_send_text (stream, "{\"type\":\"input_audio_buffer.commit\"}");
  maybe_close (ch, stream);
}

static void
ac_openai_engine_finalize (GObject *object)
{
  AcOpenaiEngine *self = AC_OPENAI_ENGINE (object);

  for (guint c = 0; c < 2; c++)
    {
      g_free (self->channels[c].item);
      g_string_free (self->channels[c].text, TRUE);
    }

  G_OBJECT_CLASS (ac_openai_engine_parent_class)->finalize (object);
}

static void
ac_openai_engine_class_init (AcOpenaiEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AcStreamingEngineClass *engine_class = AC_STREAMING_ENGINE_CLASS (klass);

  object_class->finalize = ac_openai_engine_finalize;
  engine_class->name = "openai";
  engine_class->dup_model = openai_dup_model;
  engine_class->handshake = openai_handshake;
  engine_class->opened = openai_opened;
  engine_class->send_audio = openai_send_audio;
  engine_class->received = openai_received;
  engine_class->closing = openai_closing;
}

static void
ac_openai_engine_init (AcOpenaiEngine *self)
{
  for (guint c = 0; c < 2; c++)
    {
      self->channels[c].text = g_string_new (NULL);
      reset_channel (&self->channels[c]);
    }
}

/**
 * ac_openai_engine_new:
 * @url: (nullable): the endpoint, %NULL for [const@OPENAI_URL]
 * @key: the API key (from the keyring; kept only in memory)
 * @model: (nullable): the transcription model; %NULL for
 *   `gpt-4o-transcribe`
 * @language: (nullable): the language (ISO-639-1, such as `es`)
 * @allow_insecure: allow `ws://` to another computer
 *
 * Returns: (transfer full): an engine that transcribes on OpenAI
 */
AcSpeechEngine *
ac_openai_engine_new (const char *url,
                      const char *key,
                      const char *model,
                      const char *language,
                      gboolean    allow_insecure)
{
  AcOpenaiEngine *self = g_object_new (AC_TYPE_OPENAI_ENGINE, NULL);

  ac_streaming_engine_set_service (AC_STREAMING_ENGINE (self), url != NULL && url[0] != '\0' ? url : AC_OPENAI_URL,
                                   key, allow_insecure);
  ac_streaming_engine_set_model (AC_STREAMING_ENGINE (self), model);
  ac_speech_engine_set_language (AC_SPEECH_ENGINE (self), language, NULL);
  return AC_SPEECH_ENGINE (self);
}
