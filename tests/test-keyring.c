/* test-keyring.c
 *
 * The harness's keyring, exercised through libsecret the way the app's
 * token store uses it: store, look up, clear, against the real
 * gnome-keyring-daemon that build-aux/headless starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "ac-test-utils.h"

static const SecretSchema *
test_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Test", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
test_keyring_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *secret = g_strdup_printf ("token-%08x", g_random_int ());
  gboolean ok;

  if (!ac_test_require_harness ("an unlocked gnome-keyring"))
    return;

  ok = secret_password_store_sync (test_schema (), SECRET_COLLECTION_DEFAULT,
                                   "Agent Console test token", secret, NULL, &error,
                                   "server", "https://cc.example.test",
                                   "account", "agent@example.test",
                                   NULL);
  g_assert_no_error (error);
  g_assert_true (ok);

  token = secret_password_lookup_sync (test_schema (), NULL, &error,
                                       "server", "https://cc.example.test",
                                       "account", "agent@example.test",
                                       NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, secret);

  /* Another account on the same server has no token. */
  other = secret_password_lookup_sync (test_schema (), NULL, &error,
                                       "server", "https://cc.example.test",
                                       "account", "someone-else@example.test",
                                       NULL);
  g_assert_no_error (error);
  g_assert_null (other);

  ok = secret_password_clear_sync (test_schema (), NULL, &error,
                                   "server", "https://cc.example.test",
                                   "account", "agent@example.test",
                                   NULL);
  g_assert_no_error (error);
  g_assert_true (ok);

  g_clear_pointer (&token, g_free);
  token = secret_password_lookup_sync (test_schema (), NULL, &error,
                                       "server", "https://cc.example.test",
                                       "account", "agent@example.test",
                                       NULL);
  g_assert_no_error (error);
  g_assert_null (token);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/keyring/store-lookup-clear", test_keyring_store_lookup_clear);

  return g_test_run ();
}
