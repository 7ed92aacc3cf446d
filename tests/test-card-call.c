/* test-card-call.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A customer reads a card number and its security code into a live call
 * (build-aux/make-card-call composes it from real recorded digit prompts),
 * replayed at the pace of speech through the real pipeline — capture,
 * transcriber with its redactor, the recorder with its delay line and the
 * card pause, the call's store — with a test engine that hears the digits
 * the script says, timed to the audio (the on-device model cannot read
 * isolated digits).  Afterwards no file written (the database and its
 * WAL, the recording, the export, the log with all debug output on) holds
 * the number, as digits or as words, and the recording is silent over the
 * whole digit run on both channels.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gst/app/gstappsink.h>

#include "ac-test-utils.h"
#include "ac-test-script-engine.h"
#include "ac-test-backend.h"
#include "ac-analyze.h"
#include "ac-audio-capture.h"
#include "ac-backend-client.h"
#include "ac-backend-sync.h"
#include "ac-call-uploader.h"
#include "ac-call-record-store.h"
#include "ac-call-recorder.h"
#include "ac-call-session.h"
#include "ac-card-pause.h"
#include "ac-store.h"
#include "ac-transcriber.h"

#define RATE AC_AUDIO_CAPTURE_RATE

/* What build-aux/make-card-call reads out, and where (card-call.tsv). */
#define FIRST_DIGIT_MS 4985
#define LAST_DIGIT_MS  21201

static FILE *log_file;

/* Every message, debug included, into the call's log file too. */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  for (gsize i = 0; i < n_fields && log_file != NULL; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      fprintf (log_file, "%s\n", (const char *) fields[i].value);
  if (log_file != NULL)
    fflush (log_file);

  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  gboolean done[AC_AUDIO_N_CHANNELS];
  guint    n_active;
} Call;

static void
on_channel_done (AcTranscriber *transcriber,
                 int            channel,
                 Call          *call)
{
  call->done[channel] = TRUE;
}

static gboolean
both_done (gpointer data)
{
  Call *call = data;

  return call->done[0] && call->done[1];
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ac_store_open_finish (AC_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static GArray *
decode (const char *path)
{
  g_autofree char *desc = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! audioconvert ! "
                                           "audioresample ! audio/x-raw,format=S16LE,rate=%d,channels=2,"
                                           "layout=interleaved ! appsink name=sink sync=false", path, RATE);
  g_autoptr(GstElement) pipeline = gst_parse_launch (desc, NULL);
  g_autoptr(GstElement) sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  GArray *stereo = g_array_new (FALSE, FALSE, sizeof (gint16));
  GstSample *sample;

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstMapInfo map;
      GstBuffer *buffer = gst_sample_get_buffer (sample);

      gst_buffer_map (buffer, &map, GST_MAP_READ);
      g_array_append_vals (stereo, map.data, map.size / sizeof (gint16));
      gst_buffer_unmap (buffer, &map);
      gst_sample_unref (sample);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return stereo;
}

static double
peak_dbfs (GArray *stereo,
           guint   channel,
           gint64  from_ms,
           gint64  to_ms)
{
  guint from = (guint) (from_ms * RATE / 1000);
  guint to = MIN ((guint) (to_ms * RATE / 1000), stereo->len / 2);
  int peak = 0;

  g_assert_cmpuint (from, <, to);
  for (guint i = from; i < to; i++)
    peak = MAX (peak, ABS (g_array_index (stereo, gint16, i * 2 + channel)));

  return 20.0 * log10 (MAX (peak, 1) / 32768.0);
}

/* The forms the number could take, as digits or words. */
static const char * const forms[] = {
  "4111111111111111", "4111 1111", "1111 1111", "41111111", "four one one one", "one one one one",
  "seven three seven", "737",
};

/* "737" also turns up by chance in ids, timestamps (".737…") and encoded
 * audio: the code as digits counts only standing alone, between neither
 * letters, digits nor the punctuation inside ids and times. */
static gboolean
stands_alone (const char *text,
              gsize       length,
              const char *form)
{
  gsize n = strlen (form);

  for (const char *p = text; (p = g_strstr_len (p, length - (p - text), form)) != NULL; p++)
    {
      char before = p > text ? p[-1] : ' ';
      char after = (gsize) (p - text) + n < length ? p[n] : ' ';

      if (!g_ascii_isalnum (before) && !strchr (".-:_/", before) && !g_ascii_isalnum (after) &&
          !strchr (".-:_/", after))
        return TRUE;
    }
  return FALSE;
}

static const char *
holds_card_data (const char *text,
                 gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (strlen (forms[i]) > 3 ? g_strstr_len (text, length, forms[i]) != NULL
                              : stands_alone (text, length, forms[i]))
      return forms[i];
  return NULL;
}

static gboolean
has_conversation (AcTestBackend *backend)
{
  g_auto(GStrv) ids = ac_test_backend_dup_conversation_ids (backend);

  return g_strv_length (ids) == 1;
}

static gboolean
nothing_waiting (AcBackendSync *sync)
{
  return ac_backend_sync_get_state (sync) == AC_BACKEND_SYNC_CONNECTED && ac_backend_sync_get_n_waiting (sync) == 0;
}

/* The first file in @dir holding the card number or its code, in any
 * form, or NULL; @n_files how many were read. */
static char *
find_card_data (const char *dir,
                guint      *n_files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  *n_files = 0;
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      (*n_files)++;
      /* encoded audio is random bytes: only the long forms mean anything
       * there (its sound is checked decoded) */
      if (g_str_has_suffix (name, ".ogg"))
        {
          for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
            if (strlen (forms[i]) > 3 && g_strstr_len (contents, length, forms[i]) != NULL)
              return g_strdup_printf ("%s holds “%s”", name, forms[i]);
        }
      else if (holds_card_data (contents, length) != NULL)
        return g_strdup_printf ("%s holds “%s”", name, holds_card_data (contents, length));
    }

  return NULL;
}

static void
test_card_call (void)
{
  g_autofree char *dir = g_dir_make_tmp ("card-call-XXXXXX", NULL);
  g_autofree char *wav = g_test_build_filename (G_TEST_BUILT, "card-call.wav", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_BUILT, "card-call.tsv", NULL);
  g_autofree char *uri = g_filename_to_uri (wav, NULL, NULL);
  g_autofree char *customer = g_strconcat (uri, "#0", NULL);
  g_autofree char *agent = g_strconcat (uri, "#1", NULL);
  g_autofree char *log_path = g_build_filename (dir, "agent-console.log", NULL);
  g_autofree char *ogg = g_build_filename (dir, "call.ogg", NULL);
  g_autofree char *export_path = g_build_filename (dir, "call.json", NULL);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(GFile) ogg_file = g_file_new_for_path (ogg);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(AcCallRecordStore) record_store = NULL;
  g_autoptr(AcCallSession) session = ac_call_session_new ("VOICE", NULL, NULL, NULL);
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autoptr(AcTestScriptEngine) engine = ac_test_script_engine_new (script, &error);
  g_autoptr(AcTranscriber) transcriber = NULL;
  g_autoptr(AcCallRecorder) recorder = ac_call_recorder_new (ogg_file);
  g_autoptr(AcCardPause) card_pause = NULL;
  g_autoptr(AcTestBackend) backend = NULL;
  g_autoptr(AcBackendClient) client = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(GAsyncResult) login = NULL;
  g_autoptr(AcBackendSync) sync = NULL;
  g_autoptr(AcCallUploader) uploader = NULL;
  g_autofree char *ws_url = NULL;
  g_autoptr(JsonNode) export = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GArray) stereo = NULL;
  AcTranscript *transcript;
  const AcPauseSpan *pauses;
  guint n_pauses, n_card = 0, n_code = 0, n_files;
  gboolean opened = FALSE;
  Call call = { 0, };

  g_assert_no_error (error);
  log_file = fopen (log_path, "w");
  g_assert_nonnull (log_file);

  ac_store_open_async (store, NULL, on_opened, &opened);
  ac_test_wait_for (is_true, &opened, 10000);
  record_store = ac_call_record_store_new (store);
  ac_call_record_store_add_call (record_store, session);

  /* The contact center's backend, signed in: the call goes to its room as
   * it is heard. */
  backend = ac_test_backend_new ();
  client = ac_backend_client_new (ac_test_backend_get_api_url (backend), NULL, &error);
  g_assert_no_error (error);
  ac_backend_client_login_async (client, AC_TEST_BACKEND_EMAIL, AC_TEST_BACKEND_PASSWORD, NULL,
                                 ac_test_keep_result, &login);
  tokens = ac_backend_client_login_finish (client, ac_test_wait_result (&login), &error);
  g_assert_no_error (error);
  ws_url = ac_backend_derive_websocket_url (ac_test_backend_get_api_url (backend));
  sync = ac_backend_sync_new (store, client, ws_url, "u-1");
  ac_backend_sync_start (sync);
  uploader = ac_call_uploader_new (sync);
  ac_call_uploader_add_call (uploader, session);

  transcript = ac_call_session_get_transcript (session);
  transcriber = ac_transcriber_new (capture, AC_SPEECH_ENGINE (engine), transcript);
  g_signal_connect (transcriber, "channel-done", G_CALLBACK (on_channel_done), &call);

  g_assert_true (ac_call_recorder_start (recorder, &error));
  g_assert_no_error (error);
  ac_call_recorder_set_delay (recorder, AC_CARD_PAUSE_DELAY_MS);
  ac_audio_capture_set_recorder (capture, recorder);
  card_pause = ac_card_pause_new (transcriber, recorder, 10);
  ac_test_count_notify (card_pause, "active", &call.n_active);

  /* At the pace of speech, as a live call. */
  ac_audio_capture_set_paced (capture, TRUE);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_CUSTOMER, customer);
  ac_audio_capture_set_source (capture, AC_AUDIO_CHANNEL_AGENT, agent);
  ac_card_pause_set_backend (card_pause, sync, session);
  ac_transcriber_begin_call (transcriber);
  g_assert_true (ac_audio_capture_start (capture, &error));
  g_assert_no_error (error);

  /* The server records the call too, as a supervisor asked it to. */
  ac_test_wait_for (has_conversation, backend, 4000);
  {
    g_auto(GStrv) ids = ac_test_backend_dup_conversation_ids (backend);

    ac_test_backend_start_recording (backend, ids[0]);
  }
  ac_test_wait_for (both_done, &call, 90000);

  ac_audio_capture_set_recorder (capture, NULL);
  g_assert_true (ac_call_recorder_stop (recorder, &error));
  g_assert_no_error (error);
  ac_call_session_end (session, ac_call_recorder_get_duration_ms (recorder));
  ac_call_session_keep_recording (session, recorder);

  /* The agent saw it masked: a card chip, then the code's. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (transcript)); i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (transcript), i);
      const AcRedactionSpan *spans;
      guint n_spans;

      g_test_message ("%u %" G_GINT64_FORMAT ": %s", ac_utterance_get_channel (u), ac_utterance_get_start_ms (u),
                      ac_utterance_get_text (u));
      spans = ac_utterance_get_redactions (u, &n_spans);
      for (guint k = 0; k < n_spans; k++)
        {
          n_card += spans[k].category == AC_REDACTION_CARD;
          n_code += spans[k].category == AC_REDACTION_SECURITY_CODE;
        }
    }
  g_assert_cmpuint (n_card, >=, 1);
  g_assert_cmpuint (n_code, ==, 1);

  /* The recording paused by itself, from before the first digit to after
   * the code, and resumed. */
  g_assert_cmpuint (call.n_active, >=, 2);
  g_assert_false (ac_card_pause_get_active (card_pause));
  pauses = ac_call_recorder_get_pause_spans (recorder, &n_pauses);
  g_assert_cmpuint (n_pauses, ==, 1);
  g_assert_cmpint (pauses[0].reason, ==, AC_PAUSE_REASON_CARD_DETAILS);
  g_test_message ("paused for card details from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " ms",
                  pauses[0].start_ms, pauses[0].end_ms);
  g_assert_cmpint (pauses[0].start_ms, <=, FIRST_DIGIT_MS - 100);
  g_assert_cmpint (pauses[0].end_ms, >=, LAST_DIGIT_MS);

  /* Decoded: silence over every digit, on both channels; the agent's
   * question before and thanks after are there. */
  stereo = decode (ogg);
  for (guint c = 0; c < AC_AUDIO_N_CHANNELS; c++)
    g_assert_cmpfloat (peak_dbfs (stereo, c, FIRST_DIGIT_MS - 100, LAST_DIGIT_MS + 100), <, -50.0);
  g_assert_cmpfloat (peak_dbfs (stereo, 1, 600, 3700), >, -30.0);

  /* The export, and the store's writes landed. */
  export = ac_transcript_to_enhanced_json (transcript, ac_call_session_get_id (session), NULL,
                                           ac_call_recorder_get_duration_ms (recorder));
  json = json_to_string (export, TRUE);
  g_assert_nonnull (strstr (json, "\"redactions\""));
  g_assert_nonnull (strstr (json, "\"security-code\""));
  g_assert_true (g_file_set_contents (export_path, json, -1, &error));
  g_assert_no_error (error);
  {
    /* the store's last writes */
    gint64 deadline = g_get_monotonic_time () + 500 * 1000;

    while (g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10 * 1000);
      }
  }

  /* What the backend received: the masked words, in its room and store. */
  ac_test_wait_for (nothing_waiting, sync, 20000);
  {
    g_auto(GStrv) ids = ac_test_backend_dup_conversation_ids (backend);
    g_autofree char *everything = ac_test_backend_dup_json (backend);
    gboolean chip = FALSE;

    g_assert_cmpuint (g_strv_length (ids), ==, 1);
    {
      g_auto(GStrv) said = ac_test_backend_dup_messages (backend, ids[0]);

      g_assert_cmpuint (g_strv_length (said), >=, 3);
      for (guint i = 0; said[i] != NULL; i++)
        {
          g_test_message ("the room got: %s", said[i]);
          g_assert_null (holds_card_data (said[i], strlen (said[i])));
          chip |= strstr (said[i], "[card ••••1111]") != NULL;
        }
    }
    g_assert_true (chip);
    g_assert_null (holds_card_data (everything, strlen (everything)));

    /* its recording stopped for the card details and started again */
    {
      g_autofree char *log = ac_test_backend_dup_recording_log (backend);
      g_autofree char *expected = g_strdup_printf ("stop rec-1\nstart %s\n", ids[0]);

      g_assert_cmpstr (log, ==, expected);
    }
  }

  {
    g_autofree char *found = find_card_data (dir, &n_files);
    g_autofree char *control = g_dir_make_tmp ("card-call-control-XXXXXX", NULL);
    g_autofree char *control_file = g_build_filename (control, "notes.txt", NULL);
    g_autofree char *control_found = NULL;

    /* the database, its WAL, the recording, the export, the log */
    if (found != NULL)
      g_test_message ("%s", found);
    g_assert_null (found);
    g_assert_cmpuint (n_files, >=, 4);

    /* and the search does find the number where it is */
    g_assert_true (g_file_set_contents (control_file, "she said four one one one and so on", -1, NULL));
    control_found = find_card_data (control, &n_files);
    g_assert_nonnull (control_found);
    g_remove (control_file);
    g_rmdir (control);
  }

  fclose (log_file);
  log_file = NULL;

  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }
}

static gboolean
remote_known (gpointer data)
{
  gpointer *args = data;

  return ac_backend_sync_get_remote_id (args[0], ac_call_session_get_id (args[1])) != NULL;
}

static gboolean
log_is (gpointer data)
{
  gpointer *args = data;
  g_autofree char *log = ac_test_backend_dup_recording_log (args[0]);

  return g_strcmp0 (log, args[1]) == 0;
}

/* The agent's Pause Recording stops the server's recording of the call
 * too, and Resume starts a new one. */
static void
test_manual_pause_on_server (void)
{
  g_autofree char *dir = g_dir_make_tmp ("card-pause-XXXXXX", NULL);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(GFile) ogg = g_file_new_build_filename (dir, "call.ogg", NULL);
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(AcTestBackend) backend = ac_test_backend_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendClient) client = ac_backend_client_new (ac_test_backend_get_api_url (backend), NULL, &error);
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(GAsyncResult) login = NULL;
  g_autofree char *ws_url = ac_backend_derive_websocket_url (ac_test_backend_get_api_url (backend));
  g_autoptr(AcBackendSync) sync = NULL;
  g_autoptr(AcCallSession) session = ac_call_session_new ("VOICE", NULL, NULL, NULL);
  g_autoptr(AcCallUploader) uploader = NULL;
  g_autoptr(AcAudioCapture) capture = ac_audio_capture_new ();
  g_autofree char *script = g_test_build_filename (G_TEST_BUILT, "card-call.tsv", NULL);
  g_autoptr(AcTestScriptEngine) engine = ac_test_script_engine_new (script, &error);
  g_autoptr(AcTranscriber) transcriber = ac_transcriber_new (capture, AC_SPEECH_ENGINE (engine), NULL);
  g_autoptr(AcCallRecorder) recorder = ac_call_recorder_new (ogg);
  g_autoptr(AcCardPause) card_pause = NULL;
  gboolean opened = FALSE;
  g_autofree char *expected = NULL;
  gpointer args[2] = { backend, NULL };

  g_assert_no_error (error);
  ac_store_open_async (store, NULL, on_opened, &opened);
  ac_test_wait_for (is_true, &opened, 10000);
  ac_backend_client_login_async (client, AC_TEST_BACKEND_EMAIL, AC_TEST_BACKEND_PASSWORD, NULL,
                                 ac_test_keep_result, &login);
  tokens = ac_backend_client_login_finish (client, ac_test_wait_result (&login), &error);
  g_assert_no_error (error);
  sync = ac_backend_sync_new (store, client, ws_url, "u-1");
  ac_backend_sync_start (sync);
  uploader = ac_call_uploader_new (sync);
  ac_call_uploader_add_call (uploader, session);
  ac_test_wait_for (has_conversation, backend, 5000);
  {
    gpointer known[2] = { sync, session };

    ac_test_wait_for (remote_known, known, 5000);
  }
  {
    g_auto(GStrv) ids = ac_test_backend_dup_conversation_ids (backend);

    ac_test_backend_start_recording (backend, ids[0]);
    expected = g_strdup_printf ("stop rec-1\nstart %s\n", ids[0]);
  }

  g_assert_true (ac_call_recorder_start (recorder, &error));
  card_pause = ac_card_pause_new (transcriber, recorder, 10);
  ac_card_pause_set_backend (card_pause, sync, session);

  ac_call_recorder_set_paused (recorder, TRUE);
  args[1] = "stop rec-1\n";
  ac_test_wait_for (log_is, args, 5000);
  ac_call_recorder_set_paused (recorder, FALSE);
  args[1] = expected;
  ac_test_wait_for (log_is, args, 5000);

  g_assert_true (ac_call_recorder_stop (recorder, NULL));
  g_clear_object (&card_pause);
  ac_store_close (store);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }
}

/* The same call through `--analyze`'s path, on the on-device engine: it
 * cannot read isolated digit prompts, but whatever it makes of them is
 * masked the same way; nothing of the number comes out. */
static void
test_card_call_analyze (void)
{
  g_autofree char *wav = g_test_build_filename (G_TEST_BUILT, "card-call.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (wav);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcTranscript) transcript = ac_analyze_recording (file, NULL, &error);
  g_autoptr(JsonNode) export = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  export = ac_transcript_to_enhanced_json (transcript, "card-call", NULL, 35000);
  json = json_to_string (export, FALSE);
  text = ac_transcript_to_text (transcript);
  g_test_message ("%s", text);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), >, 0);
  g_assert_null (holds_card_data (json, strlen (json)));
  g_assert_null (holds_card_data (text, strlen (text)));
}

int
main (int   argc,
      char *argv[])
{
  /* Every debug message on, into the log the test searches. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  ac_test_init (&argc, &argv);
  g_log_set_writer_func (write_log, NULL, NULL);

  g_test_add_func ("/card-call/nothing-kept", test_card_call);
  g_test_add_func ("/card-call/analyze", test_card_call_analyze);
  g_test_add_func ("/card-call/manual-pause-on-server", test_manual_pause_on_server);

  return g_test_run ();
}
