/* ac-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-window.h"

/**
 * AcWindow:
 *
 * The agent's main window: the agent state in the header, the call area
 * (caller, call timer, input levels, listening control),
 * the live transcript, the sentiment strip, and a sidebar with the
 * customer and the ticket.
 *
 * The window shows the [class@AgentStatus] and drives the
 * [class@AudioCapture] it is given; it owns neither the agent's state nor
 * the audio, which outlive it.
 */
struct _AcWindow
{
  AdwApplicationWindow  parent_instance;

  AcSettings           *settings;
  AcAgentStatus        *status;
  AcAudioCapture       *capture;
  guint                 tick_source;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *agent_state_button;
  GtkImage             *agent_state_icon;
  GtkLabel             *agent_state_label;
  GtkLabel             *agent_state_timer;
  AdwFlap              *flap;
  GtkLabel             *caller_label;
  GtkLabel             *call_timer_label;
  GtkLevelBar          *customer_meter;
  GtkLevelBar          *agent_meter;
  GtkButton            *listen_button;
  AdwButtonContent     *listen_button_content;
  GtkButton            *wrap_up_button;
};

G_DEFINE_FINAL_TYPE (AcWindow, ac_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_AGENT_STATUS,
  PROP_CAPTURE,
  PROP_AGENT_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The level meters show the top 60 dB: quieter than -60 dBFS is silence
 * on a call. */
#define METER_RANGE_DB 60.0

static const char * const state_css[] = {
  [AC_AGENT_STATE_OFFLINE] = "state-offline",
  [AC_AGENT_STATE_AVAILABLE] = "state-available",
  [AC_AGENT_STATE_ON_CALL] = "state-on-call",
  [AC_AGENT_STATE_AFTER_CALL_WORK] = "state-after-call-work",
  [AC_AGENT_STATE_BREAK] = "state-break",
};

static const char * const state_icons[] = {
  [AC_AGENT_STATE_OFFLINE] = "user-offline-symbolic",
  [AC_AGENT_STATE_AVAILABLE] = "user-available-symbolic",
  [AC_AGENT_STATE_ON_CALL] = "call-start-symbolic",
  [AC_AGENT_STATE_AFTER_CALL_WORK] = "document-edit-symbolic",
  [AC_AGENT_STATE_BREAK] = "user-away-symbolic",
};

static void
update_timers (AcWindow *self)
{
  AcAgentState state = ac_agent_status_get_state (self->status);
  g_autofree char *in_state = ac_format_duration (ac_agent_status_get_time_in_state (self->status));
  g_autofree char *call_text = NULL;

  gtk_label_set_label (self->agent_state_timer, in_state);

  switch (state)
    {
    case AC_AGENT_STATE_ON_CALL:
      /* Translators: the call timer, e.g. “Talking · 3:05” */
      call_text = g_strdup_printf (_("Talking · %s"), in_state);
      break;

    case AC_AGENT_STATE_AFTER_CALL_WORK:
      {
        g_autofree char *talk =
          ac_format_duration (ac_agent_status_get_last_call_duration (self->status));

        /* Translators: after a call, e.g. “Wrap-up · 0:42 · call lasted 3:05” */
        call_text = g_strdup_printf (_("Wrap-up · %s · call lasted %s"), in_state, talk);
      }
      break;

    case AC_AGENT_STATE_AVAILABLE:
      call_text = g_strdup (_("Ready for the next call"));
      break;

    case AC_AGENT_STATE_BREAK:
    case AC_AGENT_STATE_OFFLINE:
    default:
      call_text = g_strdup (_("Not taking calls"));
      break;
    }

  gtk_label_set_label (self->call_timer_label, call_text);
}

static gboolean
on_tick (gpointer user_data)
{
  update_timers (AC_WINDOW (user_data));

  return G_SOURCE_CONTINUE;
}

static void
update_state (AcWindow *self)
{
  AcAgentState state = ac_agent_status_get_state (self->status);
  gboolean on_call = state == AC_AGENT_STATE_ON_CALL;
  const char *listen_label;

  for (guint i = 0; i < G_N_ELEMENTS (state_css); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->agent_state_button), state_css[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->agent_state_button), state_css[state]);

  gtk_image_set_from_icon_name (self->agent_state_icon, state_icons[state]);
  gtk_label_set_label (self->agent_state_label, ac_agent_state_to_label (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agent_state_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  ac_agent_state_to_label (state),
                                  -1);

  if (on_call || state == AC_AGENT_STATE_AFTER_CALL_WORK)
    /* No caller ID source yet: the number arrives with a softphone or backend. */
    gtk_label_set_label (self->caller_label, _("Unknown Caller"));
  else
    gtk_label_set_label (self->caller_label, _("No Active Call"));

  listen_label = on_call ? _("Stop _Listening") : _("Start _Listening");
  adw_button_content_set_label (self->listen_button_content, listen_label);
  adw_button_content_set_icon_name (self->listen_button_content,
                                    on_call ? "call-stop-symbolic"
                                            : "audio-input-microphone-symbolic");
  if (on_call)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->listen_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->listen_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->listen_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->listen_button), "suggested-action");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->wrap_up_button),
                          state == AC_AGENT_STATE_AFTER_CALL_WORK);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-listening",
                                 on_call || state == AC_AGENT_STATE_AVAILABLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.agent-state", !on_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.finish-wrap-up",
                                 state == AC_AGENT_STATE_AFTER_CALL_WORK);
  update_timers (self);
}

static void
on_status_state_changed (AcWindow      *self,
                         GParamSpec    *pspec,
                         AcAgentStatus *status)
{
  g_assert (AC_IS_WINDOW (self));

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_STATE]);
}

static void
set_meter (GtkLevelBar *meter,
           double       dbfs)
{
  gtk_level_bar_set_value (meter, CLAMP (dbfs + METER_RANGE_DB, 0.0, METER_RANGE_DB));
}

static void
on_capture_level_changed (AcWindow       *self,
                          GParamSpec     *pspec,
                          AcAudioCapture *capture)
{
  g_assert (AC_IS_WINDOW (self));

  set_meter (self->customer_meter,
             ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_CUSTOMER));
  set_meter (self->agent_meter,
             ac_audio_capture_get_level (capture, AC_AUDIO_CHANNEL_AGENT));
}

static void
on_capture_channel_failed (AcWindow       *self,
                           AcAudioChannel  channel,
                           const GError   *error,
                           AcAudioCapture *capture)
{
  g_assert (AC_IS_WINDOW (self));

  ac_window_show_error (self, error);
}

static void
toggle_listening (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (ac_agent_status_get_state (self->status) == AC_AGENT_STATE_ON_CALL)
    {
      ac_audio_capture_stop (self->capture);
      ac_agent_status_set_state (self->status, AC_AGENT_STATE_AFTER_CALL_WORK, NULL);
      return;
    }

  if (!ac_agent_status_can_enter (self->status, AC_AGENT_STATE_ON_CALL))
    return;

  ac_audio_capture_set_source (self->capture, AC_AUDIO_CHANNEL_CUSTOMER,
                               ac_settings_get_customer_source (self->settings));
  ac_audio_capture_set_source (self->capture, AC_AUDIO_CHANNEL_AGENT,
                               ac_settings_get_agent_source (self->settings));

  if (!ac_audio_capture_start (self->capture, &error))
    {
      ac_window_show_error (self, error);
      return;
    }

  ac_agent_status_set_state (self->status, AC_AGENT_STATE_ON_CALL, NULL);
}

static void
finish_wrap_up (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);

  ac_agent_status_set_state (self->status, AC_AGENT_STATE_AVAILABLE, NULL);
}

static void
toggle_sidebar (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AcWindow *self = AC_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
set_agent_state_nick (AcWindow   *self,
                      const char *nick)
{
  g_autoptr(GError) error = NULL;
  AcAgentState state;

  if (!ac_agent_state_from_nick (nick, &state))
    {
      g_warning ("Unknown agent state “%s”", nick);
      return;
    }

  if (!ac_agent_status_set_state (self->status, state, &error))
    ac_window_show_error (self, error);
}

static void
ac_window_map (GtkWidget *widget)
{
  AcWindow *self = AC_WINDOW (widget);

  GTK_WIDGET_CLASS (ac_window_parent_class)->map (widget);

  /* Twice a second, so a timer never skips a second it should show. */
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add (500, on_tick, self);
  update_timers (self);
}

static void
ac_window_unmap (GtkWidget *widget)
{
  AcWindow *self = AC_WINDOW (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  GTK_WIDGET_CLASS (ac_window_parent_class)->unmap (widget);
}

static gboolean
ac_window_close_request (GtkWindow *window)
{
  AcWindow *self = AC_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  g_object_set (self->settings, "window-maximized", maximized, NULL);
  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_object_set (self->settings,
                    "window-width", width,
                    "window-height", height,
                    NULL);
    }

  return GTK_WINDOW_CLASS (ac_window_parent_class)->close_request (window);
}

static void
ac_window_constructed (GObject *object)
{
  AcWindow *self = AC_WINDOW (object);
  int width, height;
  gboolean maximized;

  G_OBJECT_CLASS (ac_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = ac_settings_new ();
  if (self->capture == NULL)
    self->capture = ac_audio_capture_new ();

  g_object_get (self->settings,
                "window-width", &width,
                "window-height", &height,
                "window-maximized", &maximized,
                NULL);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->status, "notify::state",
                           G_CALLBACK (on_status_state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capture, "notify::customer-level",
                           G_CALLBACK (on_capture_level_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capture, "notify::agent-level",
                           G_CALLBACK (on_capture_level_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capture, "channel-failed",
                           G_CALLBACK (on_capture_channel_failed), self,
                           G_CONNECT_SWAPPED);

  on_capture_level_changed (self, NULL, self->capture);
  update_state (self);
}

static void
ac_window_dispose (GObject *object)
{
  AcWindow *self = AC_WINDOW (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_WINDOW);

  g_clear_object (&self->capture);
  g_clear_object (&self->status);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ac_window_parent_class)->dispose (object);
}

static void
ac_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AcWindow *self = AC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_AGENT_STATUS:
      g_value_set_object (value, self->status);
      break;

    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_AGENT_STATE:
      g_value_set_string (value,
                          ac_agent_state_to_nick (ac_agent_status_get_state (self->status)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AcWindow *self = AC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_AGENT_STATUS:
      /* NULL keeps the window's own state machine from init */
      if (g_value_get_object (value) != NULL)
        g_set_object (&self->status, g_value_get_object (value));
      break;

    case PROP_CAPTURE:
      self->capture = g_value_dup_object (value);
      break;

    case PROP_AGENT_STATE:
      set_agent_state_nick (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_window_class_init (AcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ac_window_constructed;
  object_class->dispose = ac_window_dispose;
  object_class->get_property = ac_window_get_property;
  object_class->set_property = ac_window_set_property;

  widget_class->map = ac_window_map;
  widget_class->unmap = ac_window_unmap;

  window_class->close_request = ac_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         AC_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AGENT_STATUS] =
    g_param_spec_object ("agent-status", NULL, NULL,
                         AC_TYPE_AGENT_STATUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         AC_TYPE_AUDIO_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AcWindow:agent-state:
   *
   * The agent state's nick (see ac_agent_state_to_nick()), backing the
   * `win.agent-state` action of the state menu.  Setting a state that
   * cannot follow the current one shows why and changes nothing.
   */
  properties[PROP_AGENT_STATE] =
    g_param_spec_string ("agent-state", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_icon);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_state_timer);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, caller_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, call_timer_label);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, customer_meter);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, agent_meter);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, listen_button);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, listen_button_content);
  gtk_widget_class_bind_template_child (widget_class, AcWindow, wrap_up_button);

  gtk_widget_class_install_property_action (widget_class, "win.agent-state", "agent-state");
  gtk_widget_class_install_action (widget_class, "win.toggle-listening", NULL, toggle_listening);
  gtk_widget_class_install_action (widget_class, "win.finish-wrap-up", NULL, finish_wrap_up);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.toggle-listening", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.agent-state", "s", "available");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.agent-state", "s", "break");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.agent-state", "s", "offline");
}

static void
ac_window_init (AcWindow *self)
{
  /* The state action reads the state while the template is built, before
   * construct properties are set; a given state machine replaces this one. */
  self->status = ac_agent_status_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A meter, not a gauge: colour comes from the speaker's CSS class, not
   * from GtkLevelBar's low/high/full offsets. */
  for (guint i = 0; i < 2; i++)
    {
      GtkLevelBar *meter = i == 0 ? self->customer_meter : self->agent_meter;

      gtk_level_bar_remove_offset_value (meter, GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (meter, GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (meter, GTK_LEVEL_BAR_OFFSET_FULL);
    }
}

/**
 * ac_window_new:
 * @application: the application
 * @settings: (nullable): the app's settings; %NULL for the default schema
 * @status: (nullable): the agent's state machine; %NULL for a new one
 * @capture: (nullable): the call audio; %NULL for a new capture
 *
 * Creates the main window.
 *
 * Returns: (transfer none): a new #AcWindow, owned by GTK like every
 *   toplevel
 */
AcWindow *
ac_window_new (AdwApplication *application,
               AcSettings     *settings,
               AcAgentStatus  *status,
               AcAudioCapture *capture)
{
  g_return_val_if_fail (application == NULL || ADW_IS_APPLICATION (application), NULL);

  return g_object_new (AC_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "agent-status", status,
                       "capture", capture,
                       NULL);
}

/**
 * ac_window_get_agent_status:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the agent state the window shows
 */
AcAgentStatus *
ac_window_get_agent_status (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->status;
}

/**
 * ac_window_get_capture:
 * @self: a #AcWindow
 *
 * Returns: (transfer none): the call audio the window drives
 */
AcAudioCapture *
ac_window_get_capture (AcWindow *self)
{
  g_return_val_if_fail (AC_IS_WINDOW (self), NULL);

  return self->capture;
}

/**
 * ac_window_show_error:
 * @self: a #AcWindow
 * @error: what went wrong, with a message written for the agent
 *
 * Tells the agent about a problem in a toast that stays until dismissed
 * or replaced.
 */
void
ac_window_show_error (AcWindow     *self,
                      const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (AC_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
