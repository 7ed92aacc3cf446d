/* test-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-settings.h"
#include "ac-test-utils.h"

static void
test_settings_new (void)
{
  AcSettings *settings = ac_settings_new ();
  g_autofree char *engine = NULL;
  g_autofree char *mode = NULL;
  int width = 0;

  g_assert_cmpstr (ac_settings_get_customer_source (settings), ==, "");
  g_assert_cmpstr (ac_settings_get_agent_source (settings), ==, "");
  g_assert_cmpstr (ac_settings_get_color_scheme (settings), ==, "default");

  g_object_get (settings,
                "speech-engine", &engine,
                "backend-mode", &mode,
                "window-width", &width,
                NULL);
  g_assert_cmpstr (engine, ==, "pocketsphinx");
  g_assert_cmpstr (mode, ==, "local");
  g_assert_cmpint (width, ==, 1280);

  g_assert_finalize_object (settings);
}

/* Both directions of the binding: a property change is stored in
 * GSettings, and a GSettings change (another instance, dconf) shows up as
 * a property change. */
static void
test_settings_mirror (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(AcSettings) settings = ac_settings_new_for_gsettings (gsettings);
  g_autofree char *stored = NULL;
  guint notified = 0;

  g_assert_true (ac_settings_get_gsettings (settings) == gsettings);

  ac_test_count_notify (settings, "agent-source", &notified);

  ac_settings_set_agent_source (settings, "headset.monitor");
  g_assert_cmpuint (notified, ==, 1);
  stored = g_settings_get_string (gsettings, "agent-source");
  g_assert_cmpstr (stored, ==, "headset.monitor");

  /* Setting the same value again notifies nobody. */
  ac_settings_set_agent_source (settings, "headset.monitor");
  g_assert_cmpuint (notified, ==, 1);

  g_settings_set_string (gsettings, "agent-source", "alsa_input.usb-headset");
  g_assert_cmpstr (ac_settings_get_agent_source (settings), ==, "alsa_input.usb-headset");
  g_assert_cmpuint (notified, ==, 2);

  /* NULL means the default device. */
  ac_settings_set_agent_source (settings, NULL);
  g_assert_cmpstr (ac_settings_get_agent_source (settings), ==, "");

  g_settings_set_int (gsettings, "window-height", 700);
  {
    int height = 0;

    g_object_get (settings, "window-height", &height, NULL);
    g_assert_cmpint (height, ==, 700);
  }

  g_settings_reset (gsettings, "agent-source");
  g_settings_reset (gsettings, "window-height");
}

static void
test_settings_choices (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(AcSettings) settings = ac_settings_new_for_gsettings (gsettings);
  g_autofree char *scheme = NULL;

  ac_settings_set_color_scheme (settings, "dark");
  scheme = g_settings_get_string (gsettings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");

  /* The schema's choices guard the keys: GSettings refuses a value outside
   * them, so the stored value stays a valid one. */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    static const struct { const char *key; const char *type; const char *value; } bad[] = {
      { "color-scheme", "s", "'purple'" },
      { "backend-mode", "s", "'cloud'" },
      { "speech-engine", "s", "'magic'" },
      { "window-width", "i", "10" },
    };

    g_object_get (gsettings, "settings-schema", &schema, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, bad[i].key);
        g_autoptr(GVariant) value = g_variant_parse (G_VARIANT_TYPE (bad[i].type),
                                                     bad[i].value, NULL, NULL, NULL);

        g_assert_false (g_settings_schema_key_range_check (key, value));
      }
  }

  g_settings_reset (gsettings, "color-scheme");
  g_assert_cmpstr (ac_settings_get_color_scheme (settings), ==, "default");
}

/* Every key of the schema is a property of the same name, holding the
 * key's value: nobody needs GSettings to read a preference. */
static void
test_settings_every_key (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(AcSettings) settings = ac_settings_new_for_gsettings (gsettings);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (gsettings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  g_assert_cmpuint (g_strv_length (keys), >=, 18);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (settings), keys[i]);
      g_autoptr(GVariant) stored = g_settings_get_value (gsettings, keys[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *stored_text = g_variant_print (stored, FALSE);
      g_autofree char *value_text = NULL;

      g_test_message ("key %s", keys[i]);
      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_READWRITE);

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (settings), keys[i], &value);
      if (G_VALUE_HOLDS_STRING (&value))
        value_text = g_strdup_printf ("'%s'", g_value_get_string (&value));
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        value_text = g_strdup (g_value_get_boolean (&value) ? "true" : "false");
      else if (G_VALUE_HOLDS_UINT (&value))
        value_text = g_strdup_printf ("%u", g_value_get_uint (&value));
      else if (G_VALUE_HOLDS (&value, G_TYPE_STRV))
        {
          g_autoptr(GVariant) strv = g_variant_new_strv (g_value_get_boxed (&value) != NULL
                                                         ? g_value_get_boxed (&value)
                                                         : (const char * const[]) { NULL }, -1);

          value_text = g_variant_print (strv, FALSE);
        }
      else
        value_text = g_strdup_printf ("%d", g_value_get_int (&value));
      g_assert_cmpstr (value_text, ==, stored_text);
    }

  /* Hours by priority, and a change of a key is a notify of its property. */
  {
    guint notified = 0;

    ac_test_count_notify (settings, "sla-hours-high", &notified);
    g_settings_set_uint (gsettings, "sla-hours-high", 12);
    g_assert_cmpuint (notified, ==, 1);
    g_assert_cmpuint (ac_settings_get_sla_hours (settings, "HIGH"), ==, 12);
    g_assert_cmpuint (ac_settings_get_sla_hours (settings, "URGENT"), ==, 4);
    g_assert_cmpuint (ac_settings_get_sla_hours (settings, "SOON"), ==, 0);
    g_settings_reset (gsettings, "sla-hours-high");
  }

  /* Redaction: cards and security codes cannot be turned off. */
  {
    g_autoptr(AcRedactor) redactor = ac_redactor_new ();

    g_assert_true (ac_settings_get_redaction_enabled (settings, AC_REDACTION_EMAIL));
    ac_settings_set_redaction_enabled (settings, AC_REDACTION_EMAIL, FALSE);
    ac_settings_set_redaction_enabled (settings, AC_REDACTION_CARD, FALSE);
    ac_settings_set_redaction_enabled (settings, AC_REDACTION_SECURITY_CODE, FALSE);
    g_assert_false (ac_settings_get_redaction_enabled (settings, AC_REDACTION_EMAIL));
    g_assert_true (ac_settings_get_redaction_enabled (settings, AC_REDACTION_CARD));
    {
      g_auto(GStrv) off = g_settings_get_strv (gsettings, "redaction-off");

      g_assert_cmpuint (g_strv_length (off), ==, 1);
      g_assert_cmpstr (off[0], ==, "email");
    }
    ac_settings_apply_redaction (settings, redactor);
    g_assert_false (ac_redactor_get_category_enabled (redactor, AC_REDACTION_EMAIL));
    g_assert_true (ac_redactor_get_category_enabled (redactor, AC_REDACTION_PHONE));
    ac_settings_set_redaction_enabled (settings, AC_REDACTION_EMAIL, TRUE);
    g_assert_true (ac_settings_get_redaction_enabled (settings, AC_REDACTION_EMAIL));
    g_assert_cmpuint (ac_settings_get_card_pause_resume (settings), ==, 10);
    g_assert_cmpuint (ac_settings_get_recording_retention_days (settings), ==, 90);
    g_assert_cmpuint (ac_settings_get_transcript_retention_days (settings), ==, 365);
  }
}

/* A sign-in points the app at the server in one go, and whoever watches
 * the backend's keys learns which ones changed. */
static void
test_settings_server (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(AcSettings) settings = ac_settings_new_for_gsettings (gsettings);
  static const char * const keys[] = {
    "backend-mode", "backend-url", "websocket-url", "tenant-id", "backend-allow-insecure", "backend-account",
  };
  GObjectClass *klass = G_OBJECT_GET_CLASS (settings);

  ac_settings_set_server (settings, "https://cc.example.com/api", NULL, "acme", FALSE, "ada@example.com");
  g_assert_cmpstr (ac_settings_get_backend_mode (settings), ==, "server");
  g_assert_cmpstr (ac_settings_get_backend_url (settings), ==, "https://cc.example.com/api");
  g_assert_cmpstr (ac_settings_get_websocket_url (settings), ==, "");
  g_assert_cmpstr (ac_settings_get_tenant_id (settings), ==, "acme");
  g_assert_cmpstr (ac_settings_get_backend_account (settings), ==, "ada@example.com");
  g_assert_false (ac_settings_get_backend_allow_insecure (settings));

  ac_settings_set_backend_address (settings, "tenant-id", "globex");
  g_assert_cmpstr (ac_settings_get_tenant_id (settings), ==, "globex");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (ac_settings_is_backend_key (g_object_class_find_property (klass, keys[i])));
      g_settings_reset (gsettings, keys[i]);
    }
  g_assert_false (ac_settings_is_backend_key (g_object_class_find_property (klass, "color-scheme")));
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/settings/new", test_settings_new);
  g_test_add_func ("/settings/mirror", test_settings_mirror);
  g_test_add_func ("/settings/choices", test_settings_choices);
  g_test_add_func ("/settings/every-key", test_settings_every_key);
  g_test_add_func ("/settings/server", test_settings_server);

  return g_test_run ();
}
