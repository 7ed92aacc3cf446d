/* ac-test-speech.c
 *
 * A speech server for the tests, speaking four protocols.  First the Vosk
 * server's WebSocket protocol
 * (alphacep/vosk-server, websocket/asr_server.py) on 127.0.0.1, for the
 * tests: a config text frame, binary 16-bit PCM frames each answered with
 * `{"partial" : …}` or, at an utterance's end, `{"result" : [{"conf",
 * "end", "start", "word"}…], "text" : …}`, and `{"eof" : 1}` answered with
 * the final result, then closed.
 *
 * It recognises what it is sent, not a script: the test audio spells its
 * words in sample values (see AC_TEST_SPEECH_WORDS), so that audio sent again
 * after a reconnection is heard again the same, as a real recogniser
 * would, with times counted from the start of each stream.  An utterance
 * ends after 300 ms of silence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ac-test-speech.h"

#define RATE         16000
#define FRAME        160          /* 10 ms */
#define END_SILENCE  30           /* frames */

const char * const AC_TEST_SPEECH_WORDS[] = {
  "hello", "my", "card", "was", "stolen", "thank", "you", "goodbye", NULL
};

struct _AcTestSpeech
{
  AcTestSpeechProtocol protocol;
  char            *key;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  SoupServer      *server;
  char            *url;
  GMutex           lock;
  GCond            ready;
  gboolean         started;
  AcTestSpeechFault  fault;
  gboolean         unavailable;   /* every handshake answered 503 */
  guint            idle_ms;       /* close a stream silent this long; 0 never */
  guint            n_keep_alives;
  guint            n_finalizes;
  char            *last_query;    /* the last handshake's */
  guint            n_connections;
  GPtrArray       *sessions;
};

typedef struct
{
  AcTestSpeech              *vosk;
  SoupWebsocketConnection *ws;
  AcTestSpeechFault          fault;
  guint64                  frames;       /* 10 ms frames heard */
  int                      word;         /* the word being said, or -1 */
  guint64                  word_start;
  guint                    silence;
  GString                 *pending;      /* PCM bytes short of a frame */
  GPtrArray               *words;        /* GStrv {word, start frame, end frame} */
  gboolean                 config_seen;
  guint                    frame;        /* samples in 10 ms */
  guint                    items;        /* OpenAI's turns so far */
  gboolean                 in_turn;
  guint                    told;         /* OpenAI: words already sent as deltas */
  GSource                 *idle;         /* the silent peer's deadline */
  gboolean                 segmented;    /* Deepgram: a segment of this utterance sent */
} Session;

static void
session_free (gpointer data)
{
  Session *session = data;

  if (session->idle != NULL)
    {
      g_source_destroy (session->idle);
      g_source_unref (session->idle);
    }
  if (session->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (session->ws, session);
      if (soup_websocket_connection_get_state (session->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (session->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_object_unref (session->ws);
    }
  g_string_free (session->pending, TRUE);
  g_ptr_array_unref (session->words);
  g_free (session);
}

static void
end_word (Session *session)
{
  char **word;

  if (session->word < 0)
    return;
  word = g_new0 (char *, 4);
  word[0] = g_strdup (AC_TEST_SPEECH_WORDS[session->word]);
  word[1] = g_strdup_printf ("%" G_GUINT64_FORMAT, session->word_start);
  word[2] = g_strdup_printf ("%" G_GUINT64_FORMAT, session->frames);
  g_ptr_array_add (session->words, word);
  session->word = -1;
}

/* {"result" : [...], "text" : "..."} of the words so far, which go. */
static char *
result_json (Session *session)
{
  GString *json = g_string_new ("{\"result\" : [");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < session->words->len; i++)
    {
      char **word = session->words->pdata[i];
      char start[G_ASCII_DTOSTR_BUF_SIZE], end[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (start, sizeof start, g_ascii_strtoull (word[1], NULL, 10) / 100.0);
      g_ascii_dtostr (end, sizeof end, g_ascii_strtoull (word[2], NULL, 10) / 100.0);
      g_string_append_printf (json, "%s{\"conf\" : 0.9, \"end\" : %s, \"start\" : %s, \"word\" : \"%s\"}",
                              i > 0 ? ", " : "", end, start, word[0]);
      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", word[0]);
    }
  g_string_append_printf (json, "], \"text\" : \"%s\"}", text->str);
  g_string_free (text, TRUE);
  g_ptr_array_set_size (session->words, 0);
  return g_string_free (json, FALSE);
}

/* A Deepgram `Results` frame of the words so far; final ones go. */
static char *
deepgram_json_full (Session    *session,
                    gboolean    is_final,
                    gboolean    speech_final,
                    const char *extra)
{
  GString *json = g_string_new (NULL);
  GString *words = g_string_new (NULL);
  GString *text = g_string_new (NULL);
  double first = -1, last = 0;

  for (guint i = 0; i <= session->words->len; i++)
    {
      char **word = i < session->words->len ? session->words->pdata[i] : NULL;
      const char *said;
      double start, end;
      char start_s[G_ASCII_DTOSTR_BUF_SIZE], end_s[G_ASCII_DTOSTR_BUF_SIZE];

      if (word != NULL)
        {
          said = word[0];
          start = g_ascii_strtoull (word[1], NULL, 10) / 100.0;
          end = g_ascii_strtoull (word[2], NULL, 10) / 100.0;
        }
      else if (session->word >= 0 && !is_final)
        {
          said = AC_TEST_SPEECH_WORDS[session->word];
          start = session->word_start / 100.0;
          end = session->frames / 100.0;
        }
      else
        break;
      if (first < 0)
        first = start;
      last = end;
      g_ascii_dtostr (start_s, sizeof start_s, start);
      g_ascii_dtostr (end_s, sizeof end_s, end);
      g_string_append_printf (words, "%s{\"word\":\"%s\",\"start\":%s,\"end\":%s,\"confidence\":0.9,"
                              "\"punctuated_word\":\"%c%s\"}", words->len > 0 ? "," : "", said, start_s, end_s,
                              g_ascii_toupper (said[0]), said + 1);
      g_string_append_printf (text, "%s%c%s", text->len > 0 ? " " : "", g_ascii_toupper (said[0]), said + 1);
    }
  if (first < 0)
    first = last = session->frames / 100.0;
  {
    char start_s[G_ASCII_DTOSTR_BUF_SIZE], duration_s[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_dtostr (start_s, sizeof start_s, first);
    g_ascii_dtostr (duration_s, sizeof duration_s, last - first);
    g_string_append_printf (json, "{\"type\":\"Results\",\"channel_index\":[0,1],\"duration\":%s,\"start\":%s,"
                            "\"is_final\":%s,\"speech_final\":%s,\"channel\":{\"alternatives\":[{"
                            "\"transcript\":\"%s\",\"confidence\":0.9,\"words\":[%s]}]},"
                            "\"metadata\":{\"request_id\":\"test\"}%s}",
                            duration_s, start_s, is_final ? "true" : "false", speech_final ? "true" : "false",
                            text->str, words->str, extra);
  }
  if (is_final)
    g_ptr_array_set_size (session->words, 0);
  g_string_free (words, TRUE);
  g_string_free (text, TRUE);
  return g_string_free (json, FALSE);
}

static char *
deepgram_json (Session  *session,
               gboolean  is_final,
               gboolean  speech_final)
{
  return deepgram_json_full (session, is_final, speech_final, "");
}

/* An AssemblyAI `Turn` of the words so far; a formatted one ends it. */
static char *
assemblyai_json (Session  *session,
                 gboolean  end_of_turn,
                 gboolean  formatted)
{
  GString *words = g_string_new (NULL);
  GString *text = g_string_new (NULL);
  char *json;

  for (guint i = 0; i <= session->words->len; i++)
    {
      char **word = i < session->words->len ? session->words->pdata[i] : NULL;
      const char *said;
      guint64 start, end;
      gboolean final = TRUE;

      if (word != NULL)
        {
          said = word[0];
          start = g_ascii_strtoull (word[1], NULL, 10) * 10;
          end = g_ascii_strtoull (word[2], NULL, 10) * 10;
        }
      else if (session->word >= 0 && !end_of_turn)
        {
          said = AC_TEST_SPEECH_WORDS[session->word];
          start = session->word_start * 10;
          end = session->frames * 10;
          final = FALSE;
        }
      else
        break;
      g_string_append_printf (words, "%s{\"start\":%" G_GUINT64_FORMAT ",\"end\":%" G_GUINT64_FORMAT
                              ",\"text\":\"%s\",\"confidence\":0.9,\"word_is_final\":%s}",
                              words->len > 0 ? "," : "", start, end, said, final ? "true" : "false");
      if (formatted)
        g_string_append_printf (text, "%s%c%s", text->len > 0 ? " " : "",
                                text->len > 0 ? said[0] : g_ascii_toupper (said[0]), said + 1);
      else
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", said);
    }
  if (formatted)
    g_string_append_c (text, '.');
  json = g_strdup_printf ("{\"type\":\"Turn\",\"turn_order\":0,\"turn_is_formatted\":%s,\"end_of_turn\":%s,"
                          "\"transcript\":\"%s\",\"end_of_turn_confidence\":0.5,\"words\":[%s]}",
                          formatted ? "true" : "false", end_of_turn ? "true" : "false", text->str, words->str);
  if (formatted)
    g_ptr_array_set_size (session->words, 0);
  g_string_free (words, TRUE);
  g_string_free (text, TRUE);
  return json;
}

static char *
partial_json (Session *session)
{
  GString *text = g_string_new (NULL);
  char *json;

  for (guint i = 0; i < session->words->len; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", ((char **) session->words->pdata[i])[0]);
  if (session->word >= 0)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", AC_TEST_SPEECH_WORDS[session->word]);
  json = g_strdup_printf ("{\"partial\" : \"%s\"}", text->str);
  g_string_free (text, TRUE);
  return json;
}

/* One 10 ms frame heard; TRUE if it ended an utterance. */
static gboolean
hear (Session *session,
      gint16   value)
{
  /* To the nearest thousand: resampling on the way may bend a value. */
  int word = (value + 500) / 1000 - 1;
  gboolean ended = FALSE;

  if (value < 500 || word >= (int) g_strv_length ((char **) AC_TEST_SPEECH_WORDS))
    word = -1;
  if (word != session->word)
    {
      end_word (session);
      if (word >= 0)
        {
          session->word = word;
          session->word_start = session->frames;
        }
    }
  if (word < 0)
    {
      session->silence++;
      ended = session->silence == END_SILENCE && (session->words->len > 0 || session->segmented);
    }
  else
    session->silence = 0;
  session->frames++;
  return ended;
}

/* OpenAI: the deltas of the words heard since the last, and at a turn's
 * end its stop and transcript. */
static void
openai_tell (Session                 *session,
             SoupWebsocketConnection *ws,
             gboolean                 ended)
{
  GString *all = g_string_new (NULL);

  if (!session->in_turn && (session->words->len > 0 || session->word >= 0))
    {
      guint64 start = session->words->len > 0
                      ? g_ascii_strtoull (((char **) session->words->pdata[0])[1], NULL, 10) : session->word_start;
      g_autofree char *started = g_strdup_printf ("{\"type\":\"input_audio_buffer.speech_started\","
                                                  "\"audio_start_ms\":%" G_GUINT64_FORMAT ",\"item_id\":\"item_%u\"}",
                                                  start * 10, session->items);

      session->in_turn = TRUE;
      session->told = 0;
      soup_websocket_connection_send_text (ws, started);
    }
  for (guint i = session->told; session->in_turn && i < session->words->len; i++)
    {
      g_autofree char *delta = g_strdup_printf ("{\"type\":\"conversation.item.input_audio_transcription.delta\","
                                                "\"item_id\":\"item_%u\",\"delta\":\"%s%s\"}", session->items,
                                                i > 0 ? " " : "", ((char **) session->words->pdata[i])[0]);

      soup_websocket_connection_send_text (ws, delta);
      session->told = i + 1;
    }
  if (ended && session->in_turn)
    {
      char **last = session->words->pdata[session->words->len - 1];
      g_autofree char *stopped = NULL;
      g_autofree char *completed = NULL;

      for (guint i = 0; i < session->words->len; i++)
        g_string_append_printf (all, "%s%s", i > 0 ? " " : "", ((char **) session->words->pdata[i])[0]);
      stopped = g_strdup_printf ("{\"type\":\"input_audio_buffer.speech_stopped\",\"audio_end_ms\":%" G_GUINT64_FORMAT
                                 ",\"item_id\":\"item_%u\"}", g_ascii_strtoull (last[2], NULL, 10) * 10,
                                 session->items);
      completed = g_strdup_printf ("{\"type\":\"conversation.item.input_audio_transcription.completed\","
                                   "\"item_id\":\"item_%u\",\"content_index\":0,\"transcript\":\"%s\"}",
                                   session->items, all->str);
      soup_websocket_connection_send_text (ws, stopped);
      soup_websocket_connection_send_text (ws, completed);
      g_ptr_array_set_size (session->words, 0);
      session->items++;
      session->in_turn = FALSE;
    }
  g_string_free (all, TRUE);
}

static void
openai_event (Session                 *session,
              SoupWebsocketConnection *ws,
              const char              *data,
              gsize                    size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *event;
  const char *type;

  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  event = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (event, "type", "");

  if (g_str_equal (type, "session.update"))
    {
      g_autofree char *text = g_strndup (data, size);

      session->config_seen = strstr (text, "\"transcription\"") != NULL && strstr (text, "24000") != NULL;
      soup_websocket_connection_send_text (ws, session->config_seen
                                               ? "{\"type\":\"session.updated\"}"
                                               : "{\"type\":\"error\",\"error\":{\"message\":\"bad session\"}}");
    }
  else if (g_str_equal (type, "input_audio_buffer.append") && session->config_seen)
    {
      gsize n = 0;
      g_autofree guchar *pcm = g_base64_decode (json_object_get_string_member_with_default (event, "audio", ""), &n);
      gboolean ended = FALSE;

      g_string_append_len (session->pending, (const char *) pcm, n);
      while (session->pending->len >= session->frame * 2)
        {
          gint16 value;

          memcpy (&value, session->pending->str + session->frame, sizeof value);
          ended = hear (session, GINT16_FROM_LE (value)) || ended;
          g_string_erase (session->pending, 0, session->frame * 2);
        }
      if (session->fault == AC_TEST_SPEECH_FAULT_CLOSE && session->frames >= 100)
        {
          session->fault = AC_TEST_SPEECH_FAULT_NONE;
          soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "server error");
          return;
        }
      if (session->fault == AC_TEST_SPEECH_FAULT_MALFORMED)
        {
          session->fault = AC_TEST_SPEECH_FAULT_NONE;
          soup_websocket_connection_send_text (ws, "{\"type\": \"conversation.item");
        }
      openai_tell (session, ws, ended);
    }
  else if (g_str_equal (type, "input_audio_buffer.commit"))
    {
      end_word (session);
      openai_tell (session, ws, TRUE);
    }
}

/* Nothing came for the idle time: Deepgram's NET-0001, then close. */
static gboolean
on_idle (gpointer data)
{
  Session *session = data;

  g_clear_pointer (&session->idle, g_source_unref);
  if (soup_websocket_connection_get_state (session->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      soup_websocket_connection_send_text (session->ws, "{\"type\":\"Error\",\"err_code\":\"NET-0001\","
                                                        "\"err_msg\":\"Did not receive audio data or a text "
                                                        "message within the timeout window.\"}");
      soup_websocket_connection_close (session->ws, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "NET-0001");
    }
  return G_SOURCE_REMOVE;
}

/* Every frame the client sends puts the idle deadline off. */
static void
put_off_idle (Session *session)
{
  guint idle_ms;

  g_mutex_lock (&session->vosk->lock);
  idle_ms = session->vosk->idle_ms;
  g_mutex_unlock (&session->vosk->lock);
  if (session->idle != NULL)
    {
      g_source_destroy (session->idle);
      g_clear_pointer (&session->idle, g_source_unref);
    }
  if (idle_ms == 0)
    return;
  session->idle = g_timeout_source_new (idle_ms);
  g_source_set_callback (session->idle, on_idle, session, NULL);
  g_source_attach (session->idle, session->vosk->context);
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            Session                 *session)
{
  gsize size;
  const char *data = g_bytes_get_data (message, &size);
  gboolean ended = FALSE;
  g_autofree char *answer = NULL;

  /* Frames that arrived after the server closed it. */
  if (soup_websocket_connection_get_state (ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;
  put_off_idle (session);
  /* A silent peer hears everything and says nothing, not even goodbye. */
  if (session->fault == AC_TEST_SPEECH_FAULT_SILENT)
    return;

  if (type == SOUP_WEBSOCKET_DATA_TEXT && session->vosk->protocol == AC_TEST_SPEECH_OPENAI)
    {
      openai_event (session, ws, data, size);
      return;
    }

  if (type == SOUP_WEBSOCKET_DATA_TEXT && session->vosk->protocol == AC_TEST_SPEECH_ASSEMBLYAI)
    {
      g_autofree char *text = g_strndup (data, size);

      if (strstr (text, "\"Terminate\"") != NULL)
        {
          end_word (session);
          if (session->words->len > 0)
            {
              g_autofree char *unformatted = assemblyai_json (session, TRUE, FALSE);

              soup_websocket_connection_send_text (ws, unformatted);
              answer = assemblyai_json (session, TRUE, TRUE);
              soup_websocket_connection_send_text (ws, answer);
            }
          soup_websocket_connection_send_text (ws, "{\"type\":\"Termination\",\"audio_duration_seconds\":1}");
          soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
        }
      return;
    }

  if (type == SOUP_WEBSOCKET_DATA_TEXT && session->vosk->protocol == AC_TEST_SPEECH_DEEPGRAM)
    {
      g_autofree char *text = g_strndup (data, size);

      if (strstr (text, "\"CloseStream\"") != NULL)
        {
          end_word (session);
          if (session->words->len > 0)
            {
              answer = deepgram_json (session, TRUE, TRUE);
              soup_websocket_connection_send_text (ws, answer);
            }
          soup_websocket_connection_send_text (ws, "{\"type\":\"Metadata\",\"request_id\":\"test\","
                                                   "\"channels\":1}");
          soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
        }
      else if (strstr (text, "\"KeepAlive\"") != NULL)
        {
          g_mutex_lock (&session->vosk->lock);
          session->vosk->n_keep_alives++;
          g_mutex_unlock (&session->vosk->lock);
        }
      else if (strstr (text, "\"Finalize\"") != NULL)
        {
          g_mutex_lock (&session->vosk->lock);
          session->vosk->n_finalizes++;
          g_mutex_unlock (&session->vosk->lock);
          end_word (session);
          if (session->words->len > 0)
            {
              answer = deepgram_json_full (session, TRUE, FALSE, ",\"from_finalize\":true");
              soup_websocket_connection_send_text (ws, answer);
            }
        }
      return;
    }

  if (type == SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_autofree char *text = g_strndup (data, size);

      if (g_str_equal (text, "{\"eof\" : 1}"))
        {
          end_word (session);
          answer = session->words->len > 0 ? result_json (session) : g_strdup ("{\"text\" : \"\"}");
          soup_websocket_connection_send_text (ws, answer);
          soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
          return;
        }
      if (strstr (text, "\"config\"") != NULL && strstr (text, "16000") != NULL)
        session->config_seen = TRUE;
      return;
    }

  g_string_append_len (session->pending, data, size);
  while (session->pending->len >= session->frame * 2)
    {
      gint16 value;

      /* The frame's middle sample: its edges may be a transition. */
      memcpy (&value, session->pending->str + session->frame, sizeof value);
      ended = hear (session, GINT16_FROM_LE (value)) || ended;
      g_string_erase (session->pending, 0, session->frame * 2);
    }

  switch (session->fault)
    {
    case AC_TEST_SPEECH_FAULT_CLOSE:
      if (session->frames >= 100)
        {
          session->fault = AC_TEST_SPEECH_FAULT_NONE;
          soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "recognizer failed");
          return;
        }
      break;
    case AC_TEST_SPEECH_FAULT_MALFORMED:
      session->fault = AC_TEST_SPEECH_FAULT_NONE;
      soup_websocket_connection_send_text (ws, "{\"partial\" : \"unterminated");
      break;
    case AC_TEST_SPEECH_FAULT_HUGE:
      {
        g_autofree char *huge = g_malloc (1536 * 1024 + 32);

        session->fault = AC_TEST_SPEECH_FAULT_NONE;
        memset (huge, 'x', 1536 * 1024);
        memcpy (huge, "{\"partial\" : \"", 14);
        strcpy (huge + 1536 * 1024, "\"}");
        soup_websocket_connection_send_text (ws, huge);
      }
      break;
    case AC_TEST_SPEECH_FAULT_REFUSE:
    case AC_TEST_SPEECH_FAULT_NONE:
    default:
      break;
    }

  if (session->vosk->protocol == AC_TEST_SPEECH_ASSEMBLYAI)
    {
      if (ended)
        {
          g_autofree char *unformatted = assemblyai_json (session, TRUE, FALSE);

          soup_websocket_connection_send_text (ws, unformatted);
          answer = assemblyai_json (session, TRUE, TRUE);
        }
      else if (session->words->len > 0 || session->word >= 0)
        answer = assemblyai_json (session, FALSE, FALSE);
      if (answer != NULL)
        soup_websocket_connection_send_text (ws, answer);
      return;
    }
  if (session->vosk->protocol == AC_TEST_SPEECH_DEEPGRAM)
    {
      /* Interims only while words are heard, as the service sends them;
       * a long utterance in is_final segments of two words, the last
       * speech_final, then an UtteranceEnd, as the service sends them. */
      if (ended)
        {
          /* The endpoint: the rest of the utterance (maybe nothing), then
           * UtteranceEnd. */
          answer = deepgram_json (session, TRUE, TRUE);
          soup_websocket_connection_send_text (ws, answer);
          g_free (answer);
          answer = g_strdup ("{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":0}");
          session->segmented = FALSE;
        }
      else if (session->words->len == 2 && session->word < 0)
        {
          answer = deepgram_json (session, TRUE, FALSE);
          session->segmented = TRUE;
        }
      else if (session->words->len > 0 || session->word >= 0)
        answer = deepgram_json (session, FALSE, FALSE);
      if (answer != NULL)
        soup_websocket_connection_send_text (ws, answer);
      return;
    }
  answer = ended ? result_json (session) : partial_json (session);
  soup_websocket_connection_send_text (ws, answer);
}

static void
on_closed (SoupWebsocketConnection *ws,
           Session                 *session)
{
  g_ptr_array_remove (session->vosk->sessions, session);
}

static void
on_socket (SoupServer              *server,
           SoupServerMessage       *msg,
           const char              *path,
           SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  AcTestSpeech *vosk = user_data;
  Session *session = g_new0 (Session, 1);

  session->vosk = vosk;
  session->ws = g_object_ref (ws);
  session->word = -1;
  session->pending = g_string_new (NULL);
  session->words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  session->frame = vosk->protocol == AC_TEST_SPEECH_OPENAI ? 240 : FRAME;
  g_mutex_lock (&vosk->lock);
  session->fault = vosk->fault == AC_TEST_SPEECH_FAULT_REFUSE || vosk->fault == AC_TEST_SPEECH_FAULT_QUOTA
                   ? AC_TEST_SPEECH_FAULT_NONE : vosk->fault;
  vosk->fault = AC_TEST_SPEECH_FAULT_NONE;
  vosk->n_connections++;
  g_mutex_unlock (&vosk->lock);
  g_ptr_array_add (vosk->sessions, session);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), session);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), session);
  put_off_idle (session);
  if (vosk->protocol == AC_TEST_SPEECH_ASSEMBLYAI)
    soup_websocket_connection_send_text (ws, "{\"type\":\"Begin\",\"id\":\"test-session\",\"expires_at\":4102444800}");
}

static gboolean
unpause_later (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

/* A refused key: 401 before the upgrade. */
static void
on_early (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  AcTestSpeech *vosk = user_data;
  gboolean refuse, quota, busy, unavailable, slow, soon;

  g_mutex_lock (&vosk->lock);
  g_free (vosk->last_query);
  vosk->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  refuse = vosk->fault == AC_TEST_SPEECH_FAULT_REFUSE;
  quota = vosk->fault == AC_TEST_SPEECH_FAULT_QUOTA;
  busy = vosk->fault == AC_TEST_SPEECH_FAULT_BUSY || vosk->fault == AC_TEST_SPEECH_FAULT_QUOTA_SOON;
  soon = vosk->fault == AC_TEST_SPEECH_FAULT_QUOTA_SOON;
  slow = vosk->fault == AC_TEST_SPEECH_FAULT_SLOW;
  unavailable = vosk->unavailable;
  if (refuse || quota || busy || slow)
    vosk->fault = AC_TEST_SPEECH_FAULT_NONE;
  g_mutex_unlock (&vosk->lock);
  if (slow)
    {
      GSource *later = g_timeout_source_new (1500);

      soup_server_message_pause (msg);
      g_source_set_callback (later, unpause_later, g_object_ref (msg), g_object_unref);
      g_source_attach (later, vosk->context);
      g_source_unref (later);
    }
  if (unavailable)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }
  if (quota || busy)
    {
      if (quota || soon)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                      soon ? "1" : "60");
      soup_server_message_set_status (msg, 429 /* Too Many Requests (RFC 6585) */, NULL);
      return;
    }
  if (vosk->protocol == AC_TEST_SPEECH_OPENAI)
    {
      const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                "Authorization");
      g_autofree char *expected = g_strconcat ("Bearer ", vosk->key, NULL);

      if (g_strcmp0 (authorization, expected) != 0)
        refuse = TRUE;
      else if (!g_str_equal (path, "/v1/realtime") || query == NULL ||
               g_strcmp0 (g_hash_table_lookup (query, "intent"), "transcription") != 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
          return;
        }
    }
  if (vosk->protocol == AC_TEST_SPEECH_ASSEMBLYAI)
    {
      const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                "Authorization");

      if (g_strcmp0 (authorization, vosk->key) != 0)
        refuse = TRUE;
      else if (!g_str_equal (path, "/v3/ws") || query == NULL ||
               g_strcmp0 (g_hash_table_lookup (query, "encoding"), "pcm_s16le") != 0 ||
               g_strcmp0 (g_hash_table_lookup (query, "sample_rate"), "16000") != 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
          return;
        }
    }
  if (vosk->protocol == AC_TEST_SPEECH_DEEPGRAM)
    {
      const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                "Authorization");
      g_autofree char *expected = g_strconcat ("Token ", vosk->key, NULL);

      if (g_strcmp0 (authorization, expected) != 0)
        refuse = TRUE;
      else if (!g_str_equal (path, "/v1/listen") || query == NULL ||
               g_strcmp0 (g_hash_table_lookup (query, "encoding"), "linear16") != 0 ||
               g_strcmp0 (g_hash_table_lookup (query, "sample_rate"), "16000") != 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
          return;
        }
    }
  if (refuse)
    soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
}

static gpointer
run (gpointer data)
{
  AcTestSpeech *vosk = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (vosk->context);
  vosk->server = soup_server_new (NULL, NULL);
  soup_server_add_early_handler (vosk->server, NULL, on_early, vosk, NULL);
  soup_server_add_websocket_handler (vosk->server, NULL, NULL, NULL, on_socket, vosk, NULL);
  if (!soup_server_listen_local (vosk->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The test speech server cannot listen: %s", error->message);
  uris = soup_server_get_uris (vosk->server);
  vosk->url = g_strdup_printf (vosk->protocol == AC_TEST_SPEECH_DEEPGRAM ? "ws://127.0.0.1:%d/v1/listen"
                               : vosk->protocol == AC_TEST_SPEECH_ASSEMBLYAI ? "ws://127.0.0.1:%d/v3/ws"
                               : vosk->protocol == AC_TEST_SPEECH_OPENAI
                               ? "ws://127.0.0.1:%d/v1/realtime?intent=transcription"
                               : "ws://127.0.0.1:%d/",
                               g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&vosk->lock);
  vosk->started = TRUE;
  g_cond_signal (&vosk->ready);
  g_mutex_unlock (&vosk->lock);

  g_main_loop_run (vosk->loop);

  g_ptr_array_set_size (vosk->sessions, 0);
  soup_server_disconnect (vosk->server);
  g_clear_object (&vosk->server);
  g_main_context_pop_thread_default (vosk->context);
  return NULL;
}

AcTestSpeech *
ac_test_speech_new_vosk (void)
{
  return ac_test_speech_new (AC_TEST_SPEECH_VOSK, NULL);
}

/* A test speech server speaking @protocol; @key is the one Deepgram's
 * handshake must carry. */
AcTestSpeech *
ac_test_speech_new (AcTestSpeechProtocol  protocol,
                    const char           *key)
{
  AcTestSpeech *vosk = g_new0 (AcTestSpeech, 1);

  vosk->protocol = protocol;
  vosk->key = g_strdup (key);
  g_mutex_init (&vosk->lock);
  g_cond_init (&vosk->ready);
  vosk->sessions = g_ptr_array_new_with_free_func (session_free);
  vosk->context = g_main_context_new ();
  vosk->loop = g_main_loop_new (vosk->context, FALSE);
  vosk->thread = g_thread_new ("test-speech", run, vosk);
  g_mutex_lock (&vosk->lock);
  while (!vosk->started)
    g_cond_wait (&vosk->ready, &vosk->lock);
  g_mutex_unlock (&vosk->lock);
  return vosk;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
ac_test_speech_free (AcTestSpeech *vosk)
{
  g_main_context_invoke (vosk->context, quit, vosk->loop);
  g_thread_join (vosk->thread);
  g_main_loop_unref (vosk->loop);
  g_main_context_unref (vosk->context);
  g_ptr_array_unref (vosk->sessions);
  g_free (vosk->url);
  g_free (vosk->key);
  g_free (vosk->last_query);
  g_mutex_clear (&vosk->lock);
  g_cond_clear (&vosk->ready);
  g_free (vosk);
}

/* ws://127.0.0.1:PORT/ */
char *
ac_test_speech_dup_url (AcTestSpeech *vosk)
{
  return g_strdup (vosk->url);
}

void
ac_test_speech_fail_next (AcTestSpeech      *vosk,
                        AcTestSpeechFault  fault)
{
  g_mutex_lock (&vosk->lock);
  vosk->fault = fault;
  g_mutex_unlock (&vosk->lock);
}

/* While set, every handshake is answered 503: a service that is down. */
void
ac_test_speech_set_unavailable (AcTestSpeech *vosk,
                                gboolean      unavailable)
{
  g_mutex_lock (&vosk->lock);
  vosk->unavailable = unavailable;
  g_mutex_unlock (&vosk->lock);
}

/* Streams that get no frame for @idle_ms are closed as Deepgram does
 * (an Error frame, NET-0001, then 1011); 0: never. */
void
ac_test_speech_set_idle_timeout (AcTestSpeech *vosk,
                                 guint         idle_ms)
{
  g_mutex_lock (&vosk->lock);
  vosk->idle_ms = idle_ms;
  g_mutex_unlock (&vosk->lock);
}

/* Deepgram's KeepAlive messages received so far. */
guint
ac_test_speech_get_n_keep_alives (AcTestSpeech *vosk)
{
  guint n;

  g_mutex_lock (&vosk->lock);
  n = vosk->n_keep_alives;
  g_mutex_unlock (&vosk->lock);
  return n;
}

/* Deepgram's Finalize messages received so far. */
guint
ac_test_speech_get_n_finalizes (AcTestSpeech *vosk)
{
  guint n;

  g_mutex_lock (&vosk->lock);
  n = vosk->n_finalizes;
  g_mutex_unlock (&vosk->lock);
  return n;
}

/* The query string of the last handshake (the stream's settings). */
char *
ac_test_speech_dup_last_query (AcTestSpeech *vosk)
{
  char *query;

  g_mutex_lock (&vosk->lock);
  query = g_strdup (vosk->last_query);
  g_mutex_unlock (&vosk->lock);
  return query;
}

guint
ac_test_speech_get_n_connections (AcTestSpeech *vosk)
{
  guint n;

  g_mutex_lock (&vosk->lock);
  n = vosk->n_connections;
  g_mutex_unlock (&vosk->lock);
  return n;
}

/* Test audio spelling @spoken: words of AC_TEST_SPEECH_WORDS separated by
 * spaces, each 300 ms, 50 ms apart; “.” is 500 ms of silence (an
 * utterance's end). */
GArray *
ac_test_speech_audio (const char *spoken)
{
  g_auto(GStrv) tokens = g_strsplit (spoken, " ", -1);
  GArray *audio = g_array_new (FALSE, TRUE, sizeof (gint16));

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gint16 value = 0;
      guint frames = 50;

      for (guint w = 0; AC_TEST_SPEECH_WORDS[w] != NULL; w++)
        if (g_str_equal (tokens[i], AC_TEST_SPEECH_WORDS[w]))
          value = (gint16) (1000 * (w + 1));
      if (value != 0)
        frames = 30;
      else if (!g_str_equal (tokens[i], "."))
        g_error ("The test speech server has no word “%s”", tokens[i]);
      for (guint f = 0; f < frames * FRAME; f++)
        g_array_append_val (audio, value);
      if (value != 0)
        g_array_set_size (audio, audio->len + 5 * FRAME);  /* 50 ms apart */
    }
  return audio;
}

static gboolean
drop_all (gpointer data)
{
  AcTestSpeech *vosk = data;

  for (guint i = 0; i < vosk->sessions->len; i++)
    {
      Session *session = vosk->sessions->pdata[i];

      if (soup_websocket_connection_get_state (session->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (session->ws, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "server restarting");
    }
  return G_SOURCE_REMOVE;
}

/* Every open stream closed at once with 1011, as a server that restarts. */
void
ac_test_speech_drop_all (AcTestSpeech *vosk)
{
  g_main_context_invoke (vosk->context, drop_all, vosk);
}
