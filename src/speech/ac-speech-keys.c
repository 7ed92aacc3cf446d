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

typedef struct
{
  char *engine;
  char *url;
  char *key;   /* secret_password_free() */
} KeyJob;

static void
key_job_free (gpointer data)
{
  KeyJob *job = data;

  g_free (job->engine);
  g_free (job->url);
  secret_password_free (job->key);
  g_free (job);
}

static void
lookup_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  KeyJob *job = data;
  GError *error = NULL;
  char *key = ac_speech_key_lookup_sync (job->engine, job->url, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
}

/**
 * ac_speech_key_lookup_async:
 * @engine: the engine's name
 * @url: (nullable): the server it is for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the key
 * @user_data: data for @callback
 *
 * ac_speech_key_lookup_sync() on a worker thread, for the window.
 */
void
ac_speech_key_lookup_async (const char          *engine,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KeyJob *job = g_new0 (KeyJob, 1);

  job->engine = g_strdup (engine);
  job->url = g_strdup (url);
  g_task_set_source_tag (task, ac_speech_key_lookup_async);
  g_task_set_task_data (task, job, key_job_free);
  g_task_run_in_thread (task, lookup_in_thread);
}

/**
 * ac_speech_key_lookup_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the key (free it with
 *   secret_password_free()), or %NULL if none is stored or on an error
 */
char *
ac_speech_key_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  KeyJob *job = data;
  GError *error = NULL;

  /* No key: the one stored goes. */
  if (job->key == NULL ? ac_speech_key_clear_sync (job->engine, job->url, &error)
                       : ac_speech_key_store_sync (job->engine, job->url, job->key, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ac_speech_key_store_async:
 * @engine: the engine's name
 * @url: (nullable): the one server the key is for
 * @key: (nullable): the key; %NULL removes the one stored
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once it is kept (or removed)
 * @user_data: data for @callback
 *
 * ac_speech_key_store_sync() (or ac_speech_key_clear_sync()) on a worker
 * thread, for Preferences.
 */
void
ac_speech_key_store_async (const char          *engine,
                           const char          *url,
                           const char          *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KeyJob *job = g_new0 (KeyJob, 1);

  job->engine = g_strdup (engine);
  job->url = g_strdup (url);
  job->key = g_strdup (key);
  g_task_set_source_tag (task, ac_speech_key_store_async);
  g_task_set_task_data (task, job, key_job_free);
  g_task_run_in_thread (task, store_in_thread);
}

/**
 * ac_speech_key_store_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the key is kept
 */
gboolean
ac_speech_key_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
