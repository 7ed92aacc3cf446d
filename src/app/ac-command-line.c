/* ac-command-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <gio/gunixinputstream.h>
#include <libsecret/secret.h>
#include <stdio.h>

#include "ac-analyze.h"
#include "ac-speech-keys.h"
#include "ac-speech-services.h"
#include "ac-backend-client.h"
#include "ac-backend-sync.h"
#include "ac-call-session.h"
#include "ac-call-uploader.h"
#include "ac-token-store.h"
#include "ac-command-line.h"
#include "ac-knowledge.h"
#include "ac-sign-in.h"
#include "ac-customer-import.h"
#include "ac-store.h"
#include "ac-json.h"
#include "ac-sentiment.h"
#include "ac-utterance.h"

/* The commands that run without a window, for scripts and for recorded
 * calls.  Each prints its result on standard output, its errors on
 * standard error, and returns the process's exit status. */

static int
fail (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return 1;
}

/**
 * ac_command_line_set_api_key:
 * @engine: `--set-api-key`: a speech service's name, `assistant` (the AI
 *   provider) or `support-service`
 * @url: (nullable): `--engine-url`: the one server the key is for
 *
 * `agent-console --set-api-key=ENGINE [--engine-url=URL]`: reads the key
 * from standard input (its first line) and keeps it in the keyring
 * (ac_speech_key_store_sync()); it is never printed.
 *
 * Returns: 0, or 1 with the reason on standard error
 */
int
ac_command_line_set_api_key (const char *engine,
                             const char *url)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
  g_autoptr(GError) error = NULL;
  char *key;
  gboolean ok;

  if (!ac_speech_service_is_streaming (engine) && g_strcmp0 (engine, "assistant") != 0 &&
      g_strcmp0 (engine, "support-service") != 0)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a speech service with a key"), engine);
      return fail (error);
    }

  key = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  if (key == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("No key on standard input"));
      return fail (error);
    }
  g_strstrip (key);
  ok = key[0] != '\0' && ac_speech_key_store_sync (engine, url, key, &error);
  secret_password_free (key);
  if (!ok)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The key is empty"));
      return fail (error);
    }
  return 0;
}

/**
 * ac_command_line_clear_api_key:
 * @engine: `--clear-api-key`: a speech service's name
 * @url: (nullable): `--engine-url`: the server whose key goes
 *
 * Returns: 0, or 1 with the reason on standard error
 */
int
ac_command_line_clear_api_key (const char *engine,
                               const char *url)
{
  g_autoptr(GError) error = NULL;

  if (!ac_speech_key_clear_sync (engine, url, &error))
    return fail (error);
  return 0;
}

/**
 * ac_command_line_analyze:
 * @path: the recorded call, as given on the command line
 * @as_json: %TRUE for the enhanced transcript JSON, %FALSE for readable text
 * @engine_name: (nullable): `--engine`: a speech engine's name
 *   (ac_speech_service_names()), %NULL for the embedded one
 * @engine_url: (nullable): `--engine-url`: the service's address
 * @allow_insecure: `--allow-insecure`: `ws://` to another computer
 *
 * `agent-console [--engine=ENGINE [--engine-url=URL]] --analyze CALL
 * [--json]`: transcribes a recorded call as fast as the engine allows (see
 * ac_analyze_recording_with()) and prints it.
 *
 * Returns: 0, or 1 with the reason on standard error
 */
int
ac_command_line_analyze (const char *path,
                         gboolean    as_json,
                         const char *engine_name,
                         const char *engine_url,
                         gboolean    allow_insecure)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AcTranscript) transcript = NULL;
  g_autoptr(AcSpeechEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  gint64 duration_ms = -1;

  g_return_val_if_fail (path != NULL, 1);

  gst_init (NULL, NULL);

  if (engine_name != NULL && !g_str_equal (engine_name, "pocketsphinx"))
    {
      /* The service's key, from the keyring only. */
      char *key = ac_speech_service_is_streaming (engine_name)
                  ? ac_speech_key_lookup_sync (engine_name, engine_url, &error) : NULL;

      if (error != NULL)
        return fail (error);
      engine = ac_speech_engine_new_for_service (engine_name, engine_url, allow_insecure, key, NULL, NULL, &error);
      secret_password_free (key);
      if (engine == NULL)
        return fail (error);
    }

  file = g_file_new_for_commandline_arg (path);
  transcript = ac_analyze_recording_with (file, engine, &duration_ms, &error);
  if (transcript == NULL)
    return fail (error);

  if (as_json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *sid = g_file_get_basename (file);
      g_autofree char *text = NULL;

      root = ac_transcript_to_enhanced_json (transcript, sid, NULL, duration_ms);
      text = ac_json_to_string (root, TRUE);
      /* Bytes as they are: the format is UTF-8 whatever the locale. */
      fputs (text, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      g_autofree char *text = ac_transcript_to_text (transcript);

      g_print ("%s", text);
      fflush (stdout);
    }

  return 0;
}

/**
 * ac_command_line_score_text:
 * @model_name: (nullable): `contact-center` (the default) or `vader`
 *
 * `agent-console --score-text [--sentiment-model=MODEL]`: reads one
 * utterance per line on standard input and writes one JSON object per line
 * (see ac_sentiment_to_json()).  Lines that are not UTF-8 are repaired;
 * an empty line gives a neutral result.
 *
 * Returns: 0, or 2 for an unknown model, 1 if standard input fails
 */
int
ac_command_line_score_text (const char *model_name)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  AcSentimentModel model = AC_SENTIMENT_MODEL_CONTACT_CENTER;
  g_autoptr(GError) error = NULL;
  char *line;
  gsize length;

  if (model_name != NULL && !ac_sentiment_model_from_string (model_name, &model))
    {
      g_printerr (_("%s: unknown sentiment model “%s” (use contact-center or vader)\n"),
                  g_get_prgname (), model_name);
      return 2;
    }

  /* One utterance may be long (a pasted document): no line limit. */
  while ((line = g_data_input_stream_read_line (data, &length, NULL, &error)) != NULL)
    {
      g_autoptr(AcSentiment) sentiment = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';

      sentiment = ac_sentiment_analyze (model, line);
      g_free (line);

      node = ac_sentiment_to_json (sentiment);
      json = ac_json_to_string (node, FALSE);
      fputs (json, stdout);
      fputc ('\n', stdout);
    }

  fflush (stdout);

  if (error != NULL)
    return fail (error);

  return 0;
}

/**
 * ac_command_line_redact:
 * @redactor: (transfer none): the redactor, its categories set from the
 *   settings
 *
 * `agent-console --redact`: reads one utterance per line on standard input,
 * as consecutive final hypotheses of one speaker (so a number read across
 * two lines is found), and writes one JSON object per line: `{"text":
 * masked, "spans": [{"category", "start", "end"}]}`, offsets in characters
 * of the masked text (see [struct@RedactionSpan]).  Lines that are not
 * UTF-8 are repaired.
 *
 * Returns: 0, or 1 if standard input fails
 */
int
ac_command_line_redact (AcRedactor *redactor)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(GError) error = NULL;
  char *line;
  gsize length;

  while ((line = g_data_input_stream_read_line (data, &length, NULL, &error)) != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GArray) spans = NULL;
      g_autofree char *masked = NULL;
      g_autofree char *json = NULL;

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';

      masked = ac_redactor_redact (redactor, 0, line, -1, -1, NULL, 0, TRUE, &spans);
      g_free (line);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, masked);
      json_builder_set_member_name (builder, "spans");
      json_builder_begin_array (builder);
      for (guint i = 0; i < spans->len; i++)
        {
          const AcRedactionSpan *span = &g_array_index (spans, AcRedactionSpan, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "category");
          json_builder_add_string_value (builder, ac_redaction_category_to_string (span->category));
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, span->start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, span->end);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      node = json_builder_get_root (builder);
      json = ac_json_to_string (node, FALSE);
      fputs (json, stdout);
      fputc ('\n', stdout);
    }

  fflush (stdout);

  if (error != NULL)
    return fail (error);

  return 0;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GMainContext  *context,
          GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);

  return *slot;
}

/**
 * ac_command_line_purge:
 * @settings: the retention settings
 *
 * `agent-console --purge`: applies the retention settings now (Preferences
 * → Privacy): deletes recordings and calls past their time from the
 * store, writes the purge to the audit trail, and prints what it removed.
 *
 * Returns: 0, or 1 if the store cannot be opened or written
 */
int
ac_command_line_purge (AcSettings *settings)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(AcStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) purged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *actor = ac_settings_dup_actor (settings);
  guint recording_days = ac_settings_get_recording_retention_days (settings);
  guint transcript_days = ac_settings_get_transcript_retention_days (settings);
  AcPurgeCounts counts;

  g_main_context_push_thread_default (context);
  store = ac_store_new (ac_store_get_default_file ());
  ac_store_open_async (store, NULL, on_done, &opened);
  if (ac_store_open_finish (store, wait_for (context, &opened), &error))
    {
      ac_store_purge_async (store, now, recording_days, transcript_days, actor, NULL, on_done, &purged);
      if (ac_store_purge_finish (store, wait_for (context, &purged), &counts, &error))
        {
          g_autofree char *kept_recordings = recording_days > 0
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", recording_days), recording_days)
            : g_strdup (_("for ever"));
          g_autofree char *kept_calls = transcript_days > 0
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", transcript_days), transcript_days)
            : g_strdup (_("for ever"));

          /* Translators: what --purge did; the last two are “90 days” or “for ever” */
          g_print (_("Removed %u calls and %u recordings (recordings are kept %s, calls %s)\n"), counts.calls,
                   counts.recordings, kept_recordings, kept_calls);
          if (counts.files_missing > 0)
            g_print (_("%u recording files were already gone\n"), counts.files_missing);
        }
    }
  ac_store_close (store);
  g_main_context_pop_thread_default (context);

  if (error != NULL)
    return fail (error);
  return 0;
}

/**
 * ac_command_line_import_customers:
 * @path: the CSV file, as given on the command line
 *
 * `agent-console --import-customers FILE.csv`: checks every row (see
 * ac_customer_import_parse()), reports the bad ones by line on standard
 * error, and adds or updates the rest, by account number, in the local
 * store in one transaction.
 *
 * Returns: 0 if every row was imported, 3 if some were left out (and the
 *   rest imported), 1 if nothing could be imported
 */
int
ac_command_line_import_customers (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFile) db = ac_store_get_default_file ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(AcCustomerImport) import = NULL;
  g_autoptr(AcStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  AcImportCounts counts = { 0, 0 };
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      g_printerr (_("%s: cannot read “%s”: %s\n"), g_get_prgname (), name, error->message);
      return 1;
    }

  import = ac_customer_import_parse (contents, length, &error);
  if (import == NULL)
    {
      g_printerr ("%s: %s: %s\n", g_get_prgname (), name, error->message);
      return 1;
    }

  for (guint i = 0; i < import->problems->len; i++)
    {
      AcImportProblem *problem = &g_array_index (import->problems, AcImportProblem, i);

      /* Translators: “customers.csv:7: balance “1,5” is not an amount…” */
      g_printerr ("%s:%u: %s\n", name, problem->line, problem->message);
    }

  if (import->rows->len > 0)
    {
      g_main_context_push_thread_default (context);
      store = ac_store_new (db);
      ac_store_open_async (store, NULL, on_done, &opened);
      if (ac_store_open_finish (store, wait_for (context, &opened), &error))
        {
          ac_store_import_customers_async (store, import->rows, NULL, on_done, &imported);
          ac_store_import_customers_finish (store, wait_for (context, &imported), &counts, &error);
        }
      ac_store_close (store);
      g_main_context_pop_thread_default (context);

      if (error != NULL)
        return fail (error);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u customer added, %u updated, %u row left out, of %u.\n",
                        "%u customers added, %u updated, %u rows left out, of %u.\n",
                        counts.added),
           counts.added, counts.updated, import->problems->len, import->n_rows);

  return import->problems->len == 0 ? 0 : import->rows->len > 0 ? 3 : 1;
}

/**
 * ac_command_line_import_knowledge:
 * @path: the knowledge base's folder, as given on the command line
 *
 * `agent-console --import-knowledge DIR`: imports the folder's articles
 * into the local store (see ac_store_import_knowledge_async()), prints
 * what changed, and the files it could not read on standard error.
 *
 * Returns: 0, 3 if some files were skipped, 1 if nothing could be imported
 */
int
ac_command_line_import_knowledge (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_commandline_arg (path);
  g_autoptr(GFile) db = ac_store_get_default_file ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(AcStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcKnowledgeImport) counts = NULL;

  g_main_context_push_thread_default (context);
  store = ac_store_new (db);
  ac_store_open_async (store, NULL, on_done, &opened);
  if (ac_store_open_finish (store, wait_for (context, &opened), &error))
    {
      ac_store_import_knowledge_async (store, folder, NULL, on_done, &imported);
      counts = ac_store_import_knowledge_finish (store, wait_for (context, &imported), &error);
    }
  ac_store_close (store);
  g_main_context_pop_thread_default (context);
  if (counts == NULL)
    return fail (error);

  if (counts->problems != NULL)
    g_printerr ("%s\n", counts->problems);
  /* Translators: what importing a knowledge base did */
  g_print (_("Knowledge base: %u articles added, %u updated, %u removed, %u unchanged, %u files skipped.\n"),
           counts->added, counts->updated, counts->removed, counts->unchanged, counts->skipped);
  return counts->skipped == 0 ? 0 : counts->added + counts->updated + counts->unchanged > 0 ? 3 : 1;
}

/* How many of the customer's latest utterances a suggestion's search reads:
 * what the customer is talking about now. */
#define SUGGEST_WINDOW 3

/**
 * ac_command_line_suggest:
 *
 * `agent-console --suggest`: reads a call's customer utterances on
 * standard input, one per line, and writes one JSON object per line:
 * `{"utterance", "suggestions": [{"article", "title", "passage", "score",
 * "why"}]}`, the top three articles of the knowledge base for the call so
 * far (its last three utterances), as the Suggestions page shows them.
 *
 * Returns: 0, or 1 if the store or standard input fails
 */
int
ac_command_line_suggest (void)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(GFile) db = ac_store_get_default_file ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(AcStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  char *line;
  gsize length;
  int status = 0;

  g_main_context_push_thread_default (context);
  store = ac_store_new (db);
  ac_store_open_async (store, NULL, on_done, &opened);
  if (!ac_store_open_finish (store, wait_for (context, &opened), &error))
    {
      g_main_context_pop_thread_default (context);
      return fail (error);
    }

  while ((line = g_data_input_stream_read_line_utf8 (data, &length, NULL, &error)) != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) suggestions = NULL;
      g_autofree char *query = NULL;
      g_autofree char *json = NULL;

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';
      g_ptr_array_add (said, line);
      if (said->len > SUGGEST_WINDOW)
        g_ptr_array_remove_index (said, 0);
      g_ptr_array_add (said, NULL);
      query = ac_knowledge_query ((const char * const *) said->pdata);
      g_ptr_array_remove_index (said, said->len - 1);
      if (query != NULL)
        {
          g_autoptr(GAsyncResult) found = NULL;

          ac_store_suggest_async (store, query, 3, NULL, on_done, &found);
          suggestions = ac_store_suggest_finish (store, wait_for (context, &found), &error);
          if (suggestions == NULL)
            {
              status = fail (g_steal_pointer (&error));
              break;
            }
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "utterance");
      json_builder_add_string_value (builder, line);
      json_builder_set_member_name (builder, "suggestions");
      json_builder_begin_array (builder);
      for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
        {
          AcSuggestion *suggestion = suggestions->pdata[i];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "article");
          json_builder_add_string_value (builder, suggestion->article);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, suggestion->title);
          json_builder_set_member_name (builder, "passage");
          json_builder_add_string_value (builder, suggestion->passage);
          json_builder_set_member_name (builder, "score");
          json_builder_add_double_value (builder, suggestion->score);
          json_builder_set_member_name (builder, "why");
          json_builder_add_string_value (builder, suggestion->why);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      json = ac_json_to_string (node, FALSE);
      fputs (json, stdout);
      fputc ('\n', stdout);
      fflush (stdout);
    }
  if (error != NULL)
    {
      g_printerr (_("%s: standard input cannot be read: %s\n"), g_get_prgname (), error->message);
      status = 1;
    }
  ac_store_close (store);
  g_main_context_pop_thread_default (context);
  return status;
}

/* The first line of standard input, without its line end: a password
 * piped in, never echoed or kept. */
static char *
read_secret_line (void)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &error);

  if (line != NULL)
    g_strchomp (line);
  return line;
}

/**
 * ac_command_line_login:
 * @url: the backend's API address, such as `https://cc.example.com/api`
 * @ws_url: (nullable): its rooms' WebSocket address; %NULL to derive it
 *   (see ac_backend_derive_websocket_url())
 * @tenant: (nullable): the team's tenant id
 * @allow_insecure: %TRUE to allow plain http/ws to another computer
 * @email: the agent's email address
 *
 * `agent-console --login URL [--ws-url URL] [--tenant ID] [--allow-insecure]
 * --email ADDRESS`: reads the password from the first line of standard
 * input and signs in exactly as the sign-in dialog does (see
 * ac_sign_in_async()): the server settings in GSettings, the tokens in the
 * keyring, nowhere else.
 *
 * Returns: 0, 1 with the reason on standard error, 2 for a missing option
 */
int
ac_command_line_login (const char *url,
                       const char *ws_url,
                       const char *tenant,
                       gboolean    allow_insecure,
                       const char *email)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(AcSettings) settings = NULL;
  g_autofree char *password = NULL;
  g_autofree char *kept_url = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (url != NULL, 1);

  if (email == NULL || email[0] == '\0')
    {
      g_printerr (_("%s: --login needs --email ADDRESS\n"), g_get_prgname ());
      return 2;
    }

  password = read_secret_line ();
  if (password == NULL || password[0] == '\0')
    {
      g_printerr (_("%s: the password is read from the first line of standard input, which is empty\n"),
                  g_get_prgname ());
      return 1;
    }

  settings = ac_settings_new ();
  g_main_context_push_thread_default (context);
  ac_sign_in_async (settings, url, ws_url, tenant, allow_insecure, email, password, NULL, on_done, &signed_in);
  secret_password_wipe (password);
  ac_sign_in_finish (wait_for (context, &signed_in), &error);
  g_main_context_pop_thread_default (context);

  if (error != NULL)
    return fail (error);

  kept_url = g_strdup (ac_settings_get_backend_url (settings));
  /* Translators: after --login; the second %s is the server */
  g_print (_("Signed in as %s to %s; the sign-in is kept in the keyring.\n"), email, kept_url);
  return 0;
}

/* How long --upload waits for the server before leaving the rest to the
 * outbox (sent at the next start). */
#define UPLOAD_PATIENCE_S 120

typedef struct
{
  gboolean done;
  gboolean timed_out;
} Upload;

static gboolean
upload_timed_out (gpointer data)
{
  Upload *upload = data;

  upload->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* The signed-in client of the settings (as --login or the sign-in dialog
 * left them), with its tokens from the keyring. */
static AcBackendClient *
client_from_settings (GMainContext  *context,
                      char         **websocket_url,
                      char         **account,
                      GError       **error)
{
  g_autoptr(AcSettings) settings = ac_settings_new ();
  const char *mode = ac_settings_get_backend_mode (settings);
  const char *url = ac_settings_get_backend_url (settings);
  const char *rooms = ac_settings_get_websocket_url (settings);
  const char *tenant = ac_settings_get_tenant_id (settings);
  const char *email = ac_settings_get_backend_account (settings);
  g_autoptr(AcBackendClient) client = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;

  if (!g_str_equal (mode, "server") || url[0] == '\0' || email[0] == '\0')
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH,
                           _("No backend is set up: sign in first with --login URL --email ADDRESS"));
      return NULL;
    }
  if ((client = ac_backend_client_new_full (url, tenant, ac_settings_get_backend_allow_insecure (settings),
                                            error)) == NULL)
    return NULL;

  ac_token_store_load_async (url, email, NULL, on_done, &loaded);
  tokens = ac_token_store_load_finish (wait_for (context, &loaded), error);
  if (tokens == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH,
                     _("You are not signed in to %s: sign in again with --login"), url);
      return NULL;
    }
  ac_backend_client_set_tokens (client, tokens);

  *websocket_url = rooms[0] != '\0' ? g_strdup (rooms) : ac_backend_derive_websocket_url (url);
  *account = g_strdup (email);
  return g_steal_pointer (&client);
}

static void
on_upload_progress (AcBackendSync *sync,
                    GParamSpec    *pspec,
                    Upload        *upload)
{
  AcBackendSyncState state = ac_backend_sync_get_state (sync);

  if (state == AC_BACKEND_SYNC_SIGNED_OUT ||
      (state == AC_BACKEND_SYNC_CONNECTED && ac_backend_sync_get_n_waiting (sync) == 0))
    upload->done = TRUE;
}

/**
 * ac_command_line_upload:
 * @path: the recorded call, as given on the command line
 * @caller: (nullable): the caller's number: the conversation is created
 *   for the backend's customer with that number
 *
 * `agent-console --analyze CALL --upload [--caller NUMBER]`: transcribes
 * a recorded call and sends it to the backend signed in with --login as if
 * it had been live: the conversation created, each final utterance
 * through its room in order, then its end.  Everything goes through the
 * outbox, so what the server does not confirm within two minutes is sent
 * at the next start.  Prints the server's id of the conversation.
 *
 * Returns: 0; 1 with the reason on standard error; 3 when part of the
 *   call still waits in the outbox
 */
int
ac_command_line_upload (const char *path,
                        const char *caller)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(AcTranscript) transcript = NULL;
  g_autoptr(AcBackendClient) client = NULL;
  g_autoptr(AcBackendSync) sync = NULL;
  g_autoptr(AcCallUploader) uploader = NULL;
  g_autoptr(AcCallSession) session = NULL;
  g_autoptr(AcCustomer) customer = NULL;
  g_autoptr(AcStore) store = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *websocket_url = NULL;
  g_autofree char *account = NULL;
  g_autofree char *remote_id = NULL;
  Upload upload = { FALSE, FALSE };
  gint64 duration_ms = -1;
  GSource *patience;
  guint waiting = 0;

  g_return_val_if_fail (path != NULL, 1);

  gst_init (NULL, NULL);
  g_main_context_push_thread_default (context);

  client = client_from_settings (context, &websocket_url, &account, &error);
  if (client == NULL)
    goto out;
  ac_token_store_keep_rotated (client, account);

  file = g_file_new_for_commandline_arg (path);
  transcript = ac_analyze_recording (file, &duration_ms, &error);
  if (transcript == NULL)
    goto out;

  if (caller != NULL && caller[0] != '\0')
    {
      g_autoptr(GAsyncResult) found = NULL;
      g_autoptr(GListModel) customers = NULL;
      g_autofree char *number = ac_backend_phone_number (caller);

      ac_backend_client_search_customers_async (client, NULL, number != NULL ? number : caller, NULL, NULL, 5, 0,
                                                NULL, on_done, &found);
      customers = ac_backend_client_search_customers_finish (client, wait_for (context, &found), NULL, &error);
      if (customers == NULL)
        goto out;
      if (g_list_model_get_n_items (customers) > 0)
        customer = g_list_model_get_item (customers, 0);
      else
        g_printerr (_("%s: no customer on the server has the number %s; the call is uploaded without one\n"),
                    g_get_prgname (), caller);
    }

  store = ac_store_new (ac_store_get_default_file ());
  ac_store_open_async (store, NULL, on_done, &opened);
  if (!ac_store_open_finish (store, wait_for (context, &opened), &error))
    goto out;

  sync = ac_backend_sync_new (store, client, websocket_url, NULL);
  g_signal_connect (sync, "notify::state", G_CALLBACK (on_upload_progress), &upload);
  g_signal_connect (sync, "notify::n-waiting", G_CALLBACK (on_upload_progress), &upload);
  ac_backend_sync_start (sync);

  /* The recorded call is played into a call session as if it were live:
   * the same way to the backend as the window's calls. */
  if (customer != NULL)
    ac_backend_sync_note_customer (sync, ac_customer_get_id (customer));
  session = ac_call_session_new ("VOICE", customer != NULL ? caller : NULL, NULL, NULL);
  uploader = ac_call_uploader_new (sync);
  ac_call_uploader_add_call (uploader, session);
  ac_call_session_set_customer (session, customer);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (transcript)); i++)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (G_LIST_MODEL (transcript), i);

      if (ac_utterance_get_is_final (utterance) && ac_utterance_get_text (utterance)[0] != '\0')
        ac_transcript_add (ac_call_session_get_transcript (session), utterance);
    }
  ac_call_session_end (session, MAX (duration_ms, 0));

  patience = g_timeout_source_new_seconds (UPLOAD_PATIENCE_S);
  g_source_set_callback (patience, upload_timed_out, &upload, NULL);
  g_source_attach (patience, context);
  while (!upload.done && !upload.timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (patience);
  g_source_unref (patience);

  waiting = ac_backend_sync_get_n_waiting (sync);
  remote_id = g_strdup (ac_backend_sync_get_remote_id (sync, ac_call_session_get_id (session)));
  if (ac_backend_sync_get_state (sync) == AC_BACKEND_SYNC_SIGNED_OUT)
    g_set_error_literal (&error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH,
                         _("The server refused the sign-in: sign in again with --login"));

  g_clear_object (&uploader);
  g_clear_object (&sync);
  /* What is queued is written before the process goes. */
  ac_store_close (store);

out:
  g_main_context_pop_thread_default (context);
  if (error != NULL)
    return fail (error);
  if (waiting > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: the server did not take everything in time; %u change waits in the outbox and goes at the next start\n",
                               "%s: the server did not take everything in time; %u changes wait in the outbox and go at the next start\n",
                               waiting),
                  g_get_prgname (), waiting);
      if (remote_id != NULL)
        g_print ("%s\n", remote_id);
      return 3;
    }
  g_print ("%s\n", remote_id);
  return 0;
}
