/* ac-token-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-token-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "ac-backend-wire.h"
#include "ac-token-store.h"

/* The backend's tokens live in the user's keyring (the Secret Service,
 * through libsecret) and nowhere else: not in the database, not in
 * GSettings, not in a log.  One item per server and account, holding the
 * access token, the refresh token and the access token's expiry as a small
 * JSON object. */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Tokens", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The sign-in could not be kept in the keyring: %s"), error->message);
}

/**
 * ac_token_store_save_async:
 * @server: the backend's API address
 * @account: the agent's email address
 * @tokens: the tokens to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when they are in the keyring
 * @user_data: data for @callback
 *
 * Keeps the tokens in the default keyring, replacing those of the same
 * server and account.
 */
void
ac_token_store_save_async (const char            *server,
                           const char            *account,
                           const AcBackendTokens *tokens,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server != NULL && account != NULL && tokens != NULL);

  g_task_set_source_tag (task, ac_token_store_save_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access");
  json_builder_add_string_value (builder, tokens->access_token);
  json_builder_set_member_name (builder, "refresh");
  if (tokens->refresh_token != NULL)
    json_builder_add_string_value (builder, tokens->refresh_token);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, tokens->expires_at);
  if (tokens->role != NULL)
    {
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, tokens->role);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  secret = json_to_string (root, FALSE);

  /* Translators: the keyring item's name: “Agent Console sign-in: ada@example.com at https://…” */
  label = g_strdup_printf (_("Agent Console sign-in: %s at %s"), account, server);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable, on_stored, task,
                         "server", server, "account", account, NULL);
  secret_password_wipe (secret);
}

/**
 * ac_token_store_save_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the tokens are in the keyring
 */
gboolean
ac_token_store_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);
  g_autoptr(JsonNode) root = NULL;
  AcBackendTokens *tokens;
  JsonObject *fields;

  if (secret == NULL)
    {
      if (error != NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The keyring cannot be read: %s"), error->message);
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  root = json_from_string (secret, NULL);
  secret_password_free (secret);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Not ours to read: as good as signed out. */
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  fields = json_node_get_object (root);
  tokens = g_new0 (AcBackendTokens, 1);
  /* Whatever the keyring holds is read by type: another program may have
   * written the item. */
  tokens->access_token = g_strdup (ac_backend_string_member (fields, "access", NULL));
  tokens->refresh_token = g_strdup (ac_backend_string_member (fields, "refresh", NULL));
  tokens->expires_at = (gint64) ac_backend_number_member (fields, "expires_at", 0);
  tokens->role = g_strdup (ac_backend_string_member (fields, "role", NULL));
  if (tokens->role == NULL)
    tokens->role = ac_jwt_dup_role (tokens->access_token);
  if (tokens->access_token == NULL)
    {
      ac_backend_tokens_free (tokens);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task, tokens, (GDestroyNotify) ac_backend_tokens_free);
}

/**
 * ac_token_store_load_async:
 * @server: the backend's API address
 * @account: the agent's email address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tokens
 * @user_data: data for @callback
 *
 * Reads the tokens kept for @server and @account.
 */
void
ac_token_store_load_async (const char          *server,
                           const char          *account,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (server != NULL && account != NULL);

  g_task_set_source_tag (task, ac_token_store_load_async);
  secret_password_lookup (token_schema (), cancellable, on_looked_up, task,
                          "server", server, "account", account, NULL);
}

/**
 * ac_token_store_load_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the tokens, or %NULL without an
 *   error when none are kept (signed out)
 */
AcBackendTokens *
ac_token_store_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The sign-in could not be removed from the keyring: %s"), error->message);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_token_store_clear_async:
 * @server: the backend's API address
 * @account: the agent's email address
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when they are gone
 * @user_data: data for @callback
 *
 * Signs out: removes the tokens kept for @server and @account.
 */
void
ac_token_store_clear_async (const char          *server,
                            const char          *account,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (server != NULL && account != NULL);

  g_task_set_source_tag (task, ac_token_store_clear_async);
  secret_password_clear (token_schema (), cancellable, on_cleared, task,
                         "server", server, "account", account, NULL);
}

/**
 * ac_token_store_clear_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the keyring no longer holds them
 */
gboolean
ac_token_store_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_tokens_rotated (AcBackendClient *client,
                   const char      *account)
{
  g_autoptr(AcBackendTokens) tokens = ac_backend_client_dup_tokens (client);

  if (tokens != NULL)
    ac_token_store_save_async (ac_backend_client_get_base_url (client), account, tokens, NULL, NULL, NULL);
}

/**
 * ac_token_store_keep_rotated:
 * @client: a signed-in #AcBackendClient
 * @account: who is signed in
 *
 * From now on, each new pair of tokens @client gets (a refresh rotates the
 * refresh token) replaces the keyring's, so the next start signs in with
 * the latest.
 */
void
ac_token_store_keep_rotated (AcBackendClient *client,
                             const char      *account)
{
  g_return_if_fail (AC_IS_BACKEND_CLIENT (client));
  g_return_if_fail (account != NULL);

  g_signal_connect_data (client, "tokens-changed", G_CALLBACK (on_tokens_rotated), g_strdup (account),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
}
