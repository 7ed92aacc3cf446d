/* ac-speech-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-speech"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "ac-speech-keys.h"

/* A speech service's API key lives in the keyring (libsecret) and nowhere
 * else: not in GSettings, the database, logs, exports, the command line
 * or the environment.  Its attributes are the engine's name and, when the
 * key belongs to one server, that server's URL; a key stored for the
 * engine alone (URL "") serves every URL of it. */

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".SpeechKey", SECRET_SCHEMA_NONE,
    {
      { "engine", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * ac_speech_key_store_sync:
 * @engine: the engine's name, such as `deepgram`
 * @url: (nullable): the server the key belongs to; %NULL or empty for any
 *   server of the engine
 * @key: the API key
 * @error: return location for an error
 *
 * Keeps @key in the keyring, replacing the one stored for the same engine
 * and URL.  Blocks on the keyring: for the command line and tests.
 *
 * Returns: whether it is stored
 */
gboolean
ac_speech_key_store_sync (const char  *engine,
                          const char  *url,
                          const char  *key,
                          GError     **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (engine != NULL && key != NULL, FALSE);

  /* Translators: the keyring's label for a key, e.g. “Agent Console: deepgram API key” */
  label = g_strdup_printf (_("Agent Console: %s API key"), engine);
  if (!secret_password_store_sync (key_schema (), SECRET_COLLECTION_DEFAULT, label, key, NULL, error,
                                   "engine", engine, "url", url != NULL ? url : "", NULL))
    {
      g_prefix_error (error, _("The key could not be kept in the keyring: "));
      return FALSE;
    }
  return TRUE;
}

/**
 * ac_speech_key_lookup_sync:
 * @engine: the engine's name
 * @url: (nullable): the server it is for
 * @error: return location for an error
 *
 * The key for @engine at @url: the one stored for that URL, else the
 * engine's own.
 *
 * Returns: (transfer full) (nullable): the key (free it with
 *   secret_password_free()), or %NULL if none is stored or on an error
 */
char *
ac_speech_key_lookup_sync (const char  *engine,
                           const char  *url,
                           GError     **error)
{
  char *key = NULL;

  g_return_val_if_fail (engine != NULL, NULL);

  if (url != NULL && url[0] != '\0')
    key = secret_password_lookup_sync (key_schema (), NULL, error, "engine", engine, "url", url, NULL);
  if (key == NULL && (error == NULL || *error == NULL))
    key = secret_password_lookup_sync (key_schema (), NULL, error, "engine", engine, "url", "", NULL);
  if (error != NULL && *error != NULL)
    g_prefix_error (error, _("The keyring cannot be read: "));
  return key;
}

/**
 * ac_speech_key_clear_sync:
 * @engine: the engine's name
 * @url: (nullable): the server; %NULL or empty for the engine's own key
 * @error: return location for an error
 *
 * Returns: %FALSE only on an error (no key stored is not one)
 */
gboolean
ac_speech_key_clear_sync (const char  *engine,
                          const char  *url,
                          GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (engine != NULL, FALSE);

  secret_password_clear_sync (key_schema (), NULL, &local, "engine", engine, "url", url != NULL ? url : "", NULL);
  if (local != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("The key could not be removed: "));
      return FALSE;
    }
  return TRUE;
}
