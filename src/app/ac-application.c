/* ac-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <gst/gst.h>

#include "ac-application.h"
#include "ac-command-line.h"
#include "ac-pocketsphinx-engine.h"
#include "ac-preferences-window.h"
#include "ac-sign-in.h"
#include "ac-sign-in-dialog.h"
#include "ac-token-store.h"
#include "ac-fallback-engine.h"
#include "ac-speech-keys.h"
#include "ac-speech-services.h"
#include "ac-window.h"

/**
 * AcApplication:
 *
 * The application: one window, and the state that outlives it — the
 * settings, the agent's state machine, the call audio and the speech
 * engine, loaded in the background at start-up.
 */
struct _AcApplication
{
  AdwApplication  parent_instance;

  AcSettings     *settings;
  AcAgentStatus  *status;
  AcAudioCapture *capture;
  AcSpeechEngine *engine;          /* the embedded one, once loaded */
  GError         *engine_error;
  AcSpeechEngine *service;         /* a speech service, when chosen */
  AcSpeechEngine *fallback;        /* the service, the embedded engine behind */
  GError         *service_error;   /* why the chosen one is not used */
  GCancellable   *key_lookup;      /* the service's key, being read */
  AcStore        *store;          /* open, or NULL */
  char           *caller;         /* --caller, for the first call */
  GPtrArray      *store_notices;  /* GError*, told to the window */
  GCancellable   *cancellable;
  AcBackendSync  *sync;           /* with a backend, once signed in */
  char           *account;        /* the backend account */
  GCancellable   *backend_cancellable;  /* the connection being made */
  guint           reconnect_source;
  GtkWindow      *sign_in_dialog;       /* weak, while open */
  GStrv           redaction_off;        /* as last audited */
  guint           purge_source;         /* the daily purge */
};

/* The retention settings are applied at start-up and once a day. */
#define PURGE_INTERVAL_S (24 * 60 * 60)

enum {
  PROP_0,
  PROP_BACKEND_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AcApplication, ac_application, ADW_TYPE_APPLICATION)

static AcSpeechEngine *windows_engine (AcApplication *self);

static void
apply_color_scheme (AcApplication *self)
{
  const char *scheme = ac_settings_get_color_scheme (self->settings);
  AdwColorScheme adw_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    adw_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    adw_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), adw_scheme);
}

static void
ac_application_activate (GApplication *app)
{
  AcApplication *self = AC_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (ac_window_new (ADW_APPLICATION (app),
                                          self->settings,
                                          self->status,
                                          self->capture));
      ac_window_set_speech_engine (AC_WINDOW (window), windows_engine (self));
      ac_window_set_store (AC_WINDOW (window), self->store);
      ac_window_set_backend_sync (AC_WINDOW (window), self->sync);
      ac_window_set_caller (AC_WINDOW (window), self->caller);
      if (self->engine_error != NULL)
        ac_window_show_error (AC_WINDOW (window), self->engine_error);
      if (self->service_error != NULL)
        ac_window_show_error (AC_WINDOW (window), self->service_error);
      for (guint i = 0; i < self->store_notices->len; i++)
        ac_window_show_error (AC_WINDOW (window), self->store_notices->pdata[i]);
    }

  gtk_window_present (window);
}

static void
on_engine_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AcApplication) self = user_data;
  g_autoptr(AcPocketsphinxEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  engine = ac_pocketsphinx_engine_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (engine == NULL)
    {
      g_warning ("%s", error->message);
      g_prefix_error (&error, _("Calls will not be transcribed: "));
      self->engine_error = g_steal_pointer (&error);
    }
  else
    self->engine = AC_SPEECH_ENGINE (g_steal_pointer (&engine));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AC_IS_WINDOW (l->data))
      {
        ac_window_set_speech_engine (l->data, windows_engine (self));
        if (self->engine_error != NULL)
          ac_window_show_error (l->data, self->engine_error);
      }
}

typedef struct
{
  AcApplication *self;
  char          *reason;   /* NULL: back on the service */
} FellBack;

static gboolean
tell_fell_back (gpointer data)
{
  FellBack *fell = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;

  if (fell->reason != NULL)
    g_set_error (&error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_UNREACHABLE,
                 _("Transcribing on this computer: %s"), fell->reason);
  else
    back = g_strdup_printf (_("Transcribing with %s again"),
                            ac_speech_service_get_display_name (ac_settings_get_speech_engine (fell->self->settings)));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fell->self)); l != NULL; l = l->next)
    if (AC_IS_WINDOW (l->data))
      {
        if (error != NULL)
          ac_window_show_error (l->data, error);
        else
          ac_window_show_notice (l->data, back);
      }
  g_object_unref (fell->self);
  g_free (fell->reason);
  g_free (fell);
  return G_SOURCE_REMOVE;
}

/* A channel left the service for this computer (any thread): the agent is
 * told, on the main loop. */
static void
on_fell_back (AcFallbackEngine *engine,
              guint             channel,
              const char       *reason,
              AcApplication    *self)
{
  FellBack *fell = g_new0 (FellBack, 1);

  fell->self = g_object_ref (self);
  fell->reason = g_strdup (reason);
  g_main_context_invoke (NULL, tell_fell_back, fell);
}

/* The service hears the channel again (its worker thread). */
static void
on_returned (AcFallbackEngine *engine,
             guint             channel,
             AcApplication    *self)
{
  FellBack *fell = g_new0 (FellBack, 1);

  fell->self = g_object_ref (self);
  g_main_context_invoke (NULL, tell_fell_back, fell);
}

/* What the windows transcribe with: the service with the embedded engine
 * behind it, the service alone (the embedded engine failed to load), or
 * the embedded engine.  Nothing while the embedded engine loads: no call
 * starts on a service without it behind. */
static AcSpeechEngine *
windows_engine (AcApplication *self)
{
  if (self->service == NULL)
    return self->engine;
  if (self->engine == NULL && self->engine_error == NULL)
    return NULL;
  if (self->engine == NULL || !AC_IS_STREAMING_ENGINE (self->service))
    return self->service;
  if (self->fallback == NULL)
    {
      self->fallback = ac_fallback_engine_new (AC_STREAMING_ENGINE (self->service), self->engine);
      g_signal_connect_object (self->fallback, "fell-back", G_CALLBACK (on_fell_back), self, 0);
      g_signal_connect_object (self->fallback, "returned", G_CALLBACK (on_returned), self, 0);
    }
  return self->fallback;
}

/* The service engine made (or not) for the settings: the windows use it,
 * or the embedded engine with the reason it is not used. */
static void
use_service (AcApplication  *self,
             AcSpeechEngine *service,
             GError         *error)
{
  g_clear_object (&self->fallback);
  g_clear_object (&self->service);
  g_clear_error (&self->service_error);
  self->service = service;
  if (error != NULL)
    g_prefix_error (&error, _("Transcribing on this computer: the speech service cannot be used: "));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AC_IS_WINDOW (l->data))
      {
        ac_window_set_speech_engine (l->data, windows_engine (self));
        if (error != NULL)
          ac_window_show_error (l->data, error);
      }
  self->service_error = error;
}

static AcSpeechEngine *
make_service (AcApplication  *self,
              const char     *key,
              GError        **error)
{
  return ac_speech_engine_new_for_service (ac_settings_get_speech_engine (self->settings),
                                           ac_settings_get_speech_url (self->settings),
                                           ac_settings_get_speech_allow_insecure (self->settings), key,
                                           ac_settings_get_speech_model (self->settings),
                                           ac_settings_get_speech_language (self->settings), error);
}

static void
on_speech_key (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AcApplication) self = user_data;
  GError *error = NULL;
  char *key = ac_speech_key_lookup_finish (result, &error);
  AcSpeechEngine *service = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }
  if (error == NULL)
    service = make_service (self, key, &error);
  secret_password_free (key);
  use_service (self, service, error);
}

typedef struct
{
  AcApplication   *self;
  AcBackendClient *client;
  char            *websocket_url;
} Connecting;

static void
tell_windows (AcApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AC_IS_WINDOW (l->data))
      ac_window_set_backend_sync (l->data, self->sync);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND_SYNC]);
}

static void
on_tokens_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Connecting *connecting = user_data;
  AcApplication *self = connecting->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendTokens) tokens = ac_token_store_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;  /* the settings changed again, or the app quits */
  if (error != NULL)
    g_warning ("%s", error->message);
  /* Refreshed a minute before the access token expires, all shift long;
   * the keyring keeps the latest. */
  ac_backend_client_set_auto_refresh (connecting->client, TRUE);
  if (tokens != NULL)
    ac_backend_client_set_tokens (connecting->client, tokens);
  ac_token_store_keep_rotated (connecting->client, self->account);

  /* Without tokens the outbox waits, signed out, until a sign-in. */
  self->sync = ac_backend_sync_new (self->store, connecting->client, connecting->websocket_url, NULL);
  ac_backend_sync_start (self->sync);
  tell_windows (self);

out:
  g_object_unref (connecting->self);
  g_object_unref (connecting->client);
  g_free (connecting->websocket_url);
  g_free (connecting);
}

static void
disconnect_backend (AcApplication *self)
{
  if (self->backend_cancellable != NULL)
    g_cancellable_cancel (self->backend_cancellable);
  g_clear_object (&self->backend_cancellable);

  /* The rooms are left; what waits stays in the outbox for the next
   * connection. */
  if (self->sync != NULL)
    {
      g_clear_object (&self->sync);
      tell_windows (self);
    }
}

/* With backend-mode “server”: the client of the settings, its tokens
 * from the keyring, and the outbox that streams calls to it.  Returns
 * (transfer full) why there is none, when the agent should know. */
static GError *
connect_backend (AcApplication *self)
{
  const char *mode = ac_settings_get_backend_mode (self->settings);
  const char *url = ac_settings_get_backend_url (self->settings);
  const char *rooms = ac_settings_get_websocket_url (self->settings);
  const char *tenant = ac_settings_get_tenant_id (self->settings);
  gboolean allow_insecure = ac_settings_get_backend_allow_insecure (self->settings);
  g_autofree char *websocket_url = NULL;
  g_autoptr(GError) error = NULL;
  AcBackendClient *client = NULL;
  Connecting *connecting;

  disconnect_backend (self);
  if (!g_str_equal (mode, "server") || self->store == NULL)
    return NULL;

  /* Not set up yet (the agent has just chosen a server and not typed its
   * address): nothing to connect to, and nothing to warn about. */
  if (url[0] == '\0')
    return NULL;

  websocket_url = rooms[0] != '\0' ? g_strdup (rooms) : ac_backend_derive_websocket_url (url);
  if (ac_backend_check_address (websocket_url != NULL ? websocket_url : "", TRUE, allow_insecure, &error))
    client = ac_backend_client_new_full (url, tenant, allow_insecure, &error);
  if (client == NULL)
    {
      g_prefix_error (&error, _("The contact center cannot be reached: "));
      return g_steal_pointer (&error);
    }

  g_free (self->account);
  self->account = g_strdup (ac_settings_get_backend_account (self->settings));
  self->backend_cancellable = g_cancellable_new ();
  connecting = g_new0 (Connecting, 1);
  connecting->self = g_object_ref (self);
  connecting->client = client;
  connecting->websocket_url = g_steal_pointer (&websocket_url);
  ac_token_store_load_async (url, self->account, self->backend_cancellable, on_tokens_loaded, connecting);
  return NULL;
}

static gboolean
reconnect_backend (gpointer data)
{
  AcApplication *self = data;
  g_autoptr(GError) error = NULL;

  self->reconnect_source = 0;
  if ((error = connect_backend (self)) != NULL)
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
      if (AC_IS_WINDOW (l->data))
        ac_window_show_error (l->data, error);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (AcApplication *self)
{
  if (self->store != NULL && self->reconnect_source == 0)
    self->reconnect_source = g_idle_add (reconnect_backend, self);
}

/* Where the backend is, or who is signed in, changed: connect anew (once
 * for several keys changed together). */
/* The engine of the settings (`speech-engine`, `speech-url`, …): a speech
 * service when one is chosen and usable (its key read from the keyring
 * first), else the embedded engine, with the reason shown.  From the next
 * call on. */
static void
choose_speech_engine (AcApplication *self)
{
  const char *name = ac_settings_get_speech_engine (self->settings);
  GError *error = NULL;
  AcSpeechEngine *service = NULL;

  g_cancellable_cancel (self->key_lookup);
  g_clear_object (&self->key_lookup);
  /* The cloud services need their key. */
  if (ac_speech_service_is_streaming (name) && !g_str_equal (name, "vosk"))
    {
      self->key_lookup = g_cancellable_new ();
      ac_speech_key_lookup_async (name, ac_settings_get_speech_url (self->settings), self->key_lookup,
                                  on_speech_key, g_object_ref (self));
      return;
    }
  if (ac_speech_service_is_streaming (name))
    service = make_service (self, NULL, &error);
  use_service (self, service, error);
}

static void
on_audited (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ac_store_audit_finish (AC_STORE (object), result, &error))
    g_warning ("%s", error->message);
}

/**
 * ac_application_get_store:
 * @self: a #AcApplication
 *
 * Returns: (transfer none) (nullable): the call database, once open
 */
AcStore *
ac_application_get_store (AcApplication *self)
{
  g_return_val_if_fail (AC_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * ac_application_audit:
 * @self: a #AcApplication
 * @action: what was done (see [struct@AuditEntry])
 * @subject: (nullable): what it was done to
 * @detail: (nullable): more, in words
 *
 * Writes a line to the audit trail, as the signed-in account or the
 * computer's user.  Without a store (it could not be opened) the line is
 * logged instead.
 */
void
ac_application_audit (AcApplication *self,
                      const char    *action,
                      const char    *subject,
                      const char    *detail)
{
  g_autofree char *actor = NULL;

  g_return_if_fail (AC_IS_APPLICATION (self));
  g_return_if_fail (action != NULL);

  actor = ac_settings_dup_actor (self->settings);
  if (self->store == NULL)
    {
      g_message ("Audit: %s %s %s", actor, action, subject != NULL ? subject : "");
      return;
    }
  ac_store_audit_async (self->store, actor, action, subject, detail, NULL, on_audited, NULL);
}

/* Each redaction category turned off or on again is audited, whoever
 * changed the setting (Preferences or gsettings). */
static void
audit_redaction (AcApplication *self)
{
  const char * const *off = ac_settings_get_redaction_off (self->settings);

  if (self->redaction_off != NULL)
    {
      for (const char * const *p = off; *p != NULL; p++)
        if (!g_strv_contains ((const char * const *) self->redaction_off, *p))
          ac_application_audit (self, "redaction-off", *p, NULL);
      for (char **p = self->redaction_off; *p != NULL; p++)
        if (!g_strv_contains (off, *p))
          ac_application_audit (self, "redaction-on", *p, NULL);
    }

  g_strfreev (self->redaction_off);
  self->redaction_off = g_strdupv ((char **) off);
}

static void
on_purged (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ac_store_purge_finish (AC_STORE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("%s", error->message);
}

static gboolean
purge_now (gpointer user_data)
{
  AcApplication *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *actor = ac_settings_dup_actor (self->settings);

  if (self->store != NULL)
    ac_store_purge_async (self->store, now, ac_settings_get_recording_retention_days (self->settings),
                          ac_settings_get_transcript_retention_days (self->settings), actor,
                          self->cancellable, on_purged, NULL);
  return G_SOURCE_CONTINUE;
}

static void
on_settings_notify (AcSettings    *settings,
                    GParamSpec    *pspec,
                    AcApplication *self)
{
  if (ac_settings_is_backend_key (pspec))
    schedule_reconnect (self);
  if (g_str_has_prefix (pspec->name, "speech-"))
    choose_speech_engine (self);
  if (g_str_equal (pspec->name, "redaction-off"))
    audit_redaction (self);
}

static void
on_store_opened (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AcApplication) self = user_data;
  g_autoptr(AcStore) store = AC_STORE (object);
  g_autoptr(GError) error = NULL;
  guint first_notice = self->store_notices->len;

  if (!ac_store_open_finish (store, result, &error))
    {
      /* Calls still work; they are just not kept. */
      g_warning ("%s", error->message);
      g_prefix_error (&error, _("Calls will not be kept: "));
      g_ptr_array_add (self->store_notices, g_steal_pointer (&error));
    }
  else
    {
      GFile *aside = ac_store_get_set_aside (store);
      guint interrupted = ac_store_get_interrupted_count (store);

      self->store = g_object_ref (store);

      /* What the retention settings say is past its time goes now, and
       * each day the app stays open. */
      purge_now (self);
      self->purge_source = g_timeout_add_seconds (PURGE_INTERVAL_S, purge_now, self);

      if (aside != NULL)
        g_ptr_array_add (self->store_notices,
                         g_error_new (AC_STORE_ERROR, AC_STORE_ERROR_OPEN,
                                      _("The call database was damaged: it was kept as “%s” and a new one was started"),
                                      g_file_peek_path (aside)));
      if (interrupted > 0)
        g_ptr_array_add (self->store_notices,
                         g_error_new (AC_STORE_ERROR, AC_STORE_ERROR_OPEN,
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "%u call was cut short when Agent Console last stopped; what was said is kept",
                                                   "%u calls were cut short when Agent Console last stopped; what was said is kept",
                                                   interrupted),
                                      interrupted));
    }

  {
    GError *backend_error = connect_backend (self);

    if (backend_error != NULL)
      g_ptr_array_add (self->store_notices, backend_error);
  }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AC_IS_WINDOW (l->data))
      {
        ac_window_set_store (l->data, self->store);
        for (guint i = first_notice; i < self->store_notices->len; i++)
          ac_window_show_error (l->data, self->store_notices->pdata[i]);
      }
}

static void
ac_application_startup (GApplication *app)
{
  AcApplication *self = AC_APPLICATION (app);

  G_APPLICATION_CLASS (ac_application_parent_class)->startup (app);

  gst_init (NULL, NULL);

  self->settings = ac_settings_new ();
  self->status = ac_agent_status_new ();
  self->capture = ac_audio_capture_new ();
  self->cancellable = g_cancellable_new ();

  /* The embedded engine, always: the default, and what a call falls back
   * to; a speech service when the settings choose one. */
  choose_speech_engine (self);
  ac_pocketsphinx_engine_new_async (AC_AUDIO_N_CHANNELS, self->cancellable,
                                    on_engine_loaded, g_object_ref (self));

  /* The embedded backend: every call is kept in the local database. */
  {
    g_autoptr(GFile) file = ac_store_get_default_file ();
    AcStore *store = ac_store_new (file);

    ac_store_open_async (store, self->cancellable, on_store_opened, g_object_ref (self));
  }

  g_signal_connect_object (self->settings, "notify::color-scheme",
                           G_CALLBACK (apply_color_scheme), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);
  audit_redaction (self);
  g_signal_connect_object (self->settings, "notify", G_CALLBACK (on_settings_notify), self, 0);
}

static void
ac_application_shutdown (GApplication *app)
{
  AcApplication *self = AC_APPLICATION (app);

  if (self->capture != NULL)
    ac_audio_capture_stop (self->capture);
  g_cancellable_cancel (self->cancellable);

  /* The rooms are left; what waits stays in the outbox for next time. */
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_handle_id (&self->purge_source, g_source_remove);
  disconnect_backend (self);

  /* What is queued is written before the app goes. */
  if (self->store != NULL)
    ac_store_close (self->store);

  G_APPLICATION_CLASS (ac_application_parent_class)->shutdown (app);
}

static int
ac_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *analyze = NULL;
  g_autofree char *import = NULL;
  g_autofree char *login = NULL;
  g_autofree char *caller = NULL;
  AcApplication *self = AC_APPLICATION (app);
  g_autofree char *model = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "sentiment-model", "s", &model);

  if (g_variant_dict_lookup (options, "caller", "s", &caller))
    {
      g_free (self->caller);
      self->caller = g_steal_pointer (&caller);
    }

  if (g_variant_dict_lookup (options, "import-customers", "^ay", &import))
    return ac_command_line_import_customers (import);

  {
    g_autofree char *knowledge = NULL;

    if (g_variant_dict_lookup (options, "import-knowledge", "^ay", &knowledge))
      return ac_command_line_import_knowledge (knowledge);
  }
  if (g_variant_dict_contains (options, "suggest"))
    return ac_command_line_suggest ();

  if (g_variant_dict_lookup (options, "login", "s", &login))
    {
      g_autofree char *ws_url = NULL;
      g_autofree char *tenant = NULL;
      g_autofree char *email = NULL;

      g_variant_dict_lookup (options, "ws-url", "s", &ws_url);
      g_variant_dict_lookup (options, "tenant", "s", &tenant);
      g_variant_dict_lookup (options, "email", "s", &email);
      return ac_command_line_login (login, ws_url, tenant, g_variant_dict_contains (options, "allow-insecure"),
                                    email);
    }

  if (g_variant_dict_contains (options, "score-text"))
    return ac_command_line_score_text (model);

  if (g_variant_dict_contains (options, "redact"))
    {
      g_autoptr(AcRedactor) redactor = ac_redactor_new ();
      g_autoptr(AcSettings) settings = ac_settings_new ();

      ac_settings_apply_redaction (settings, redactor);
      return ac_command_line_redact (redactor);
    }

  if (g_variant_dict_contains (options, "purge"))
    {
      g_autoptr(AcSettings) settings = ac_settings_new ();

      return ac_command_line_purge (settings);
    }

  {
    g_autofree char *key_engine = NULL;
    g_autofree char *key_url = NULL;

    g_variant_dict_lookup (options, "engine-url", "s", &key_url);
    if (g_variant_dict_lookup (options, "set-api-key", "s", &key_engine))
      return ac_command_line_set_api_key (key_engine, key_url);
    if (g_variant_dict_lookup (options, "clear-api-key", "s", &key_engine))
      return ac_command_line_clear_api_key (key_engine, key_url);
  }

  if (g_variant_dict_lookup (options, "analyze", "^ay", &analyze))
    {
      if (g_variant_dict_contains (options, "upload"))
        return ac_command_line_upload (analyze, self->caller);
      {
        g_autofree char *engine = NULL;
        g_autofree char *engine_url = NULL;

        g_variant_dict_lookup (options, "engine", "s", &engine);
        g_variant_dict_lookup (options, "engine-url", "s", &engine_url);
        return ac_command_line_analyze (analyze, g_variant_dict_contains (options, "json"), engine, engine_url,
                                        g_variant_dict_contains (options, "allow-insecure"));
      }
    }

  if (g_variant_dict_contains (options, "upload"))
    {
      g_printerr (_("%s: --upload goes with --analyze\n"), g_get_prgname ());
      return 2;
    }

  if (g_variant_dict_contains (options, "json"))
    {
      g_printerr (_("%s: --json goes with --analyze\n"), g_get_prgname ());
      return 2;
    }

  return -1;
}

static void
ac_application_dispose (GObject *object)
{
  AcApplication *self = AC_APPLICATION (object);

  g_clear_object (&self->fallback);
  g_clear_object (&self->engine);
  g_clear_object (&self->service);
  g_clear_error (&self->service_error);
  g_cancellable_cancel (self->key_lookup);
  g_clear_object (&self->key_lookup);
  g_clear_error (&self->engine_error);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_handle_id (&self->purge_source, g_source_remove);
  g_clear_pointer (&self->redaction_off, g_strfreev);
  g_clear_object (&self->backend_cancellable);
  g_clear_object (&self->sync);
  g_clear_pointer (&self->account, g_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_notices, g_ptr_array_unref);
  g_clear_pointer (&self->caller, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->capture);
  g_clear_object (&self->status);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ac_application_parent_class)->dispose (object);
}

static void
ac_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AcApplication *self = AC_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_BACKEND_SYNC:
      g_value_set_object (value, self->sync);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_application_class_init (AcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ac_application_dispose;
  object_class->get_property = ac_application_get_property;

  /**
   * AcApplication:backend-sync: (getter get_backend_sync)
   *
   * The link to the team's backend: %NULL when calls stay on this
   * computer (or while connecting); replaced when the server or the
   * account changes.
   */
  properties[PROP_BACKEND_SYNC] =
    g_param_spec_object ("backend-sync", NULL, NULL,
                         AC_TYPE_BACKEND_SYNC,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->activate = ac_application_activate;
  app_class->startup = ac_application_startup;
  app_class->shutdown = ac_application_shutdown;
  app_class->handle_local_options = ac_application_handle_local_options;
}

static AcPreferencesWindow *
present_preferences (AcApplication *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AcPreferencesWindow *prefs = ac_preferences_window_new (self->settings);

  ac_preferences_window_set_store (prefs, self->store);
  /* Its Sign In… and Sign Out buttons are the app's actions. */
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  g_object_bind_property (self, "backend-sync", prefs, "backend-sync", G_BINDING_SYNC_CREATE);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  present_preferences (AC_APPLICATION (user_data));
}

/* From the header's connection button: the account and the server. */
static void
show_backend_preferences (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  AcPreferencesWindow *prefs = present_preferences (AC_APPLICATION (user_data));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backend");
}

/* From a desktop notification of the floor: the floor, at a call. */
static void
show_floor_call (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* the agent's window opens the floor (it holds the account) */
  for (GList *l = windows; (window == NULL || !AC_IS_WINDOW (window)) && l != NULL; l = l->next)
    if (AC_IS_WINDOW (l->data))
      window = l->data;
  if (window != NULL && AC_IS_WINDOW (window))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-floor", "s",
                                param != NULL ? g_variant_get_string (param, NULL) : "");
}

/* Preferences kept or removed a speech service's key: read it again. */
static void
speech_key_changed (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  choose_speech_engine (AC_APPLICATION (user_data));
}

/* Preferences at one page, such as `audio` from an error about a device. */
static void
show_preferences_page (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AcPreferencesWindow *prefs = present_preferences (AC_APPLICATION (user_data));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs),
                                                g_variant_get_string (param, NULL));
}

static void
show_help (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  AcApplication *self = AC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri (parent, "help:" PACKAGE_NAME, GDK_CURRENT_TIME);
}

static void
show_about (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  AcApplication *self = AC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Agent Console developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Agent Console"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Agent Console developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Live transcript, sentiment and customer context for call-center agents"),
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit (GSimpleAction *action,
      GVariant      *param,
      gpointer       user_data)
{
  AcApplication *self = AC_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows (not g_application_quit()) lets each save its state. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_signed_in (AcApplication *self)
{
  ac_application_audit (self, "sign-in", ac_settings_get_backend_url (self->settings), NULL);
  /* The same server and account as before do not change the settings. */
  schedule_reconnect (self);
}

static void
sign_in (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  AcApplication *self = AC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->sign_in_dialog != NULL)
    {
      gtk_window_present (self->sign_in_dialog);
      return;
    }

  self->sign_in_dialog = GTK_WINDOW (ac_sign_in_dialog_new (self->settings));
  g_object_add_weak_pointer (G_OBJECT (self->sign_in_dialog), (gpointer *) &self->sign_in_dialog);
  g_signal_connect_object (self->sign_in_dialog, "signed-in", G_CALLBACK (on_signed_in), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (self->sign_in_dialog, parent);
  gtk_window_present (self->sign_in_dialog);
}

static void
on_signed_out (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AcApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ac_sign_out_finish (result, &error))
    {
      g_prefix_error (&error, _("Could not sign out: "));
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (AC_IS_WINDOW (l->data))
          ac_window_show_error (l->data, error);
    }
  schedule_reconnect (self);
}

static void
sign_out_now (AcApplication *self)
{
  ac_application_audit (self, "sign-out", ac_settings_get_backend_url (self->settings), NULL);
  ac_sign_out_async (self->settings, NULL, on_signed_out, g_object_ref (self));
}

static void
on_sign_out_response (AdwMessageDialog *dialog,
                      const char       *response,
                      AcApplication    *self)
{
  if (g_str_equal (response, "sign-out"))
    sign_out_now (self);
}

static void
sign_out (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  AcApplication *self = AC_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  guint waiting = self->sync != NULL ? ac_backend_sync_get_n_waiting (self->sync) : 0;
  AdwMessageDialog *dialog;

  if (waiting == 0)
    {
      sign_out_now (self);
      return;
    }

  /* What waits is kept, but the agent should know it has not gone. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Sign Out?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u change has not reached the contact center yet. It is kept on this computer and sent after you sign in again.",
                                               "%u changes have not reached the contact center yet. They are kept on this computer and sent after you sign in again.",
                                               waiting),
                                  waiting);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sign-out", _("_Sign Out"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry app_actions[] = {
  { "preferences", show_preferences },
  { "backend-preferences", show_backend_preferences },
  { "floor", show_floor_call },
  { "floor-call", show_floor_call, "s" },
  { "preferences-page", show_preferences_page, "s" },
  { "speech-key-changed", speech_key_changed },
  { "sign-in", sign_in },
  { "sign-out", sign_out },
  { "help", show_help },
  { "about", show_about },
  { "quit", quit },
};

static void
free_error (gpointer error)
{
  g_error_free (error);
}

static void
ac_application_init (AcApplication *self)
{

  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { "analyze", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Transcribe a recorded call (channel 0 customer, 1 agent) and exit"), N_("CALL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --analyze: print the enhanced transcript JSON"), NULL },
    { "upload", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --analyze: send the call to the backend signed in with --login, as if live, and print its id"),
      NULL },
    { "caller", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The caller's number for the first call: their customer opens when it starts"),
      N_("NUMBER") },
    { "import-customers", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Add or update customers from a CSV file with the backend's column names, and exit"),
      N_("FILE.csv") },
    { "import-knowledge", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import a folder of articles (Markdown, HTML, plain text) as the knowledge base, and exit"),
      N_("DIR") },
    { "suggest", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Suggest knowledge-base articles for each customer utterance on standard input, as JSON lines"), NULL },
    { "login", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Sign in to a contact-center backend (password on standard input), keep the sign-in, and exit"),
      N_("URL") },
    { "ws-url", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --login: the backend’s WebSocket address, when not derived from URL"), N_("URL") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --login: the team’s tenant id"), N_("ID") },
    { "email", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --login: the agent’s email address"), N_("ADDRESS") },
    { "allow-insecure", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --login or --engine-url: allow unencrypted http:// and ws:// to another computer"), NULL },
    { "engine", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --analyze: the speech engine, pocketsphinx (on this computer, the default), vosk (a speech server), deepgram, assemblyai or openai"),
      N_("ENGINE") },
    { "engine-url", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --engine or --set-api-key: the speech service’s address"), N_("URL") },
    { "set-api-key", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Keep a speech service’s, the AI provider’s (assistant) or the support service’s (support-service) API key, read from standard input, in the keyring, and exit"), N_("SERVICE") },
    { "clear-api-key", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Remove a speech service’s, the AI provider’s or the support service’s API key from the keyring, and exit"), N_("SERVICE") },
    { "score-text", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Score each line of standard input for sentiment, intent and risk, as JSON lines"), NULL },
    { "sentiment-model", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --score-text: contact-center (the default) or vader"), N_("MODEL") },
    { "redact", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Mask the personal data in each line of standard input, as JSON lines"), NULL },
    { "purge", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Delete the calls and recordings older than the retention settings, now"), NULL },
    { NULL }
  };

  self->store_notices = g_ptr_array_new_with_free_func (free_error);

  g_application_add_main_option_entries (G_APPLICATION (self), options);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  ac_window_add_accels (GTK_APPLICATION (self));
}

/**
 * ac_application_new:
 *
 * One app per desktop session, as GNOME apps are; with
 * `AC_NON_UNIQUE=1` in the environment each process is an app of its own,
 * so two accounts (an agent's and a supervisor's, each with its own
 * `XDG_CONFIG_HOME` and `XDG_DATA_HOME`) can run side by side, as the
 * end-to-end tests do.
 *
 * Returns: (transfer full): the application, with the app ID
 *   `io.github.agentconsole.AgentConsole`
 */
AcApplication *
ac_application_new (void)
{
  gboolean unique = g_strcmp0 (g_getenv ("AC_NON_UNIQUE"), "1") != 0;

  return g_object_new (AC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", unique ? G_APPLICATION_DEFAULT_FLAGS : G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * ac_application_get_settings:
 * @self: a #AcApplication
 *
 * Returns: (transfer none) (nullable): the app's settings, or %NULL before
 *   start-up
 */
AcSettings *
ac_application_get_settings (AcApplication *self)
{
  g_return_val_if_fail (AC_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * ac_application_get_backend_sync:
 * @self: a #AcApplication
 *
 * Returns: (transfer none) (nullable): the link to the team's backend, or
 *   %NULL when calls stay on this computer
 */
AcBackendSync *
ac_application_get_backend_sync (AcApplication *self)
{
  g_return_val_if_fail (AC_IS_APPLICATION (self), NULL);

  return self->sync;
}
