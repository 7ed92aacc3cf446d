/* ac-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-settings"

#include "config.h"

#include "ac-settings.h"
#include "ac-ticket.h"

/**
 * AcSettings:
 *
 * The app's preferences as one object: each key of the
 * `io.github.agentconsole.AgentConsole` GSettings schema is a property of
 * the same name, bound both ways, so that widgets bind to properties and
 * code reads typed getters instead of key strings.
 *
 * Which key means what is documented in the schema
 * (`data/io.github.agentconsole.AgentConsole.gschema.xml`).
 */
struct _AcSettings
{
  GObject    parent_instance;

  GSettings *settings;

  /* The string keys, indexed by STRING_INDEX (prop_id) */
  char      *strings[8];
  int        window_width;
  int        window_height;
  gboolean   window_maximized;
  gboolean   record_calls;
};

G_DEFINE_FINAL_TYPE (AcSettings, ac_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CUSTOMER_SOURCE,
  PROP_AGENT_SOURCE,
  PROP_SPEECH_ENGINE,
  PROP_BACKEND_MODE,
  PROP_BACKEND_URL,
  PROP_WEBSOCKET_URL,
  PROP_TENANT_ID,
  PROP_COLOR_SCHEME,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_RECORD_CALLS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string properties come first and in a row, so they can live in
 * one array. */
#define FIRST_STRING_PROP PROP_CUSTOMER_SOURCE
#define LAST_STRING_PROP  PROP_COLOR_SCHEME
#define STRING_INDEX(prop_id) ((prop_id) - FIRST_STRING_PROP)
#define IS_STRING_PROP(prop_id) ((prop_id) >= FIRST_STRING_PROP && (prop_id) <= LAST_STRING_PROP)

G_STATIC_ASSERT (LAST_STRING_PROP - FIRST_STRING_PROP + 1 == G_N_ELEMENTS (((AcSettings *) 0)->strings));

static void
set_string (AcSettings *self,
            guint       prop_id,
            const char *value)
{
  char **field;

  g_assert (IS_STRING_PROP (prop_id));

  field = &self->strings[STRING_INDEX (prop_id)];
  if (value == NULL)
    value = "";

  /* g_set_str() is GLib 2.76, above our floor */
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_int (AcSettings *self,
         guint       prop_id,
         int        *field,
         int         value)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
ac_settings_constructed (GObject *object)
{
  AcSettings *self = AC_SETTINGS (object);

  G_OBJECT_CLASS (ac_settings_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  for (guint i = PROP_CUSTOMER_SOURCE; i < N_PROPS; i++)
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

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_clear_pointer (&self->strings[i], g_free);

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

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CUSTOMER_SOURCE:
    case PROP_AGENT_SOURCE:
    case PROP_SPEECH_ENGINE:
    case PROP_BACKEND_MODE:
    case PROP_BACKEND_URL:
    case PROP_WEBSOCKET_URL:
    case PROP_TENANT_ID:
    case PROP_COLOR_SCHEME:
      g_value_set_string (value, self->strings[STRING_INDEX (prop_id)]);
      break;

    case PROP_WINDOW_WIDTH:
      g_value_set_int (value, self->window_width);
      break;

    case PROP_WINDOW_HEIGHT:
      g_value_set_int (value, self->window_height);
      break;

    case PROP_WINDOW_MAXIMIZED:
      g_value_set_boolean (value, self->window_maximized);
      break;

    case PROP_RECORD_CALLS:
      g_value_set_boolean (value, self->record_calls);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AcSettings *self = AC_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER_SOURCE:
    case PROP_AGENT_SOURCE:
    case PROP_SPEECH_ENGINE:
    case PROP_BACKEND_MODE:
    case PROP_BACKEND_URL:
    case PROP_WEBSOCKET_URL:
    case PROP_TENANT_ID:
    case PROP_COLOR_SCHEME:
      set_string (self, prop_id, g_value_get_string (value));
      break;

    case PROP_WINDOW_WIDTH:
      set_int (self, prop_id, &self->window_width, g_value_get_int (value));
      break;

    case PROP_WINDOW_HEIGHT:
      set_int (self, prop_id, &self->window_height, g_value_get_int (value));
      break;

    case PROP_WINDOW_MAXIMIZED:
      set_int (self, prop_id, &self->window_maximized, g_value_get_boolean (value));
      break;

    case PROP_RECORD_CALLS:
      set_int (self, prop_id, &self->record_calls, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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

  /* Names match the schema's keys; see the schema for what each means. */
  properties[PROP_CUSTOMER_SOURCE] = string_pspec ("customer-source");
  properties[PROP_AGENT_SOURCE] = string_pspec ("agent-source");
  properties[PROP_SPEECH_ENGINE] = string_pspec ("speech-engine");
  properties[PROP_BACKEND_MODE] = string_pspec ("backend-mode");
  properties[PROP_BACKEND_URL] = string_pspec ("backend-url");
  properties[PROP_WEBSOCKET_URL] = string_pspec ("websocket-url");
  properties[PROP_TENANT_ID] = string_pspec ("tenant-id");
  properties[PROP_COLOR_SCHEME] = string_pspec ("color-scheme");

  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_CALLS] =
    g_param_spec_boolean ("record-calls", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ac_settings_init (AcSettings *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    self->strings[i] = g_strdup ("");
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
 * a PulseAudio/PipeWire source name, or a `file://` URI.
 *
 * Returns: (transfer none): the source
 */
const char *
ac_settings_get_customer_source (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return self->strings[STRING_INDEX (PROP_CUSTOMER_SOURCE)];
}

/**
 * ac_settings_set_customer_source:
 * @self: a #AcSettings
 * @source: (nullable): the source, as for ac_settings_get_customer_source()
 *
 * Sets and stores the customer channel's input.
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
 * The agent channel's input: empty for the default microphone, a
 * PulseAudio/PipeWire source name, or a `file://` URI.
 *
 * Returns: (transfer none): the source
 */
const char *
ac_settings_get_agent_source (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return self->strings[STRING_INDEX (PROP_AGENT_SOURCE)];
}

/**
 * ac_settings_set_agent_source:
 * @self: a #AcSettings
 * @source: (nullable): the source, as for ac_settings_get_agent_source()
 *
 * Sets and stores the agent channel's input.
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
 * Returns: (transfer none): `default` (follow the system), `light` or `dark`
 */
const char *
ac_settings_get_color_scheme (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), NULL);

  return self->strings[STRING_INDEX (PROP_COLOR_SCHEME)];
}

/**
 * ac_settings_set_color_scheme:
 * @self: a #AcSettings
 * @scheme: `default`, `light` or `dark`
 *
 * Sets and stores the colour scheme.
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
 * ac_settings_get_record_calls:
 * @self: a #AcSettings
 *
 * Returns: whether live calls are recorded
 */
gboolean
ac_settings_get_record_calls (AcSettings *self)
{
  g_return_val_if_fail (AC_IS_SETTINGS (self), FALSE);

  return self->record_calls;
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
  g_autofree char *lower = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (AC_IS_SETTINGS (self), 0);

  if (!ac_ticket_priority_is_valid (priority))
    return 0;

  lower = g_ascii_strdown (priority, -1);
  key = g_strconcat ("sla-hours-", lower, NULL);
  return g_settings_get_uint (ac_settings_get_gsettings (self), key);
}
