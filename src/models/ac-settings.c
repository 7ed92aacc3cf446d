/* ac-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-settings"

#include "config.h"

#include "ac-settings.h"
#include "ac-redactor.h"
#include "ac-ticket.h"

/**
 * AcSettings:
 *
 * The app's preferences as one object: every key of the
 * `io.github.agentconsole.AgentConsole` GSettings schema is a property of
 * the same name and type, bound both ways, so that widgets bind to
 * properties, code reads typed getters instead of key strings, and a
 * change of a key is a `notify` of its property.  Nothing else in the app
 * opens the schema.
 *
 * Which key means what is documented in the schema
 * (`data/io.github.agentconsole.AgentConsole.gschema.xml`).
 */
enum {
  PROP_0,
  PROP_SETTINGS,
  /* The schema's keys, in its order. */
  PROP_CUSTOMER_SOURCE,
  PROP_AGENT_SOURCE,
  PROP_RECORD_CALLS,
  PROP_WRAP_UP_REQUIRES_DISPOSITION,
  PROP_WRAP_UP_TIME_LIMIT,
  PROP_WRAP_UP_TIMEOUT_DISPOSITION,
  PROP_SLA_HOURS_URGENT,
  PROP_SLA_HOURS_HIGH,
  PROP_SLA_HOURS_MEDIUM,
  PROP_SLA_HOURS_LOW,
  PROP_SPEECH_ENGINE,
  PROP_SPEECH_URL,
  PROP_SPEECH_MODEL,
  PROP_SPEECH_LANGUAGE,
  PROP_SPEECH_ALLOW_INSECURE,
  PROP_BACKEND_MODE,
  PROP_BACKEND_URL,
  PROP_WEBSOCKET_URL,
  PROP_BACKEND_ALLOW_INSECURE,
  PROP_BACKEND_ACCOUNT,
  PROP_TENANT_ID,
  PROP_COLOR_SCHEME,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_REDACTION_OFF,
  PROP_CARD_PAUSE_RESUME,
  PROP_RECORDING_RETENTION_DAYS,
  PROP_TRANSCRIPT_RETENTION_DAYS,
  PROP_FLOOR_BREAK_LIMIT,
  PROP_FLOOR_AFTER_CALL_LIMIT,
  PROP_ASSISTANT_URL,
  PROP_ASSISTANT_MODEL,
  PROP_ASSISTANT_REPLIES,
  PROP_SUPPORT_URL,
  N_PROPS
};

#define FIRST_KEY PROP_CUSTOMER_SOURCE

struct _AcSettings
{
  GObject    parent_instance;

  GSettings *settings;
  GValue     values[N_PROPS]; /* each key's, by property id */
};

G_DEFINE_FINAL_TYPE (AcSettings, ac_settings, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ac_settings_constructed (GObject *object)
{
  AcSettings *self = AC_SETTINGS (object);

  G_OBJECT_CLASS (ac_settings_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  for (guint i = FIRST_KEY; i < N_PROPS; i++)
    g_settings_bind (self->settings,
                     g_param_spec_get_name (properties[i]),
                     self,
                     g_param_spec_get_name (properties[i]),
                     G_SETTINGS_BIND_DEFAULT);
}

static void
ac_settings_finalize (GObject *object)
{
  AcSettings *self = AC_SETTINGS (object);

  for (guint i = FIRST_KEY; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ac_settings_parent_class)->finalize (object);
}

static void
ac_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AcSettings *self = AC_SETTINGS (object);

  if (prop_id == PROP_SETTINGS)
    g_value_set_object (value, self->settings);
  else if (prop_id >= FIRST_KEY && prop_id < N_PROPS)
    g_value_copy (&self->values[prop_id], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ac_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AcSettings *self = AC_SETTINGS (object);

  if (prop_id == PROP_SETTINGS)
    self->settings = g_value_dup_object (value);
  else if (prop_id >= FIRST_KEY && prop_id < N_PROPS)
    {
      /* Told only when it changes: a binding's echo stops here. */
      if (g_param_values_cmp (pspec, &self->values[prop_id], value) == 0)
        return;
      g_value_copy (value, &self->values[prop_id]);
      g_object_notify_by_pspec (object, pspec);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

#define KEY_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static GParamSpec *
string_key (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "", KEY_FLAGS);
}

static GParamSpec *
boolean_key (const char *name,
             gboolean    fallback)
{
  return g_param_spec_boolean (name, NULL, NULL, fallback, KEY_FLAGS);
}

/* The schema's range (1 to 8760 hours, a year) is GSettings's to keep. */
static GParamSpec *
hours_key (const char *name,
           guint       fallback)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, fallback, KEY_FLAGS);
}

static GParamSpec *
int_key (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, 0, G_MAXINT, 0, KEY_FLAGS);
}

static void
ac_settings_class_init (AcSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ac_settings_constructed;
  object_class->finalize = ac_settings_finalize;
  object_class->get_property = ac_settings_get_property;
  object_class->set_property = ac_settings_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Names and types match the schema's keys; see it for what each means. */
  properties[PROP_CUSTOMER_SOURCE] = string_key ("customer-source");
  properties[PROP_AGENT_SOURCE] = string_key ("agent-source");
  properties[PROP_RECORD_CALLS] = boolean_key ("record-calls", TRUE);
  properties[PROP_WRAP_UP_REQUIRES_DISPOSITION] = boolean_key ("wrap-up-requires-disposition", TRUE);
  properties[PROP_WRAP_UP_TIME_LIMIT] = g_param_spec_uint ("wrap-up-time-limit", NULL, NULL, 0, 3600, 0,
                                                           KEY_FLAGS);
  properties[PROP_WRAP_UP_TIMEOUT_DISPOSITION] = string_key ("wrap-up-timeout-disposition");
  properties[PROP_SLA_HOURS_URGENT] = hours_key ("sla-hours-urgent", AC_TICKET_SLA_HOURS_URGENT);
  properties[PROP_SLA_HOURS_HIGH] = hours_key ("sla-hours-high", AC_TICKET_SLA_HOURS_HIGH);
  properties[PROP_SLA_HOURS_MEDIUM] = hours_key ("sla-hours-medium", AC_TICKET_SLA_HOURS_MEDIUM);
  properties[PROP_SLA_HOURS_LOW] = hours_key ("sla-hours-low", AC_TICKET_SLA_HOURS_LOW);
  properties[PROP_SPEECH_ENGINE] = string_key ("speech-engine");
  properties[PROP_SPEECH_URL] = string_key ("speech-url");
  properties[PROP_SPEECH_MODEL] = string_key ("speech-model");
  properties[PROP_SPEECH_LANGUAGE] = string_key ("speech-language");
  properties[PROP_SPEECH_ALLOW_INSECURE] = boolean_key ("speech-allow-insecure", FALSE);
  properties[PROP_BACKEND_MODE] = string_key ("backend-mode");
  properties[PROP_BACKEND_URL] = string_key ("backend-url");
  properties[PROP_WEBSOCKET_URL] = string_key ("websocket-url");
  properties[PROP_BACKEND_ALLOW_INSECURE] = boolean_key ("backend-allow-insecure", FALSE);
  properties[PROP_BACKEND_ACCOUNT] = string_key ("backend-account");
  properties[PROP_TENANT_ID] = string_key ("tenant-id");
  properties[PROP_COLOR_SCHEME] = string_key ("color-scheme");
  properties[PROP_WINDOW_WIDTH] = int_key ("window-width");
  properties[PROP_WINDOW_HEIGHT] = int_key ("window-height");
  properties[PROP_WINDOW_MAXIMIZED] = boolean_key ("window-maximized", FALSE);
  properties[PROP_REDACTION_OFF] = g_param_spec_boxed ("redaction-off", NULL, NULL, G_TYPE_STRV, KEY_FLAGS);
  properties[PROP_FLOOR_BREAK_LIMIT] = g_param_spec_uint ("floor-break-limit", NULL, NULL, 0, G_MAXUINT, 15,
                                                          KEY_FLAGS);
  properties[PROP_FLOOR_AFTER_CALL_LIMIT] = g_param_spec_uint ("floor-after-call-limit", NULL, NULL, 0, G_MAXUINT, 5,
                                                               KEY_FLAGS);
  properties[PROP_ASSISTANT_URL] = string_key ("assistant-url");
  properties[PROP_ASSISTANT_MODEL] = string_key ("assistant-model");
  properties[PROP_ASSISTANT_REPLIES] = boolean_key ("assistant-replies", TRUE);
  properties[PROP_SUPPORT_URL] = string_key ("support-url");
  properties[PROP_CARD_PAUSE_RESUME] = g_param_spec_uint ("card-pause-resume", NULL, NULL, 0, G_MAXUINT, 10,
                                                          KEY_FLAGS);
  properties[PROP_RECORDING_RETENTION_DAYS] = g_param_spec_uint ("recording-retention-days", NULL, NULL, 0,
                                                                 G_MAXUINT, 90, KEY_FLAGS);
  properties[PROP_TRANSCRIPT_RETENTION_DAYS] = g_param_spec_uint ("transcript-retention-days", NULL, NULL, 0,
                                                                  G_MAXUINT, 365, KEY_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_settings_init (AcSettings *self)
{
  for (guint i = FIRST_KEY; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/* The value of a key's property, from the object (no GSettings read). */
static const GValue *
value_of (AcSettings *self,
          guint       prop_id)
{
  return &self->values[prop_id];
}

static void
set_value (AcSettings   *self,
           guint         prop_id,
           const GValue *value)
{
  g_object_set_property (G_OBJECT (self), g_param_spec_get_name (properties[prop_id]), value);
}

static void
set_string (AcSettings *self,
            guint       prop_id,
            const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text != NULL ? text : "");
  set_value (self, prop_id, &value);
}

/**
 * ac_settings_new:
 *
 * Creates the settings object for the app's own GSettings schema.
 *
 * Returns: (transfer full): a new #AcSettings
 */
AcSettings *
ac_settings_new (void)
{
  return g_object_new (AC_TYPE_SETTINGS, NULL);
}

/**
 * ac_settings_new_for_gsettings:
 * @settings: a #GSettings of the `io.github.agentconsole.AgentConsole` schema
 *
 * Creates the settings object on a given #GSettings, e.g. one with a
 * memory backend in tests.
 *
 * Returns: (transfer full): a new #AcSettings
 */
AcSettings *
ac_settings_new_for_gsettings (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (AC_TYPE_SETTINGS, "settings", settings, NULL);
}

/**
 * ac_settings_get_gsettings:
 * @self: a #AcSettings
 *
 * The #GSettings behind @self, for tests that reset a key to its
 * default; the app itself reads and writes properties.
 *
 * Returns: (transfer none): the #GSettings behind @self
 */
GSettings *
ac_settings_get_gsettings (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return self->settings;
}

/**
 * ac_settings_get_customer_source:
 * @self: a #AcSettings
 *
 * The customer channel's input: empty for the default output's monitor,
 * a PulseAudio/PipeWire source name, or an audio file's path.
 *
 * Returns: (transfer none): the `customer-source` key
 */
const char *
ac_settings_get_customer_source (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_CUSTOMER_SOURCE));
}

/**
 * ac_settings_set_customer_source:
 * @self: a #AcSettings
 * @source: (nullable): the new source; %NULL or empty for the default
 */
void
ac_settings_set_customer_source (AcSettings *self,
                                 const char *source)
{
  g_return_if_fail (AC_IS_SETTINGS (self));

  set_string (self, PROP_CUSTOMER_SOURCE, source);
}

/**
 * ac_settings_get_agent_source:
 * @self: a #AcSettings
 *
 * The agent channel's input: empty for the default microphone, a source
 * name, or an audio file's path.
 *
 * Returns: (transfer none): the `agent-source` key
 */
const char *
ac_settings_get_agent_source (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_AGENT_SOURCE));
}

/**
 * ac_settings_set_agent_source:
 * @self: a #AcSettings
 * @source: (nullable): the new source; %NULL or empty for the default
 */
void
ac_settings_set_agent_source (AcSettings *self,
                              const char *source)
{
  g_return_if_fail (AC_IS_SETTINGS (self));

  set_string (self, PROP_AGENT_SOURCE, source);
}

/**
 * ac_settings_get_color_scheme:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): `default`, `light` or `dark`
 */
const char *
ac_settings_get_color_scheme (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_COLOR_SCHEME));
}

/**
 * ac_settings_set_color_scheme:
 * @self: a #AcSettings
 * @scheme: `default`, `light` or `dark`
 */
void
ac_settings_set_color_scheme (AcSettings *self,
                              const char *scheme)
{
  g_return_if_fail (AC_IS_SETTINGS (self));
  g_return_if_fail (scheme != NULL);

  set_string (self, PROP_COLOR_SCHEME, scheme);
}

/**
 * ac_settings_get_wrap_up_requires_disposition:
 * @self: a #AcSettings
 *
 * Returns: whether After-Call Work needs a disposition before it ends
 */
gboolean
ac_settings_get_wrap_up_requires_disposition (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), TRUE);

  return g_value_get_boolean (value_of (self, PROP_WRAP_UP_REQUIRES_DISPOSITION));
}

/**
 * ac_settings_get_wrap_up_time_limit:
 * @self: a #AcSettings
 *
 * Returns: the time limit of After-Call Work, in seconds (0..3600; 0 is
 *   none)
 */
guint
ac_settings_get_wrap_up_time_limit (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), 0);

  return g_value_get_uint (value_of (self, PROP_WRAP_UP_TIME_LIMIT));
}

/**
 * ac_settings_get_wrap_up_timeout_disposition:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the disposition code a call gets when its
 *   After-Call Work times out, such as `NOT_CLASSIFIED`; never empty
 */
const char *
ac_settings_get_wrap_up_timeout_disposition (AcSettings *self)
{
  const char *code;

  g_return_val_if_fail (AC_IS_SETTINGS (self), "NOT_CLASSIFIED");

  code = g_value_get_string (value_of (self, PROP_WRAP_UP_TIMEOUT_DISPOSITION));
  return code != NULL && *code != '\0' ? code : "NOT_CLASSIFIED";
}

/**
 * ac_settings_get_speech_engine:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the speech engine's name, `pocketsphinx` or
 *   `vosk` (see ac_speech_service_names())
 */
const char *
ac_settings_get_speech_engine (AcSettings *self)
{
  const char *name;

  g_return_val_if_fail (AC_IS_SETTINGS (self), "pocketsphinx");

  name = g_value_get_string (value_of (self, PROP_SPEECH_ENGINE));
  return name != NULL && name[0] != '\0' ? name : "pocketsphinx";
}

/**
 * ac_settings_get_speech_url:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the speech server's address, maybe empty
 */
const char *
ac_settings_get_speech_url (AcSettings *self)
{
  const char *url;

  g_return_val_if_fail (AC_IS_SETTINGS (self), "");

  url = g_value_get_string (value_of (self, PROP_SPEECH_URL));
  return url != NULL ? url : "";
}

/**
 * ac_settings_get_speech_model:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the speech service's model, maybe empty
 */
const char *
ac_settings_get_speech_model (AcSettings *self)
{
  const char *model;

  g_return_val_if_fail (AC_IS_SETTINGS (self), "");

  model = g_value_get_string (value_of (self, PROP_SPEECH_MODEL));
  return model != NULL ? model : "";
}

/**
 * ac_settings_get_speech_language:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the language calls are transcribed in, as
 *   the service names it, maybe empty
 */
const char *
ac_settings_get_speech_language (AcSettings *self)
{
  const char *language;

  g_return_val_if_fail (AC_IS_SETTINGS (self), "");

  language = g_value_get_string (value_of (self, PROP_SPEECH_LANGUAGE));
  return language != NULL ? language : "";
}

/**
 * ac_settings_get_speech_allow_insecure:
 * @self: a #AcSettings
 *
 * Returns: whether a ws:// speech server on another computer may be used
 */
gboolean
ac_settings_get_speech_allow_insecure (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), FALSE);

  return g_value_get_boolean (value_of (self, PROP_SPEECH_ALLOW_INSECURE));
}

/**
 * ac_settings_get_record_calls:
 * @self: a #AcSettings
 *
 * Returns: whether calls are recorded
 */
gboolean
ac_settings_get_record_calls (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), FALSE);

  return g_value_get_boolean (value_of (self, PROP_RECORD_CALLS));
}

/**
 * ac_settings_get_sla_hours:
 * @self: a #AcSettings
 * @priority: LOW, MEDIUM, HIGH or URGENT
 *
 * The team's service level: how long after it is filed a ticket of
 * @priority is due.  The defaults are [const@TICKET_SLA_HOURS_URGENT] and
 * its siblings; the keys are `sla-hours-urgent`, `sla-hours-high`,
 * `sla-hours-medium` and `sla-hours-low`.
 *
 * Returns: hours (1 to 8760), or 0 for an unknown @priority
 */
guint
ac_settings_get_sla_hours (AcSettings *self,
                           const char *priority)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), 0);

  if (!ac_ticket_priority_is_valid (priority))
    return 0;
  if (g_ascii_strcasecmp (priority, "URGENT") == 0)
    return g_value_get_uint (value_of (self, PROP_SLA_HOURS_URGENT));
  if (g_ascii_strcasecmp (priority, "HIGH") == 0)
    return g_value_get_uint (value_of (self, PROP_SLA_HOURS_HIGH));
  if (g_ascii_strcasecmp (priority, "MEDIUM") == 0)
    return g_value_get_uint (value_of (self, PROP_SLA_HOURS_MEDIUM));
  return g_value_get_uint (value_of (self, PROP_SLA_HOURS_LOW));
}

/**
 * ac_settings_get_backend_mode:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): `embedded` (this computer only) or `server`
 */
const char *
ac_settings_get_backend_mode (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_BACKEND_MODE));
}

/**
 * ac_settings_get_backend_url:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the backend's API address, or empty
 */
const char *
ac_settings_get_backend_url (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_BACKEND_URL));
}

/**
 * ac_settings_get_websocket_url:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the conversation rooms' address, or empty for
 *   the one derived from the API's (see ac_backend_derive_websocket_url())
 */
const char *
ac_settings_get_websocket_url (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_WEBSOCKET_URL));
}

/**
 * ac_settings_get_tenant_id:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the team's `X-Tenant-ID`, or empty
 */
const char *
ac_settings_get_tenant_id (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_TENANT_ID));
}

/**
 * ac_settings_get_backend_account:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the email address last signed in with, or
 *   empty
 */
const char *
ac_settings_get_backend_account (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return g_value_get_string (value_of (self, PROP_BACKEND_ACCOUNT));
}

/**
 * ac_settings_get_backend_allow_insecure:
 * @self: a #AcSettings
 *
 * Returns: whether `http://` and `ws://` addresses off this computer are
 *   allowed
 */
gboolean
ac_settings_get_backend_allow_insecure (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), FALSE);

  return g_value_get_boolean (value_of (self, PROP_BACKEND_ALLOW_INSECURE));
}

/**
 * ac_settings_set_backend_address:
 * @self: a #AcSettings
 * @key: `backend-url`, `websocket-url` or `tenant-id`
 * @value: (nullable): the new value; %NULL or empty clears it
 *
 * Changes one of the backend's addresses, as Preferences does once the
 * agent applies it (checked by the caller).
 */
void
ac_settings_set_backend_address (AcSettings *self,
                                 const char *key,
                                 const char *value)
{
  g_return_if_fail (AC_IS_SETTINGS (self));

  if (g_strcmp0 (key, "backend-url") == 0)
    set_string (self, PROP_BACKEND_URL, value);
  else if (g_strcmp0 (key, "websocket-url") == 0)
    set_string (self, PROP_WEBSOCKET_URL, value);
  else if (g_strcmp0 (key, "tenant-id") == 0)
    set_string (self, PROP_TENANT_ID, value);
  else
    g_return_if_reached ();
}

/**
 * ac_settings_set_server:
 * @self: a #AcSettings
 * @backend_url: the API's address
 * @websocket_url: (nullable): the rooms' address; %NULL or empty for the
 *   derived one
 * @tenant_id: (nullable): the team's tenant
 * @allow_insecure: whether plain `http://` off this computer is allowed
 * @account: the email address signed in with
 *
 * Points the app at a server once signed in: all of these and
 * `backend-mode` `server` change together (one GSettings transaction), so
 * whoever watches them reconnects once, to the whole new server.
 */
void
ac_settings_set_server (AcSettings *self,
                        const char *backend_url,
                        const char *websocket_url,
                        const char *tenant_id,
                        gboolean    allow_insecure,
                        const char *account)
{
  g_return_if_fail (AC_IS_SETTINGS (self));
  g_return_if_fail (backend_url != NULL && account != NULL);

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "backend-url", backend_url);
  g_settings_set_string (self->settings, "websocket-url", websocket_url != NULL ? websocket_url : "");
  g_settings_set_string (self->settings, "tenant-id", tenant_id != NULL ? tenant_id : "");
  g_settings_set_boolean (self->settings, "backend-allow-insecure", allow_insecure);
  g_settings_set_string (self->settings, "backend-account", account);
  g_settings_set_string (self->settings, "backend-mode", "server");
  g_settings_apply (self->settings);
  g_settings_sync ();
}

/**
 * ac_settings_is_backend_key:
 * @pspec: a property of #AcSettings, as a `notify` gives it
 *
 * Returns: whether @pspec is one of the keys that say which server the
 *   app talks to and as whom (`backend-mode`, `backend-url`,
 *   `websocket-url`, `tenant-id`, `backend-allow-insecure`,
 *   `backend-account`)
 */
gboolean
ac_settings_is_backend_key (GParamSpec *pspec)
{
  g_return_val_if_fail (pspec != NULL, FALSE);

  return pspec == properties[PROP_BACKEND_MODE] || pspec == properties[PROP_BACKEND_URL] ||
         pspec == properties[PROP_WEBSOCKET_URL] || pspec == properties[PROP_TENANT_ID] ||
         pspec == properties[PROP_BACKEND_ALLOW_INSECURE] || pspec == properties[PROP_BACKEND_ACCOUNT];
}

/**
 * ac_settings_get_redaction_off:
 * @self: a #AcSettings
 *
 * Returns: (transfer none) (array zero-terminated=1): the redaction
 *   categories turned off (see ac_redaction_category_to_string()); cards
 *   and security codes are redacted even when named here
 */
const char * const *
ac_settings_get_redaction_off (AcSettings *self)
{
  static const char * const none[] = { NULL };
  const char * const *off;

  g_return_val_if_fail (AC_IS_SETTINGS (self), none);

  off = g_value_get_boxed (value_of (self, PROP_REDACTION_OFF));
  return off != NULL ? off : none;
}

/**
 * ac_settings_set_redaction_enabled:
 * @self: a #AcSettings
 * @category: a category that can be turned off
 * @enabled: whether to redact it
 *
 * Turns a redaction category on or off.
 */
void
ac_settings_set_redaction_enabled (AcSettings          *self,
                                   AcRedactionCategory  category,
                                   gboolean             enabled)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) off = NULL;
  const char *name;
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (AC_IS_SETTINGS (self));
  g_return_if_fail (category < AC_REDACTION_N_CATEGORIES);

  name = ac_redaction_category_to_string (category);
  for (const char * const *p = ac_settings_get_redaction_off (self); *p != NULL; p++)
    if (!g_str_equal (*p, name))
      g_strv_builder_add (builder, *p);
  if (!enabled && !ac_redaction_category_is_required (category))
    g_strv_builder_add (builder, name);
  off = g_strv_builder_end (builder);

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, off);
  set_value (self, PROP_REDACTION_OFF, &value);
}

/**
 * ac_settings_get_redaction_enabled:
 * @self: a #AcSettings
 * @category: a category
 *
 * Returns: whether @category is redacted
 */
gboolean
ac_settings_get_redaction_enabled (AcSettings          *self,
                                   AcRedactionCategory  category)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), TRUE);

  return ac_redaction_category_is_required (category) ||
         !g_strv_contains (ac_settings_get_redaction_off (self), ac_redaction_category_to_string (category));
}

/**
 * ac_settings_apply_redaction:
 * @self: a #AcSettings
 * @redactor: a #AcRedactor
 *
 * Sets which categories @redactor masks from the settings.
 */
void
ac_settings_apply_redaction (AcSettings *self,
                             AcRedactor *redactor)
{
  g_return_if_fail (AC_IS_SETTINGS (self));
  g_return_if_fail (AC_IS_REDACTOR (redactor));

  for (guint i = 0; i < AC_REDACTION_N_CATEGORIES; i++)
    ac_redactor_set_category_enabled (redactor, i, ac_settings_get_redaction_enabled (self, i));
}

/**
 * ac_settings_dup_actor:
 * @self: a #AcSettings
 *
 * Who is acting, for the audit trail: the account signed in to the
 * backend, else the computer's user.
 *
 * Returns: (transfer full): a name, never empty
 */
char *
ac_settings_dup_actor (AcSettings *self)
{
  const char *account;

  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  account = ac_settings_get_backend_account (self);
  if (account != NULL && account[0] != '\0')
    return g_strdup (account);
  return g_strdup (g_get_user_name ());
}

/**
 * ac_settings_get_floor_limits:
 * @self: a #AcSettings
 * @break_limit_s: (out): how long an agent's break may last before the
 *   floor flags it, in seconds (0: never flagged)
 * @after_call_limit_s: (out): the same for After-Call Work
 *
 * The team's limits, kept in minutes (`floor-break-limit`,
 * `floor-after-call-limit`).
 */
void
ac_settings_get_floor_limits (AcSettings *self,
                              guint      *break_limit_s,
                              guint      *after_call_limit_s)
{
  g_return_if_fail (AC_IS_SETTINGS (self));

  *break_limit_s = g_value_get_uint (value_of (self, PROP_FLOOR_BREAK_LIMIT)) * 60;
  *after_call_limit_s = g_value_get_uint (value_of (self, PROP_FLOOR_AFTER_CALL_LIMIT)) * 60;
}

/**
 * ac_settings_get_card_pause_resume:
 * @self: a #AcSettings
 *
 * Returns: how long without digits before a recording paused for card
 *   details resumes by itself, in seconds (5..120)
 */
guint
ac_settings_get_card_pause_resume (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), 10);

  return g_value_get_uint (value_of (self, PROP_CARD_PAUSE_RESUME));
}

/**
 * ac_settings_get_recording_retention_days:
 * @self: a #AcSettings
 *
 * Returns: how many days recordings are kept; 0 keeps them
 */
guint
ac_settings_get_recording_retention_days (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), 0);

  return g_value_get_uint (value_of (self, PROP_RECORDING_RETENTION_DAYS));
}

/**
 * ac_settings_get_transcript_retention_days:
 * @self: a #AcSettings
 *
 * Returns: how many days calls' transcripts are kept; 0 keeps them
 */
guint
ac_settings_get_transcript_retention_days (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), 0);

  return g_value_get_uint (value_of (self, PROP_TRANSCRIPT_RETENTION_DAYS));
}

static const char *
string_value (AcSettings *self,
              guint       prop)
{
  const char *text = g_value_get_string (value_of (self, prop));

  return text != NULL ? text : "";
}

/**
 * ac_settings_get_assistant:
 * @self: a #AcSettings
 * @url: (out) (optional) (transfer none): the AI provider's base address,
 *   such as `https://api.openai.com/v1`; empty for none
 * @model: (out) (optional) (transfer none): the model it is asked for
 * @replies: (out) (optional): whether it suggests replies during calls
 *
 * The AI provider (an OpenAI-compatible Chat Completions service); its
 * key is in the keyring (ac_speech_key_lookup_async() for `assistant`).
 *
 * Returns: whether a provider is set: an address and a model
 */
gboolean
ac_settings_get_assistant (AcSettings  *self,
                           const char **url,
                           const char **model,
                           gboolean    *replies)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), FALSE);

  if (url != NULL)
    *url = string_value (self, PROP_ASSISTANT_URL);
  if (model != NULL)
    *model = string_value (self, PROP_ASSISTANT_MODEL);
  if (replies != NULL)
    *replies = g_value_get_boolean (value_of (self, PROP_ASSISTANT_REPLIES));
  return string_value (self, PROP_ASSISTANT_URL)[0] != '\0' && string_value (self, PROP_ASSISTANT_MODEL)[0] != '\0';
}

/**
 * ac_settings_get_support_url:
 * @self: a #AcSettings
 *
 * Returns: (transfer none): the support service's base address (its
 *   `/api/v1/support/…` endpoints below it), empty for none
 */
const char *
ac_settings_get_support_url (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), "");

  return string_value (self, PROP_SUPPORT_URL);
}
