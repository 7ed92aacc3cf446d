/* test-window.c
 *
 * The real AcWindow, in-process under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-preferences-window.h"
#include "ac-test-utils.h"
#include "ac-window.h"

#define SINE "gst:audiotestsrc is-live=true wave=sine volume=0.5"
#define SILENCE "gst:audiotestsrc is-live=true wave=silence"

typedef struct
{
  AcSettings *settings;
  AcWindow   *window;
} Fixture;

static gboolean
widget_is_mapped (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = ac_settings_new ();
  fixture->window = ac_window_new (NULL, fixture->settings, NULL, NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ac_test_wait_for (widget_is_mapped, fixture->window, 5000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);

  g_settings_reset (ac_settings_get_gsettings (fixture->settings), "customer-source");
  g_settings_reset (ac_settings_get_gsettings (fixture->settings), "agent-source");
  g_assert_finalize_object (fixture->settings);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *name)
{
  GtkWidget *widget = ac_test_find_widget (GTK_WIDGET (fixture->window), name);

  if (widget == NULL)
    g_error ("No widget named “%s” in the window", name);

  return widget;
}

static const char *
state_label (Fixture *fixture)
{
  return gtk_label_get_label (GTK_LABEL (find (fixture, "agent-state-label")));
}

static void
test_window_regions (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const regions[] = {
    "agent-state", "call-area", "customer-level", "agent-level", "listen",
    "transcript-region", "sentiment-region", "sidebar", "customer-page",
  };

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      GtkWidget *widget = find (fixture, regions[i]);

      g_assert_true (gtk_widget_get_mapped (widget));
    }

  /* The ticket page exists behind the customer page. */
  g_assert_nonnull (find (fixture, "ticket-page"));

  g_assert_cmpstr (state_label (fixture), ==, "Available");
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "listen")));
  g_assert_false (gtk_widget_get_visible (find (fixture, "finish-wrap-up")));
}

static void
test_window_state_menu (Fixture       *fixture,
                        gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  g_assert_true (gtk_widget_activate_action (window, "win.agent-state", "s", "break"));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_BREAK);
  g_assert_cmpstr (state_label (fixture), ==, "Break");
  g_assert_true (gtk_widget_has_css_class (find (fixture, "agent-state"), "state-break"));

  /* No calls on a break. */
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "listen")));

  g_assert_true (gtk_widget_activate_action (window, "win.agent-state", "s", "offline"));
  g_assert_cmpstr (state_label (fixture), ==, "Offline");

  g_assert_true (gtk_widget_activate_action (window, "win.agent-state", "s", "available"));
  g_assert_cmpstr (state_label (fixture), ==, "Available");
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "listen")));
}

static gboolean
customer_meter_moves (Fixture *fixture)
{
  return gtk_level_bar_get_value (GTK_LEVEL_BAR (find (fixture, "customer-level"))) > 30.0;
}

static void
test_window_call (Fixture       *fixture,
                  gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  ac_settings_set_customer_source (fixture->settings, SINE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_ON_CALL);
  g_assert_cmpstr (state_label (fixture), ==, "On Call");
  g_assert_true (ac_audio_capture_get_running (ac_window_get_capture (fixture->window)));

  /* The meters follow the audio: the tone moves the customer meter, the
   * silent agent channel leaves its meter at the bottom. */
  ac_test_wait_for (customer_meter_moves, fixture, 5000);
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (find (fixture, "agent-level"))), <, 1.0);

  /* During a call the state menu is locked. */
  gtk_widget_activate_action (window, "win.agent-state", "s", "break");
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_ON_CALL);

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AFTER_CALL_WORK);
  g_assert_cmpstr (state_label (fixture), ==, "After-Call Work");
  g_assert_false (ac_audio_capture_get_running (ac_window_get_capture (fixture->window)));
  g_assert_true (gtk_widget_get_visible (find (fixture, "finish-wrap-up")));
  g_assert_cmpint (ac_agent_status_get_last_call_duration (status), >=, 0);

  /* No new call before wrap-up is finished. */
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "listen")));

  g_assert_true (gtk_widget_activate_action (window, "win.finish-wrap-up", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);
  g_assert_false (gtk_widget_get_visible (find (fixture, "finish-wrap-up")));
}

static void
test_window_capture_fails (Fixture       *fixture,
                           gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  ac_settings_set_customer_source (fixture->settings, "gst:no-such-element-here");
  ac_settings_set_agent_source (fixture->settings, "gst:no-such-element-either");

  /* Nothing to listen to: the call does not start and the agent is told. */
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);
  g_assert_nonnull (ac_test_find_widget_of_type (window, ADW_TYPE_TOAST_OVERLAY));
}

static gboolean
window_is_mapped (GtkWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
test_window_preferences (Fixture       *fixture,
                         gconstpointer  data)
{
  AcPreferencesWindow *prefs = ac_preferences_window_new (fixture->settings);
  GSettings *gsettings = ac_settings_get_gsettings (fixture->settings);
  g_autofree char *mode = NULL;

  g_object_ref_sink (prefs);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (prefs));
  ac_test_wait_for (window_is_mapped, prefs, 5000);

  /* The rows reflect the stored settings and store what is changed. */
  g_settings_set_string (gsettings, "backend-url", "https://cc.example.test");
  {
    GtkWidget *root = GTK_WIDGET (prefs);
    GtkWidget *entry_row = ac_test_find_widget_of_type (root, ADW_TYPE_ENTRY_ROW);

    g_assert_nonnull (entry_row);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==, "https://cc.example.test");
    gtk_editable_set_text (GTK_EDITABLE (entry_row), "https://other.example.test");
  }
  {
    g_autofree char *url = g_settings_get_string (gsettings, "backend-url");

    g_assert_cmpstr (url, ==, "https://other.example.test");
  }

  mode = g_settings_get_string (gsettings, "backend-mode");
  g_assert_cmpstr (mode, ==, "local");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);

  g_settings_reset (gsettings, "backend-url");
}

static void
test_window_finalize (void)
{
  AcSettings *settings = ac_settings_new ();
  AcAgentStatus *status = ac_agent_status_new ();
  AcAudioCapture *capture = ac_audio_capture_new ();
  AcWindow *window = ac_window_new (NULL, settings, status, capture);

  g_object_ref_sink (window);
  g_assert_true (ac_window_get_agent_status (window) == status);
  g_assert_true (ac_window_get_capture (window) == capture);

  gtk_window_present (GTK_WINDOW (window));
  ac_test_wait_for (widget_is_mapped, window, 5000);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* The state machine and the audio outlive the window. */
  g_assert_finalize_object (capture);
  g_assert_finalize_object (status);
  g_assert_finalize_object (settings);
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init_gtk (&argc, &argv);

  g_test_add ("/window/regions", Fixture, NULL, fixture_set_up, test_window_regions, fixture_tear_down);
  g_test_add ("/window/state-menu", Fixture, NULL, fixture_set_up, test_window_state_menu, fixture_tear_down);
  g_test_add ("/window/call", Fixture, NULL, fixture_set_up, test_window_call, fixture_tear_down);
  g_test_add ("/window/capture-fails", Fixture, NULL, fixture_set_up, test_window_capture_fails, fixture_tear_down);
  g_test_add ("/window/preferences", Fixture, NULL, fixture_set_up, test_window_preferences, fixture_tear_down);
  g_test_add_func ("/window/finalize", test_window_finalize);

  return g_test_run ();
}
