/* test-speech-services.c
 *
 * The speech services' engines — the Vosk server protocol, Deepgram,
 * AssemblyAI, OpenAI — against a test speech server on 127.0.0.1
 * (tests/ac-test-speech.c) that speaks each protocol and recognises what it
 * is sent: partials then finals with their times, two channels kept
 * apart, and every fault — a close mid-utterance, a frame that is not
 * JSON, a 1.5 MB frame, a refused or missing key, the account's quota —
 * ending in the fault-free transcript; and the fallback to the engine
 * behind a service that fails, refused or gone mid-call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-test-utils.h"
#include "ac-assemblyai-engine.h"
#include "ac-deepgram-engine.h"
#include "ac-fallback-engine.h"
#include "ac-openai-engine.h"
#include "ac-speech-check.h"
#include "ac-transcriber.h"
#include <gst/gst.h>
#include "ac-test-speech.h"
#include "ac-vosk-engine.h"

#define KEY "dg-test-key-0123456789"

typedef struct
{
  GMutex     lock;
  GPtrArray *heard[2];   /* AcUtterance, in the order emitted */
} Heard;

static void
on_hypothesis (AcSpeechEngine *engine,
               AcUtterance    *utterance,
               Heard          *heard)
{
  g_mutex_lock (&heard->lock);
  g_ptr_array_add (heard->heard[ac_utterance_get_channel (utterance)], g_object_ref (utterance));
  g_mutex_unlock (&heard->lock);
}

/* The finals of a channel as “text@start-end|…”. */
static char *
finals (Heard *heard,
        guint  channel)
{
  GString *out = g_string_new (NULL);

  g_mutex_lock (&heard->lock);
  for (guint i = 0; i < heard->heard[channel]->len; i++)
    {
      AcUtterance *u = heard->heard[channel]->pdata[i];

      if (ac_utterance_get_is_final (u))
        g_string_append_printf (out, "%s%s@%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, out->len > 0 ? "|" : "",
                                ac_utterance_get_text (u), ac_utterance_get_start_ms (u),
                                ac_utterance_get_end_ms (u));
    }
  g_mutex_unlock (&heard->lock);
  return g_string_free (out, FALSE);
}

static guint
n_partials (Heard *heard,
            guint  channel)
{
  guint n = 0;

  g_mutex_lock (&heard->lock);
  for (guint i = 0; i < heard->heard[channel]->len; i++)
    n += !ac_utterance_get_is_final (heard->heard[channel]->pdata[i]);
  g_mutex_unlock (&heard->lock);
  return n;
}

/* A call on both channels, fed as the capture does (20 ms at a time,
 * faster than real time), then ended. */
static void
run_call (AcSpeechEngine *engine)
{
  g_autoptr(GArray) customer = ac_test_speech_audio ("hello my card . was stolen .");
  g_autoptr(GArray) agent = ac_test_speech_audio ("thank you . goodbye .");
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < 2; c++)
    ac_speech_engine_start (engine, c);
  for (guint i = 0; i < MAX (customer->len, agent->len); i += 320)
    {
      if (i < customer->len)
        g_assert_true (ac_speech_engine_process (engine, 0, &g_array_index (customer, gint16, i),
                                                 MIN (320, customer->len - i), &error));
      if (i < agent->len)
        g_assert_true (ac_speech_engine_process (engine, 1, &g_array_index (agent, gint16, i),
                                                 MIN (320, agent->len - i), &error));
      g_assert_no_error (error);
      if (i % 3200 == 0)
        g_usleep (5000);
    }
  for (guint c = 0; c < 2; c++)
    g_assert_true (ac_speech_engine_finish (engine, c, NULL));
}

#define CUSTOMER_FINALS "hello my card@0-1000|was stolen@1550-2200"
#define AGENT_FINALS "thank you@0-650|goodbye@1200-1500"
/* Deepgram's smart formatting, as the test server does it. */
#define DEEPGRAM_CUSTOMER_FINALS "Hello My Card@0-1000|Was Stolen@1550-2200"
#define DEEPGRAM_AGENT_FINALS "Thank You@0-650|Goodbye@1200-1500"
/* AssemblyAI's formatted turns. */
#define ASSEMBLYAI_CUSTOMER_FINALS "Hello my card.@0-1000|Was stolen.@1550-2200"
#define ASSEMBLYAI_AGENT_FINALS "Thank you.@0-650|Goodbye.@1200-1500"

static void
check_protocol (AcTestSpeechProtocol  protocol,
                AcTestSpeechFault       fault,
                const char           *expected_warning)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (protocol, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = protocol == AC_TEST_SPEECH_DEEPGRAM
                                     ? ac_deepgram_engine_new (url, KEY, "nova-2-phonecall", "en-US", FALSE)
                                     : protocol == AC_TEST_SPEECH_ASSEMBLYAI
                                     ? ac_assemblyai_engine_new (url, KEY, NULL, NULL, FALSE)
                                     : protocol == AC_TEST_SPEECH_OPENAI
                                     ? ac_openai_engine_new (url, KEY, NULL, "en", FALSE)
                                     : ac_vosk_engine_new (url, NULL, FALSE);
  gboolean openai = protocol == AC_TEST_SPEECH_OPENAI;
  gboolean deepgram = protocol == AC_TEST_SPEECH_DEEPGRAM;
  gboolean assemblyai = protocol == AC_TEST_SPEECH_ASSEMBLYAI;
  Heard heard = { 0, };
  g_autofree char *customer = NULL;
  g_autofree char *agent = NULL;

  g_mutex_init (&heard.lock);
  heard.heard[0] = g_ptr_array_new_with_free_func (g_object_unref);
  heard.heard[1] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &heard);
  ac_streaming_engine_set_backoff (AC_STREAMING_ENGINE (engine), 10, 100);

  if (expected_warning != NULL)
    g_test_expect_message (deepgram ? "ac-deepgram-engine" : assemblyai ? "ac-assemblyai-engine"
                           : openai ? "ac-openai-engine" : "ac-vosk-engine",
                           G_LOG_LEVEL_WARNING, expected_warning);
  ac_test_speech_fail_next (server, fault);
  run_call (engine);
  if (expected_warning != NULL)
    g_test_assert_expected_messages ();

  customer = finals (&heard, 0);
  agent = finals (&heard, 1);
  /* The same words and times whatever went wrong on the way. */
  g_assert_cmpstr (customer, ==, deepgram ? DEEPGRAM_CUSTOMER_FINALS
                                 : assemblyai ? ASSEMBLYAI_CUSTOMER_FINALS : CUSTOMER_FINALS);
  g_assert_cmpstr (agent, ==, deepgram ? DEEPGRAM_AGENT_FINALS : assemblyai ? ASSEMBLYAI_AGENT_FINALS : AGENT_FINALS);
  g_assert_cmpuint (n_partials (&heard, 0), >, 0);
  if (fault == AC_TEST_SPEECH_FAULT_CLOSE || fault == AC_TEST_SPEECH_FAULT_HUGE)
    g_assert_cmpuint (ac_streaming_engine_get_n_connections (AC_STREAMING_ENGINE (engine), 0) +
                      ac_streaming_engine_get_n_connections (AC_STREAMING_ENGINE (engine), 1), >=, 3);

  /* The words of a final, with their times; who heard it. */
  g_mutex_lock (&heard.lock);
  for (guint i = 0; i < heard.heard[0]->len; i++)
    {
      AcUtterance *u = heard.heard[0]->pdata[i];

      g_assert_cmpstr (ac_utterance_get_engine (u), ==, deepgram ? "deepgram" : assemblyai ? "assemblyai"
                                                        : openai ? "openai" : "vosk");
      g_assert_cmpstr (ac_utterance_get_model (u), ==, deepgram ? "nova-2-phonecall"
                                                       : assemblyai ? "universal-streaming-english"
                                                       : openai ? "gpt-4o-transcribe" : NULL);

      /* OpenAI's transcription events carry no word times. */
      if (!openai && ac_utterance_get_is_final (u) &&
          g_ascii_strncasecmp (ac_utterance_get_text (u), "hello my card", 13) == 0)
        {
          g_assert_cmpuint (ac_utterance_get_n_timed_words (u), ==, 3);
          g_assert_cmpint (ac_utterance_get_timed_word (u, 1)->start_ms, ==, 350);
          g_assert_cmpint (ac_utterance_get_timed_word (u, 1)->end_ms, ==, 650);
          g_assert_cmpfloat_with_epsilon (ac_utterance_get_confidence (u), 0.9, 1e-9);
        }
    }
  g_mutex_unlock (&heard.lock);

  g_signal_handlers_disconnect_by_data (engine, &heard);
  g_clear_object (&engine);
  g_ptr_array_unref (heard.heard[0]);
  g_ptr_array_unref (heard.heard[1]);
  g_mutex_clear (&heard.lock);
}

static void
check_call (AcTestSpeechFault  fault,
            const char      *expected_warning)
{
  check_protocol (AC_TEST_SPEECH_VOSK, fault, expected_warning);
}

static void
test_vosk_call (void)
{
  check_call (AC_TEST_SPEECH_FAULT_NONE, NULL);
}

/* Deepgram: interim Results as partials, is_final ones as finals with
 * their words and punctuated words; the key in the Authorization header
 * (the test server refuses any other); the same faults. */
static void
test_deepgram_call (void)
{
  check_protocol (AC_TEST_SPEECH_DEEPGRAM, AC_TEST_SPEECH_FAULT_NONE, NULL);
}

static void
test_deepgram_faults (void)
{
  check_protocol (AC_TEST_SPEECH_DEEPGRAM, AC_TEST_SPEECH_FAULT_CLOSE, NULL);
  check_protocol (AC_TEST_SPEECH_DEEPGRAM, AC_TEST_SPEECH_FAULT_MALFORMED, "*not a JSON object was dropped*");
  check_protocol (AC_TEST_SPEECH_DEEPGRAM, AC_TEST_SPEECH_FAULT_HUGE, NULL);
}

/* AssemblyAI: unformatted turns as partials, the formatted end of a turn
 * as the final (not its unformatted twin); the same faults. */
static void
test_assemblyai_call (void)
{
  check_protocol (AC_TEST_SPEECH_ASSEMBLYAI, AC_TEST_SPEECH_FAULT_NONE, NULL);
  check_protocol (AC_TEST_SPEECH_ASSEMBLYAI, AC_TEST_SPEECH_FAULT_CLOSE, NULL);
  check_protocol (AC_TEST_SPEECH_ASSEMBLYAI, AC_TEST_SPEECH_FAULT_MALFORMED, "*not a JSON object was dropped*");
  check_protocol (AC_TEST_SPEECH_ASSEMBLYAI, AC_TEST_SPEECH_FAULT_HUGE, NULL);
}

/* OpenAI: the audio resampled to 24 kHz and base64 in append events, the
 * turn's deltas as partials, its completed transcript as the final, timed
 * by speech_started/stopped; the stream closed by the engine at the end. */
static void
test_openai_call (void)
{
  check_protocol (AC_TEST_SPEECH_OPENAI, AC_TEST_SPEECH_FAULT_NONE, NULL);
  check_protocol (AC_TEST_SPEECH_OPENAI, AC_TEST_SPEECH_FAULT_CLOSE, NULL);
  check_protocol (AC_TEST_SPEECH_OPENAI, AC_TEST_SPEECH_FAULT_MALFORMED, "*not a JSON object was dropped*");
}

static void
test_deepgram_wrong_key (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (AC_TEST_SPEECH_DEEPGRAM, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = ac_deepgram_engine_new (url, "not-the-key", NULL, NULL, FALSE);
  g_autoptr(AcSpeechEngine) keyless = ac_deepgram_engine_new (url, "", NULL, NULL, FALSE);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello .");
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  ac_speech_engine_start (engine, 0);
  while (ac_speech_engine_process (engine, 0, (const gint16 *) audio->data, 320, &error) &&
         g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "HTTP 401"));
  g_clear_error (&error);

  /* No key at all: said before anything is sent. */
  ac_speech_engine_start (keyless, 0);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (ac_speech_engine_process (keyless, 0, (const gint16 *) audio->data, 320, &error) &&
         g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "API key"));
}

/* The customer's first utterance, a pause with no audio at all (the
 * capture stopped), the second: the finals of each channel. */
static char *
call_with_pause (AcSpeechEngine *engine,
                 guint           pause_ms)
{
  g_autoptr(GArray) first = ac_test_speech_audio ("hello my card .");
  g_autoptr(GArray) second = ac_test_speech_audio ("was stolen .");
  Heard heard = { 0, };
  char *customer;

  g_mutex_init (&heard.lock);
  heard.heard[0] = g_ptr_array_new_with_free_func (g_object_unref);
  heard.heard[1] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &heard);
  ac_speech_engine_start (engine, 0);
  g_assert_true (ac_speech_engine_process (engine, 0, (const gint16 *) first->data, first->len, NULL));
  g_usleep (pause_ms * 1000);
  g_assert_true (ac_speech_engine_process (engine, 0, (const gint16 *) second->data, second->len, NULL));
  g_assert_true (ac_speech_engine_finish (engine, 0, NULL));
  customer = finals (&heard, 0);
  g_signal_handlers_disconnect_by_data (engine, &heard);
  g_ptr_array_unref (heard.heard[0]);
  g_ptr_array_unref (heard.heard[1]);
  g_mutex_clear (&heard.lock);
  return customer;
}

/* Deepgram closes a stream that gets nothing for a while (here 1.2 s):
 * while no audio flows the engine sends KeepAlive and the stream stays
 * open; without them the service closes it and the engine reconnects.
 * The words are the same either way. */
static void
test_deepgram_keep_alive (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (AC_TEST_SPEECH_DEEPGRAM, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = ac_deepgram_engine_new (url, KEY, NULL, NULL, FALSE);
  g_autoptr(AcSpeechEngine) forgetful = ac_deepgram_engine_new (url, KEY, NULL, NULL, FALSE);
  g_autofree char *kept = NULL;
  g_autofree char *dropped = NULL;

  ac_test_speech_set_idle_timeout (server, 1200);
  ac_streaming_engine_set_keep_alive_interval (AC_STREAMING_ENGINE (engine), 200);
  kept = call_with_pause (engine, 3000);
  g_assert_cmpstr (kept, ==, "Hello My Card@0-1000|Was Stolen@1550-2200");
  g_assert_cmpuint (ac_test_speech_get_n_connections (server), ==, 1);
  g_assert_cmpuint (ac_test_speech_get_n_keep_alives (server), >=, 3);

  ac_streaming_engine_set_keep_alive_interval (AC_STREAMING_ENGINE (forgetful), 60000);
  ac_streaming_engine_set_backoff (AC_STREAMING_ENGINE (forgetful), 10, 50);
  dropped = call_with_pause (forgetful, 3000);
  g_assert_cmpstr (dropped, ==, kept);
  g_assert_cmpuint (ac_test_speech_get_n_connections (server), >=, 3);
}

/* A long utterance comes from Deepgram in is_final segments, the last
 * speech_final, then UtteranceEnd: one final hypothesis with every word,
 * the segments so far shown as the partial meanwhile. */
static void
test_deepgram_segments (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (AC_TEST_SPEECH_DEEPGRAM, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = ac_deepgram_engine_new (url, KEY, NULL, NULL, FALSE);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello my card was stolen thank you .");
  g_autofree char *customer = NULL;
  Heard heard = { 0, };
  guint grown = 0;

  g_mutex_init (&heard.lock);
  heard.heard[0] = g_ptr_array_new_with_free_func (g_object_unref);
  heard.heard[1] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &heard);
  ac_speech_engine_start (engine, 0);
  /* At the pace of speech, 20 ms at a time: the server answers as it hears. */
  for (guint i = 0; i < audio->len; i += 320)
    {
      g_assert_true (ac_speech_engine_process (engine, 0, &g_array_index (audio, gint16, i),
                                               MIN (320, audio->len - i), NULL));
      g_usleep (20000);
    }
  g_assert_true (ac_speech_engine_finish (engine, 0, NULL));

  customer = finals (&heard, 0);
  g_assert_cmpstr (customer, ==, "Hello My Card Was Stolen Thank You@0-2400");
  g_mutex_lock (&heard.lock);
  for (guint i = 0; i < heard.heard[0]->len; i++)
    {
      AcUtterance *u = heard.heard[0]->pdata[i];

      if (ac_utterance_get_is_final (u))
        g_assert_cmpuint (ac_utterance_get_n_timed_words (u), ==, 7);
      /* A partial after a segment starts with the segment's words. */
      else if (g_str_has_prefix (ac_utterance_get_text (u), "Hello My Card Was"))
        grown++;
    }
  g_mutex_unlock (&heard.lock);
  g_assert_cmpuint (grown, >, 0);

  g_signal_handlers_disconnect_by_data (engine, &heard);
  g_ptr_array_unref (heard.heard[0]);
  g_ptr_array_unref (heard.heard[1]);
  g_mutex_clear (&heard.lock);
}

/* A Spanish-speaking customer pops mid-call: the stream reconnects with
 * language=es and hears again what it had not finalised — no word lost
 * or said twice. */
static void
test_deepgram_language (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (AC_TEST_SPEECH_DEEPGRAM, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = ac_deepgram_engine_new (url, KEY, "nova-3", "en-US", FALSE);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello my card . was stolen .");
  g_autofree char *query = NULL;
  g_autofree char *customer = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  Heard heard = { 0, };
  gsize half = 16000 * 12 / 10;   /* in the silence after “card” */

  g_mutex_init (&heard.lock);
  heard.heard[0] = g_ptr_array_new_with_free_func (g_object_unref);
  heard.heard[1] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &heard);

  ac_speech_engine_start (engine, 0);
  g_assert_true (ac_speech_engine_process (engine, 0, (const gint16 *) audio->data, half, NULL));
  while (ac_test_speech_get_n_connections (server) < 1 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  query = ac_test_speech_dup_last_query (server);
  g_assert_nonnull (strstr (query, "language=en-US"));
  g_assert_nonnull (strstr (query, "model=nova-3"));

  g_assert_true (ac_speech_engine_set_language (engine, "es", NULL));
  while (ac_test_speech_get_n_connections (server) < 2 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_clear_pointer (&query, g_free);
  query = ac_test_speech_dup_last_query (server);
  g_assert_nonnull (strstr (query, "language=es"));

  g_assert_true (ac_speech_engine_process (engine, 0, &g_array_index (audio, gint16, half), audio->len - half, NULL));
  g_assert_true (ac_speech_engine_finish (engine, 0, NULL));
  customer = finals (&heard, 0);
  g_assert_cmpstr (customer, ==, DEEPGRAM_CUSTOMER_FINALS);

  g_signal_handlers_disconnect_by_data (engine, &heard);
  g_ptr_array_unref (heard.heard[0]);
  g_ptr_array_unref (heard.heard[1]);
  g_mutex_clear (&heard.lock);
}

/* Which languages each engine takes, and what it says of the others. */
static void
test_engine_languages (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (AC_TEST_SPEECH_ASSEMBLYAI, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) assemblyai = ac_assemblyai_engine_new (url, KEY, NULL, NULL, FALSE);
  g_autoptr(AcSpeechEngine) vosk = ac_vosk_engine_new ("ws://127.0.0.1:1/", "es-ES", FALSE);
  g_autoptr(AcSpeechEngine) openai = ac_openai_engine_new ("ws://127.0.0.1:1/", KEY, NULL, NULL, FALSE);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello .");
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* AssemblyAI: its multilingual model for Spanish, nothing for Japanese. */
  g_assert_true (ac_speech_engine_set_language (assemblyai, "es-MX", &error));
  g_assert_no_error (error);
  g_assert_false (ac_speech_engine_set_language (assemblyai, "ja", &error));
  g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_LANGUAGE);
  g_assert_nonnull (strstr (error->message, "“ja”"));
  g_clear_error (&error);
  ac_speech_engine_start (assemblyai, 0);
  g_assert_true (ac_speech_engine_process (assemblyai, 0, (const gint16 *) audio->data, audio->len, NULL));
  while (ac_test_speech_get_n_connections (server) < 1 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  query = ac_test_speech_dup_last_query (server);
  g_assert_nonnull (strstr (query, "speech_model=universal-streaming-multilingual"));

  /* A speech server hears its model's language only. */
  g_assert_true (ac_speech_engine_set_language (vosk, "es", NULL));
  g_assert_false (ac_speech_engine_set_language (vosk, "en-US", &error));
  g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_LANGUAGE);
  g_clear_error (&error);

  /* OpenAI takes any. */
  g_assert_true (ac_speech_engine_set_language (openai, "pt-BR", NULL));
}

/* @audio as a 16 kHz mono WAV file in a new temporary folder. */
static GFile *
write_wav (GArray *audio)
{
  g_autofree char *dir = g_dir_make_tmp ("ac-speech-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "call.wav", NULL);
  guint32 data_size = audio->len * 2;
  g_autoptr(GByteArray) wav = g_byte_array_new ();
  guint32 u32;
  guint16 u16;

#define PUT32(v) (u32 = GUINT32_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u16, 2))
  g_byte_array_append (wav, (guint8 *) "RIFF", 4);
  PUT32 (36 + data_size);
  g_byte_array_append (wav, (guint8 *) "WAVEfmt ", 8);
  PUT32 (16);
  PUT16 (1);            /* PCM */
  PUT16 (1);            /* mono */
  PUT32 (16000);
  PUT32 (16000 * 2);
  PUT16 (2);
  PUT16 (16);
  g_byte_array_append (wav, (guint8 *) "data", 4);
  PUT32 (data_size);
#undef PUT32
#undef PUT16
  for (guint i = 0; i < audio->len; i++)
    {
      guint16 sample = GUINT16_TO_LE ((guint16) g_array_index (audio, gint16, i));

      g_byte_array_append (wav, (guint8 *) &sample, 2);
    }
  g_assert_true (g_file_set_contents (path, (const char *) wav->data, wav->len, NULL));
  return g_file_new_for_path (path);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static AcSpeechCheck *
run_check (AcSpeechEngine  *engine,
           GFile           *file,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ac_speech_check_run_async (engine, file, 6000, NULL, on_checked, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return ac_speech_check_run_finish (result, error);
}

/* Preferences → Speech → Test: the start of a recording streamed at the
 * pace of speech; the words the service heard, and how far behind the
 * audio; a refused key in the service's words. */
static void
test_speech_check (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (AC_TEST_SPEECH_DEEPGRAM, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = ac_deepgram_engine_new (url, KEY, NULL, NULL, FALSE);
  g_autoptr(AcSpeechEngine) refused = ac_deepgram_engine_new (url, "not-the-key", NULL, NULL, FALSE);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello my card . was stolen .");
  g_autoptr(GFile) file = write_wav (audio);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/call.wav");
  g_autoptr(AcSpeechCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  check = run_check (engine, file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check->words, ==, "Hello My Card Was Stolen");
  g_assert_cmpuint (check->n_hypotheses, >, 2);
  /* A server on this computer answers within a frame or two. */
  g_assert_cmpint (check->latency_ms, >=, 0);
  g_assert_cmpint (check->latency_ms, <, 1000);
  g_assert_cmpint (check->audio_ms, >=, 2700);
  /* At the pace of speech, not faster. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 2500 * G_TIME_SPAN_MILLISECOND);
  g_clear_pointer (&check, ac_speech_check_free);

  check = run_check (refused, file, &error);
  g_assert_null (check);
  g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "refused the key (HTTP 401)"));
  g_clear_error (&error);

  check = run_check (engine, missing, &error);
  g_assert_null (check);
  g_assert_nonnull (error);
  g_file_delete (file, NULL, NULL);
}

static void
count_done (AcTranscriber *transcriber,
            int            channel,
            guint         *done)
{
  (*done)++;
}

static void
run_until (gint64 deadline)
{
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

/* A call put on hold mid-word, taken off hold in a silence: Deepgram is
 * sent Finalize, hears nothing while on hold (“stolen” is not heard),
 * and the words after the hold are on the call's clock, which went on. */
static void
test_transcriber_hold (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new (AC_TEST_SPEECH_DEEPGRAM, KEY);
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = ac_deepgram_engine_new (url, KEY, NULL, NULL, FALSE);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello my card . was stolen . thank you .");
  g_autoptr(GFile) file = write_wav (audio);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autoptr(AcTranscriber) transcriber = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  AcTranscript *transcript;
  gint64 hello = -1, thank = -1, started;
  guint done = 0;

  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, uri);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, AC_AUDIO_SOURCE_OFF);
  transcriber = ac_transcriber_new (capture, engine, NULL);
  g_signal_connect (transcriber, "channel-done", G_CALLBACK (count_done), &done);
  ac_transcriber_begin_call (transcriber);
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);
  started = g_get_monotonic_time ();

  /* “was” is said from 1.55 s to 1.85 s, “stolen” to 2.2 s. */
  run_until (started + 1700 * G_TIME_SPAN_MILLISECOND);
  ac_transcriber_set_on_hold (transcriber, TRUE);
  g_assert_true (ac_transcriber_get_on_hold (transcriber));
  run_until (started + 2550 * G_TIME_SPAN_MILLISECOND);
  ac_transcriber_set_on_hold (transcriber, FALSE);
  while (done < 1)
    g_main_context_iteration (NULL, TRUE);
  ac_audio_capture_stop (capture);

  transcript = ac_transcriber_get_transcript (transcriber);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (transcript)); i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), i);

      if (!ac_utterance_get_is_final (u))
        continue;
      g_string_append_printf (said, "%s|", ac_utterance_get_text (u));
      if (g_str_has_prefix (ac_utterance_get_text (u), "Hello"))
        hello = ac_utterance_get_start_ms (u);
      if (g_str_has_prefix (ac_utterance_get_text (u), "Thank"))
        thank = ac_utterance_get_start_ms (u);
    }
  g_assert_nonnull (strstr (said->str, "Hello My Card|"));
  g_assert_nonnull (strstr (said->str, "Thank You|"));
  g_assert_null (strstr (said->str, "Stolen"));
  g_assert_cmpuint (ac_test_speech_get_n_finalizes (server), ==, 1);
  /* 2.75 s after “hello”, as said, though the engine heard 0.85 s less
   * (within the test server's 10 ms frames, which the hold misaligns). */
  g_assert_cmpint (ABS (thank - hello - 2750), <=, 10);
  g_file_delete (file, NULL, NULL);
}

/* Closed 1011 mid-utterance: reconnected, the audio no final covered sent
 * again, nothing lost or said twice. */
static void
test_vosk_close_mid_utterance (void)
{
  check_call (AC_TEST_SPEECH_FAULT_CLOSE, NULL);
}

static void
test_vosk_malformed (void)
{
  check_call (AC_TEST_SPEECH_FAULT_MALFORMED, "*not a JSON object was dropped*");
}

/* Over the 1 MB a frame may be: the connection goes, and comes back. */
static void
test_vosk_huge_frame (void)
{
  check_call (AC_TEST_SPEECH_FAULT_HUGE, NULL);
}

static void
test_vosk_refused (void)
{
  g_autoptr(AcTestSpeech) server = ac_test_speech_new_vosk ();
  g_autofree char *url = ac_test_speech_dup_url (server);
  g_autoptr(AcSpeechEngine) engine = ac_vosk_engine_new (url, NULL, FALSE);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello .");
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  ac_test_speech_fail_next (server, AC_TEST_SPEECH_FAULT_REFUSE);
  ac_speech_engine_start (engine, 0);
  while (ac_speech_engine_process (engine, 0, (const gint16 *) audio->data, 320, &error) &&
         g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "refused the key"));
}

static void
on_fell_back (AcFallbackEngine *engine,
              guint             channel,
              const char       *reason,
              GString          *said)
{
  g_string_append_printf (said, "%u:%s|", channel, reason);
}

/* The service fails the channel — refusing the key from the start, or
 * gone mid-call for longer than the engine waits — and the engine behind
 * it (here another speech server, standing in for the one on this
 * computer) hears the rest, from the first word no final covered: the
 * transcript of the fault-free run, told why. */
static void
check_fallback (AcTestSpeechFault fault)
{
  g_autoptr(AcTestSpeech) behind = ac_test_speech_new_vosk ();
  g_autofree char *behind_url = ac_test_speech_dup_url (behind);
  AcTestSpeech *service = ac_test_speech_new_vosk ();
  g_autofree char *service_url = ac_test_speech_dup_url (service);
  g_autoptr(AcSpeechEngine) primary = ac_vosk_engine_new (service_url, NULL, FALSE);
  g_autoptr(AcSpeechEngine) on_device = ac_vosk_engine_new (behind_url, NULL, FALSE);
  g_autoptr(AcSpeechEngine) engine = ac_fallback_engine_new (AC_STREAMING_ENGINE (primary), on_device);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello my card . was stolen .");
  g_autoptr(GString) fell = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = NULL;
  gboolean mid_call = fault == AC_TEST_SPEECH_FAULT_NONE;
  Heard heard = { 0, };

  g_mutex_init (&heard.lock);
  heard.heard[0] = g_ptr_array_new_with_free_func (g_object_unref);
  heard.heard[1] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &heard);
  g_signal_connect (engine, "fell-back", G_CALLBACK (on_fell_back), fell);
  ac_streaming_engine_set_backoff (AC_STREAMING_ENGINE (primary), 10, 50);
  ac_streaming_engine_set_unreachable_timeout (AC_STREAMING_ENGINE (primary), 300);
  ac_streaming_engine_set_finish_timeout (AC_STREAMING_ENGINE (primary), 800);

  if (!mid_call)
    ac_test_speech_fail_next (service, fault);
  ac_speech_engine_start (engine, 0);
  for (guint i = 0; i < audio->len; i += 320)
    {
      g_assert_true (ac_speech_engine_process (engine, 0, &g_array_index (audio, gint16, i),
                                               MIN (320, audio->len - i), &error));
      g_assert_no_error (error);
      g_usleep (2000);
      /* Gone mid-call, after the first final, before the second. */
      if (mid_call && service != NULL && i >= 16000 * 13 / 10)
        g_clear_pointer (&service, ac_test_speech_free);
    }
  g_assert_true (ac_speech_engine_finish (engine, 0, &error));
  g_assert_no_error (error);

  customer = finals (&heard, 0);
  g_assert_cmpstr (customer, ==, CUSTOMER_FINALS);
  g_assert_true (ac_fallback_engine_is_falling_back (AC_FALLBACK_ENGINE (engine), 0));
  g_assert_nonnull (strstr (fell->str, mid_call ? "0:The speech service cannot be reached"
                                       : fault == AC_TEST_SPEECH_FAULT_QUOTA ? "too many requests for the account (HTTP 429)"
                                       : fault == AC_TEST_SPEECH_FAULT_SILENT ? "0:The speech service did not answer"
                                       : "0:The speech service refused the key"));

  g_clear_pointer (&service, ac_test_speech_free);
  g_signal_handlers_disconnect_by_data (engine, &heard);
  g_signal_handlers_disconnect_by_data (engine, fell);
  g_clear_object (&engine);
  g_ptr_array_unref (heard.heard[0]);
  g_ptr_array_unref (heard.heard[1]);
  g_mutex_clear (&heard.lock);
}

static void
test_fallback_refused (void)
{
  check_fallback (AC_TEST_SPEECH_FAULT_REFUSE);
}

/* 429 (or 402): the account's quota, no retry will do. */
static void
test_fallback_quota (void)
{
  check_fallback (AC_TEST_SPEECH_FAULT_QUOTA);
}

/* A silent peer: the stream opens, nothing comes back, the end is never
 * acknowledged — the whole call is heard behind it. */
static void
test_fallback_silent_peer (void)
{
  check_fallback (AC_TEST_SPEECH_FAULT_SILENT);
}

/* A handshake answered after 1.5 s: the audio waits, nothing is lost. */
static void
test_vosk_slow_handshake (void)
{
  check_call (AC_TEST_SPEECH_FAULT_SLOW, NULL);
}

/* Gone mid-call (no fault on the way in). */
static void
test_fallback_mid_call (void)
{
  check_fallback (AC_TEST_SPEECH_FAULT_NONE);
}

static gint64 fell_at, returned_at;   /* monotonic µs, for check_return */

static void
on_returned (AcFallbackEngine *engine,
             guint             channel,
             GString          *said)
{
  returned_at = g_get_monotonic_time ();
  g_string_append_printf (said, "%u:returned|", channel);
}

static void
on_fell_back_at (AcFallbackEngine *engine,
                 guint             channel,
                 const char       *reason,
                 gpointer          data)
{
  fell_at = g_get_monotonic_time ();
}

/* The finals of a channel heard by @engine alone: what a call with faults
 * must come to. */
static char *
fault_free (AcSpeechEngine *engine,
            GArray         *audio)
{
  Heard heard = { 0, };
  char *customer;

  g_mutex_init (&heard.lock);
  heard.heard[0] = g_ptr_array_new_with_free_func (g_object_unref);
  heard.heard[1] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &heard);
  ac_speech_engine_start (engine, 0);
  g_assert_true (ac_speech_engine_process (engine, 0, (const gint16 *) audio->data, audio->len, NULL));
  g_assert_true (ac_speech_engine_finish (engine, 0, NULL));
  customer = finals (&heard, 0);
  g_signal_handlers_disconnect_by_data (engine, &heard);
  g_ptr_array_unref (heard.heard[0]);
  g_ptr_array_unref (heard.heard[1]);
  g_mutex_clear (&heard.lock);
  return customer;
}

/* The service goes down mid-call (503 to every handshake), the channel
 * falls back, the service comes back: from the end of the next utterance
 * heard on this computer the service hears the channel again.  The
 * transcript is the fault-free one — no word lost, none twice. */
static void
check_return (AcTestSpeechFault fault)
{
  g_autoptr(AcTestSpeech) behind = ac_test_speech_new_vosk ();
  g_autofree char *behind_url = ac_test_speech_dup_url (behind);
  g_autoptr(AcTestSpeech) service = ac_test_speech_new_vosk ();
  g_autofree char *service_url = ac_test_speech_dup_url (service);
  g_autoptr(AcSpeechEngine) primary = ac_vosk_engine_new (service_url, NULL, FALSE);
  g_autoptr(AcSpeechEngine) on_device = ac_vosk_engine_new (behind_url, NULL, FALSE);
  g_autoptr(AcSpeechEngine) engine = ac_fallback_engine_new (AC_STREAMING_ENGINE (primary), on_device);
  g_autoptr(GArray) audio = ac_test_speech_audio ("hello my card . was stolen . thank you . my card . "
                                                  "was stolen . thank you . goodbye .");
  g_autoptr(GString) told = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *customer = NULL;
  guint connections_before = 0;
  gboolean down = FALSE;
  Heard heard = { 0, };

  {
    g_autoptr(AcTestSpeech) alone = ac_test_speech_new_vosk ();
    g_autofree char *alone_url = ac_test_speech_dup_url (alone);
    g_autoptr(AcSpeechEngine) plain = ac_vosk_engine_new (alone_url, NULL, FALSE);

    expected = fault_free (plain, audio);
  }

  g_mutex_init (&heard.lock);
  heard.heard[0] = g_ptr_array_new_with_free_func (g_object_unref);
  heard.heard[1] = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (engine, "hypothesis", G_CALLBACK (on_hypothesis), &heard);
  g_signal_connect (engine, "fell-back", G_CALLBACK (on_fell_back), told);
  g_signal_connect (engine, "returned", G_CALLBACK (on_returned), told);
  g_signal_connect (engine, "fell-back", G_CALLBACK (on_fell_back_at), NULL);
  fell_at = returned_at = 0;
  ac_streaming_engine_set_backoff (AC_STREAMING_ENGINE (primary), 10, 50);
  ac_streaming_engine_set_unreachable_timeout (AC_STREAMING_ENGINE (primary), 300);
  ac_streaming_engine_set_retry_interval (AC_STREAMING_ENGINE (primary), 200);

  ac_speech_engine_start (engine, 0);
  for (guint i = 0; i < audio->len; i += 320)
    {
      g_assert_true (ac_speech_engine_process (engine, 0, &g_array_index (audio, gint16, i),
                                               MIN (320, audio->len - i), &error));
      g_assert_no_error (error);
      /* Half real time: the service's absence is seen on the call. */
      g_usleep (10000);
      if (!down && i >= 16000 * 13 / 10 && told->len == 0)
        {
          /* After the first final: down. */
          down = TRUE;
          if (fault == AC_TEST_SPEECH_FAULT_BUSY || fault == AC_TEST_SPEECH_FAULT_QUOTA_SOON)
            ac_test_speech_fail_next (service, fault);
          else
            ac_test_speech_set_unavailable (service, TRUE);
          ac_test_speech_drop_all (service);
        }
      if (down && told->len > 0 && connections_before == 0)
        {
          /* Fallen back: up again. */
          ac_test_speech_set_unavailable (service, FALSE);
          connections_before = ac_test_speech_get_n_connections (service);
        }
    }
  g_assert_true (ac_speech_engine_finish (engine, 0, &error));
  g_assert_no_error (error);

  customer = finals (&heard, 0);
  g_assert_cmpstr (customer, ==, expected);
  g_assert_cmpstr (told->str, ==, fault == AC_TEST_SPEECH_FAULT_BUSY || fault == AC_TEST_SPEECH_FAULT_QUOTA_SOON
                                  ? "0:The speech service refused the call: too many requests for the account "
                                    "(HTTP 429)|0:returned|"
                                  : "0:The speech service cannot be reached|0:returned|");
  g_assert_false (ac_fallback_engine_is_falling_back (AC_FALLBACK_ENGINE (engine), 0));
  g_assert_cmpuint (ac_test_speech_get_n_connections (service), >, connections_before);
  /* Not before the service said it could take calls again. */
  if (fault == AC_TEST_SPEECH_FAULT_QUOTA_SOON)
    g_assert_cmpint (returned_at - fell_at, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (ac_test_speech_get_n_connections (behind), >=, 1);

  g_signal_handlers_disconnect_by_data (engine, &heard);
  g_signal_handlers_disconnect_by_data (engine, told);
  g_clear_object (&engine);
  g_ptr_array_unref (heard.heard[0]);
  g_ptr_array_unref (heard.heard[1]);
  g_mutex_clear (&heard.lock);
}

static void
test_fallback_returns (void)
{
  check_return (AC_TEST_SPEECH_FAULT_NONE);
}

/* 429 with Retry-After: 1 — tried again after that second, not the
 * (shorter, here) retry interval. */
static void
test_fallback_returns_after_retry_after (void)
{
  check_return (AC_TEST_SPEECH_FAULT_QUOTA_SOON);
}

/* 429 without Retry-After: tried again after the retry interval. */
static void
test_fallback_returns_after_429 (void)
{
  check_return (AC_TEST_SPEECH_FAULT_BUSY);
}

static void
test_vosk_addresses (void)
{
  static const struct { const char *url; gboolean insecure; gboolean ok; } cases[] = {
    { "wss://speech.example.com/", FALSE, TRUE },
    { "ws://127.0.0.1:2700/", FALSE, TRUE },
    { "ws://localhost:2700", FALSE, TRUE },
    { "ws://speech.example.com/", FALSE, FALSE },
    { "ws://speech.example.com/", TRUE, TRUE },
    { "https://speech.example.com/", FALSE, FALSE },
    { "not an address", FALSE, FALSE },
    { "", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = ac_speech_check_url (cases[i].url, cases[i].insecure, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/vosk-engine/call", test_vosk_call);
  g_test_add_func ("/vosk-engine/close-mid-utterance", test_vosk_close_mid_utterance);
  g_test_add_func ("/vosk-engine/malformed", test_vosk_malformed);
  g_test_add_func ("/vosk-engine/huge-frame", test_vosk_huge_frame);
  g_test_add_func ("/vosk-engine/refused", test_vosk_refused);
  g_test_add_func ("/vosk-engine/addresses", test_vosk_addresses);
  g_test_add_func ("/deepgram-engine/call", test_deepgram_call);
  g_test_add_func ("/deepgram-engine/faults", test_deepgram_faults);
  g_test_add_func ("/deepgram-engine/wrong-key", test_deepgram_wrong_key);
  g_test_add_func ("/deepgram-engine/keep-alive", test_deepgram_keep_alive);
  g_test_add_func ("/deepgram-engine/language", test_deepgram_language);
  g_test_add_func ("/deepgram-engine/segments", test_deepgram_segments);
  g_test_add_func ("/speech-engines/languages", test_engine_languages);
  g_test_add_func ("/speech-engines/check", test_speech_check);
  g_test_add_func ("/speech-engines/hold", test_transcriber_hold);
  g_test_add_func ("/assemblyai-engine/call", test_assemblyai_call);
  g_test_add_func ("/openai-engine/call", test_openai_call);
  g_test_add_func ("/fallback-engine/refused", test_fallback_refused);
  g_test_add_func ("/fallback-engine/quota", test_fallback_quota);
  g_test_add_func ("/fallback-engine/mid-call", test_fallback_mid_call);
  g_test_add_func ("/fallback-engine/silent-peer", test_fallback_silent_peer);
  g_test_add_func ("/vosk-engine/slow-handshake", test_vosk_slow_handshake);
  g_test_add_func ("/fallback-engine/returns", test_fallback_returns);
  g_test_add_func ("/fallback-engine/returns-after-429", test_fallback_returns_after_429);
  g_test_add_func ("/fallback-engine/returns-after-retry-after", test_fallback_returns_after_retry_after);

  return g_test_run ();
}
