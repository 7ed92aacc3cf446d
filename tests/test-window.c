/* test-window.c
 *
 * The real AcWindow, in-process under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ac-audio-file.h"
#include "ac-call-recorder.h"
#include "ac-pocketsphinx-engine.h"
#include "ac-preferences-window.h"
#include "ac-test-utils.h"
#include "ac-suggestions-panel.h"
#include "ac-transcript-view.h"
#include "ac-window.h"
#include "ac-wrap-up-form.h"

#define LIBRIVOX_0880 "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"

static AcSpeechEngine *engine;

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

/* Chooses a disposition by its code, as the agent would click its row, if
 * the team's list is loaded; returns whether it was there. */
static gboolean
choose_disposition (Fixture    *fixture,
                    const char *code)
{
  g_autofree char *name = g_strconcat ("disposition-", code, NULL);
  GtkWidget *check = ac_test_find_widget (GTK_WIDGET (fixture->window), name);

  if (check == NULL)
    return FALSE;
  gtk_widget_activate (check);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
}

/* Ready for Next Call after choosing “Resolved” where there is a list. */
static gboolean
ready_for_next_call (Fixture *fixture)
{
  choose_disposition (fixture, "RESOLVED");
  return gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.finish-wrap-up", NULL);
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
    "agent-state", "call-area", "listen",
    "transcript-region", "sentiment-region", "sidebar", "customer-page",
  };

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      GtkWidget *widget = find (fixture, regions[i]);

      g_assert_true (gtk_widget_get_mapped (widget));
    }

  /* The ticket page exists behind the customer page; the levels and the
   * wrap-up page wait for a call. */
  g_assert_nonnull (find (fixture, "ticket-page"));
  g_assert_false (gtk_widget_get_mapped (find (fixture, "customer-level")));
  g_assert_false (gtk_widget_get_mapped (find (fixture, "wrap-up-page")));

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
  g_assert_true (gtk_widget_get_mapped (find (fixture, "customer-level")));
  g_assert_true (gtk_widget_get_mapped (find (fixture, "agent-level")));

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
  g_assert_false (gtk_widget_get_visible (find (fixture, "listen")));
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "listen")));

  g_assert_true (ready_for_next_call (fixture));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);
  g_assert_false (gtk_widget_get_visible (find (fixture, "finish-wrap-up")));
}

static gboolean
has_recorded (AcCallRecorder *recorder)
{
  return ac_call_recorder_get_duration_ms (recorder) > 0;
}

/* A live call is recorded, both sides, and recording can be paused. */
static void
test_window_record (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *record = find (fixture, "record-pause");
  AcCallRecorder *recorder;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "agent-console",
                                              "recordings", NULL);
  guint n_channels, n_spans;

  ac_settings_set_customer_source (fixture->settings, SINE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);

  g_assert_false (gtk_widget_get_visible (record));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  recorder = ac_window_get_recorder (fixture->window);
  g_assert_nonnull (recorder);
  g_assert_true (ac_call_recorder_get_recording (recorder));
  g_assert_true (gtk_widget_get_visible (record));
  file = g_object_ref (ac_call_recorder_get_file (recorder));
  g_assert_true (g_str_has_prefix (g_file_peek_path (file), folder));
  g_assert_true (g_str_has_suffix (g_file_peek_path (file), ".ogg"));

  ac_test_wait_for (customer_meter_moves, fixture, 5000);
  ac_test_wait_for (has_recorded, recorder, 5000);

  /* Card details read: the banner says recording paused, until the agent
   * resumes it. */
  {
    GtkWidget *banner = find (fixture, "card-pause-banner");
    GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_parent (banner));

    g_assert_false (gtk_revealer_get_reveal_child (revealer));
    g_assert_cmpint (ac_call_recorder_begin_cut (recorder, 0), >=, 0);
    g_assert_true (gtk_revealer_get_reveal_child (revealer));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (revealer)));
    {
      gint64 deadline = g_get_monotonic_time () + 600 * 1000;

      /* the banner slid in */
      while (g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
    }
    ac_test_save_screenshot (window, "card-pause-banner");
    g_assert_true (gtk_widget_activate_action (window, "win.resume-after-card", NULL));
    g_assert_false (ac_call_recorder_get_cutting (recorder));
    g_assert_false (gtk_revealer_get_reveal_child (revealer));
  }

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-recording-paused", NULL));
  g_assert_true (ac_call_recorder_get_paused (recorder));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find (fixture, "call-timer"))),
                            "Recording paused"));
  g_assert_true (gtk_widget_has_css_class (record, "warning"));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-recording-paused", NULL));
  g_assert_false (ac_call_recorder_get_paused (recorder));

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_false (ac_call_recorder_get_recording (recorder));
  g_assert_false (gtk_widget_get_visible (record));
  ac_call_recorder_get_pause_spans (recorder, &n_spans);
  /* the card details, then the agent's pause */
  g_assert_cmpuint (n_spans, ==, 2);

  g_assert_true (ac_audio_file_probe (file, &n_channels, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_channels, ==, 2);
  g_file_delete (file, NULL, NULL);

  /* Recording can be turned off. */
  g_assert_true (ready_for_next_call (fixture));
  g_object_set (fixture->settings, "record-calls", FALSE, NULL);
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_null (ac_window_get_recorder (fixture->window));
  g_assert_false (gtk_widget_get_visible (record));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_settings_reset (ac_settings_get_gsettings (fixture->settings), "record-calls");
}

/* Every label's text and every button's label under widget. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_button_get_label (GTK_BUTTON (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static void
test_window_capture_fails (Fixture       *fixture,
                           gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  ac_settings_set_customer_source (fixture->settings, "gst:no-such-element-here");
  ac_settings_set_agent_source (fixture->settings, "gst:no-such-element-either");

  /* Nothing to listen to: the call does not start and the agent is told,
   * in one short sentence of the app's, with the way to other devices. */
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);
  {
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
    gboolean headline = FALSE, button = FALSE;

    collect_texts (window, texts);
    for (guint i = 0; i < texts->len; i++)
      {
        const char *text = texts->pdata[i];

        headline = headline || (g_str_has_prefix (text, "The audio source “gst:no-such-element-here”") &&
                                strstr (text, ": ") == NULL);
        button = button || g_str_equal (text, "Choose _Devices");
      }
    if (!headline || !button)
      for (guint i = 0; i < texts->len; i++)
        g_test_message ("shown: %s", (char *) texts->pdata[i]);
    g_assert_true (headline);
    g_assert_true (button);
  }
}

/* A side whose device fails during a call comes back when the agent
 * chooses another device. */
static void
test_window_device_replaced (Fixture       *fixture,
                             gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  AcAudioCapture *capture = ac_window_get_capture (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  ac_settings_set_customer_source (fixture->settings, "gst:no-such-element-here");
  ac_settings_set_agent_source (fixture->settings, SILENCE);

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_ON_CALL);
  g_assert_false (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_CUSTOMER));

  ac_settings_set_customer_source (fixture->settings, SINE);
  g_assert_true (ac_audio_capture_is_channel_running (capture, AC_AUDIO_CHANNEL_CUSTOMER));
  ac_test_wait_for (customer_meter_moves, fixture, 5000);

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
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
    GtkWidget *entry_row = ac_test_find_widget (root, "backend-url");

    g_assert_nonnull (entry_row);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==, "https://cc.example.test");
    /* Typing alone changes nothing: an address is used once applied. */
    gtk_editable_set_text (GTK_EDITABLE (entry_row), "https://other.example.test");
    {
      g_autofree char *url = g_settings_get_string (gsettings, "backend-url");

      g_assert_cmpstr (url, ==, "https://cc.example.test");
    }
    g_signal_emit_by_name (entry_row, "apply");
    {
      g_autofree char *url = g_settings_get_string (gsettings, "backend-url");

      g_assert_cmpstr (url, ==, "https://other.example.test");
    }

    /* Plain http to another computer is refused, unless allowed. */
    gtk_editable_set_text (GTK_EDITABLE (entry_row), "http://cc.example.test");
    g_signal_emit_by_name (entry_row, "apply");
    g_assert_true (gtk_widget_has_css_class (entry_row, "error"));
    {
      g_autofree char *url = g_settings_get_string (gsettings, "backend-url");

      g_assert_cmpstr (url, ==, "https://other.example.test");
    }
    gtk_switch_set_active (GTK_SWITCH (ac_test_find_widget (GTK_WIDGET (prefs), "backend-allow-insecure")), TRUE);
    g_assert_true (g_settings_get_boolean (gsettings, "backend-allow-insecure"));
    g_signal_emit_by_name (entry_row, "apply");
    g_assert_false (gtk_widget_has_css_class (entry_row, "error"));
    {
      g_autofree char *url = g_settings_get_string (gsettings, "backend-url");

      g_assert_cmpstr (url, ==, "http://cc.example.test");
    }
    g_settings_set_boolean (gsettings, "backend-allow-insecure", FALSE);
    g_settings_set_string (gsettings, "backend-url", "https://other.example.test");
  }

  /* On this computer there is no account to show. */
  g_assert_false (gtk_widget_is_visible (ac_test_find_widget (GTK_WIDGET (prefs), "backend-account")));
  g_settings_set_string (gsettings, "backend-mode", "server");
  g_assert_true (gtk_widget_is_visible (ac_test_find_widget (GTK_WIDGET (prefs), "backend-account")));
  /* No link to a server yet: signed out, with a way in. */
  g_assert_true (gtk_widget_get_visible (ac_test_find_widget (GTK_WIDGET (prefs), "backend-sign-in")));
  g_assert_false (gtk_widget_get_visible (ac_test_find_widget (GTK_WIDGET (prefs), "backend-sign-out")));
  g_settings_set_string (gsettings, "backend-mode", "local");

  mode = g_settings_get_string (gsettings, "backend-mode");
  g_assert_cmpstr (mode, ==, "local");

  /* A speech server: its address asked for, where the audio goes said. */
  {
    GtkWidget *url_row = ac_test_find_widget (GTK_WIDGET (prefs), "speech-url");

    g_assert_false (gtk_widget_get_visible (url_row));
    adw_combo_row_set_selected (ADW_COMBO_ROW (ac_test_find_widget (GTK_WIDGET (prefs), "speech-engine")), 1);
    g_assert_cmpstr (ac_settings_get_speech_engine (fixture->settings), ==, "vosk");
    g_assert_true (gtk_widget_get_visible (url_row));
    gtk_editable_set_text (GTK_EDITABLE (url_row), " wss://speech.example.test/ ");
    g_signal_emit_by_name (url_row, "apply");
    g_assert_cmpstr (ac_settings_get_speech_url (fixture->settings), ==, "wss://speech.example.test/");
    g_settings_reset (gsettings, "speech-engine");
    g_settings_reset (gsettings, "speech-url");
    g_assert_false (gtk_widget_get_visible (url_row));
  }

  /* The team's service levels: shown, and stored as they are changed. */
  {
    GtkSpinButton *urgent = GTK_SPIN_BUTTON (ac_test_find_widget (GTK_WIDGET (prefs), "sla-hours-urgent"));

    g_assert_cmpfloat (gtk_spin_button_get_value (urgent), ==, AC_TICKET_SLA_HOURS_URGENT);
    gtk_spin_button_set_value (urgent, 2);
    g_assert_cmpuint (ac_settings_get_sla_hours (fixture->settings, "URGENT"), ==, 2);
    g_assert_cmpuint (ac_settings_get_sla_hours (fixture->settings, "LOW"), ==, AC_TICKET_SLA_HOURS_LOW);
    g_assert_cmpuint (ac_settings_get_sla_hours (fixture->settings, "urgent"), ==, 0);
  }

  /* Privacy: cards and codes cannot be turned off; the others can, both
   * ways; the audit trail opens read-only. */
  {
    GtkWidget *card = ac_test_find_widget (GTK_WIDGET (prefs), "redact-card");
    GtkWidget *email = ac_test_find_widget (GTK_WIDGET (prefs), "redact-email");

    g_assert_true (gtk_switch_get_active (GTK_SWITCH (card)));
    g_assert_false (gtk_widget_get_sensitive (card));
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (email)));
    gtk_switch_set_active (GTK_SWITCH (email), FALSE);
    g_assert_false (ac_settings_get_redaction_enabled (fixture->settings, AC_REDACTION_EMAIL));
    g_settings_reset (gsettings, "redaction-off");
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (email)));
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (ac_test_find_widget (GTK_WIDGET (prefs),
                                                                                        "recording-retention-days"))),
                       ==, 90);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.show-audit-trail", NULL));
    {
      GtkWindow *audit = NULL;
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (w)), "audit-trail") == 0)
            audit = w;
        }
      g_assert_nonnull (audit);
      g_assert_true (gtk_window_get_transient_for (audit) == GTK_WINDOW (prefs));
      gtk_window_destroy (audit);
    }
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);

  g_settings_reset (gsettings, "backend-url");
  g_settings_reset (gsettings, "sla-hours-urgent");
}

typedef struct
{
  AcTranscript *transcript;
  guint         channel;
} FinalWait;

static gboolean
has_final_of (FinalWait *wait)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (wait->transcript)); i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (wait->transcript), i);

      if (ac_utterance_get_is_final (u) && ac_utterance_get_channel (u) == wait->channel)
        return TRUE;
    }

  return FALSE;
}

static void
on_text_read (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer *pointer)
{
  return *pointer != NULL;
}

static void
on_exported (GObject      *window,
             GAsyncResult *result,
             gpointer      user_data)
{
  int *done = user_data;
  g_autoptr(GError) error = NULL;

  *done = ac_window_export_transcript_finish (AC_WINDOW (window), result, &error) ? 1 : 2;
  g_assert_no_error (error);
}

static gboolean
export_done (int *done)
{
  return *done != 0;
}

/* The sample call replayed in the window: both speakers' words arrive
 * while it plays, and the transcript can be copied and exported. */
static void
test_window_replay_sample (Fixture       *fixture,
                           gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  AcTranscript *transcript;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *copied = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "ac-test-export.json", NULL);
  g_autoptr(GFile) export = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  FinalWait wait = { NULL, 0 };
  JsonObject *root;
  int done = 0;

  ac_window_set_speech_engine (fixture->window, engine);
  g_assert_true (gtk_widget_get_mapped (find (fixture, "replay-sample")));

  g_assert_true (gtk_widget_activate_action (window, "win.replay-sample", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_ON_CALL);
  g_assert_true (gtk_widget_get_mapped (find (fixture, "transcript-view")));
  /* Each call is heard into a transcript of its own. */
  transcript = ac_window_get_transcript (fixture->window);
  wait.transcript = transcript;

  /* The customer's first turn ends 8.9 s in; the agent spoke before. */
  wait.channel = 0;
  ac_test_wait_for (has_final_of, &wait, 20000);
  wait.channel = 1;
  ac_test_wait_for (has_final_of, &wait, 5000);

  /* Hold: the timer says so, the button takes the call off hold. */
  g_assert_true (gtk_widget_get_visible (find (fixture, "hold")));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-hold", NULL));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (find (fixture, "call-timer"))), "On hold"));
  g_assert_true (gtk_widget_has_css_class (find (fixture, "hold"), "warning"));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-hold", NULL));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (find (fixture, "call-timer"))), "Talking"));
  g_assert_false (gtk_widget_has_css_class (find (fixture, "hold"), "warning"));

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AFTER_CALL_WORK);
  g_assert_false (gtk_widget_get_visible (find (fixture, "hold")));

  /* Copy: the final utterances as text. */
  g_assert_true (gtk_widget_activate_action (window, "win.copy-transcript", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, on_text_read, &copied);
  ac_test_wait_for (is_set, (gpointer *) &copied, 5000);
  g_assert_true (g_str_has_prefix (copied, "[0:00] Agent: "));
  g_assert_nonnull (strstr (copied, "] Customer: "));

  /* Export: the enhanced transcript JSON. */
  g_file_delete (export, NULL, NULL);
  ac_window_export_transcript_async (fixture->window, export, TRUE, NULL, on_exported, &done);
  ac_test_wait_for (export_done, &done, 5000);
  g_assert_cmpint (done, ==, 1);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "conversation_flow")),
                    ==, ac_transcript_get_n_final (transcript));
  g_assert_true (json_object_has_member (root, "call_date"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "summary_data"),
                                               "participant_count"), ==, 2);
  /* Who heard each utterance. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (root, "conversation_flow"), 0), "engine"), ==, "pocketsphinx");
  g_file_delete (export, NULL, NULL);
}

static gboolean
in_after_call_work (AcAgentStatus *status)
{
  return ac_agent_status_get_state (status) == AC_AGENT_STATE_AFTER_CALL_WORK;
}

/* A replayed recording ends the call when it ends; a mono one is all
 * customer. */
static void
test_window_replay_ends (Fixture       *fixture,
                         gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  g_autoptr(GFile) file = g_file_new_for_path (LIBRIVOX_0880);
  g_autoptr(GError) error = NULL;
  FinalWait wait = { NULL, 0 };

  ac_window_set_speech_engine (fixture->window, engine);
  g_assert_true (ac_window_replay (fixture->window, file, &error));
  g_assert_no_error (error);
  wait.transcript = ac_window_get_transcript (fixture->window);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "caller"))), ==,
                   "Replay: sense_and_sensibility_01_austen_64kb-0880.wav");

  ac_test_wait_for (in_after_call_work, status, 10000);
  ac_test_wait_for (has_final_of, &wait, 5000);
  wait.channel = 1;
  g_assert_false (has_final_of (&wait));
  g_assert_true (ac_audio_capture_get_paced (ac_window_get_capture (fixture->window)));
}

static void
test_window_replay_bad_file (Fixture       *fixture,
                             gconstpointer  data)
{
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "meson.build", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/call.ogg");
  g_autoptr(GError) error = NULL;

  g_assert_false (ac_window_replay (fixture->window, file, &error));
  g_assert_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_false (ac_window_replay (fixture->window, missing, &error));
  g_assert_error (error, AC_AUDIO_ERROR, AC_AUDIO_ERROR_NOT_FOUND);

  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);
}

/* A customer who reports fraud raises the escalation banner, which the
 * agent acknowledges; it stays recorded on the call. */
static void
test_window_escalation (Fixture       *fixture,
                        gconstpointer  data)
{
  AcTranscript *transcript = ac_window_get_transcript (fixture->window);
  AcEscalations *escalations = ac_window_get_escalations (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *banner = find (fixture, "escalation-banner");
  g_autoptr(AcUtterance) calm = ac_utterance_new (0, 0, 2000, "i have a question about my bill", 0.9, TRUE);
  g_autoptr(AcUtterance) fraud = ac_utterance_new (0, 3000, 6000,
                                                   "there are payments on my card i did not make", 0.9, TRUE);
  AcEscalation *pending;

  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (banner))));

  ac_utterance_analyze (calm, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, calm);
  g_assert_null (ac_escalations_get_pending (escalations));

  ac_utterance_analyze (fraud, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, fraud);
  pending = ac_escalations_get_pending (escalations);
  g_assert_nonnull (pending);
  g_assert_cmpint (ac_escalation_get_kind (pending), ==, AC_ESCALATION_FRAUD);
  g_assert_true (ac_escalation_get_utterance (pending) == fraud);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (banner))));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find (fixture, "escalation-reason"))),
                            "payments on my card"));

  g_assert_true (gtk_widget_activate_action (window, "win.show-escalation", NULL));
  g_assert_true (gtk_widget_activate_action (window, "win.acknowledge-escalation", NULL));
  g_assert_null (ac_escalations_get_pending (escalations));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (banner))));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (escalations)), ==, 1);
  g_assert_true (ac_escalation_get_acknowledged (pending));

  /* A new call starts with none. */
  ac_transcript_clear (transcript);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (escalations)), ==, 0);
}

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
result_arrived (GAsyncResult **slot)
{
  return *slot != NULL;
}

static guint
stored_finals (AcStore    *store,
               const char *conversation)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  ac_store_list_messages_async (store, conversation, NULL, on_async_done, &result);
  ac_test_wait_for (result_arrived, &result, 5000);
  messages = ac_store_list_messages_finish (store, result, &error);
  g_assert_no_error (error);
  return messages->len;
}

typedef struct
{
  AcStore    *store;
  const char *conversation;
  guint       n;
} StoredWait;

static gboolean
all_stored (StoredWait *wait)
{
  return stored_finals (wait->store, wait->conversation) >= wait->n;
}

typedef struct
{
  AcStore    *store;
  const char *sql;
  char       *account;
} StoredCustomer;

/* The first column of the first row of @sql, read from a second
 * connection as another program would, or %NULL. */
static char *
read_text (AcStore    *store,
           const char *sql)
{
  g_autofree char *path = g_file_get_path (ac_store_get_file (store));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_open (path, &db) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gboolean
customer_linked (StoredCustomer *wait)
{
  g_free (wait->account);
  wait->account = read_text (wait->store, wait->sql);

  /* The store answers on the main loop: let it. */
  g_main_context_iteration (NULL, FALSE);
  return wait->account != NULL;
}

/* args: the history window, the id of the call it should show. */
static gboolean
history_selects (gpointer *args)
{
  AcConversation *selected = ac_history_window_get_selected (args[0]);

  g_main_context_iteration (NULL, FALSE);
  return selected != NULL && g_strcmp0 (ac_conversation_get_id (selected), args[1]) == 0;
}

typedef struct
{
  AcHistoryWindow *history;
  const char      *conversation;
  guint            n_final;
} HistoryWait;

/* The call is listed, open, and its transcript read back. */
static gboolean
history_shows (HistoryWait *wait)
{
  AcConversation *selected = ac_history_window_get_selected (wait->history);
  AcTranscript *transcript = ac_history_window_get_transcript (wait->history);

  return selected != NULL && g_strcmp0 (ac_conversation_get_id (selected), wait->conversation) == 0 &&
         transcript != NULL && ac_transcript_get_n_final (transcript) == wait->n_final;
}

static gboolean
stream_prepared (GtkMediaStream *stream)
{
  return gtk_media_stream_is_prepared (stream) || gtk_media_stream_get_error (stream) != NULL;
}

/* Closes the store and removes its files and folder (@dir is freed). */
static void
remove_store (AcStore *store,
              char    *dir)
{
  g_autofree char *path = g_file_get_path (ac_store_get_file (store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  ac_store_close (store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* Every final utterance of a call is in the local store, and the call is
 * completed there when it ends. */
static gboolean
suggestions_shown (AcSuggestionsPanel *panel)
{
  return ac_suggestions_panel_get_n_shown (panel) > 0;
}

static gboolean
toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

/* The Suggestions page follows what the customer says, from the store's
 * knowledge base; an article opens whole; a mark is kept. */
static void
test_window_suggestions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ac-test-window-kb-XXXXXX", &error);
  g_autofree char *kb = g_build_filename (dir, "kb", NULL);
  g_autofree char *card = g_build_filename (kb, "lost-card.md", NULL);
  g_autofree char *parcel = g_build_filename (kb, "parcels.md", NULL);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (kb);
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(AcKnowledgeImport) counts = NULL;
  g_autoptr(AcUtterance) said = NULL;
  AcSuggestionsPanel *panel = AC_SUGGESTIONS_PANEL (find (fixture, "suggestions-panel"));

  g_mkdir (kb, 0700);
  g_file_set_contents (card, "# Lost or stolen card\n\nBlock a lost or stolen card at once from the customer's profile; "
                             "a replacement card is ordered in the same step.\n", -1, NULL);
  g_file_set_contents (parcel, "# Parcels\n\nA parcel marked delivered but not received: ask the neighbours.\n", -1,
                       NULL);
  ac_store_open_async (store, NULL, on_async_done, &opened);
  ac_test_wait_for (result_arrived, &opened, 5000);
  g_assert_true (ac_store_open_finish (store, opened, &error));
  ac_store_import_knowledge_async (store, folder, NULL, on_async_done, &imported);
  ac_test_wait_for (result_arrived, &imported, 5000);
  counts = ac_store_import_knowledge_finish (store, imported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->added, ==, 2);
  ac_window_set_store (fixture->window, store);

  g_assert_cmpuint (ac_suggestions_panel_get_n_shown (panel), ==, 0);
  said = ac_utterance_new (AC_AUDIO_CHANNEL_CUSTOMER, 0, 2000, "hi i think somebody stole my card", 0.9, TRUE);
  ac_transcript_add (ac_window_get_transcript (fixture->window), said);
  ac_test_wait_for (suggestions_shown, panel, 5000);
  g_assert_cmpuint (ac_suggestions_panel_get_n_shown (panel), ==, 1);
  ac_test_save_screenshot (GTK_WIDGET (fixture->window), "window-suggestions");

  /* Open: the whole article, in a window of its own. */
  g_signal_emit_by_name (panel, "open", "lost-card.md");
  ac_test_wait_for (toplevel_titled, "Lost or stolen card", 5000);

  /* Helpful: kept for the ranking. */
  g_signal_emit_by_name (panel, "feedback", "lost-card.md", TRUE);
  {
    StoredCustomer kept = { store, "SELECT file || ':' || helpful FROM kb_feedback", NULL };

    ac_test_wait_for (customer_linked, &kept, 5000);
    g_assert_cmpstr (kept.account, ==, "lost-card.md:1");
    g_free (kept.account);
  }
  ac_window_set_store (fixture->window, NULL);
  ac_store_close (store);
}

static void
test_window_stores_calls (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ac-test-window-store-XXXXXX", &error);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) status_result = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (LIBRIVOX_0880);
  g_autofree char *status = NULL;
  AcAgentStatus *status_machine = ac_window_get_agent_status (fixture->window);
  AcTranscript *transcript;
  const char *conversation;
  StoredWait wait;

  ac_store_open_async (store, NULL, on_async_done, &opened);
  ac_test_wait_for (result_arrived, &opened, 5000);
  g_assert_true (ac_store_open_finish (store, opened, &error));

  ac_window_set_store (fixture->window, store);
  ac_window_set_speech_engine (fixture->window, engine);
  g_assert_true (ac_window_replay (fixture->window, file, &error));
  g_assert_no_error (error);
  transcript = ac_window_get_transcript (fixture->window);
  conversation = ac_window_get_conversation_id (fixture->window);
  g_assert_nonnull (conversation);

  ac_test_wait_for (in_after_call_work, status_machine, 10000);
  /* The last final may come just after the call ends. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (ac_transcript_get_n_final (transcript), >=, 1);

  wait = (StoredWait) { store, conversation, ac_transcript_get_n_final (transcript) };
  ac_test_wait_for (all_stored, &wait, 5000);

  ac_store_get_conversation_status_async (store, conversation, NULL, on_async_done, &status_result);
  ac_test_wait_for (result_arrived, &status_result, 5000);
  status = ac_store_get_conversation_status_finish (store, status_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "COMPLETED");

  /* Wrap-up: a disposition and notes, kept with the call. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT disposition || '|' || wrap_up_notes || '|' || "
                                            "resolution_status FROM conversations WHERE id = '%s'",
                                            conversation);
    StoredCustomer saved = { store, sql, NULL };

    GtkWidget *row = find (fixture, "wrap-up");

    g_assert_true (gtk_widget_get_mapped (find (fixture, "wrap-up")));
    /* Nothing is preset: Ready asks for a disposition, and the agent
     * stays in After-Call Work with the keyboard on it. */
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find (fixture, "disposition-RESOLVED"))));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.finish-wrap-up", NULL));
    g_assert_cmpint (ac_agent_status_get_state (status_machine), ==, AC_AGENT_STATE_AFTER_CALL_WORK);
    g_assert_true (gtk_widget_has_css_class (row, "error"));
    g_assert_true (gtk_widget_has_focus (row) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), row));

    g_assert_true (choose_disposition (fixture, "FOLLOW_UP"));
    g_assert_false (gtk_widget_has_css_class (row, "error"));
    /* Notes take more than one line. */
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (fixture, "wrap-up-notes"))),
                              "call back tomorrow\nafter 10 am  ", -1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.finish-wrap-up", NULL));
    g_assert_cmpint (ac_agent_status_get_state (status_machine), ==, AC_AGENT_STATE_AVAILABLE);

    ac_test_wait_for (customer_linked, &saved, 5000);
    g_assert_cmpstr (saved.account, ==, "FOLLOW_UP|call back tomorrow\nafter 10 am|PENDING");
    g_free (saved.account);
  }

  /* The call history reopens the call with its transcript. */
  {
    g_autofree char *id = g_strdup (conversation);
    HistoryWait history_wait;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-history", NULL));
    history_wait = (HistoryWait) { ac_window_get_history_window (fixture->window), id,
                                   ac_transcript_get_n_final (transcript) };
    g_assert_nonnull (history_wait.history);
    ac_test_wait_for (history_shows, &history_wait, 5000);
    g_assert_cmpstr (ac_conversation_get_field (ac_history_window_get_selected (history_wait.history),
                                                "disposition"), ==, "FOLLOW_UP");
    /* A replayed recording is not recorded again. */
    g_assert_null (ac_history_window_get_recording (history_wait.history));
    gtk_window_destroy (GTK_WINDOW (history_wait.history));
  }

  ac_window_set_store (fixture->window, NULL);
  remove_store (store, g_steal_pointer (&dir));
  /* The store's answers still queued hold the window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  AcStore    *store;
  const char *sql;
  const char *expected;
  char       *found;
} StoredRows;

/* The text @sql reads, until it is the expected one. */
static gboolean
rows_are (StoredRows *wait)
{
  g_free (wait->found);
  wait->found = read_text (wait->store, wait->sql);

  g_main_context_iteration (NULL, FALSE);
  return g_strcmp0 (wait->found, wait->expected) == 0;
}

/* Each escalation of a call is stored once, the moment it is raised, and
 * its acknowledgement with it: a fraud then a safety escalation leave
 * exactly those two rows. */
static void
test_window_stores_escalations (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ac-test-window-escalations-XXXXXX", &error);
  g_autoptr(GFile) db = g_file_new_build_filename (dir, "agent-console.db", NULL);
  g_autoptr(AcStore) store = ac_store_new (db);
  g_autoptr(GAsyncResult) opened = NULL;
  AcTranscript *transcript;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(AcUtterance) fraud = ac_utterance_new (0, 1000, 4000,
                                                   "there are payments on my card i did not make", 0.9, TRUE);
  g_autoptr(AcUtterance) safety = ac_utterance_new (0, 5000, 8000,
                                                    "and now i can smell gas in the kitchen", 0.9, TRUE);
  g_autofree char *sql = NULL;
  g_autofree char *conversation = NULL;
  StoredRows wait;

  ac_store_open_async (store, NULL, on_async_done, &opened);
  ac_test_wait_for (result_arrived, &opened, 5000);
  g_assert_true (ac_store_open_finish (store, opened, &error));
  ac_window_set_store (fixture->window, store);

  ac_settings_set_customer_source (fixture->settings, SILENCE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);
  g_object_set (fixture->settings, "record-calls", FALSE, NULL);
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  transcript = ac_window_get_transcript (fixture->window);
  conversation = g_strdup (ac_window_get_conversation_id (fixture->window));
  g_assert_nonnull (conversation);

  ac_utterance_analyze (fraud, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, fraud);
  ac_utterance_analyze (safety, AC_SENTIMENT_MODEL_CONTACT_CENTER);
  ac_transcript_add (transcript, safety);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ac_window_get_escalations (fixture->window))), ==, 2);

  sql = g_strdup_printf ("SELECT group_concat(kind || ':' || time_ms || ':' || acknowledged, ',') FROM "
                         "(SELECT * FROM escalations WHERE conversation_id = '%s' ORDER BY time_ms)",
                         conversation);
  wait = (StoredRows) { store, sql, "fraud:4000:0,safety:8000:0", NULL };
  ac_test_wait_for (rows_are, &wait, 5000);
  g_assert_cmpstr (wait.found, ==, wait.expected);

  /* The banner says what happened in words, and how many wait. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "escalation-count"))), ==,
                   "2 escalations wait for you");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (find (fixture, "escalation-reason"))),
                                   "The customer mentioned someone’s safety at 0:08"));

  /* Asking a supervisor: noted on the call, and it answers them. */
  g_assert_true (gtk_widget_activate_action (window, "win.ask-supervisor", NULL));
  wait.expected = "fraud:4000:1,safety:8000:1";
  ac_test_wait_for (rows_are, &wait, 5000);
  g_assert_cmpstr (wait.found, ==, wait.expected);
  g_assert_null (ac_escalations_get_pending (ac_window_get_escalations (fixture->window)));

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  {
    GtkTextBuffer *notes = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (fixture, "wrap-up-notes")));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (notes, &start, &end);
    text = gtk_text_buffer_get_text (notes, &start, &end, FALSE);
    g_assert_true (g_str_has_prefix (text, "Asked a supervisor for help at 0:0"));
    g_assert_nonnull (strstr (text, ": The customer mentioned someone’s safety at 0:08"));
  }
  g_assert_true (ready_for_next_call (fixture));
  {
    g_autofree char *notes_sql = g_strdup_printf ("SELECT wrap_up_notes FROM conversations WHERE id = '%s' "
                                                  "AND wrap_up_notes IS NOT NULL", conversation);
    StoredCustomer saved = { store, notes_sql, NULL };

    ac_test_wait_for (customer_linked, &saved, 5000);
    g_assert_true (g_str_has_prefix (saved.account, "Asked a supervisor for help at"));
    g_free (saved.account);
  }
  /* Nothing more was stored for it, and the next call starts with none. */
  ac_test_wait_for (rows_are, &wait, 5000);
  g_assert_cmpstr (wait.found, ==, wait.expected);
  g_clear_pointer (&wait.found, g_free);

  /* The next call is heard into a transcript of its own, shown at once:
   * nothing of the last call is on screen or counted in it, and the
   * store keeps each call's words with their own call. */
  {
    g_autoptr(AcTranscript) first = g_object_ref (transcript);
    g_autoptr(AcUtterance) hello = ac_utterance_new (0, 500, 1500, "hello i would like to pay my bill", 0.9, TRUE);
    g_autofree char *second = NULL;
    g_autofree char *words = NULL;

    g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
    transcript = ac_window_get_transcript (fixture->window);
    second = g_strdup (ac_window_get_conversation_id (fixture->window));
    g_assert_true (transcript != first);
    g_assert_cmpstr (second, !=, conversation);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (transcript)), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ac_window_get_escalations (fixture->window))), ==, 0);
    g_assert_true (ac_transcript_view_get_transcript (AC_TRANSCRIPT_VIEW (find (fixture, "transcript-view"))) ==
                   transcript);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 2);

    ac_utterance_analyze (hello, AC_SENTIMENT_MODEL_CONTACT_CENTER);
    ac_transcript_add (transcript, hello);
    g_free (sql);
    sql = g_strdup_printf ("SELECT group_concat(conversation_id = '%s', ',') FROM "
                           "(SELECT conversation_id FROM messages ORDER BY rowid)", second);
    /* fraud and safety with the first call, hello with the second */
    wait = (StoredRows) { store, sql, "0,0,1", NULL };
    words = g_strdup_printf ("SELECT group_concat(content, '|') FROM (SELECT content FROM messages "
                             "WHERE conversation_id = '%s' ORDER BY start_ms)", conversation);
    ac_test_wait_for (rows_are, &wait, 5000);
    g_assert_cmpstr (wait.found, ==, wait.expected);
    g_clear_pointer (&wait.found, g_free);
    wait = (StoredRows) { store, words,
                          "there are payments on my card i did not make|and now i can smell gas in the kitchen", NULL };
    ac_test_wait_for (rows_are, &wait, 5000);
    g_assert_cmpstr (wait.found, ==, wait.expected);
    g_clear_pointer (&wait.found, g_free);
    g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
    g_assert_true (ready_for_next_call (fixture));
  }
  g_settings_reset (ac_settings_get_gsettings (fixture->settings), "record-calls");

  ac_window_set_store (fixture->window, NULL);
  remove_store (store, g_steal_pointer (&dir));
  /* The store's answers still queued hold the window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
widget_visible (GtkWidget *widget)
{
  g_main_context_iteration (NULL, FALSE);
  return gtk_widget_get_visible (widget);
}

static gboolean
panel_shows (gpointer *args)
{
  return g_strcmp0 (ac_customer_panel_get_page (args[0]), args[1]) == 0;
}

static void
wait_panel (AcCustomerPanel *panel,
            const char      *page)
{
  gpointer args[] = { panel, (gpointer) page };

  ac_test_wait_for (panel_shows, args, 5000);
}

static AcStore *
store_with_customers (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) db = NULL;
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  const char *people[][4] = {
    { "Ada Lovelace", "ACC-1", "+1 555 123 4567", "1234.5" },
    { "Adam Smith", "ACC-2", "+44 20 7946 0001", "-20" },
    { "Grace Hopper", "ACC-3", "+1 555 987 6543", "0" },
  };
  AcImportCounts counts;
  AcStore *store;

  *dir = g_dir_make_tmp ("ac-test-window-customers-XXXXXX", &error);
  db = g_file_new_build_filename (*dir, "agent-console.db", NULL);
  store = ac_store_new (db);
  ac_store_open_async (store, NULL, on_async_done, &opened);
  ac_test_wait_for (result_arrived, &opened, 5000);
  g_assert_true (ac_store_open_finish (store, opened, &error));

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      GHashTable *row = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

      g_hash_table_insert (row, "name", g_strdup (people[i][0]));
      g_hash_table_insert (row, "account_number", g_strdup (people[i][1]));
      g_hash_table_insert (row, "account_type", g_strdup ("CHECKING"));
      g_hash_table_insert (row, "phone", g_strdup (people[i][2]));
      g_hash_table_insert (row, "balance", g_strdup (people[i][3]));
      g_ptr_array_add (rows, row);
    }
  ac_store_import_customers_async (store, rows, NULL, on_async_done, &imported);
  ac_test_wait_for (result_arrived, &imported, 5000);
  g_assert_true (ac_store_import_customers_finish (store, imported, &counts, &error));
  g_assert_cmpuint (counts.added, ==, 3);

  return store;
}

/* A call with a caller number opens that customer's profile; the agent
 * can search; an unknown number says so. */
static void
test_window_screen_pop (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AcCustomerPanel *panel = ac_window_get_customer_panel (fixture->window);
  char *dir = NULL;
  g_autoptr(AcStore) store = store_with_customers (&dir);

  ac_settings_set_customer_source (fixture->settings, SILENCE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);
  ac_window_set_store (fixture->window, store);

  /* Written another way than it is stored. */
  ac_window_set_caller (fixture->window, "(555) 123-4567");
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  wait_panel (panel, "profile");
  g_assert_cmpstr (ac_customer_get_account_number (ac_customer_panel_get_customer (panel)), ==, "ACC-1");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "customer-name"))), ==, "Ada Lovelace");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "caller"))), ==, "Ada Lovelace");
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_true (ready_for_next_call (fixture));

  /* The call is kept with the customer on the line. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT c.account_number FROM conversations v "
                                            "JOIN customers c ON c.id = v.customer_id "
                                            "WHERE v.id = '%s'",
                                            ac_window_get_conversation_id (fixture->window));
    StoredCustomer wait = { store, sql, NULL };

    ac_test_wait_for (customer_linked, &wait, 5000);
    g_assert_cmpstr (wait.account, ==, "ACC-1");
    g_free (wait.account);
  }

  /* The agent types: results as they type. */
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "customer-search")), "ada");
  wait_panel (panel, "results");
  {
    GtkWidget *results = find (fixture, "customer-results");
    guint n = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (results); row != NULL; row = gtk_widget_get_next_sibling (row))
      n++;
    g_assert_cmpuint (n, ==, 2);
  }

  /* An unknown number. */
  ac_window_set_caller (fixture->window, "+33 1 23 45 67 89");
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  wait_panel (panel, "none");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "caller"))), ==, "+33 1 23 45 67 89");

  /* The unknown caller becomes a customer, linked to the call. */
  g_signal_emit_by_name (find (fixture, "new-customer"), "clicked");
  g_assert_cmpstr (ac_customer_panel_get_page (panel), ==, "new");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "new-customer-phone"))), ==,
                   "+33 1 23 45 67 89");
  g_signal_emit_by_name (find (fixture, "save-new-customer"), "clicked");
  g_assert_cmpstr (ac_customer_panel_get_page (panel), ==, "new");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "new-customer-problem"))), ==,
                   "A customer needs a name");
  g_assert_true (gtk_widget_has_css_class (find (fixture, "new-customer-name"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "new-customer-name")), "Marie Curie");
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "new-customer-account")), "ACC-1");
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "new-customer-email")), "not an address");
  g_signal_emit_by_name (find (fixture, "save-new-customer"), "clicked");
  g_assert_true (gtk_widget_has_css_class (find (fixture, "new-customer-email"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "new-customer-email")), "marie@example.org");
  /* An account number already in use is refused by the store. */
  g_signal_emit_by_name (find (fixture, "save-new-customer"), "clicked");
  {
    GtkWidget *problem = find (fixture, "new-customer-problem");

    ac_test_wait_for (widget_visible, problem, 5000);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (problem)), ==, "A customer with account number “ACC-1” is already stored");
  }
  g_assert_cmpstr (ac_customer_panel_get_page (panel), ==, "new");
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "new-customer-account")), "ACC-9");
  g_signal_emit_by_name (find (fixture, "save-new-customer"), "clicked");
  wait_panel (panel, "profile");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "customer-name"))), ==, "Marie Curie");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT c.account_number || '|' || c.phone_digits FROM conversations v "
                                            "JOIN customers c ON c.id = v.customer_id WHERE v.id = '%s'",
                                            ac_window_get_conversation_id (fixture->window));
    StoredCustomer wait = { store, sql, NULL };

    ac_test_wait_for (customer_linked, &wait, 5000);
    g_assert_cmpstr (wait.account, ==, "ACC-9|33123456789");
    g_free (wait.account);
  }

  /* The agent's notes on her are kept. */
  g_assert_false (gtk_widget_get_sensitive (find (fixture, "save-customer-notes")));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (fixture, "customer-notes"))),
                            "Prefers French; call back after 6 pm", -1);
  g_assert_true (gtk_widget_get_sensitive (find (fixture, "save-customer-notes")));
  g_signal_emit_by_name (find (fixture, "save-customer-notes"), "clicked");
  {
    StoredCustomer wait = { store, "SELECT notes FROM customers WHERE account_number = 'ACC-9' "
                                   "AND notes IS NOT NULL", NULL };

    ac_test_wait_for (customer_linked, &wait, 5000);
    g_assert_cmpstr (wait.account, ==, "Prefers French; call back after 6 pm");
    g_free (wait.account);
  }
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_true (ready_for_next_call (fixture));

  /* The next call, with no caller number, starts clean: no customer on
   * screen, and none stored with it (the last caller's number was hers). */
  {
    g_autofree char *first = g_strdup (ac_window_get_conversation_id (fixture->window));
    g_autofree char *sql = NULL;
    StoredRows wait;

    g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
    g_assert_cmpstr (ac_window_get_conversation_id (fixture->window), !=, first);
    g_assert_null (ac_customer_panel_get_customer (panel));
    g_assert_cmpstr (ac_customer_panel_get_page (panel), ==, "empty");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "customer-search"))), ==, "");
    sql = g_strdup_printf ("SELECT coalesce(customer_id, 'none') FROM conversations WHERE id = '%s'",
                           ac_window_get_conversation_id (fixture->window));
    wait = (StoredRows) { store, sql, "none", NULL };
    ac_test_wait_for (rows_are, &wait, 5000);
    g_assert_cmpstr (wait.found, ==, wait.expected);
    g_free (wait.found);
    g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  }

  ac_window_set_store (fixture->window, NULL);
  remove_store (store, dir);

  /* The store's answers still queued hold the window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The first row of a preferences group whose title is @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
form_shows (gpointer *args)
{
  return g_strcmp0 (ac_ticket_form_get_page (args[0]), args[1]) == 0;
}

static gboolean
tickets_listed (gpointer *args)
{
  AcTicketsWindow *tickets = args[0];
  GListModel *model = ac_tickets_window_get_tickets (tickets);
  AcTicket *selected = ac_tickets_window_get_selected (tickets);

  return model != NULL && g_list_model_get_n_items (model) == GPOINTER_TO_UINT (args[1]) &&
         (args[2] == NULL || (selected != NULL && g_strcmp0 (ac_ticket_get_field (selected, "status"), args[2]) == 0));
}

static void
wait_tickets (AcTicketsWindow *tickets,
              guint            n,
              const char      *selected_status)
{
  gpointer args[] = { tickets, GUINT_TO_POINTER (n), (gpointer) selected_status };

  ac_test_wait_for (tickets_listed, args, 5000);
}

static GtkWidget *
find_in (gpointer    widget,
         const char *name)
{
  GtkWidget *found = ac_test_find_widget (GTK_WIDGET (widget), name);

  if (found == NULL)
    g_error ("No widget named “%s”", name);
  return found;
}

/* After a call with a known caller, Create Ticket drafts a ticket for the
 * customer and the call; the form checks it; filed, it is in the ticket
 * list, where it is moved on. */
static void
test_window_tickets (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AcCustomerPanel *panel = ac_window_get_customer_panel (fixture->window);
  AcTicketForm *form = ac_window_get_ticket_form (fixture->window);
  AcTicketsWindow *tickets;
  char *dir = NULL;
  g_autoptr(AcStore) store = store_with_customers (&dir);
  g_autofree char *conversation = NULL;
  g_autofree char *ticket_id = NULL;

  ac_settings_set_customer_source (fixture->settings, SILENCE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);
  ac_window_set_store (fixture->window, store);

  /* Not on a call: a blank form. */
  g_assert_cmpstr (ac_ticket_form_get_page (form), ==, "empty");
  g_assert_true (gtk_widget_activate_action (window, "win.create-ticket", NULL));
  g_assert_cmpstr (ac_ticket_form_get_page (form), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "ticket-title"))), ==, "");
  g_signal_emit_by_name (find (fixture, "discard-ticket"), "clicked");
  g_assert_cmpstr (ac_ticket_form_get_page (form), ==, "empty");

  ac_window_set_caller (fixture->window, "+1 555 123 4567");
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  wait_panel (panel, "profile");
  conversation = g_strdup (ac_window_get_conversation_id (fixture->window));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_true (gtk_widget_get_visible (find (fixture, "create-ticket")));

  /* Wrap-up: Create Ticket drafts one for Ada and this call. */
  g_assert_true (gtk_widget_activate_action (window, "win.create-ticket", NULL));
  g_assert_cmpstr (ac_ticket_form_get_page (form), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "ticket-title"))), ==,
                   "General: Ada Lovelace");
  /* The keyboard is on the title, not left in the header. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), find (fixture, "ticket-title")));
  {
    g_autoptr(GHashTable) fields = ac_ticket_form_get_fields (form);

    g_assert_cmpstr (g_hash_table_lookup (fields, "conversation_id"), ==, conversation);
    g_assert_cmpstr (g_hash_table_lookup (fields, "priority"), ==, "MEDIUM");
    g_assert_nonnull (g_hash_table_lookup (fields, "sla_deadline"));
  }

  /* An empty title is caught before anything is filed. */
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "ticket-title")), "   ");
  g_signal_emit_by_name (find (fixture, "file-ticket"), "clicked");
  g_assert_cmpstr (ac_ticket_form_get_page (form), ==, "form");
  g_assert_true (gtk_widget_get_visible (find (fixture, "ticket-problems")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (fixture, "ticket-problems"))), ==,
                   "A ticket needs a title");
  g_assert_true (gtk_widget_has_css_class (find (fixture, "ticket-title"), "error"));
  g_assert_false (gtk_widget_get_sensitive (find (fixture, "file-ticket")));

  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "ticket-title")), "Card blocked abroad");
  g_assert_false (gtk_widget_get_visible (find (fixture, "ticket-problems")));
  g_assert_true (gtk_widget_get_sensitive (find (fixture, "file-ticket")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (fixture, "ticket-priority")), 3);
  {
    g_autoptr(GHashTable) fields = ac_ticket_form_get_fields (form);
    g_autoptr(GDateTime) due = g_date_time_new_from_iso8601 (g_hash_table_lookup (fields, "sla_deadline"), NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    GTimeSpan ahead = g_date_time_difference (due, now);

    /* Urgent: due in the team's four hours. */
    g_assert_cmpint (ahead, >, 4 * G_TIME_SPAN_HOUR - G_TIME_SPAN_MINUTE);
    g_assert_cmpint (ahead, <=, 4 * G_TIME_SPAN_HOUR);
  }
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "ticket-tags")), "card, travel, card");
  gtk_widget_grab_focus (find (fixture, "file-ticket"));
  g_signal_emit_by_name (find (fixture, "file-ticket"), "clicked");
  {
    gpointer args[] = { form, (gpointer) "filed" };

    ac_test_wait_for (form_shows, args, 5000);
  }
  /* The File button is gone: the keyboard is on Open Tickets, not lost. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == find (fixture, "open-tickets"));

  {
    g_autofree char *sql = g_strdup_printf ("SELECT t.id || '|' || t.priority || '|' || t.tags || '|' || "
                                            "c.account_number FROM tickets t JOIN customers c "
                                            "ON c.id = t.customer_id WHERE t.conversation_id = '%s'",
                                            conversation);
    StoredCustomer wait = { store, sql, NULL };

    ac_test_wait_for (customer_linked, &wait, 5000);
    g_assert_cmpstr (wait.account, ==, "TKT-000001|URGENT|[\"card\",\"travel\"]|ACC-1");
    g_free (wait.account);
    ticket_id = g_strdup ("TKT-000001");
  }

  /* The profile lists it among the customer's open tickets. */
  ac_test_wait_for (widget_visible, find (fixture, "customer-tickets"), 5000);
  g_assert_nonnull (find_row (find (fixture, "customer-tickets"), "Card blocked abroad"));

  /* The list: the customer on screen's tickets, the new one among them. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-tickets", NULL));
  tickets = ac_window_get_tickets_window (fixture->window);
  g_assert_nonnull (tickets);
  wait_tickets (tickets, 1, NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_in (tickets, "customer-filter"))));

  /* The filter follows the customer on screen: none, no filter; back, on. */
  {
    g_autoptr(AcCustomer) ada = g_object_ref (ac_customer_panel_get_customer (panel));

    ac_customer_panel_clear (panel);
    g_assert_false (gtk_widget_get_visible (find_in (tickets, "customer-filter")));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_in (tickets, "customer-filter"))));
    ac_customer_panel_show_customer (panel, ada);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_in (tickets, "customer-filter"))));
    wait_tickets (tickets, 1, NULL);
  }

  ac_tickets_window_select (tickets, ticket_id);
  wait_tickets (tickets, 1, "OPEN");
  g_assert_cmpstr (ac_ticket_get_field (ac_tickets_window_get_selected (tickets), "customer_name"), ==,
                   "Ada Lovelace");

  /* The ticket leads to the call it was filed from, and the call back to
   * the ticket. */
  {
    AcHistoryWindow *history;
    GtkWidget *link = NULL;

    g_signal_emit_by_name (find_in (tickets, "open-call"), "clicked");
    history = ac_window_get_history_window (fixture->window);
    g_assert_nonnull (history);
    {
      gpointer args[] = { history, conversation };

      ac_test_wait_for (history_selects, args, 5000);
    }
    for (GtkWidget *child = gtk_widget_get_first_child (find_in (history, "call-tickets")); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), ticket_id) == 0)
        link = child;
    g_assert_nonnull (link);
    /* Closed: the link opens the Tickets window again, at the ticket. */
    gtk_window_destroy (GTK_WINDOW (tickets));
    g_assert_null (ac_window_get_tickets_window (fixture->window));
    g_signal_emit_by_name (link, "clicked");
    tickets = ac_window_get_tickets_window (fixture->window);
    g_assert_nonnull (tickets);
    wait_tickets (tickets, 1, "OPEN");
    g_assert_cmpstr (ac_ticket_get_id (ac_tickets_window_get_selected (tickets)), ==, ticket_id);
    gtk_window_destroy (GTK_WINDOW (history));
  }

  /* Moved on: resolved, with notes. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_in (tickets, "ticket-status")), 3);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_in (tickets, "resolution-notes"))),
                            "Card unblocked; customer told", -1);
  g_assert_true (gtk_widget_get_sensitive (find_in (tickets, "save-ticket")));
  g_signal_emit_by_name (find_in (tickets, "save-ticket"), "clicked");
  wait_tickets (tickets, 1, "RESOLVED");
  g_assert_cmpstr (ac_ticket_get_field (ac_tickets_window_get_selected (tickets), "resolution_notes"), ==,
                   "Card unblocked; customer told");
  g_assert_nonnull (ac_ticket_get_field (ac_tickets_window_get_selected (tickets), "resolved_at"));

  /* Filters: no open ticket is left; text finds it by the customer. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_in (tickets, "status-filter")), 1);
  wait_tickets (tickets, 0, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_in (tickets, "status-filter")), 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_in (tickets, "customer-filter")), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (find_in (tickets, "ticket-search")), "lovelace");
  wait_tickets (tickets, 1, NULL);
  gtk_editable_set_text (GTK_EDITABLE (find_in (tickets, "ticket-search")), "nobody at all");
  wait_tickets (tickets, 0, NULL);

  gtk_window_destroy (GTK_WINDOW (tickets));
  g_assert_null (ac_window_get_tickets_window (fixture->window));
  g_assert_true (ready_for_next_call (fixture));

  /* Wrapped up, the call is among the customer's recent calls; from
   * there it opens in the history. */
  ac_test_wait_for (widget_visible, find (fixture, "customer-calls"), 5000);
  g_assert_true (gtk_widget_activate_action (window, "win.show-call", "s", conversation));
  g_assert_nonnull (ac_window_get_history_window (fixture->window));
  gtk_window_destroy (GTK_WINDOW (ac_window_get_history_window (fixture->window)));
  g_assert_null (ac_window_get_history_window (fixture->window));

  /* The call in the history, its recording ready to play. */
  {
    HistoryWait wait = { NULL, conversation, 0 };
    GtkMediaStream *recording;

    g_assert_true (gtk_widget_activate_action (window, "win.show-history", NULL));
    wait.history = ac_window_get_history_window (fixture->window);
    ac_history_window_select (wait.history, conversation);
    ac_test_wait_for (history_shows, &wait, 5000);
    recording = ac_history_window_get_recording (wait.history);
    g_assert_nonnull (recording);
    ac_test_wait_for (stream_prepared, recording, 10000);
    g_assert_no_error (gtk_media_stream_get_error (recording));
    g_assert_cmpint (gtk_media_stream_get_duration (recording), >, 0);
    gtk_window_destroy (GTK_WINDOW (wait.history));
  }

  ac_window_set_store (fixture->window, NULL);
  remove_store (store, dir);

  /* The store's answers still queued hold the window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
entry_is (gpointer *args)
{
  g_main_context_iteration (NULL, FALSE);
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (args[0])), args[1]) == 0;
}

static gboolean
disposition_offered (gpointer *args)
{
  Fixture *fixture = args[0];

  g_main_context_iteration (NULL, FALSE);
  return ac_test_find_widget (GTK_WIDGET (fixture->window), args[1]) != NULL;
}

static gboolean
has_eight_items (AdwComboRow *row)
{
  g_main_context_iteration (NULL, FALSE);
  return g_list_model_get_n_items (adw_combo_row_get_model (row)) == 8;
}

static gboolean
list_has_rows (GtkWidget *list)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1) != NULL;
}

static GtkWidget *
find_list_box (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The audit trail from Preferences → Privacy: the store's lines, newest
 * first, in words, read-only. */
static void
test_window_audit_trail (Fixture       *fixture,
                         gconstpointer  data)
{
  char *dir = NULL;
  g_autoptr(AcStore) store = store_with_customers (&dir);
  AcPreferencesWindow *prefs = ac_preferences_window_new (fixture->settings);
  GtkWindow *audit = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *list;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      ac_store_audit_async (store, "agent@example.com", i == 0 ? "redaction-off" : "export",
                            i == 0 ? "email" : "3f2a", i == 0 ? NULL : "/home/agent/call.json", NULL,
                            ac_test_keep_result, &result);
      g_assert_true (ac_store_audit_finish (store, ac_test_wait_result (&result), NULL));
    }

  g_object_ref_sink (prefs);
  ac_preferences_window_set_store (prefs, store);
  gtk_window_present (GTK_WINDOW (prefs));
  ac_test_wait_for (window_is_mapped, prefs, 5000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.show-audit-trail", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (w)), "audit-trail") == 0)
        audit = w;
    }
  g_assert_nonnull (audit);
  ac_test_wait_for (window_is_mapped, audit, 5000);
  list = find_list_box (GTK_WIDGET (audit));
  ac_test_wait_for (list_has_rows, list, 5000);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                   ==, "Exported a transcript: 3f2a");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))),
                   ==, "Turned redaction off: Email address");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                            "agent@example.com"));
  ac_test_save_screenshot (GTK_WIDGET (audit), "audit-trail");

  gtk_window_destroy (audit);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
  remove_store (store, dir);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Exporting a call's transcript is written to the audit trail: who, which
 * call, where to. */
static void
test_window_export_audited (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  char *dir = NULL;
  g_autoptr(AcStore) store = store_with_customers (&dir);
  g_autofree char *path = g_build_filename (dir, "exported.json", NULL);
  g_autoptr(GFile) export = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *call = NULL;
  int done = 0;

  ac_settings_set_customer_source (fixture->settings, SILENCE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);
  ac_window_set_store (fixture->window, store);
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  call = g_strdup (ac_window_get_conversation_id (fixture->window));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));

  ac_window_export_transcript_async (fixture->window, export, TRUE, NULL, on_exported, &done);
  ac_test_wait_for (export_done, &done, 5000);
  g_assert_cmpint (done, ==, 1);

  {
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

    do
      {
        g_clear_object (&listed);
        g_clear_pointer (&lines, g_ptr_array_unref);
        ac_store_list_audit_async (store, 0, NULL, ac_test_keep_result, &listed);
        lines = ac_store_list_audit_finish (store, ac_test_wait_result (&listed), NULL);
      }
    while (lines->len == 0 && g_get_monotonic_time () < deadline);
  }
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (((AcAuditEntry *) lines->pdata[0])->action, ==, "export");
  g_assert_cmpstr (((AcAuditEntry *) lines->pdata[0])->subject, ==, call);
  g_assert_cmpstr (((AcAuditEntry *) lines->pdata[0])->actor, ==, g_get_user_name ());
  g_assert_nonnull (strstr (((AcAuditEntry *) lines->pdata[0])->detail, "exported.json"));

  g_file_delete (export, NULL, NULL);
  ac_window_set_store (fixture->window, NULL);
  remove_store (store, dir);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A disposition added in Preferences is offered at the next wrap-up. */
static void
test_window_dispositions (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  char *dir = NULL;
  g_autoptr(AcStore) store = store_with_customers (&dir);
  AcPreferencesWindow *prefs = ac_preferences_window_new (fixture->settings);
  GtkWidget *entry;

  ac_settings_set_customer_source (fixture->settings, SILENCE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);
  ac_window_set_store (fixture->window, store);

  g_object_ref_sink (prefs);
  ac_preferences_window_set_store (prefs, store);
  gtk_window_present (GTK_WINDOW (prefs));
  ac_test_wait_for (window_is_mapped, prefs, 5000);
  entry = ac_test_find_widget (GTK_WIDGET (prefs), "new-disposition");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Callback booked");
  g_signal_emit_by_name (entry, "apply");
  {
    gpointer args[] = { entry, (gpointer) "" };

    /* The entry empties once the store has it. */
    ac_test_wait_for (entry_is, args, 5000);
  }
  /* The team's rules for After-Call Work: a time limit, and the new code
   * as what a call that runs out of time is closed with. */
  {
    AdwComboRow *timeout = ADW_COMBO_ROW (ac_test_find_widget (GTK_WIDGET (prefs), "wrap-up-timeout-disposition"));
    GtkSpinButton *limit = GTK_SPIN_BUTTON (ac_test_find_widget (GTK_WIDGET (prefs), "wrap-up-time-limit"));
    GListModel *labels;

    g_assert_cmpuint (ac_settings_get_wrap_up_time_limit (fixture->settings), ==, 0);
    gtk_spin_button_set_value (limit, 90);
    g_assert_cmpuint (ac_settings_get_wrap_up_time_limit (fixture->settings), ==, 90);

    /* The list is read again from the store after the addition. */
    ac_test_wait_for (has_eight_items, timeout, 5000);
    labels = adw_combo_row_get_model (timeout);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), adw_combo_row_get_selected (timeout)),
                     ==, "Not classified");
    adw_combo_row_set_selected (timeout, 7);
    g_assert_cmpstr (ac_settings_get_wrap_up_timeout_disposition (fixture->settings), ==, "CALLBACK_BOOKED");
    g_settings_reset (ac_settings_get_gsettings (fixture->settings), "wrap-up-time-limit");
    g_settings_reset (ac_settings_get_gsettings (fixture->settings), "wrap-up-timeout-disposition");
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
  {
    gpointer args[] = { fixture, (gpointer) "disposition-CALLBACK_BOOKED" };

    ac_test_wait_for (disposition_offered, args, 5000);
  }
  g_assert_true (ready_for_next_call (fixture));

  ac_window_set_store (fixture->window, NULL);
  remove_store (store, dir);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, found);
}

/* The shortcuts window against the bound keys: every entry shows a key
 * the app binds to an action the window or app has, and every bound key
 * has its entry. */
static void
test_window_shortcuts (void)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.agentconsole.AgentConsole.ShortcutsTest",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) bound = NULL;
  GtkWidget *overlay;
  GtkWidgetClass *window_class = g_type_class_ref (AC_TYPE_WINDOW);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  ac_window_add_accels (app);

  builder = gtk_builder_new_from_resource ("/io/github/agentconsole/AgentConsole/gtk/help-overlay.ui");
  overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  collect_shortcuts (overlay, shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 16);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (shortcuts->pdata[i], "title", &title, "action-name", &action,
                    "accelerator", &accelerator, NULL);
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);
          g_autofree char *name = NULL;
          g_autoptr(GVariant) target = NULL;

          if (accels == NULL || accels[0] == NULL)
            g_error ("“%s” (%s) shows no key: none is bound", title, action);
          g_hash_table_add (listed, (gpointer) g_intern_string (action));

          /* The window's actions exist: a key bound to nothing does nothing. */
          g_assert_true (g_action_parse_detailed_name (action, &name, &target, NULL));
          /* show-help-overlay is GtkApplicationWindow's own. */
          if (g_str_has_prefix (name, "win.") && !g_str_equal (name, "win.show-help-overlay"))
            {
              gboolean exists = FALSE;
              const char *installed, *property;
              const GVariantType *parameter;
              GType owner;

              for (guint j = 0;
                   gtk_widget_class_query_action (window_class, j, &owner, &installed, &parameter, &property);
                   j++)
                exists = exists || g_str_equal (installed, name);
              if (!exists)
                g_error ("“%s” is bound to %s, which the window does not have", title, name);
            }
        }
      else if (accelerator == NULL || accelerator[0] == '\0')
        g_error ("“%s” has neither an action nor a key", title);
    }

  bound = gtk_application_list_action_descriptions (app);
  g_assert_cmpuint (g_strv_length (bound), >=, 16);
  for (guint i = 0; bound[i] != NULL; i++)
    if (!g_hash_table_contains (listed, g_intern_string (bound[i])))
      g_error ("%s has a key but no entry in the shortcuts window", bound[i]);

  gtk_window_destroy (GTK_WINDOW (overlay));
  g_type_class_unref (window_class);
}

/* The team's time limit for After-Call Work: the call is wrapped up with
 * the timeout code, marked, and the agent made Available; a disposition
 * the agent chose stands. */
static void
test_window_wrap_up_time_limit (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AcAgentStatus *status = ac_window_get_agent_status (fixture->window);
  GSettings *gsettings = ac_settings_get_gsettings (fixture->settings);
  char *dir = NULL;
  g_autoptr(AcStore) store = store_with_customers (&dir);
  const char *expected[] = { "NOT_CLASSIFIED|1", "ESCALATED|1" };

  ac_settings_set_customer_source (fixture->settings, SILENCE);
  ac_settings_set_agent_source (fixture->settings, SILENCE);
  g_settings_set_uint (gsettings, "wrap-up-time-limit", 1);
  ac_window_set_store (fixture->window, store);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sql = NULL;
      StoredCustomer saved = { store, NULL, NULL };
      gint64 deadline;

      g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
      g_assert_true (gtk_widget_activate_action (window, "win.toggle-listening", NULL));
      g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AFTER_CALL_WORK);
      sql = g_strdup_printf ("SELECT disposition || '|' || wrap_up_timed_out FROM conversations "
                             "WHERE id = '%s' AND disposition IS NOT NULL",
                             ac_window_get_conversation_id (fixture->window));
      saved.sql = sql;
      {
        gpointer args[] = { fixture, (gpointer) "disposition-ESCALATED" };

        ac_test_wait_for (disposition_offered, args, 5000);
      }
      if (i == 1)
        g_assert_true (choose_disposition (fixture, "ESCALATED"));

      deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      while (ac_agent_status_get_state (status) != AC_AGENT_STATE_AVAILABLE &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);

      ac_test_wait_for (customer_linked, &saved, 5000);
      g_assert_cmpstr (saved.account, ==, expected[i]);
      g_free (saved.account);
    }

  g_settings_reset (gsettings, "wrap-up-time-limit");
  ac_window_set_store (fixture->window, NULL);
  remove_store (store, dir);
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

/* The wrap-up's summary: after the notes taken during the call; a better
 * one (an AI provider's) takes its place while the agent has not edited
 * it, and is only offered once they have; what the agent adds after the
 * summary stays. */
static void
test_wrap_up_summary (void)
{
  GtkWidget *form = g_object_ref_sink (ac_wrap_up_form_new ());
  AcWrapUpForm *wrap_up = AC_WRAP_UP_FORM (form);
  GtkTextView *view = GTK_TEXT_VIEW (ac_test_find_widget (form, "wrap-up-notes"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  ac_wrap_up_form_add_note (wrap_up, "Asked a supervisor for help at 0:12");
  ac_wrap_up_form_set_summary (wrap_up, "Reason (customer): charged twice");
  first = ac_wrap_up_form_get_notes (wrap_up);
  g_assert_cmpstr (first, ==, "Asked a supervisor for help at 0:12\nReason (customer): charged twice");

  /* the agent adds a line after it: not an edit of the summary */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "Customer was polite", -1);
  g_assert_true (ac_wrap_up_form_offer_summary (wrap_up, "Reason: Charged twice for one order."));
  second = ac_wrap_up_form_get_notes (wrap_up);
  g_assert_cmpstr (second, ==,
                   "Asked a supervisor for help at 0:12\nReason: Charged twice for one order.\nCustomer was polite");

  /* the agent edits the summary: their words stay, the new one waits */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 1);
  gtk_text_buffer_insert (buffer, &iter, "My words. ", -1);
  g_assert_false (ac_wrap_up_form_offer_summary (wrap_up, "Reason: Something else."));
  third = ac_wrap_up_form_get_notes (wrap_up);
  g_assert_nonnull (strstr (third, "My words. Reason: Charged twice"));
  ac_wrap_up_form_set_assist (wrap_up, AC_WRAP_UP_ASSIST_DONE, "done");
  {
    GtkWidget *use = ac_test_find_widget (form, "wrap-up-assist-use");
    g_autofree char *used = NULL;

    g_assert_true (gtk_widget_get_visible (use));
    g_signal_emit_by_name (use, "clicked");
    used = ac_wrap_up_form_get_notes (wrap_up);
    g_assert_nonnull (strstr (used, "Reason: Something else."));
    g_assert_null (strstr (used, "Charged twice"));
    g_assert_nonnull (strstr (used, "Asked a supervisor"));
    g_assert_false (gtk_widget_get_visible (use));
  }

  ac_wrap_up_form_reset (wrap_up);
  g_assert_false (gtk_widget_get_visible (ac_test_find_widget (form, "wrap-up-assist")));
  ac_wrap_up_form_set_summary (wrap_up, "Reason (customer): next call");
  {
    g_autofree char *next = ac_wrap_up_form_get_notes (wrap_up);

    g_assert_cmpstr (next, ==, "Reason (customer): next call");
  }
  g_assert_finalize_object (form);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  ac_test_init_gtk (&argc, &argv);

  engine = AC_SPEECH_ENGINE (ac_pocketsphinx_engine_new (2, &error));
  g_assert_no_error (error);

  g_test_add ("/window/regions", Fixture, NULL, fixture_set_up, test_window_regions, fixture_tear_down);
  g_test_add ("/window/state-menu", Fixture, NULL, fixture_set_up, test_window_state_menu, fixture_tear_down);
  g_test_add ("/window/call", Fixture, NULL, fixture_set_up, test_window_call, fixture_tear_down);
  g_test_add ("/window/record", Fixture, NULL, fixture_set_up, test_window_record, fixture_tear_down);
  g_test_add ("/window/device-replaced", Fixture, NULL, fixture_set_up, test_window_device_replaced,
              fixture_tear_down);
  g_test_add ("/window/capture-fails", Fixture, NULL, fixture_set_up, test_window_capture_fails, fixture_tear_down);
  g_test_add ("/window/preferences", Fixture, NULL, fixture_set_up, test_window_preferences, fixture_tear_down);
  g_test_add ("/window/audit-trail", Fixture, NULL, fixture_set_up, test_window_audit_trail, fixture_tear_down);
  g_test_add ("/window/export-audited", Fixture, NULL, fixture_set_up, test_window_export_audited,
              fixture_tear_down);
  g_test_add ("/window/replay-sample", Fixture, NULL, fixture_set_up, test_window_replay_sample,
              fixture_tear_down);
  g_test_add ("/window/replay-ends", Fixture, NULL, fixture_set_up, test_window_replay_ends,
              fixture_tear_down);
  g_test_add ("/window/replay-bad-file", Fixture, NULL, fixture_set_up, test_window_replay_bad_file,
              fixture_tear_down);
  g_test_add ("/window/escalation", Fixture, NULL, fixture_set_up, test_window_escalation,
              fixture_tear_down);
  g_test_add_func ("/window/wrap-up-summary", test_wrap_up_summary);
  g_test_add ("/window/suggestions", Fixture, NULL, fixture_set_up, test_window_suggestions, fixture_tear_down);
  g_test_add ("/window/stores-calls", Fixture, NULL, fixture_set_up, test_window_stores_calls,
              fixture_tear_down);
  g_test_add ("/window/stores-escalations", Fixture, NULL, fixture_set_up, test_window_stores_escalations,
              fixture_tear_down);
  g_test_add ("/window/screen-pop", Fixture, NULL, fixture_set_up, test_window_screen_pop,
              fixture_tear_down);
  g_test_add ("/window/tickets", Fixture, NULL, fixture_set_up, test_window_tickets,
              fixture_tear_down);
  g_test_add ("/window/dispositions", Fixture, NULL, fixture_set_up, test_window_dispositions,
              fixture_tear_down);
  g_test_add ("/window/wrap-up-time-limit", Fixture, NULL, fixture_set_up, test_window_wrap_up_time_limit,
              fixture_tear_down);
  g_test_add_func ("/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/window/finalize", test_window_finalize);

  ret = g_test_run ();
  g_clear_object (&engine);

  return ret;
}
