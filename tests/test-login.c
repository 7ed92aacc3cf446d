/* test-login.c
 *
 * `agent-console --login`, the real binary against the test backend on
 * 127.0.0.1, with the harness's real gnome-keyring: the tokens go into the
 * keyring and nowhere else — not the settings, not the output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ac-test-backend.h"
#include "ac-test-utils.h"
#include "ac-token-store.h"

typedef struct
{
  int    status;
  char  *out;
  char  *err;
  char  *settings;   /* the keyfile the app's settings were written to */
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run->settings);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the app with a settings keyfile of its own, the password on
 * standard input. */
static void
run_login (Run         *run,
           const char  *config_dir,
           const char  *password,
           const char  *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autofree char *keyfile = g_build_filename (config_dir, "glib-2.0", "settings", "keyfile", NULL);

  g_ptr_array_add (argv, (gpointer) g_getenv ("AC_AGENT_CONSOLE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Every debug message too: no token may reach the logs either. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", config_dir, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);

  if (!g_file_get_contents (keyfile, &run->settings, NULL, NULL))
    run->settings = g_strdup ("");
}

static AcBackendTokens *
kept_tokens (const char *server,
             const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AcBackendTokens *tokens;

  ac_token_store_load_async (server, account, NULL, ac_test_keep_result, &result);
  tokens = ac_token_store_load_finish (ac_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return tokens;
}

static void
forget (const char *server,
        const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ac_token_store_clear_async (server, account, NULL, ac_test_keep_result, &result);
  g_assert_true (ac_token_store_clear_finish (ac_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_login (void)
{
  g_autoptr(AcTestBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(AcBackendTokens) none = NULL;
  const char *url;

  if (!ac_test_require_harness ("an unlocked gnome-keyring"))
    return;

  backend = ac_test_backend_new ();
  url = ac_test_backend_get_api_url (backend);
  config = g_dir_make_tmp ("ac-test-login-XXXXXX", &error);
  g_assert_no_error (error);
  forget (url, AC_TEST_BACKEND_EMAIL);

  /* A wrong password: refused, nothing kept. */
  {
    g_auto(Run) run = { 0, };
    const char *args[] = { "--login", url, "--email", AC_TEST_BACKEND_EMAIL, NULL };

    run_login (&run, config, "hunter2", args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Invalid credentials"));
    g_assert_null (strstr (run.settings, "server"));
    none = kept_tokens (url, AC_TEST_BACKEND_EMAIL);
    g_assert_null (none);
  }

  /* Plain http to another computer is refused before anything is sent. */
  {
    g_auto(Run) run = { 0, };
    const char *args[] = { "--login", "http://cc.example.com/api", "--email", AC_TEST_BACKEND_EMAIL, NULL };

    run_login (&run, config, AC_TEST_BACKEND_PASSWORD, args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "https://"));
  }

  /* Signed in: the settings say where, the keyring holds the tokens, and
   * no token is anywhere else. */
  {
    g_auto(Run) run = { 0, };
    const char *args[] = { "--login", url, "--tenant", "tenant-42", "--email", AC_TEST_BACKEND_EMAIL, NULL };
    g_autofree char *tenant = NULL;

    run_login (&run, config, AC_TEST_BACKEND_PASSWORD, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, AC_TEST_BACKEND_EMAIL));
    g_assert_nonnull (strstr (run.settings, "backend-mode='server'"));
    g_assert_nonnull (strstr (run.settings, "tenant-id='tenant-42'"));
    /* No --ws-url: derived from the server's address each time. */
    g_assert_null (strstr (run.settings, "websocket-url='ws"));
    g_assert_nonnull (strstr (run.settings, "backend-account='" AC_TEST_BACKEND_EMAIL "'"));
    tenant = ac_test_backend_dup_last_header (backend, "X-Tenant-ID");
    g_assert_cmpstr (tenant, ==, "tenant-42");

    tokens = kept_tokens (url, AC_TEST_BACKEND_EMAIL);
    g_assert_nonnull (tokens);
    g_assert_nonnull (tokens->refresh_token);
    g_assert_cmpint (tokens->expires_at, >, g_get_real_time () / G_USEC_PER_SEC);
    for (const char *where[] = { run.out, run.err, run.settings, NULL }, **w = where; *w != NULL; w++)
      {
        g_assert_null (strstr (*w, tokens->access_token));
        g_assert_null (strstr (*w, tokens->refresh_token));
        g_assert_null (strstr (*w, AC_TEST_BACKEND_PASSWORD));
      }
  }

  /* Signing out clears them. */
  forget (url, AC_TEST_BACKEND_EMAIL);
  {
    g_autoptr(AcBackendTokens) gone = kept_tokens (url, AC_TEST_BACKEND_EMAIL);

    g_assert_null (gone);
  }

  {
    g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
    g_autofree char *dir1 = g_build_filename (config, "glib-2.0", "settings", NULL);
    g_autofree char *dir2 = g_build_filename (config, "glib-2.0", NULL);

    g_unlink (keyfile);
    g_rmdir (dir1);
    g_rmdir (dir2);
    g_rmdir (config);
  }
}

/* "speaker: text" of each final utterance of `--analyze --json`'s output */
static GStrv
analyzed_lines (const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  JsonArray *flow;

  g_assert_nonnull (root);
  flow = json_object_get_array_member (json_node_get_object (root), "conversation_flow");
  for (guint i = 0; i < json_array_get_length (flow); i++)
    {
      JsonObject *turn = json_array_get_object_element (flow, i);
      JsonObject *speaker = json_object_get_object_member (turn, "speaker");
      g_autofree char *line = g_strconcat (json_object_get_string_member (speaker, "role"), ": ",
                                           json_object_get_string_member (turn, "text"), NULL);

      g_strv_builder_add (lines, line);
    }
  return g_strv_builder_end (lines);
}

/* `--analyze CALL --upload --caller NUMBER`: the real app streams the
 * sample call into the test backend's room as if it were live; the
 * backend gets every final utterance, in order, for the caller's
 * customer, and the call's end.  No token in the database or the output. */
static void
test_upload (void)
{
  g_autoptr(AcTestBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *call = g_build_filename (g_getenv ("AC_SAMPLES_DIR"), "sample-call.flac", NULL);
  g_auto(GStrv) expected = NULL;
  g_auto(GStrv) stored = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autofree char *row = NULL;
  g_autofree char *remote = NULL;
  g_autofree char *database = NULL;
  gsize database_length;
  const char *url;

  if (!ac_test_require_harness ("an unlocked gnome-keyring"))
    return;

  backend = ac_test_backend_new ();
  url = ac_test_backend_get_api_url (backend);
  config = g_dir_make_tmp ("ac-test-upload-XXXXXX", &error);
  g_assert_no_error (error);

  /* Not signed in yet: a clear refusal. */
  {
    g_auto(Run) run = { 0, };
    const char *args[] = { "--analyze", call, "--upload", NULL };

    run_login (&run, config, "", args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "--login"));
  }
  {
    g_auto(Run) run = { 0, };
    const char *args[] = { "--login", url, "--email", AC_TEST_BACKEND_EMAIL, NULL };

    run_login (&run, config, AC_TEST_BACKEND_PASSWORD, args);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0, };
    const char *args[] = { "--analyze", call, "--json", NULL };

    run_login (&run, config, "", args);
    g_assert_cmpint (run.status, ==, 0);
    expected = analyzed_lines (run.out);
    g_assert_cmpuint (g_strv_length (expected), >, 5);
  }
  {
    g_auto(Run) run = { 0, };
    const char *args[] = { "--analyze", call, "--upload", "--caller", "+1 555 123 4567", NULL };

    run_login (&run, config, "", args);
    g_assert_cmpint (run.status, ==, 0);
    remote = g_strstrip (g_strdup (run.out));
    tokens = kept_tokens (url, AC_TEST_BACKEND_EMAIL);
    g_assert_nonnull (tokens);
    g_assert_null (strstr (run.out, tokens->access_token));
    g_assert_null (strstr (run.err, tokens->access_token));
    /* The logs were there to look in, debug messages included. */
    g_assert_nonnull (strstr (run.err, "-DEBUG"));
  }

  stored = ac_test_backend_dup_messages (backend, remote);
  g_assert_cmpstrv (stored, expected);
  row = ac_test_backend_dup_conversation (backend, remote);
  /* ended the contract's way */
  g_assert_nonnull (strstr (row, "\"status\":\"ENDED\""));
  g_assert_nonnull (strstr (row, "\"customer_id\":\"c-1\""));

  /* The outbox in the database is empty again, and held no token. */
  database = g_build_filename (config, "agent-console", "agent-console.db", NULL);
  {
    g_autofree char *bytes = NULL;

    g_assert_true (g_file_get_contents (database, &bytes, &database_length, NULL));
    g_assert_null (g_strstr_len (bytes, database_length, tokens->access_token));
    g_assert_null (g_strstr_len (bytes, database_length, tokens->refresh_token));
  }

  forget (url, AC_TEST_BACKEND_EMAIL);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", config);

    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/login/keyring", test_login);
  g_test_add_func ("/login/upload", test_upload);

  return g_test_run ();
}
