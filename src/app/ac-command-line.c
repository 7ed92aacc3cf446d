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
#include <stdio.h>

#include "ac-analyze.h"
#include "ac-backend-client.h"
#include "ac-token-store.h"
#include "ac-command-line.h"
#include "ac-customer-import.h"
#include "ac-store.h"
#include "ac-json.h"
#include "ac-sentiment.h"

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
 * ac_command_line_analyze:
 * @path: the recorded call, as given on the command line
 * @as_json: %TRUE for the enhanced transcript JSON, %FALSE for readable text
 *
 * `agent-console --analyze CALL [--json]`: transcribes a recorded call as
 * fast as the computer allows (see ac_analyze_recording()) and prints it.
 *
 * Returns: 0, or 1 with the reason on standard error
 */
int
ac_command_line_analyze (const char *path,
                         gboolean    as_json)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AcTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  gint64 duration_ms = -1;

  g_return_val_if_fail (path != NULL, 1);

  gst_init (NULL, NULL);

  file = g_file_new_for_commandline_arg (path);
  transcript = ac_analyze_recording (file, &duration_ms, &error);
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
 * @email: the agent's email address
 *
 * `agent-console --login URL [--ws-url URL] [--tenant ID] --email ADDRESS`:
 * reads the password from the first line of standard input, signs in
 * (`POST /auth/login`), and keeps what the sign-in dialog keeps: the
 * server settings in GSettings (`backend-mode` `server`, `backend-url`,
 * `websocket-url`, `tenant-id`, `backend-account`) and the tokens in the
 * keyring, nowhere else.
 *
 * Returns: 0, or 1 with the reason on standard error
 */
int
ac_command_line_login (const char *url,
                       const char *ws_url,
                       const char *tenant,
                       const char *email)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(AcBackendClient) client = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(GAsyncResult) kept = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *password = NULL;
  g_autofree char *rooms = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (url != NULL, 1);

  if (email == NULL || email[0] == '\0')
    {
      g_printerr (_("%s: --login needs --email ADDRESS\n"), g_get_prgname ());
      return 2;
    }

  if ((client = ac_backend_client_new (url, tenant, &error)) == NULL)
    return fail (error);
  rooms = ws_url != NULL && ws_url[0] != '\0' ? g_strdup (ws_url) : ac_backend_derive_websocket_url (url);

  password = read_secret_line ();
  if (password == NULL || password[0] == '\0')
    {
      g_printerr (_("%s: the password is read from the first line of standard input, which is empty\n"),
                  g_get_prgname ());
      return 1;
    }

  g_main_context_push_thread_default (context);
  ac_backend_client_login_async (client, email, password, NULL, on_done, &signed_in);
  memset (password, 0, strlen (password));
  tokens = ac_backend_client_login_finish (client, wait_for (context, &signed_in), &error);
  if (tokens != NULL)
    {
      ac_token_store_save_async (ac_backend_client_get_base_url (client), email, tokens, NULL, on_done, &kept);
      ac_token_store_save_finish (wait_for (context, &kept), &error);
    }
  g_main_context_pop_thread_default (context);

  if (error != NULL)
    return fail (error);

  settings = g_settings_new (APP_ID);
  g_settings_delay (settings);
  g_settings_set_string (settings, "backend-url", ac_backend_client_get_base_url (client));
  g_settings_set_string (settings, "websocket-url", rooms != NULL ? rooms : "");
  g_settings_set_string (settings, "tenant-id", tenant != NULL ? tenant : "");
  g_settings_set_string (settings, "backend-account", email);
  g_settings_set_string (settings, "backend-mode", "server");
  g_settings_apply (settings);
  g_settings_sync ();

  /* Translators: after --login; the second %s is the server */
  g_print (_("Signed in as %s to %s; the sign-in is kept in the keyring.\n"), email,
           ac_backend_client_get_base_url (client));
  return 0;
}
