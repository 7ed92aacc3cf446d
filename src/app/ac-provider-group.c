/* ac-provider-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "ac-provider-group.h"
#include "ac-speech-keys.h"

/**
 * AcProviderGroup:
 *
 * A group of Preferences for a service the agent's assistant talks to:
 * its address (and, for an AI provider, its model and whether it suggests
 * replies during calls) in GSettings, its key in the keyring and nowhere
 * else — the row says whether one is kept, never what it is.
 *
 * Two services use it: the AI provider (`assistant`: an OpenAI-compatible
 * Chat Completions endpoint; keys `assistant-url`, `assistant-model`,
 * `assistant-replies`) and the support service (`support-service`: seed
 * 004's `/api/v1/support/…`; key `support-url`).
 */

struct _AcProviderGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwEntryRow         *url_row;
  AdwEntryRow         *model_row;
  AdwEntryRow         *key_row;
  GtkWidget           *key_clear;
  GtkWidget           *replies_row;
  GtkWidget           *replies_switch;

  AcSettings          *settings;   /* weak */
  char                *service;
  GCancellable        *lookup;
};

G_DEFINE_FINAL_TYPE (AcProviderGroup, ac_provider_group, ADW_TYPE_PREFERENCES_GROUP)

static gboolean
is_assistant (AcProviderGroup *self)
{
  return g_strcmp0 (self->service, "assistant") == 0;
}

static const char *
url_key (AcProviderGroup *self)
{
  return is_assistant (self) ? "assistant-url" : "support-url";
}

static char *
trimmed_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_key_looked_up (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AcProviderGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  char *key = ac_speech_key_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->lookup);
  /* Whether there is one, never what it is. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row),
                                 key != NULL ? _("API _Key — One Is Kept in the Keyring")
                                             : error != NULL ? _("API _Key — The Keyring Cannot Be Read")
                                                             : _("API _Key — None in the Keyring Yet"));
  gtk_widget_set_sensitive (self->key_clear, key != NULL);
  secret_password_free (key);
}

static void
show_key_kept (AcProviderGroup *self)
{
  if (self->lookup != NULL)
    g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  self->lookup = g_cancellable_new ();
  ac_speech_key_lookup_async (self->service, NULL, self->lookup, on_key_looked_up, self);
}

static void
on_url_apply (AcProviderGroup *self)
{
  g_autofree char *url = trimmed_text (self->url_row);
  g_autoptr(GUri) uri = url[0] != '\0' ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (url[0] != '\0' &&
      (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)))
    {
      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                          adw_toast_new (_("The address must start with https:// or http://")));
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  g_object_set (self->settings, url_key (self), url, NULL);
}

static void
on_model_apply (AcProviderGroup *self)
{
  g_autofree char *model = trimmed_text (self->model_row);

  g_object_set (self->settings, "assistant-model", model, NULL);
}

static void
on_key_kept (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AcProviderGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cleared = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "ac-key-cleared"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (!ac_speech_key_store_finish (result, &error))
    toast = adw_toast_new (error->message);
  else
    toast = adw_toast_new (cleared ? _("The key is removed from the keyring") : _("The key is kept in the keyring"));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_ref_sink (toast), g_object_unref (toast);
  show_key_kept (self);
}

static void
store_key (AcProviderGroup *self,
           const char      *key)
{
  g_object_set_data (G_OBJECT (self), "ac-key-cleared", GINT_TO_POINTER (key == NULL));
  ac_speech_key_store_async (self->service, NULL, key, NULL, on_key_kept, g_object_ref (self));
}

static void
on_key_apply (AcProviderGroup *self)
{
  g_autofree char *key = trimmed_text (self->key_row);

  if (key[0] == '\0')
    return;
  store_key (self, key);
  /* Not kept on screen once handed over. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
}

static void
on_key_clear (AcProviderGroup *self)
{
  store_key (self, NULL);
}

static void
ac_provider_group_dispose (GObject *object)
{
  AcProviderGroup *self = AC_PROVIDER_GROUP (object);

  if (self->lookup != NULL)
    g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_PROVIDER_GROUP);

  G_OBJECT_CLASS (ac_provider_group_parent_class)->dispose (object);
}

static void
ac_provider_group_finalize (GObject *object)
{
  AcProviderGroup *self = AC_PROVIDER_GROUP (object);

  g_clear_weak_pointer (&self->settings);
  g_free (self->service);

  G_OBJECT_CLASS (ac_provider_group_parent_class)->finalize (object);
}

static void
ac_provider_group_class_init (AcProviderGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_provider_group_dispose;
  object_class->finalize = ac_provider_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/agentconsole/AgentConsole/ac-provider-group.ui");
  gtk_widget_class_bind_template_child (widget_class, AcProviderGroup, url_row);
  gtk_widget_class_bind_template_child (widget_class, AcProviderGroup, model_row);
  gtk_widget_class_bind_template_child (widget_class, AcProviderGroup, key_row);
  gtk_widget_class_bind_template_child (widget_class, AcProviderGroup, key_clear);
  gtk_widget_class_bind_template_child (widget_class, AcProviderGroup, replies_row);
  gtk_widget_class_bind_template_child (widget_class, AcProviderGroup, replies_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_url_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_model_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_key_clear);
}

static void
ac_provider_group_init (AcProviderGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ac_provider_group_set_service:
 * @self: an #AcProviderGroup
 * @settings: the app's settings
 * @service: `assistant` (the AI provider) or `support-service`
 *
 * Shows @service's address, model and key and keeps what the agent
 * changes: the address and model in @settings, the key in the keyring.
 */
void
ac_provider_group_set_service (AcProviderGroup *self,
                               AcSettings      *settings,
                               const char      *service)
{
  const char *url = NULL;
  const char *model = NULL;

  g_return_if_fail (AC_IS_PROVIDER_GROUP (self));
  g_return_if_fail (AC_IS_SETTINGS (settings));
  g_return_if_fail (g_strcmp0 (service, "assistant") == 0 || g_strcmp0 (service, "support-service") == 0);

  /* not a reference: libadwaita 1.2 keeps a preferences page's groups
   * after its window is gone, and they would keep the settings alive */
  g_set_weak_pointer (&self->settings, settings);
  g_free (self->service);
  self->service = g_strdup (service);

  if (is_assistant (self))
    {
      ac_settings_get_assistant (settings, &url, &model, NULL);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("AI Provider"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("An OpenAI-compatible service — OpenAI, or a llama.cpp, vLLM or Ollama "
                                               "server your contact center runs — writes summaries, dispositions, "
                                               "ticket descriptions and replies. Only masked text is sent. Without "
                                               "one, summaries are made on this computer."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                     _("_Address, such as https://api.openai.com/v1"));
      gtk_editable_set_text (GTK_EDITABLE (self->model_row), model);
      g_object_bind_property (settings, "assistant-replies", self->replies_switch, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  else
    {
      url = ac_settings_get_support_url (settings);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Support Service"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("A support service’s suggestions, category and route recommendation "
                                               "join the Suggestions page. Only masked text is sent."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                     _("_Address, such as https://support.example.com"));
      gtk_widget_set_visible (GTK_WIDGET (self->model_row), FALSE);
      gtk_widget_set_visible (self->replies_row, FALSE);
    }
  gtk_widget_set_name (GTK_WIDGET (self->url_row), is_assistant (self) ? "assistant-url" : "support-url");
  gtk_widget_set_name (GTK_WIDGET (self->model_row), "assistant-model");
  gtk_widget_set_name (GTK_WIDGET (self->key_row), is_assistant (self) ? "assistant-key" : "support-key");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  show_key_kept (self);
}
