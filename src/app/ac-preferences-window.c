/* ac-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "ac-audio-devices.h"
#include "ac-backend-client.h"
#include "ac-audio-file.h"
#include "ac-preferences-window.h"
#include "ac-provider-group.h"
#include "ac-audit-window.h"
#include "ac-application.h"
#include "ac-speech-check.h"
#include "ac-speech-keys.h"
#include "ac-speech-services.h"
#include "ac-streaming-engine.h"
#include "ac-values.h"

/**
 * AcPreferencesWindow:
 *
 * Preferences: the two call-audio inputs, the speech engine, where data
 * is kept (this computer or a server) and the style.  Every row is bound
 * to a key of [class@Settings], so changes are stored as they are made.
 */
struct _AcPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AcSettings           *settings;
  GPtrArray            *sources[2];  /* setting values behind the audio rows */

  AdwPreferencesGroup  *redaction_group;
  GtkSpinButton        *card_resume_spin;
  GtkSpinButton        *floor_break_spin;
  AdwPreferencesPage   *assistant_page;
  AdwActionRow         *knowledge_row;
  GtkWidget            *knowledge_group;
  AcProviderGroup      *provider_group;
  AcProviderGroup      *support_group;
  GtkFileChooserNative *knowledge_chooser;
  GtkSpinButton        *floor_after_call_spin;
  GtkSpinButton        *recording_days_spin;
  GtkSpinButton        *transcript_days_spin;

  AdwComboRow          *customer_row;
  AdwComboRow          *agent_row;
  GtkSwitch            *record_switch;
  GtkSpinButton        *sla_urgent_spin;
  GtkSpinButton        *sla_high_spin;
  GtkSpinButton        *sla_medium_spin;
  GtkSpinButton        *sla_low_spin;
  AdwComboRow          *engine_row;
  AdwComboRow          *backend_mode_row;
  AdwPreferencesGroup  *account_group;
  AdwActionRow         *account_row;
  GtkWidget            *sign_in_button;
  GtkWidget            *sign_out_button;
  GtkSwitch            *insecure_switch;
  AcBackendSync        *sync;
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *backend_url_row;
  AdwEntryRow          *websocket_url_row;
  AdwEntryRow          *tenant_id_row;
  AdwComboRow          *style_row;
  AdwPreferencesPage   *wrap_up_page;
  AdwPreferencesGroup  *dispositions_group;
  AdwEntryRow          *new_disposition_row;
  GtkSwitch            *requires_disposition_switch;
  AdwPreferencesGroup  *speech_group;
  AdwEntryRow          *speech_url_row;
  AdwEntryRow          *speech_key_row;
  AdwEntryRow          *speech_model_row;
  AdwEntryRow          *speech_language_row;
  GtkWidget            *speech_insecure_row;
  GtkWidget            *embedded_language_row;
  GtkSwitch            *speech_insecure_switch;
  AdwActionRow         *speech_test_row;
  GtkWidget            *speech_test_button;
  GtkWidget            *speech_test_spinner;
  GCancellable         *speech_test;      /* the test running, or NULL */
  GCancellable         *key_lookup;
  GtkSpinButton        *time_limit_spin;
  AdwComboRow          *timeout_disposition_row;
  GPtrArray            *timeout_codes;   /* the codes of timeout_disposition_row */
  GPtrArray            *disposition_rows;
  AcStore              *store;
};

G_DEFINE_FINAL_TYPE (AcPreferencesWindow, ac_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BACKEND_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Setting values in the order of the rows' models in the template. */
static const char * const engine_values[] = { "pocketsphinx", "vosk", "deepgram", "assemblyai", "openai", NULL };
static const char * const backend_mode_values[] = { "local", "server", NULL };
static const char * const style_values[] = { "default", "light", "dark", NULL };

static guint
index_of (const char * const *values,
          const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return 0;
}

/* A combo row whose items stand for fixed setting values. */
static void
on_choice_selected (AdwComboRow *row,
                    GParamSpec  *pspec,
                    AcSettings  *settings)
{
  const char * const *values = g_object_get_data (G_OBJECT (row), "ac-values");
  const char *key = g_object_get_data (G_OBJECT (row), "ac-key");
  guint selected = adw_combo_row_get_selected (row);

  if (selected < g_strv_length ((char **) values))
    g_object_set (settings, key, values[selected], NULL);
}

static void
bind_choice (AcPreferencesWindow *self,
             AdwComboRow         *row,
             const char          *key,
             const char * const  *values)
{
  g_autofree char *current = NULL;

  g_object_get (self->settings, key, &current, NULL);
  adw_combo_row_set_selected (row, index_of (values, current));

  g_object_set_data (G_OBJECT (row), "ac-values", (gpointer) values);
  g_object_set_data (G_OBJECT (row), "ac-key", (gpointer) key);
  g_signal_connect_object (row, "notify::selected",
                           G_CALLBACK (on_choice_selected), self->settings, 0);
}

static void
on_source_selected (AdwComboRow         *row,
                    GParamSpec          *pspec,
                    AcPreferencesWindow *self)
{
  guint channel = row == self->customer_row ? 0 : 1;
  guint selected = adw_combo_row_get_selected (row);
  const char *source;

  if (selected >= self->sources[channel]->len)
    return;

  source = g_ptr_array_index (self->sources[channel], selected);
  if (channel == 0)
    ac_settings_set_customer_source (self->settings, source);
  else
    ac_settings_set_agent_source (self->settings, source);
}

/* Fills an audio row: the default device first, then what the device
 * monitor lists (monitors first for the customer, microphones first for
 * the agent), and the stored source if it is not connected right now, so
 * that opening Preferences never changes a choice by itself. */
static void
fill_source_row (AcPreferencesWindow *self,
                 AdwComboRow         *row,
                 guint                channel,
                 GPtrArray           *devices,
                 const char          *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *sources = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  gtk_string_list_append (labels, channel == 0 ? _("Default Output’s Monitor")
                                               : _("Default Microphone"));
  g_ptr_array_add (sources, g_strdup (""));

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < devices->len; i++)
      {
        AcAudioDevice *device = g_ptr_array_index (devices, i);
        gboolean wanted_first = channel == 0 ? device->is_monitor : !device->is_monitor;

        if ((pass == 0) != wanted_first)
          continue;

        if (g_strcmp0 (device->source, current) == 0)
          selected = sources->len;

        gtk_string_list_append (labels, device->label);
        g_ptr_array_add (sources, g_strdup (device->source));
      }

  if (current[0] != '\0' && selected == 0)
    {
      g_autofree char *label = NULL;

      if (g_str_has_prefix (current, "file:"))
        {
          g_autoptr(GFile) file = g_file_new_for_uri (current);
          g_autofree char *name = g_file_get_basename (file);

          /* Translators: %s is a file name */
          label = g_strdup_printf (_("Recording “%s”"), name);
        }
      else
        /* Translators: %s is a device name */
        label = g_strdup_printf (_("%s (not connected)"), current);

      selected = sources->len;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (sources, g_strdup (current));
    }

  g_clear_pointer (&self->sources[channel], g_ptr_array_unref);
  self->sources[channel] = sources;

  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, selected);
}

static void
update_server_group (AcPreferencesWindow *self)
{
  g_autofree char *mode = NULL;
  gboolean server;

  g_object_get (self->settings, "backend-mode", &mode, NULL);
  server = g_strcmp0 (mode, "server") == 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), server);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), server);
}

/* Who is signed in, as the outbox knows it. */
static void
update_account (AcPreferencesWindow *self)
{
  const char *account = ac_settings_get_backend_account (self->settings);
  const char *url = ac_settings_get_backend_url (self->settings);
  g_autofree char *title = NULL;
  gboolean signed_in = self->sync != NULL &&
                       ac_backend_sync_get_state (self->sync) != AC_BACKEND_SYNC_SIGNED_OUT;

  if (signed_in && account[0] != '\0')
    /* Translators: Preferences → Backend; %s is the agent's email address */
    title = g_strdup_printf (_("Signed in as %s"), account);
  else
    title = g_strdup (_("Not signed in"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), title);
  adw_action_row_set_subtitle (self->account_row, url);
  gtk_widget_set_visible (self->sign_in_button, !signed_in);
  gtk_widget_set_visible (self->sign_out_button, signed_in);
}

static void
set_backend_sync (AcPreferencesWindow *self,
                  AcBackendSync       *sync)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, sync);
  if (sync != NULL)
    g_signal_connect_object (sync, "notify::state", G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  update_account (self);
}

static void
load_addresses (AcPreferencesWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->backend_url_row), ac_settings_get_backend_url (self->settings));
  gtk_editable_set_text (GTK_EDITABLE (self->websocket_url_row), ac_settings_get_websocket_url (self->settings));
  gtk_editable_set_text (GTK_EDITABLE (self->tenant_id_row), ac_settings_get_tenant_id (self->settings));
}

/* An address is used once applied, and only if it may be: a typo must
 * not send a sign-in in clear. */
static void
on_address_applied (AcPreferencesWindow *self,
                    AdwEntryRow         *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean allow_insecure = ac_settings_get_backend_allow_insecure (self->settings);
  g_autoptr(GError) error = NULL;
  const char *key;

  if (row == self->backend_url_row)
    {
      key = "backend-url";
      if (text[0] != '\0')
        ac_backend_check_address (text, FALSE, allow_insecure, &error);
    }
  else if (row == self->websocket_url_row)
    {
      key = "websocket-url";
      if (text[0] != '\0')
        ac_backend_check_address (text, TRUE, allow_insecure, &error);
    }
  else
    key = "tenant-id";

  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  ac_settings_set_backend_address (self->settings, key, text);
}

static void
on_setting_changed (AcPreferencesWindow *self,
                    GParamSpec          *pspec)
{
  const char *key = g_param_spec_get_name (pspec);

  if (!ac_settings_is_backend_key (pspec))
    return;
  if (g_str_equal (key, "backend-url") || g_str_equal (key, "websocket-url") || g_str_equal (key, "tenant-id"))
    load_addresses (self);
  update_account (self);
}

static void
on_key_looked_up (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AcPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  char *key = ac_speech_key_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->key_lookup);
  /* Whether there is one, never what it is. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->speech_key_row),
                                 key != NULL ? _("API _Key — One Is Kept in the Keyring")
                                             : error != NULL ? _("API _Key — The Keyring Cannot Be Read")
                                                             : _("API _Key — None in the Keyring Yet"));
  secret_password_free (key);
}

/* The key row says whether the keyring has the engine's key. */
static void
show_key_kept (AcPreferencesWindow *self)
{
  if (self->key_lookup != NULL)
    g_cancellable_cancel (self->key_lookup);
  g_clear_object (&self->key_lookup);
  self->key_lookup = g_cancellable_new ();
  ac_speech_key_lookup_async (ac_settings_get_speech_engine (self->settings),
                              ac_settings_get_speech_url (self->settings), self->key_lookup,
                              on_key_looked_up, self);
}

static void
end_speech_test (AcPreferencesWindow *self,
                 const char          *subtitle)
{
  g_clear_object (&self->speech_test);
  gtk_spinner_stop (GTK_SPINNER (self->speech_test_spinner));
  gtk_widget_set_visible (self->speech_test_spinner, FALSE);
  gtk_widget_set_sensitive (self->speech_test_button, TRUE);
  adw_action_row_set_subtitle (self->speech_test_row, subtitle);
}

static void
on_speech_tested (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AcPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcSpeechCheck) check = ac_speech_check_run_finish (result, &error);
  g_autofree char *said = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (check == NULL)
    said = g_strdup (error->message);
  else if (check->words[0] == '\0')
    said = g_strdup (_("The service answered but heard no words in the sample call"));
  else
    /* Translators: the words a speech service heard, then how far behind the speaker. */
    said = g_strdup_printf (_("Heard “%s”, %d ms behind the speaker"), check->words,
                            (int) MIN (check->latency_ms, G_MAXINT));
  end_speech_test (self, said);
}

/* The key (or none) is known: the engine of the settings hears the start
 * of the sample call. */
static void
on_test_key (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AcPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcSpeechEngine) engine = NULL;
  g_autoptr(GFile) sample = ac_audio_file_get_sample_call ();
  char *key = ac_speech_key_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      secret_password_free (key);
      return;
    }
  g_clear_error (&error);
  engine = ac_speech_engine_new_for_service (ac_settings_get_speech_engine (self->settings),
                                             ac_settings_get_speech_url (self->settings),
                                             ac_settings_get_speech_allow_insecure (self->settings), key,
                                             ac_settings_get_speech_model (self->settings),
                                             ac_settings_get_speech_language (self->settings), &error);
  secret_password_free (key);
  if (engine == NULL)
    {
      end_speech_test (self, error->message);
      return;
    }
  /* An agent waits for the answer: out of reach is said sooner than on a
   * call. */
  if (AC_IS_STREAMING_ENGINE (engine))
    ac_streaming_engine_set_unreachable_timeout (AC_STREAMING_ENGINE (engine), 5000);
  ac_speech_check_run_async (engine, sample, 6000, self->speech_test, on_speech_tested, self);
}

static void
on_speech_test (AcPreferencesWindow *self)
{
  if (self->speech_test != NULL)
    return;
  self->speech_test = g_cancellable_new ();
  gtk_widget_set_sensitive (self->speech_test_button, FALSE);
  gtk_widget_set_visible (self->speech_test_spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->speech_test_spinner));
  adw_action_row_set_subtitle (self->speech_test_row, _("Streaming the sample call…"));
  ac_speech_key_lookup_async (ac_settings_get_speech_engine (self->settings),
                              ac_settings_get_speech_url (self->settings), self->speech_test,
                              on_test_key, self);
}

/* Where the audio goes, said where the engine is chosen. */
static void
update_speech_group (AcPreferencesWindow *self)
{
  const char *engine = ac_settings_get_speech_engine (self->settings);
  gboolean server = g_str_equal (engine, "vosk");
  gboolean deepgram = g_str_equal (engine, "deepgram");
  gboolean assemblyai = g_str_equal (engine, "assemblyai");
  gboolean openai = g_str_equal (engine, "openai");
  gboolean cloud = deepgram || assemblyai || openai;

  gtk_widget_set_visible (GTK_WIDGET (self->speech_url_row), server || cloud);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->speech_url_row),
                                 cloud ? _("_Address (empty for the service’s own)")
                                       : _("Server _Address (wss://…)"));
  gtk_widget_set_visible (GTK_WIDGET (self->speech_key_row), cloud);
  gtk_widget_set_visible (GTK_WIDGET (self->speech_model_row), cloud);
  gtk_widget_set_visible (GTK_WIDGET (self->speech_language_row), server || cloud);
  /* A call follows its customer's language; this is for the rest. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->speech_language_row),
                                 server ? _("_Language of the Server’s Model, such as en or es")
                                        : _("_Language When the Customer Has None, such as en-US or es"));
  gtk_widget_set_visible (self->speech_insecure_row, server || cloud);
  gtk_widget_set_visible (GTK_WIDGET (self->speech_test_row), server || cloud);
  if (cloud)
    show_key_kept (self);
  /* The embedded engine hears English only. */
  gtk_widget_set_visible (self->embedded_language_row, !server && !cloud);
  adw_preferences_group_set_description (self->speech_group,
                                         server
                                           ? _("Both sides of every call are sent to the speech server, as they "
                                               "are heard, and transcribed there.")
                                           : deepgram
                                           ? _("Both sides of every call are sent to Deepgram, as they are heard, "
                                               "and transcribed there. The key is kept in the keyring only.")
                                           : assemblyai
                                           ? _("Both sides of every call are sent to AssemblyAI, as they are "
                                               "heard, and transcribed there. The key is kept in the keyring only.")
                                           : openai
                                           ? _("Both sides of every call are sent to OpenAI, as they are heard, "
                                               "and transcribed there. The key is kept in the keyring only.")
                                           : _("On this computer, speech never leaves the machine."));
}

static char *
trimmed_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_speech_url_apply (AcPreferencesWindow *self)
{
  g_autofree char *url = trimmed_text (self->speech_url_row);

  g_object_set (self->settings, "speech-url", url, NULL);
  /* A key may be kept for this address only. */
  show_key_kept (self);
}

static void
on_speech_model_apply (AcPreferencesWindow *self)
{
  g_autofree char *model = trimmed_text (self->speech_model_row);

  g_object_set (self->settings, "speech-model", model, NULL);
}

static void
on_speech_language_apply (AcPreferencesWindow *self)
{
  g_autofree char *language = trimmed_text (self->speech_language_row);

  g_object_set (self->settings, "speech-language", language, NULL);
}

/* The keyring has the key (or has it no more): the app takes it up. */
static void
on_speech_key_kept (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AcPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cleared = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "ac-speech-key-cleared"));

  if (!ac_speech_key_store_finish (result, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (cleared ? _("The key is removed from the keyring")
                                                           : _("The key is kept in the keyring")));
  show_key_kept (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.speech-key-changed", NULL);
}

static void
store_speech_key (AcPreferencesWindow *self,
                  const char          *key)
{
  g_object_set_data (G_OBJECT (self), "ac-speech-key-cleared", GINT_TO_POINTER (key == NULL));
  ac_speech_key_store_async (ac_settings_get_speech_engine (self->settings), NULL, key, NULL,
                             on_speech_key_kept, g_object_ref (self));
}

static void
on_speech_key_apply (AcPreferencesWindow *self)
{
  g_autofree char *key = trimmed_text (self->speech_key_row);

  if (key[0] == '\0')
    return;
  store_speech_key (self, key);
  /* Not kept on screen once handed over. */
  gtk_editable_set_text (GTK_EDITABLE (self->speech_key_row), "");
}

static void
on_speech_key_clear (AcPreferencesWindow *self)
{
  store_speech_key (self, NULL);
}

/* The timeout code chosen: one of the team's dispositions. */static void
on_timeout_selected (AdwComboRow         *row,
                     GParamSpec          *pspec,
                     AcPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < self->timeout_codes->len)
    g_object_set (self->settings, "wrap-up-timeout-disposition", self->timeout_codes->pdata[selected], NULL);
}

static void
on_redaction_switched (GtkSwitch           *toggle,
                       GParamSpec          *pspec,
                       AcPreferencesWindow *self)
{
  AcRedactionCategory category = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "category"));

  ac_settings_set_redaction_enabled (self->settings, category, gtk_switch_get_active (toggle));
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The switches follow the setting, however it changes. */
static void
on_redaction_changed (AcPreferencesWindow *self)
{
  for (guint i = 0; i < AC_REDACTION_N_CATEGORIES; i++)
    {
      g_autofree char *name = g_strconcat ("redact-", ac_redaction_category_to_string (i), NULL);
      GtkWidget *toggle = find_named (GTK_WIDGET (self->redaction_group), name);

      if (toggle != NULL)
        gtk_switch_set_active (GTK_SWITCH (toggle), ac_settings_get_redaction_enabled (self->settings, i));
    }
}

/* One row a category: cards and security codes shown on, not to be
 * changed. */
static void
fill_redaction_group (AcPreferencesWindow *self)
{
  for (guint i = 0; i < AC_REDACTION_N_CATEGORIES; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *name = g_strconcat ("redact-", ac_redaction_category_to_string (i), NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ac_redaction_category_get_label (i));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_name (toggle, name);
      gtk_switch_set_active (GTK_SWITCH (toggle), ac_settings_get_redaction_enabled (self->settings, i));
      if (ac_redaction_category_is_required (i))
        {
          adw_action_row_set_subtitle (row, i == AC_REDACTION_CARD
                                            ? _("Always masked: only the last four digits are shown (PCI DSS)")
                                            : _("Always masked: security codes may not be kept at all (PCI DSS)"));
          gtk_widget_set_sensitive (toggle, FALSE);
        }
      g_object_set_data (G_OBJECT (toggle), "category", GUINT_TO_POINTER (i));
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_redaction_switched), self, 0);
      adw_action_row_add_suffix (row, toggle);
      adw_action_row_set_activatable_widget (row, toggle);
      adw_preferences_group_add (self->redaction_group, GTK_WIDGET (row));
    }

  g_signal_connect_object (self->settings, "notify::redaction-off", G_CALLBACK (on_redaction_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
show_audit_trail (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AcPreferencesWindow *self = AC_PREFERENCES_WINDOW (widget);
  GtkWindow *window = ac_audit_window_new (self->store);

  gtk_window_set_transient_for (window, GTK_WINDOW (widget));
  gtk_window_set_modal (window, TRUE);
  gtk_window_present (window);
}

static void
on_knowledge_imported (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AcPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcKnowledgeImport) counts = ac_store_import_knowledge_finish (AC_STORE (object), result, &error);
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->knowledge_row), TRUE);
  if (counts == NULL)
    text = g_strdup (error->message);
  else
    /* Translators: after importing a knowledge base */
    text = g_strdup_printf (_("%u articles added, %u updated, %u removed, %u unchanged, %u files skipped"),
                            counts->added, counts->updated, counts->removed, counts->unchanged, counts->skipped);
  adw_action_row_set_subtitle (self->knowledge_row, text);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
on_knowledge_folder (GtkNativeDialog     *chooser,
                     int                  response,
                     AcPreferencesWindow *self)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->knowledge_row), FALSE);
      adw_action_row_set_subtitle (self->knowledge_row, _("Importing…"));
      ac_store_import_knowledge_async (self->store, folder, NULL, on_knowledge_imported, g_object_ref (self));
    }
  g_clear_object (&self->knowledge_chooser);
}

static void
import_knowledge (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AcPreferencesWindow *self = AC_PREFERENCES_WINDOW (widget);

  if (self->store == NULL || self->knowledge_chooser != NULL)
    return;
  self->knowledge_chooser = gtk_file_chooser_native_new (_("Import a Knowledge Base"), GTK_WINDOW (self),
                                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"), NULL);
  g_signal_connect (self->knowledge_chooser, "response", G_CALLBACK (on_knowledge_folder), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->knowledge_chooser));
}

/* A spin row's value and a key of hours, both ways. */
static void
bind_hours (AcPreferencesWindow *self,
            const char          *key,
            gpointer             spin)
{
  g_object_bind_property (self->settings, key, spin, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}

static void
ac_preferences_window_constructed (GObject *object)
{
  AcPreferencesWindow *self = AC_PREFERENCES_WINDOW (object);
  g_autoptr(GPtrArray) devices = ac_audio_devices_list ();

  G_OBJECT_CLASS (ac_preferences_window_parent_class)->constructed (object);

  g_assert (AC_IS_SETTINGS (self->settings));

  fill_source_row (self, self->customer_row, 0, devices,
                   ac_settings_get_customer_source (self->settings));
  fill_source_row (self, self->agent_row, 1, devices,
                   ac_settings_get_agent_source (self->settings));
  g_signal_connect_object (self->customer_row, "notify::selected",
                           G_CALLBACK (on_source_selected), self, 0);
  g_signal_connect_object (self->agent_row, "notify::selected",
                           G_CALLBACK (on_source_selected), self, 0);

  bind_choice (self, self->engine_row, "speech-engine", engine_values);
  ac_provider_group_set_service (self->provider_group, self->settings, "assistant");

  ac_provider_group_set_service (self->support_group, self->settings, "support-service");
  gtk_editable_set_text (GTK_EDITABLE (self->speech_url_row), ac_settings_get_speech_url (self->settings));
  gtk_editable_set_text (GTK_EDITABLE (self->speech_model_row), ac_settings_get_speech_model (self->settings));
  gtk_editable_set_text (GTK_EDITABLE (self->speech_language_row), ac_settings_get_speech_language (self->settings));
  g_object_bind_property (self->settings, "speech-allow-insecure", self->speech_insecure_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (self->settings, "notify::speech-engine", G_CALLBACK (update_speech_group), self,
                           G_CONNECT_SWAPPED);
  update_speech_group (self);
  bind_choice (self, self->backend_mode_row, "backend-mode", backend_mode_values);
  bind_choice (self, self->style_row, "color-scheme", style_values);

  bind_hours (self, "sla-hours-urgent", self->sla_urgent_spin);
  bind_hours (self, "sla-hours-high", self->sla_high_spin);
  bind_hours (self, "sla-hours-medium", self->sla_medium_spin);
  bind_hours (self, "sla-hours-low", self->sla_low_spin);
  g_object_bind_property (self->settings, "record-calls", self->record_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->settings, "backend-allow-insecure", self->insecure_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->settings, "wrap-up-requires-disposition", self->requires_disposition_switch,
                          "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  bind_hours (self, "wrap-up-time-limit", self->time_limit_spin);
  bind_hours (self, "card-pause-resume", self->card_resume_spin);
  bind_hours (self, "floor-break-limit", self->floor_break_spin);
  bind_hours (self, "floor-after-call-limit", self->floor_after_call_spin);
  bind_hours (self, "recording-retention-days", self->recording_days_spin);
  bind_hours (self, "transcript-retention-days", self->transcript_days_spin);
  fill_redaction_group (self);
  g_signal_connect_object (self->timeout_disposition_row, "notify::selected", G_CALLBACK (on_timeout_selected),
                           self, 0);
  load_addresses (self);
  g_signal_connect_object (self->settings, "notify", G_CALLBACK (on_setting_changed), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "notify::backend-mode",
                           G_CALLBACK (update_server_group), self, G_CONNECT_SWAPPED);
  update_server_group (self);
  update_account (self);
}

/* --------------------------------------------------------- dispositions */


static void load_dispositions (AcPreferencesWindow *self);

static void
on_disposition_changed (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(AcPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Added or removed: the same answer. */
  if (g_async_result_is_tagged (result, ac_store_add_disposition_async))
    ok = ac_store_add_disposition_finish (AC_STORE (object), result, &error);
  else
    ok = ac_store_remove_disposition_finish (AC_STORE (object), result, &error);

  if (!ok)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->new_disposition_row), "");
  load_dispositions (self);
}

static void
on_remove_disposition (GtkButton           *button,
                       AcPreferencesWindow *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  ac_store_remove_disposition_async (self->store, code, NULL, on_disposition_changed, g_object_ref (self));
}

static void
on_add_disposition (AcPreferencesWindow *self)
{
  const char *label = gtk_editable_get_text (GTK_EDITABLE (self->new_disposition_row));

  if (self->store != NULL)
    ac_store_add_disposition_async (self->store, label, NULL, on_disposition_changed, g_object_ref (self));
}

/* The timeout code: one of the team's dispositions (the setting keeps a
 * code the list no longer has, shown first, until another is chosen). */
static void
fill_timeout_row (AcPreferencesWindow *self,
                  GPtrArray           *codes)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *current = ac_settings_get_wrap_up_timeout_disposition (self->settings);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->timeout_codes, 0);
  for (guint i = 0; i < codes->len; i++)
    {
      char **pair = codes->pdata[i];

      if (g_str_equal (pair[0], current))
        selected = i;
      g_ptr_array_add (self->timeout_codes, g_strdup (pair[0]));
      gtk_string_list_append (labels, ac_disposition_display (pair[0], pair[1]));
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      selected = self->timeout_codes->len;
      g_ptr_array_add (self->timeout_codes, g_strdup (current));
      gtk_string_list_append (labels, ac_disposition_display (current, NULL));
    }

  g_signal_handlers_block_by_func (self->timeout_disposition_row, on_timeout_selected, self);
  adw_combo_row_set_model (self->timeout_disposition_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->timeout_disposition_row, selected);
  g_signal_handlers_unblock_by_func (self->timeout_disposition_row, on_timeout_selected, self);
}

static void
on_dispositions (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AcPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = ac_store_list_dispositions_finish (AC_STORE (object), result, &error);

  /* Closed meanwhile. */
  if (self->disposition_rows == NULL)
    return;

  if (codes == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  for (guint i = 0; i < self->disposition_rows->len; i++)
    adw_preferences_group_remove (self->dispositions_group, self->disposition_rows->pdata[i]);
  g_ptr_array_set_size (self->disposition_rows, 0);
  fill_timeout_row (self, codes);

  for (guint i = 0; i < codes->len; i++)
    {
      char **pair = codes->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), pair[1]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pair[1]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pair[0]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_widget_add_css_class (remove, "flat");
      /* A call must be closable with something. */
      gtk_widget_set_sensitive (remove, codes->len > 1);
      g_object_set_data_full (G_OBJECT (remove), "code", g_strdup (pair[0]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_disposition), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->dispositions_group, row);
      g_ptr_array_add (self->disposition_rows, row);
    }
}

static void
load_dispositions (AcPreferencesWindow *self)
{
  ac_store_list_dispositions_async (self->store, NULL, on_dispositions, g_object_ref (self));
}

/**
 * ac_preferences_window_set_store:
 * @self: an #AcPreferencesWindow
 * @store: (nullable): the open local store, whose disposition codes the
 *   Wrap-Up page edits; %NULL hides the page
 */
void
ac_preferences_window_set_store (AcPreferencesWindow *self,
                                 AcStore             *store)
{
  g_return_if_fail (AC_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || AC_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_widget_set_visible (GTK_WIDGET (self->wrap_up_page), store != NULL);
  gtk_widget_set_visible (self->knowledge_group, store != NULL);
  if (store != NULL)
    load_dispositions (self);
}

static void
ac_preferences_window_dispose (GObject *object)
{
  AcPreferencesWindow *self = AC_PREFERENCES_WINDOW (object);

  if (self->speech_test != NULL)
    g_cancellable_cancel (self->speech_test);
  g_clear_object (&self->speech_test);
  if (self->knowledge_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->knowledge_chooser));
  g_clear_object (&self->knowledge_chooser);
  if (self->key_lookup != NULL)
    g_cancellable_cancel (self->key_lookup);
  g_clear_object (&self->key_lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_PREFERENCES_WINDOW);

  g_clear_pointer (&self->sources[0], g_ptr_array_unref);
  g_clear_pointer (&self->sources[1], g_ptr_array_unref);
  g_clear_pointer (&self->disposition_rows, g_ptr_array_unref);
  g_clear_pointer (&self->timeout_codes, g_ptr_array_unref);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ac_preferences_window_parent_class)->dispose (object);
}

static void
ac_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AcPreferencesWindow *self = AC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_BACKEND_SYNC:
      set_backend_sync (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AcPreferencesWindow *self = AC_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_BACKEND_SYNC:
      g_value_set_object (value, self->sync);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_preferences_window_class_init (AcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ac_preferences_window_constructed;
  object_class->dispose = ac_preferences_window_dispose;
  object_class->get_property = ac_preferences_window_get_property;
  object_class->set_property = ac_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         AC_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AcPreferencesWindow:backend-sync:
   *
   * The link to the team's backend, for who is signed in; %NULL when
   * there is none.
   */
  properties[PROP_BACKEND_SYNC] =
    g_param_spec_object ("backend-sync", NULL, NULL,
                         AC_TYPE_BACKEND_SYNC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AC_TYPE_PROVIDER_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, customer_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, agent_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, sla_urgent_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, sla_high_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, sla_medium_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, sla_low_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, record_switch);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, engine_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, backend_mode_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, sign_out_button);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, backend_url_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, websocket_url_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, tenant_id_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, wrap_up_page);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, dispositions_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, new_disposition_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, requires_disposition_switch);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_url_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_key_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_model_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_language_row);
  gtk_widget_class_bind_template_callback (widget_class, on_speech_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_speech_key_clear);
  gtk_widget_class_bind_template_callback (widget_class, on_speech_model_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_speech_language_apply);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_insecure_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, embedded_language_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_test_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_test_button);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, speech_test_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_speech_test);
  gtk_widget_class_bind_template_callback (widget_class, on_speech_url_apply);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, time_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, redaction_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, card_resume_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, floor_break_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, assistant_page);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, knowledge_row);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, knowledge_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, provider_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, support_group);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, floor_after_call_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, recording_days_spin);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, transcript_days_spin);
  gtk_widget_class_install_action (widget_class, "prefs.show-audit-trail", NULL, show_audit_trail);
  gtk_widget_class_install_action (widget_class, "prefs.import-knowledge", NULL, import_knowledge);
  gtk_widget_class_bind_template_child (widget_class, AcPreferencesWindow, timeout_disposition_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_disposition);
  gtk_widget_class_bind_template_callback (widget_class, on_address_applied);
}

static void
ac_preferences_window_init (AcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->disposition_rows = g_ptr_array_new ();
  self->timeout_codes = g_ptr_array_new_with_free_func (g_free);
}

/**
 * ac_preferences_window_new:
 * @settings: the settings to show and change
 *
 * Returns: (transfer none): a new preferences window, owned by GTK like
 *   every toplevel
 */
AcPreferencesWindow *
ac_preferences_window_new (AcSettings *settings)
{
  g_return_val_if_fail (AC_IS_SETTINGS (settings), NULL);

  return g_object_new (AC_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
