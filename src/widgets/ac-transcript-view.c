/* ac-transcript-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-transcript-view"

#include "config.h"

#include "ac-transcript-row.h"
#include "ac-transcript-view.h"

/**
 * AcTranscriptView:
 *
 * The live transcript: a recycling list of [class@TranscriptRow], so a
 * call of tens of thousands of utterances scrolls as smoothly as a short
 * one.
 *
 * The view follows the live end of the conversation: as words arrive it
 * stays scrolled to the bottom.  When the agent scrolls up to read back,
 * it stops following and offers “Jump to Live”
 * (`transcript.jump-to-live`), which scrolls down and follows again.
 */

/* How close to the bottom, in pixels, still counts as at the live end. */
#define LIVE_END_SLACK 24.0

struct _AcTranscriptView
{
  GtkWidget           parent_instance;

  AcTranscript       *transcript;
  GSignalGroup       *transcript_signals;  /* follows whichever transcript is shown */
  GtkNoSelection     *selection;
  gboolean            following;
  gboolean            finished;    /* a past call: nothing live to follow */
  gboolean            scrolling;   /* our own scroll, not the agent's */
  guint               scroll_tick;

  /* Template widgets */
  GtkOverlay         *overlay;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GtkRevealer        *jump_revealer;
};

G_DEFINE_FINAL_TYPE (AcTranscriptView, ac_transcript_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRANSCRIPT,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_following (AcTranscriptView *self,
               gboolean          following)
{
  following = !!following;
  following = following && !self->finished;
  gtk_revealer_set_reveal_child (self->jump_revealer,
                                 !following && !self->finished && self->transcript != NULL &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->transcript)) > 0);

  if (self->following == following)
    return;

  self->following = following;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

static gboolean
at_live_end (GtkAdjustment *adj)
{
  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - LIVE_END_SLACK;
}

static void
scroll_to_end (AcTranscriptView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->scrolling = TRUE;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  self->scrolling = FALSE;
}

static gboolean
scroll_on_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AcTranscriptView *self = AC_TRANSCRIPT_VIEW (widget);

  self->scroll_tick = 0;
  if (self->following)
    scroll_to_end (self);

  return G_SOURCE_REMOVE;
}

/* The list sets its adjustment while it lays out its rows, and a value
 * changed then is not laid out: scroll before the next frame instead. */
static void
queue_scroll_to_end (AcTranscriptView *self)
{
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_on_tick, NULL, NULL);
}

static void
on_value_changed (AcTranscriptView *self,
                  GtkAdjustment    *adj)
{
  g_assert (AC_IS_TRANSCRIPT_VIEW (self));

  if (!self->scrolling)
    set_following (self, at_live_end (adj));
}

/* The list grew (or a row's height settled): keep the live end in view. */
static void
on_adjustment_changed (AcTranscriptView *self,
                       GtkAdjustment    *adj)
{
  g_assert (AC_IS_TRANSCRIPT_VIEW (self));

  if (self->following)
    queue_scroll_to_end (self);
}

static void
on_items_changed (AcTranscriptView *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  g_assert (AC_IS_TRANSCRIPT_VIEW (self));

  if (g_list_model_get_n_items (model) == 0)
    set_following (self, TRUE);
  else if (self->following)
    queue_scroll_to_end (self);
  else
    set_following (self, FALSE);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, ac_transcript_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  ac_transcript_row_set_utterance (AC_TRANSCRIPT_ROW (gtk_list_item_get_child (item)),
                                   gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  ac_transcript_row_set_utterance (AC_TRANSCRIPT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
jump_to_live (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ac_transcript_view_jump_to_live (AC_TRANSCRIPT_VIEW (widget));
}

static void
ac_transcript_view_dispose (GObject *object)
{
  AcTranscriptView *self = AC_TRANSCRIPT_VIEW (object);

  g_clear_object (&self->transcript_signals);

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_TRANSCRIPT_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->transcript);

  G_OBJECT_CLASS (ac_transcript_view_parent_class)->dispose (object);
}

static void
ac_transcript_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AcTranscriptView *self = AC_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRANSCRIPT:
      g_value_set_object (value, self->transcript);
      break;

    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_transcript_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AcTranscriptView *self = AC_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRANSCRIPT:
      ac_transcript_view_set_transcript (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_transcript_view_class_init (AcTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_transcript_view_dispose;
  object_class->get_property = ac_transcript_view_get_property;
  object_class->set_property = ac_transcript_view_set_property;

  /**
   * AcTranscriptView:transcript:
   *
   * The transcript shown.
   */
  properties[PROP_TRANSCRIPT] =
    g_param_spec_object ("transcript", NULL, NULL, AC_TYPE_TRANSCRIPT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AcTranscriptView:following:
   *
   * Whether the view keeps the newest words in view.  It stops when the
   * agent scrolls up and starts again at the live end or on
   * ac_transcript_view_jump_to_live().
   */
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-transcript-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptView, overlay);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptView, list_view);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptView, jump_revealer);

  gtk_widget_class_install_action (widget_class, "transcript.jump-to-live", NULL, jump_to_live);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK,
                                       "transcript.jump-to-live", NULL);

  gtk_widget_class_set_css_name (widget_class, "transcriptview");
}

/* The transcript is one stop for Tab, however long the call: arrows move
 * between its lines, and Tab leaves it for the next widget (GTK 4.8's list
 * views make every line a stop, and cannot make rows unfocusable).  Focus
 * is parked on the view itself, the list (and its scroller, which would
 * take the focus for scrolling) closed to focus, and the window
 * asked to move on from there. */
static gboolean
on_list_key_pressed (AcTranscriptView      *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkWidget *scroller = GTK_WIDGET (self->scroller);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkDirectionType direction;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;

  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_set_can_focus (scroller, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (scroller, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  return TRUE;
}

static void
ac_transcript_view_init (AcTranscriptView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkAdjustment *adj;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->following = TRUE;
  self->selection = gtk_no_selection_new (NULL);

  /* After the selection model's own handler (G_CONNECT_AFTER), so the
   * list has its rows when we scroll. */
  self->transcript_signals = g_signal_group_new (AC_TYPE_TRANSCRIPT);
  g_signal_group_connect_data (self->transcript_signals, "items-changed", G_CALLBACK (on_items_changed), self,
                               NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (on_value_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "changed", G_CALLBACK (on_adjustment_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * ac_transcript_view_new:
 *
 * Returns: (transfer floating): a view with no transcript
 */
GtkWidget *
ac_transcript_view_new (void)
{
  return g_object_new (AC_TYPE_TRANSCRIPT_VIEW, NULL);
}

/**
 * ac_transcript_view_set_transcript:
 * @self: a #AcTranscriptView
 * @transcript: (nullable): the transcript to show
 */
void
ac_transcript_view_set_transcript (AcTranscriptView *self,
                                   AcTranscript     *transcript)
{
  g_return_if_fail (AC_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (transcript == NULL || AC_IS_TRANSCRIPT (transcript));

  if (self->transcript == transcript)
    return;

  g_set_object (&self->transcript, transcript);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (transcript));
  g_signal_group_set_target (self->transcript_signals, transcript);

  set_following (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSCRIPT]);
}

/**
 * ac_transcript_view_set_finished:
 * @self: a #AcTranscriptView
 * @finished: %TRUE for the transcript of a past call
 *
 * A past call's transcript is read from the top: the view does not
 * follow its end nor offer “Jump to Live”.
 */
void
ac_transcript_view_set_finished (AcTranscriptView *self,
                                 gboolean          finished)
{
  g_return_if_fail (AC_IS_TRANSCRIPT_VIEW (self));

  self->finished = !!finished;
  set_following (self, !self->finished);
}

/**
 * ac_transcript_view_get_transcript:
 * @self: a #AcTranscriptView
 *
 * Returns: (transfer none) (nullable): the transcript shown
 */
AcTranscript *
ac_transcript_view_get_transcript (AcTranscriptView *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIPT_VIEW (self), NULL);

  return self->transcript;
}

/**
 * ac_transcript_view_get_following:
 * @self: a #AcTranscriptView
 *
 * Returns: whether the view follows the live end of the conversation
 */
gboolean
ac_transcript_view_get_following (AcTranscriptView *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIPT_VIEW (self), FALSE);

  return self->following;
}

/**
 * ac_transcript_view_jump_to_live:
 * @self: a #AcTranscriptView
 *
 * Scrolls to the newest words and follows the conversation again.
 */
void
ac_transcript_view_jump_to_live (AcTranscriptView *self)
{
  g_return_if_fail (AC_IS_TRANSCRIPT_VIEW (self));

  set_following (self, TRUE);
  scroll_to_end (self);
  queue_scroll_to_end (self);
}

/**
 * ac_transcript_view_scroll_to:
 * @self: a #AcTranscriptView
 * @utterance: an utterance of the transcript
 *
 * Scrolls @utterance into view and stops following the live end, so the
 * agent can read it; Jump to Live follows again.
 */
void
ac_transcript_view_scroll_to (AcTranscriptView *self,
                              AcUtterance      *utterance)
{
  guint n;

  g_return_if_fail (AC_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (AC_IS_UTTERANCE (utterance));

  if (self->transcript == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcUtterance) u = g_list_model_get_item (G_LIST_MODEL (self->transcript), i);

      if (u == utterance)
        {
          set_following (self, FALSE);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}
