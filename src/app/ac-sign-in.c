/* ac-sign-in.c
 *
 * Signing in to the contact center's backend and out of it: the one path
 * the sign-in dialog and `agent-console --login` share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-client.h"
#include "ac-sign-in.h"
#include "ac-token-store.h"

typedef struct
{
  AcSettings      *settings;
  AcBackendClient *client;
  char            *websocket_url;   /* as given: empty to derive */
  char            *tenant_id;
  char            *email;
  gboolean         allow_insecure;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->settings);
  g_clear_object (&sign_in->client);
  g_free (sign_in->websocket_url);
  g_free (sign_in->tenant_id);
  g_free (sign_in->email);
  g_free (sign_in);
}

static void
on_tokens_kept (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!ac_token_store_save_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Only now, signed in and kept, do the settings point at the server. */
  ac_settings_set_server (sign_in->settings, ac_backend_client_get_base_url (sign_in->client),
                          sign_in->websocket_url, sign_in->tenant_id, sign_in->allow_insecure,
                          sign_in->email);

  g_task_return_boolean (task, TRUE);
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;

  tokens = ac_backend_client_login_finish (sign_in->client, result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ac_token_store_save_async (ac_backend_client_get_base_url (sign_in->client), sign_in->email, tokens,
                             g_task_get_cancellable (task), on_tokens_kept, g_object_ref (task));
}

/**
 * ac_sign_in_async:
 * @settings: the app's settings
 * @url: the backend's API address, such as `https://cc.example.com/api`
 * @websocket_url: (nullable): its rooms' address; %NULL or empty to derive
 *   it (see ac_backend_derive_websocket_url())
 * @tenant_id: (nullable): the team's tenant id, sent as `X-Tenant-ID`
 * @allow_insecure: %TRUE if the agent allowed unencrypted connections to
 *   another computer
 * @email: the agent's email address
 * @password: the agent's password; not kept anywhere
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when signed in or refused
 * @user_data: data for @callback
 *
 * Signs in (`POST /auth/login`), keeps the tokens in the keyring (one
 * item per server and account, see ac_token_store_save_async()) and only
 * then points the settings at the server: `backend-mode` `server`,
 * `backend-url`, `websocket-url`, `tenant-id`, `backend-allow-insecure`,
 * `backend-account`. A refused sign-in changes nothing.
 */
void
ac_sign_in_async (AcSettings          *settings,
                  const char          *url,
                  const char          *websocket_url,
                  const char          *tenant_id,
                  gboolean             allow_insecure,
                  const char          *email,
                  const char          *password,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rooms = NULL;
  SignIn *sign_in;

  g_return_if_fail (AC_IS_SETTINGS (settings));
  g_return_if_fail (url != NULL);
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_sign_in_async);
  sign_in = g_new0 (SignIn, 1);
  sign_in->settings = g_object_ref (settings);
  sign_in->websocket_url = g_strstrip (g_strdup (websocket_url != NULL ? websocket_url : ""));
  sign_in->tenant_id = g_strstrip (g_strdup (tenant_id != NULL ? tenant_id : ""));
  sign_in->email = g_strstrip (g_strdup (email));
  sign_in->allow_insecure = allow_insecure;
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);

  if (sign_in->email[0] == '\0' || strchr (sign_in->email, '@') == NULL)
    {
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                               _("“%s” is not an email address"), sign_in->email);
      return;
    }
  if (password[0] == '\0')
    {
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                               _("The password is empty"));
      return;
    }

  {
    g_autofree char *address = g_strstrip (g_strdup (url));

    sign_in->client = ac_backend_client_new_full (address, sign_in->tenant_id, allow_insecure, &error);
  }
  if (sign_in->client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rooms = sign_in->websocket_url[0] != '\0'
            ? g_strdup (sign_in->websocket_url)
            : ac_backend_derive_websocket_url (ac_backend_client_get_base_url (sign_in->client));
  if (!ac_backend_check_address (rooms != NULL ? rooms : "", TRUE, allow_insecure, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ac_backend_client_login_async (sign_in->client, sign_in->email, password, cancellable,
                                 on_signed_in, g_steal_pointer (&task));
}

/**
 * ac_sign_in_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an #AcBackendError (%AC_BACKEND_ERROR_AUTH
 *   for a wrong email or password, %AC_BACKEND_ERROR_VALIDATION for an
 *   address that may not be used) or a keyring error
 *
 * Returns: %TRUE if signed in and kept
 */
gboolean
ac_sign_in_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_tokens_cleared (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!ac_token_store_clear_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ac_sign_out_async:
 * @settings: the app's settings
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keyring's items are gone
 * @user_data: data for @callback
 *
 * Signs out of the server in `backend-url` as `backend-account`: the
 * keyring's tokens for them are removed. The settings stay, so that
 * signing in again asks for the password only; what waits in the outbox
 * stays too, and is sent after the next sign-in.
 */
void
ac_sign_out_async (AcSettings          *settings,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AC_IS_SETTINGS (settings));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_sign_out_async);
  ac_token_store_clear_async (ac_settings_get_backend_url (settings), ac_settings_get_backend_account (settings),
                              cancellable, on_tokens_cleared, task);
}

/**
 * ac_sign_out_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a keyring error
 *
 * Returns: %TRUE if the tokens are gone from the keyring
 */
gboolean
ac_sign_out_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
