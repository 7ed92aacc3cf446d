/* ac-floor-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-floor-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ac-floor-call-window.h"
#include "ac-floor-window.h"
#include "ac-sparkline.h"

/**
 * AcFloorWindow:
 *
 * The supervisor's live floor, in a window of its own rather than a view
 * of the agent's: a supervisor keeps it open beside (or on another screen
 * from) their own calls, and it needs the width of a wall display, which
 * the agent's window at 1024×600 gives to the call.  Four views: Calls,
 * Agents, Queues, Alerts (with the unacknowledged count as a badge), under
 * the floor's totals.
 *
 * The lists are recycling column views over the #AcFloor's models, sorted
 * and filtered without copying: each row listens to its own item, so an
 * event redraws the rows that show it and nothing else; durations tick
 * once a second in the rows on screen only.  While the floor is not live,
 * a banner says since when the picture is, and the clocks stop there.
 */

struct _AcFloorWindow
{
  AdwApplicationWindow  parent_instance;

  AcFloor              *floor;
  AcSettings           *settings;
  char                 *own_id;
  GHashTable           *ticking;      /* CellBinding, bound cells that tick */
  GHashTable           *call_windows; /* call id → AcFloorCallWindow (weak) */
  guint                 tick_source;
  GtkLabel             *totals[7];
  GtkStringList        *queue_names;  /* for the calls' queue filter */

  GtkCustomSorter      *calls_sorter;
  GtkCustomFilter      *calls_filter;
  GtkDropDown          *calls_sort;
  GtkDropDown          *calls_queue;
  GtkToggleButton      *calls_escalated;
  GtkFilterListModel   *calls_shown;
  GtkStack             *calls_stack;
  GtkColumnView        *calls_view;
  gboolean              calls_at_top;   /* the list follows the top */
  guint                 calls_top_source;

  GtkCustomSorter      *agents_sorter;
  GtkCustomFilter      *agents_filter;
  GtkDropDown          *agents_sort;
  GtkDropDown          *agents_state;

  GtkListView          *alerts_view;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *status_revealer;
  GtkBox               *status_box;
  GtkImage             *status_icon;
  GtkLabel             *status_label;
  GtkStack             *main_stack;
  GtkBox               *floor_box;
  GtkBox               *totals_box;
  AdwViewStack         *stack;
  AdwViewStackPage     *alerts_page;
  GtkBox               *calls_box;
  GtkBox               *agents_box;
  GtkBox               *queues_box;
  GtkStack             *alerts_stack;
  GtkScrolledWindow    *alerts_scroll;
};

G_DEFINE_FINAL_TYPE (AcFloorWindow, ac_floor_window, ADW_TYPE_APPLICATION_WINDOW)

/* The states an agent can be in, as the contract names them. */
static const struct { const char *state, *icon; } agent_states[] = {
  { "ON_CALL", "call-start-symbolic" },
  { "AFTER_CALL_WORK", "document-edit-symbolic" },
  { "BREAK", "preferences-system-time-symbolic" },
  { "AVAILABLE", "emblem-ok-symbolic" },
  { "OFFLINE", "network-offline-symbolic" },
};

enum {
  TOTAL_ACTIVE,
  TOTAL_WAITING,
  TOTAL_SERVICE_LEVEL,
  TOTAL_HANDLE_TIME,
  TOTAL_ABANDONED,
  TOTAL_ESCALATIONS,
  TOTAL_SENTIMENT,
};

static const char *
state_name (const char *state)
{
  if (g_strcmp0 (state, "AVAILABLE") == 0)
    return _("Available");
  if (g_strcmp0 (state, "ON_CALL") == 0)
    return _("On Call");
  if (g_strcmp0 (state, "AFTER_CALL_WORK") == 0)
    return _("After-Call Work");
  if (g_strcmp0 (state, "BREAK") == 0)
    return _("Break");
  if (g_strcmp0 (state, "OFFLINE") == 0)
    return _("Offline");
  return state != NULL ? state : _("Unknown");
}

static guint
state_rank (const char *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (agent_states); i++)
    if (g_strcmp0 (state, agent_states[i].state) == 0)
      return i;
  return G_N_ELEMENTS (agent_states);
}

static const char *
sentiment_name (const char *label)
{
  if (label == NULL)
    return NULL;
  if (g_ascii_strcasecmp (label, "POSITIVE") == 0)
    return _("Positive");
  if (g_ascii_strcasecmp (label, "NEGATIVE") == 0)
    return _("Negative");
  if (g_ascii_strcasecmp (label, "NEUTRAL") == 0)
    return _("Neutral");
  if (g_ascii_strcasecmp (label, "MIXED") == 0)
    return _("Mixed");
  return label;
}

static char *
format_duration (gint64 ms)
{
  gint64 s = MAX (ms, 0) / 1000;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

/* The time the clocks show: now when live, else when the floor last was. */
static gint64
clock_ms (AcFloorWindow *self)
{
  if (ac_floor_get_state (self->floor) == AC_FLOOR_RECONNECTING && ac_floor_get_as_of (self->floor) > 0)
    return ac_floor_get_as_of (self->floor);
  return g_get_real_time () / 1000;
}

/* Cells */

typedef void (*CellFill) (AcFloorWindow *self,
                          GtkWidget     *cell,
                          gpointer       item);

typedef struct
{
  AcFloorWindow *self;
  CellFill       fill;
  gboolean       ticks;
} CellKind;

typedef struct
{
  CellKind  *kind;
  GtkWidget *cell;
  GObject   *item;
  gulong     handler;
} CellBinding;

static GtkWidget *
cell_icon (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "icon");
}

static AcSparkline *
cell_spark (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "spark");
}

static GtkLabel *
cell_label (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "label");
}

static void
cell_set (GtkWidget  *cell,
          const char *icon,
          const char *text)
{
  gtk_widget_set_visible (cell_icon (cell), icon != NULL);
  if (icon != NULL)
    gtk_image_set_from_icon_name (GTK_IMAGE (cell_icon (cell)), icon);
  gtk_label_set_text (cell_label (cell), text != NULL ? text : "");
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CellKind                 *kind)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *spark = ac_sparkline_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_visible (spark, FALSE);
  gtk_widget_set_valign (spark, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (cell), icon);
  gtk_box_append (GTK_BOX (cell), spark);
  gtk_box_append (GTK_BOX (cell), label);
  g_object_set_data (G_OBJECT (cell), "icon", icon);
  g_object_set_data (G_OBJECT (cell), "spark", spark);
  g_object_set_data (G_OBJECT (cell), "label", label);
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_refill (CellBinding *binding)
{
  binding->kind->fill (binding->kind->self, binding->cell, binding->item);
}

static void
cell_binding_free (CellBinding *binding)
{
  if (binding->kind->ticks && binding->kind->self->ticking != NULL)
    g_hash_table_remove (binding->kind->self->ticking, binding);
  g_clear_signal_handler (&binding->handler, binding->item);
  g_object_unref (binding->item);
  g_free (binding);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CellKind                 *kind)
{
  CellBinding *binding = g_new0 (CellBinding, 1);

  binding->kind = kind;
  binding->cell = gtk_list_item_get_child (list_item);
  binding->item = g_object_ref (gtk_list_item_get_item (list_item));
  binding->handler = g_signal_connect_swapped (binding->item, "changed", G_CALLBACK (cell_refill), binding);
  if (kind->ticks)
    g_hash_table_add (kind->self->ticking, binding);
  g_object_set_data_full (G_OBJECT (list_item), "binding", binding, (GDestroyNotify) cell_binding_free);
  cell_refill (binding);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CellKind                 *kind)
{
  g_object_set_data (G_OBJECT (list_item), "binding", NULL);
}

static GtkColumnViewColumn *
add_column (AcFloorWindow *self,
            GtkColumnView *view,
            const char    *title,
            CellFill       fill,
            gboolean       ticks,
            gboolean       expand,
            int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CellKind *kind = g_new0 (CellKind, 1);
  GtkColumnViewColumn *column;

  kind->self = self;
  kind->fill = fill;
  kind->ticks = ticks;
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), kind);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), kind);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), kind);
  g_object_set_data_full (G_OBJECT (factory), "kind", kind, g_free);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  return column;
}

/* Calls */

static void
fill_call_customer (AcFloorWindow *self,
                    GtkWidget     *cell,
                    gpointer       item)
{
  AcFloorCall *call = item;
  const char *name = ac_floor_call_get_customer_name (call);

  if (ac_floor_call_get_escalated (call))
    {
      /* Translators: a call on the floor; the flag is an icon too */
      g_autofree char *text = g_strdup_printf (_("%s — Escalated"), name != NULL ? name : _("Unknown caller"));

      cell_set (cell, "dialog-warning-symbolic", text);
      gtk_widget_add_css_class (cell, "escalated");
    }
  else
    {
      cell_set (cell, NULL, name != NULL ? name : _("Unknown caller"));
      gtk_widget_remove_css_class (cell, "escalated");
    }
}

static void
fill_call_agent (AcFloorWindow *self,
                 GtkWidget     *cell,
                 gpointer       item)
{
  const char *agent = ac_floor_call_get_agent_name (item);

  cell_set (cell, NULL, agent != NULL ? agent : _("Waiting"));
}

static void
fill_call_queue (AcFloorWindow *self,
                 GtkWidget     *cell,
                 gpointer       item)
{
  cell_set (cell, NULL, ac_floor_call_get_queue_name (item));
}

static void
fill_call_duration (AcFloorWindow *self,
                    GtkWidget     *cell,
                    gpointer       item)
{
  gint64 start = ac_floor_call_get_start_ms (item);
  g_autofree char *text = start >= 0 ? format_duration (clock_ms (self) - start) : g_strdup ("—");

  cell_set (cell, NULL, text);
}

static void
fill_call_sentiment (AcFloorWindow *self,
                     GtkWidget     *cell,
                     gpointer       item)
{
  AcFloorCall *call = item;
  const char *label = sentiment_name (ac_floor_call_get_sentiment (call));
  double risk = ac_floor_call_get_risk_score (call);
  guint n = 0;
  const double *recent = ac_floor_call_get_recent_risk (call, &n);
  g_autofree char *text = NULL;

  if (risk >= 0)
    /* Translators: a call's sentiment on the floor: “Negative, risk 0.75” */
    text = g_strdup_printf (_("%s, risk %.2f"), label != NULL ? label : _("Not scored"), risk);
  else
    text = g_strdup (label != NULL ? label : _("Not scored"));
  gtk_widget_set_visible (GTK_WIDGET (cell_spark (cell)), n > 0);
  ac_sparkline_set_values (cell_spark (cell), recent, n);
  cell_set (cell, NULL, text);
  if (risk >= 0.7)
    gtk_widget_add_css_class (cell, "high-risk");
  else
    gtk_widget_remove_css_class (cell, "high-risk");
}

static void
fill_call_last (AcFloorWindow *self,
                GtkWidget     *cell,
                gpointer       item)
{
  cell_set (cell, NULL, ac_floor_call_get_last_utterance (item));
}

static int
compare_calls (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AcFloorWindow *self = user_data;
  AcFloorCall *x = (AcFloorCall *) a;
  AcFloorCall *y = (AcFloorCall *) b;
  gint64 sx = ac_floor_call_get_start_ms (x), sy = ac_floor_call_get_start_ms (y);

  if (gtk_drop_down_get_selected (self->calls_sort) == 0)
    {
      double rx = ac_floor_call_get_risk_score (x), ry = ac_floor_call_get_risk_score (y);

      if (rx != ry)
        return rx > ry ? -1 : 1;
    }
  /* the longest first; a call with no start last */
  if (sx != sy)
    return sx < 0 ? 1 : sy < 0 ? -1 : sx < sy ? -1 : 1;
  return g_strcmp0 (ac_floor_call_get_id (x), ac_floor_call_get_id (y));
}

static gboolean
filter_call (gpointer item,
             gpointer user_data)
{
  AcFloorWindow *self = user_data;
  guint queue = gtk_drop_down_get_selected (self->calls_queue);

  if (gtk_toggle_button_get_active (self->calls_escalated) && !ac_floor_call_get_escalated (item))
    return FALSE;
  if (queue != GTK_INVALID_LIST_POSITION && queue > 0)
    return g_strcmp0 (ac_floor_call_get_queue_name (item), gtk_string_list_get_string (self->queue_names, queue)) == 0;
  return TRUE;
}

static void
on_calls_sort_changed (AcFloorWindow *self)
{
  gtk_sorter_changed (GTK_SORTER (self->calls_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_calls_filter_changed (AcFloorWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->calls_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* A supervisor watching the top of the list (the riskiest calls) keeps
 * watching it while rows move; one who scrolled down stays with the rows
 * there. */
static gboolean
back_to_top (gpointer user_data)
{
  AcFloorWindow *self = user_data;
  GtkScrollable *scrollable = GTK_SCROLLABLE (self->calls_view);

  self->calls_top_source = 0;
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (scrollable), 0);
  return G_SOURCE_REMOVE;
}

static void
on_calls_scrolled (GtkAdjustment *adjustment,
                   AcFloorWindow *self)
{
  if (self->calls_top_source == 0)
    self->calls_at_top = gtk_adjustment_get_value (adjustment) < 1.0;
}

static void
keep_calls_top (AcFloorWindow *self)
{
  if (self->calls_at_top && self->calls_top_source == 0)
    self->calls_top_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, back_to_top, self, NULL);
}

static void
update_calls_empty (AcFloorWindow *self)
{
  gtk_stack_set_visible_child_name (self->calls_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->calls_shown)) > 0
                                    ? "list" : "empty");
}

static void
on_call_activated (GtkColumnView *view,
                   guint          position,
                   AcFloorWindow *self)
{
  g_autoptr(AcFloorCall) call = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (call != NULL)
    ac_floor_window_open_call (self, ac_floor_call_get_id (call));
}

static GtkWidget *
toolbar_new (void)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (bar, "floor-toolbar");
  return bar;
}

static GtkWidget *
labelled (const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  return box;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroll = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), child);
  gtk_widget_set_vexpand (scroll, TRUE);
  return scroll;
}

static void
build_calls (AcFloorWindow *self)
{
  const char *sorts[] = { N_("Risk"), N_("Duration"), NULL };
  GtkWidget *bar = toolbar_new ();
  GtkWidget *empty;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  g_auto(GStrv) translated = g_new0 (char *, G_N_ELEMENTS (sorts));

  for (guint i = 0; sorts[i] != NULL; i++)
    translated[i] = g_strdup (_(sorts[i]));
  self->calls_sort = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) translated));
  g_signal_connect_swapped (self->calls_sort, "notify::selected", G_CALLBACK (on_calls_sort_changed), self);
  self->queue_names = gtk_string_list_new ((const char *[]) { _("All Queues"), NULL });
  self->calls_queue = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->queue_names)), NULL));
  g_signal_connect_swapped (self->calls_queue, "notify::selected", G_CALLBACK (on_calls_filter_changed), self);
  self->calls_escalated = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Escalated Only")));
  gtk_widget_set_name (GTK_WIDGET (self->calls_escalated), "escalated-only");
  gtk_widget_set_name (GTK_WIDGET (self->calls_sort), "calls-sort");
  gtk_widget_set_name (GTK_WIDGET (self->calls_queue), "calls-queue");
  g_signal_connect_swapped (self->calls_escalated, "toggled", G_CALLBACK (on_calls_filter_changed), self);
  gtk_box_append (GTK_BOX (bar), labelled (_("_Sort by"), GTK_WIDGET (self->calls_sort)));
  gtk_box_append (GTK_BOX (bar), labelled (_("_Queue"), GTK_WIDGET (self->calls_queue)));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->calls_escalated));
  gtk_box_append (self->calls_box, bar);

  self->calls_sorter = gtk_custom_sorter_new (compare_calls, self, NULL);
  self->calls_filter = gtk_custom_filter_new (filter_call, self, NULL);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (ac_floor_get_calls (self->floor))),
                                    GTK_SORTER (g_object_ref (self->calls_sorter)));
  self->calls_shown = gtk_filter_list_model_new (G_LIST_MODEL (sorted), GTK_FILTER (g_object_ref (self->calls_filter)));
  g_signal_connect_swapped (self->calls_shown, "items-changed", G_CALLBACK (update_calls_empty), self);
  g_signal_connect_swapped (self->calls_shown, "items-changed", G_CALLBACK (keep_calls_top), self);
  self->calls_at_top = TRUE;
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->calls_shown)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  self->calls_view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (selection)));
  gtk_widget_set_name (GTK_WIDGET (self->calls_view), "floor-calls");
  gtk_column_view_set_single_click_activate (self->calls_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->calls_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calls_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Live calls"),
                                  -1);
  add_column (self, self->calls_view, _("Customer"), fill_call_customer, FALSE, FALSE, 190);
  add_column (self, self->calls_view, _("Agent"), fill_call_agent, FALSE, FALSE, 130);
  add_column (self, self->calls_view, _("Queue"), fill_call_queue, FALSE, FALSE, 90);
  add_column (self, self->calls_view, _("Duration"), fill_call_duration, TRUE, FALSE, 80);
  add_column (self, self->calls_view, _("Sentiment"), fill_call_sentiment, FALSE, FALSE, 200);
  add_column (self, self->calls_view, _("Last Utterance"), fill_call_last, FALSE, TRUE, -1);
  g_signal_connect (self->calls_view, "activate", G_CALLBACK (on_call_activated), self);

  self->calls_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->calls_stack, scrolled (GTK_WIDGET (self->calls_view)), "list");
  g_signal_connect (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->calls_view)), "value-changed",
                    G_CALLBACK (on_calls_scrolled), self);
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "call-start-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Live Calls"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Calls show here as they start"));
  gtk_stack_add_named (self->calls_stack, empty, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->calls_stack), TRUE);
  gtk_box_append (self->calls_box, GTK_WIDGET (self->calls_stack));
  update_calls_empty (self);
}

/* Agents */

static void
fill_agent_name (AcFloorWindow *self,
                 GtkWidget     *cell,
                 gpointer       item)
{
  cell_set (cell, NULL, ac_floor_agent_get_name (item));
}

static void
fill_agent_state (AcFloorWindow *self,
                  GtkWidget     *cell,
                  gpointer       item)
{
  AcFloorAgent *agent = item;
  const char *state = ac_floor_agent_get_state (agent);
  guint break_limit = 0, after_call_limit = 0;
  g_autofree char *text = NULL;
  guint rank = state_rank (state);

  ac_settings_get_floor_limits (self->settings, &break_limit, &after_call_limit);
  if (ac_floor_agent_is_overdue (agent, clock_ms (self), break_limit, after_call_limit))
    {
      /* Translators: an agent flagged on the floor: “Break — over the limit” */
      text = g_strdup_printf (_("%s — over the limit"), state_name (state));
      cell_set (cell, "dialog-warning-symbolic", text);
      gtk_widget_add_css_class (cell, "overdue");
      return;
    }
  gtk_widget_remove_css_class (cell, "overdue");
  if (ac_floor_agent_get_reason (agent) != NULL && ac_floor_agent_get_reason (agent)[0] != '\0')
    /* Translators: an agent's state and its reason: “Break (lunch)” */
    text = g_strdup_printf (_("%s (%s)"), state_name (state), ac_floor_agent_get_reason (agent));
  cell_set (cell, rank < G_N_ELEMENTS (agent_states) ? agent_states[rank].icon : NULL,
            text != NULL ? text : state_name (state));
}

static void
fill_agent_time (AcFloorWindow *self,
                 GtkWidget     *cell,
                 gpointer       item)
{
  gint64 since = ac_floor_agent_get_state_since_ms (item);
  g_autofree char *text = since >= 0 ? format_duration (clock_ms (self) - since) : g_strdup ("—");

  cell_set (cell, NULL, text);
  /* the state column's flag depends on the same clock */
}

static void
fill_agent_queues (AcFloorWindow *self,
                   GtkWidget     *cell,
                   gpointer       item)
{
  cell_set (cell, NULL, ac_floor_agent_get_queues (item));
}

static void
fill_agent_call (AcFloorWindow *self,
                 GtkWidget     *cell,
                 gpointer       item)
{
  AcFloorAgent *agent = item;
  AcFloorCalls *calls = ac_floor_get_calls (self->floor);
  AcFloorCall *call = ac_floor_calls_lookup (calls, ac_floor_agent_get_current_call (agent));
  g_autofree char *text = NULL;

  /* the server's current call ids, else a live call that names the agent */
  for (guint i = 0; call == NULL && ac_floor_agent_get_active_calls (agent) > 0 &&
                    i < g_list_model_get_n_items (G_LIST_MODEL (calls)); i++)
    {
      g_autoptr(AcFloorCall) other = g_list_model_get_item (G_LIST_MODEL (calls), i);

      if (g_strcmp0 (ac_floor_call_get_agent_id (other), ac_floor_agent_get_id (agent)) == 0)
        call = other;
    }
  if (call == NULL)
    {
      cell_set (cell, NULL, "");
      return;
    }
  if (ac_floor_call_get_sentiment (call) != NULL)
    /* Translators: an agent's current call: “Ada Lovelace · Negative” */
    text = g_strdup_printf (_("%s · %s"), ac_floor_call_get_customer_name (call) != NULL
                            ? ac_floor_call_get_customer_name (call) : _("Unknown caller"),
                            sentiment_name (ac_floor_call_get_sentiment (call)));
  cell_set (cell, ac_floor_call_get_escalated (call) ? "dialog-warning-symbolic" : NULL,
            text != NULL ? text : ac_floor_call_get_customer_name (call));
}

static void
fill_agent_handled (AcFloorWindow *self,
                    GtkWidget     *cell,
                    gpointer       item)
{
  AcFloorAgent *agent = item;
  double aht = ac_floor_agent_get_average_handle_s (agent);
  g_autofree char *duration = aht >= 0 ? format_duration ((gint64) (aht * 1000)) : NULL;
  g_autofree char *text = NULL;

  if (duration != NULL)
    /* Translators: calls handled today and their average handle time: “12, 4:05 each” */
    text = g_strdup_printf (_("%u, %s each"), ac_floor_agent_get_handled_today (agent), duration);
  else
    text = g_strdup_printf ("%u", ac_floor_agent_get_handled_today (agent));
  cell_set (cell, NULL, text);
}

static int
compare_agents (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  AcFloorWindow *self = user_data;
  AcFloorAgent *x = (AcFloorAgent *) a;
  AcFloorAgent *y = (AcFloorAgent *) b;
  guint sort = gtk_drop_down_get_selected (self->agents_sort);
  gint64 sx = ac_floor_agent_get_state_since_ms (x), sy = ac_floor_agent_get_state_since_ms (y);

  if (sort == 0)
    {
      guint rx = state_rank (ac_floor_agent_get_state (x)), ry = state_rank (ac_floor_agent_get_state (y));

      if (rx != ry)
        return rx < ry ? -1 : 1;
    }
  if (sort <= 1 && sx != sy)
    return sx < 0 ? 1 : sy < 0 ? -1 : sx < sy ? -1 : 1;
  return g_utf8_collate (ac_floor_agent_get_name (x), ac_floor_agent_get_name (y));
}

static gboolean
filter_agent (gpointer item,
              gpointer user_data)
{
  AcFloorWindow *self = user_data;
  guint state = gtk_drop_down_get_selected (self->agents_state);

  if (state == 0 || state == GTK_INVALID_LIST_POSITION || state > G_N_ELEMENTS (agent_states))
    return TRUE;
  return g_strcmp0 (ac_floor_agent_get_state (item), agent_states[state - 1].state) == 0;
}

static void
on_agents_sort_changed (AcFloorWindow *self)
{
  gtk_sorter_changed (GTK_SORTER (self->agents_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_agents_filter_changed (AcFloorWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->agents_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_agent_activated (GtkColumnView *view,
                    guint          position,
                    AcFloorWindow *self)
{
  g_autoptr(AcFloorAgent) agent = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (agent != NULL && ac_floor_agent_get_current_call (agent) != NULL)
    ac_floor_window_open_call (self, ac_floor_agent_get_current_call (agent));
}

static void
build_agents (AcFloorWindow *self)
{
  GtkWidget *bar = toolbar_new ();
  GtkStringList *states = gtk_string_list_new ((const char *[]) { _("All States"), NULL });
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkColumnView *view;

  for (guint i = 0; i < G_N_ELEMENTS (agent_states); i++)
    gtk_string_list_append (states, state_name (agent_states[i].state));
  self->agents_state = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (states), NULL));
  g_signal_connect_swapped (self->agents_state, "notify::selected", G_CALLBACK (on_agents_filter_changed), self);
  self->agents_sort = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *[]) {
    _("State"), _("Time in State"), _("Name"), NULL }));
  gtk_widget_set_name (GTK_WIDGET (self->agents_sort), "agents-sort");
  gtk_widget_set_name (GTK_WIDGET (self->agents_state), "agents-state");
  g_signal_connect_swapped (self->agents_sort, "notify::selected", G_CALLBACK (on_agents_sort_changed), self);
  gtk_box_append (GTK_BOX (bar), labelled (_("S_how"), GTK_WIDGET (self->agents_state)));
  gtk_box_append (GTK_BOX (bar), labelled (_("_Sort by"), GTK_WIDGET (self->agents_sort)));
  gtk_box_append (self->agents_box, bar);

  self->agents_sorter = gtk_custom_sorter_new (compare_agents, self, NULL);
  self->agents_filter = gtk_custom_filter_new (filter_agent, self, NULL);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (ac_floor_get_agents (self->floor))),
                                    GTK_SORTER (g_object_ref (self->agents_sorter)));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), GTK_FILTER (g_object_ref (self->agents_filter)));
  view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered)))));
  gtk_widget_set_name (GTK_WIDGET (view), "floor-agents");
  gtk_widget_add_css_class (GTK_WIDGET (view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agents"), -1);
  add_column (self, view, _("Agent"), fill_agent_name, FALSE, FALSE, 160);
  add_column (self, view, _("State"), fill_agent_state, TRUE, FALSE, 200);
  add_column (self, view, _("Time in State"), fill_agent_time, TRUE, FALSE, 100);
  add_column (self, view, _("Queues"), fill_agent_queues, FALSE, FALSE, 140);
  add_column (self, view, _("Current Call"), fill_agent_call, FALSE, TRUE, -1);
  add_column (self, view, _("Handled Today"), fill_agent_handled, FALSE, FALSE, 130);
  g_signal_connect (view, "activate", G_CALLBACK (on_agent_activated), self);
  gtk_box_append (self->agents_box, scrolled (GTK_WIDGET (view)));
}

/* Queues */

static void
fill_queue_name (AcFloorWindow *self,
                 GtkWidget     *cell,
                 gpointer       item)
{
  cell_set (cell, NULL, ac_floor_queue_get_name (item));
}

static void
fill_queue_waiting (AcFloorWindow *self,
                    GtkWidget     *cell,
                    gpointer       item)
{
  g_autofree char *text = g_strdup_printf ("%u", ac_floor_queue_get_waiting (item));

  cell_set (cell, NULL, text);
}

static void
fill_queue_in_progress (AcFloorWindow *self,
                        GtkWidget     *cell,
                        gpointer       item)
{
  g_autofree char *text = g_strdup_printf ("%u", ac_floor_queue_get_in_progress (item));

  cell_set (cell, NULL, text);
}

static void
fill_queue_longest (AcFloorWindow *self,
                    GtkWidget     *cell,
                    gpointer       item)
{
  gint64 wait = ac_floor_queue_get_longest_wait_ms (item, clock_ms (self));
  g_autofree char *text = ac_floor_queue_get_waiting (item) > 0 ? format_duration (wait) : g_strdup ("—");

  cell_set (cell, NULL, text);
}

static void
fill_queue_threshold (AcFloorWindow *self,
                      GtkWidget     *cell,
                      gpointer       item)
{
  int sla = ac_floor_queue_get_sla_seconds (item);
  /* Translators: a queue's service-level threshold: answered within 30 s */
  g_autofree char *text = sla > 0 ? g_strdup_printf (_("%d s"), sla) : g_strdup (_("None"));

  cell_set (cell, NULL, text);
}

static void
fill_queue_level (AcFloorWindow *self,
                  GtkWidget     *cell,
                  gpointer       item)
{
  double level = ac_floor_queue_get_service_level (item);
  /* Translators: a queue's service level today, a percentage */
  g_autofree char *text = level >= 0 ? g_strdup_printf (_("%.0f %%"), level) : g_strdup ("—");

  cell_set (cell, NULL, text);
}

static void
fill_queue_status (AcFloorWindow *self,
                   GtkWidget     *cell,
                   gpointer       item)
{
  if (ac_floor_queue_is_over_threshold (item, clock_ms (self)))
    {
      cell_set (cell, "dialog-warning-symbolic", _("Over threshold"));
      gtk_widget_add_css_class (cell, "over-threshold");
    }
  else
    {
      cell_set (cell, "emblem-ok-symbolic", _("Within threshold"));
      gtk_widget_remove_css_class (cell, "over-threshold");
    }
}

static void
build_queues (AcFloorWindow *self)
{
  GtkColumnView *view;
  GListModel *queues = ac_floor_stats_get_queues (ac_floor_get_stats (self->floor));

  view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (queues)))));
  gtk_widget_set_name (GTK_WIDGET (view), "floor-queues");
  gtk_widget_add_css_class (GTK_WIDGET (view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Queues"), -1);
  add_column (self, view, _("Queue"), fill_queue_name, FALSE, TRUE, -1);
  add_column (self, view, _("Waiting"), fill_queue_waiting, FALSE, FALSE, 100);
  add_column (self, view, _("In Progress"), fill_queue_in_progress, FALSE, FALSE, 110);
  add_column (self, view, _("Longest Wait"), fill_queue_longest, TRUE, FALSE, 120);
  add_column (self, view, _("Service Level Threshold"), fill_queue_threshold, FALSE, FALSE, 190);
  add_column (self, view, _("Service Level Today"), fill_queue_level, FALSE, FALSE, 150);
  add_column (self, view, _("Status"), fill_queue_status, TRUE, FALSE, 170);
  gtk_box_append (self->queues_box, scrolled (GTK_WIDGET (view)));
}

/* The queue filter follows the queues the floor knows. */
static void
update_queue_names (AcFloorWindow *self)
{
  GListModel *queues = ac_floor_stats_get_queues (ac_floor_get_stats (self->floor));
  guint selected = gtk_drop_down_get_selected (self->calls_queue);
  g_autofree char *chosen = selected > 0 && selected != GTK_INVALID_LIST_POSITION
                            ? g_strdup (gtk_string_list_get_string (self->queue_names, selected)) : NULL;
  guint n = g_list_model_get_n_items (queues);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint keep = 0;
  gboolean same = g_list_model_get_n_items (G_LIST_MODEL (self->queue_names)) == n + 1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcFloorQueue) queue = g_list_model_get_item (queues, i);

      g_ptr_array_add (names, (gpointer) ac_floor_queue_get_name (queue));
      same = same && g_strcmp0 (gtk_string_list_get_string (self->queue_names, i + 1), ac_floor_queue_get_name (queue)) == 0;
      if (g_strcmp0 (chosen, ac_floor_queue_get_name (queue)) == 0)
        keep = i + 1;
    }
  if (same)
    return;
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->queue_names, 1, g_list_model_get_n_items (G_LIST_MODEL (self->queue_names)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->calls_queue, keep);
}

/* Alerts */

static void
on_acknowledge (GtkButton     *button,
                AcFloorWindow *self)
{
  AcFloorAlert *alert = g_object_get_data (G_OBJECT (button), "alert");

  if (alert != NULL)
    ac_floor_alerts_acknowledge (ac_floor_get_alerts (self->floor), alert);
}

static void
on_open_alert_call (GtkButton     *button,
                    AcFloorWindow *self)
{
  AcFloorAlert *alert = g_object_get_data (G_OBJECT (button), "alert");

  if (alert == NULL || ac_floor_alert_get_call_id (alert) == NULL)
    return;
  ac_floor_alerts_acknowledge (ac_floor_get_alerts (self->floor), alert);
  ac_floor_window_open_call (self, ac_floor_alert_get_call_id (alert));
}

static void
alert_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             AcFloorWindow            *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Acknowledge"));
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open Call"));

  gtk_widget_add_css_class (row, "floor-alert");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_acknowledge), self);
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_alert_call), self);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), message);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), time);
  gtk_box_append (GTK_BOX (row), open);
  gtk_box_append (GTK_BOX (row), button);
  g_object_set_data (G_OBJECT (row), "open", open);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "message", message);
  g_object_set_data (G_OBJECT (row), "time", time);
  g_object_set_data (G_OBJECT (row), "button", button);
  gtk_list_item_set_child (list_item, row);
}

static void
alert_fill (GtkWidget *row)
{
  AcFloorAlert *alert = g_object_get_data (G_OBJECT (row), "alert");
  const char *severity = ac_floor_alert_get_severity (alert);
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "button");
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ac_floor_alert_get_time_ms (alert) / 1000);
  g_autofree char *time = when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("");
  const char *severity_text = g_strcmp0 (severity, "critical") == 0 ? _("Critical")
                              : g_strcmp0 (severity, "info") == 0 ? _("Information") : _("High");
  g_autofree char *title = NULL;

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (row), "icon"),
                                g_strcmp0 (severity, "critical") == 0 ? "dialog-error-symbolic"
                                : g_strcmp0 (severity, "info") == 0 ? "dialog-information-symbolic"
                                : "dialog-warning-symbolic");
  /* Translators: an alert's severity and title: “Critical: Escalation required” */
  title = g_strdup_printf (_("%s: %s"), severity_text, ac_floor_alert_get_title (alert));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "message"),
                      ac_floor_alert_get_message (alert) != NULL ? ac_floor_alert_get_message (alert) : "");
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "time"), time);
  g_object_set_data (G_OBJECT (button), "alert", alert);
  g_object_set_data (g_object_get_data (G_OBJECT (row), "open"), "alert", alert);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "open"), ac_floor_alert_get_call_id (alert) != NULL);
  if (ac_floor_alert_get_acknowledged (alert))
    {
      gtk_button_set_label (GTK_BUTTON (button), _("Acknowledged"));
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_add_css_class (row, "acknowledged");
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (button), _("_Acknowledge"));
      gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
      gtk_widget_set_sensitive (button, TRUE);
      gtk_widget_remove_css_class (row, "acknowledged");
    }
  gtk_widget_remove_css_class (row, "critical");
  if (g_strcmp0 (severity, "critical") == 0)
    gtk_widget_add_css_class (row, "critical");
}

static void
alert_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            AcFloorWindow            *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  AcFloorAlert *alert = gtk_list_item_get_item (list_item);

  g_object_set_data_full (G_OBJECT (row), "alert", g_object_ref (alert), g_object_unref);
  g_signal_connect_object (alert, "changed", G_CALLBACK (alert_fill), row, G_CONNECT_SWAPPED);
  alert_fill (row);
}

static void
alert_unbind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AcFloorWindow            *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  AcFloorAlert *alert = gtk_list_item_get_item (list_item);

  if (alert != NULL)
    g_signal_handlers_disconnect_by_func (alert, alert_fill, row);
  g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (row), "button")), "alert", NULL);
  g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (row), "open")), "alert", NULL);
  g_object_set_data (G_OBJECT (row), "alert", NULL);
}

static void
on_alert_activated (GtkListView   *view,
                    guint          position,
                    AcFloorWindow *self)
{
  g_autoptr(AcFloorAlert) alert = g_list_model_get_item (G_LIST_MODEL (ac_floor_get_alerts (self->floor)), position);

  if (alert == NULL)
    return;
  ac_floor_alerts_acknowledge (ac_floor_get_alerts (self->floor), alert);
  if (ac_floor_alert_get_call_id (alert) != NULL)
    ac_floor_window_open_call (self, ac_floor_alert_get_call_id (alert));
}

static void
update_alerts (AcFloorWindow *self)
{
  AcFloorAlerts *alerts = ac_floor_get_alerts (self->floor);
  guint n = ac_floor_alerts_get_n_unacknowledged (alerts);

  adw_view_stack_page_set_badge_number (self->alerts_page, n);
  adw_view_stack_page_set_needs_attention (self->alerts_page, n > 0);
  gtk_stack_set_visible_child_name (self->alerts_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (alerts)) > 0 ? "list" : "empty");
}

static void
build_alerts (AcFloorWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  AcFloorAlerts *alerts = ac_floor_get_alerts (self->floor);

  g_signal_connect (factory, "setup", G_CALLBACK (alert_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (alert_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (alert_unbind), self);
  self->alerts_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                          G_LIST_MODEL (g_object_ref (alerts)))), factory));
  gtk_widget_set_name (GTK_WIDGET (self->alerts_view), "floor-alerts");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->alerts_view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alerts"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->alerts_view), "floor-alerts");
  g_signal_connect (self->alerts_view, "activate", G_CALLBACK (on_alert_activated), self);
  gtk_scrolled_window_set_child (self->alerts_scroll, GTK_WIDGET (self->alerts_view));
  g_signal_connect_object (alerts, "notify::n-unacknowledged", G_CALLBACK (update_alerts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (alerts, "items-changed", G_CALLBACK (update_alerts), self, G_CONNECT_SWAPPED);
  update_alerts (self);
}

/* A desktop notification when the supervisor is looking elsewhere. */
static void
on_alert (AcFloorWindow *self,
          AcFloorAlert  *alert)
{
  g_autoptr(GNotification) notification = NULL;
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (application == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;
  notification = g_notification_new (ac_floor_alert_get_title (alert));
  if (ac_floor_alert_get_message (alert) != NULL)
    g_notification_set_body (notification, ac_floor_alert_get_message (alert));
  g_notification_set_priority (notification, g_strcmp0 (ac_floor_alert_get_severity (alert), "critical") == 0
                                             ? G_NOTIFICATION_PRIORITY_URGENT : G_NOTIFICATION_PRIORITY_HIGH);
  if (ac_floor_alert_get_call_id (alert) != NULL)
    g_notification_set_default_action_and_target (notification, "app.floor-call", "s",
                                                  ac_floor_alert_get_call_id (alert));
  else
    g_notification_set_default_action (notification, "app.floor");
  g_application_send_notification (application, "floor-alert", notification);
}

/* Totals and status */

static void
set_total (AcFloorWindow *self,
           guint          which,
           const char    *caption,
           const char    *value)
{
  g_autofree char *spoken = g_strdup_printf ("%s: %s", caption, value);

  gtk_label_set_text (self->totals[which], value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->totals[which]), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static const char *total_captions[] = {
  N_("Active Calls"), N_("Waiting"), N_("Service Level"), N_("Avg Handle Time"), N_("Abandoned"),
  N_("Escalations"), N_("Sentiment Today"),
};

static void
update_totals (AcFloorWindow *self)
{
  AcFloorStats *stats = ac_floor_get_stats (self->floor);
  double level = ac_floor_stats_get_service_level (stats);
  double aht = ac_floor_stats_get_average_handle_s (stats);
  const char *label = NULL;
  double sentiment = ac_floor_stats_get_sentiment (stats, &label);
  g_autofree char *active = g_strdup_printf ("%u", ac_floor_stats_get_active_calls (stats));
  g_autofree char *waiting = g_strdup_printf ("%u", ac_floor_stats_get_calls_waiting (stats));
  /* Translators: today's service level, a percentage */
  g_autofree char *level_text = level >= 0 ? g_strdup_printf (_("%.0f %%"), level) : g_strdup ("—");
  g_autofree char *aht_text = aht >= 0 ? format_duration ((gint64) (aht * 1000)) : g_strdup ("—");
  g_autofree char *abandoned = g_strdup_printf ("%u", ac_floor_stats_get_abandoned (stats));
  g_autofree char *escalations = g_strdup_printf ("%u", ac_floor_stats_get_escalations (stats));
  g_autofree char *sentiment_text = NULL;

  if (!isnan (sentiment))
    sentiment_text = g_strdup_printf ("%+.2f", sentiment);
  set_total (self, TOTAL_ACTIVE, _(total_captions[TOTAL_ACTIVE]), active);
  set_total (self, TOTAL_WAITING, _(total_captions[TOTAL_WAITING]), waiting);
  set_total (self, TOTAL_SERVICE_LEVEL, _(total_captions[TOTAL_SERVICE_LEVEL]), level_text);
  set_total (self, TOTAL_HANDLE_TIME, _(total_captions[TOTAL_HANDLE_TIME]), aht_text);
  set_total (self, TOTAL_ABANDONED, _(total_captions[TOTAL_ABANDONED]), abandoned);
  set_total (self, TOTAL_ESCALATIONS, _(total_captions[TOTAL_ESCALATIONS]), escalations);
  set_total (self, TOTAL_SENTIMENT, _(total_captions[TOTAL_SENTIMENT]),
             sentiment_text != NULL ? sentiment_text : "—");
  /* the server's word for it, where the number's sign is not enough */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->totals[TOTAL_SENTIMENT]), sentiment_name (label));
  update_queue_names (self);
}

static void
build_totals (AcFloorWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (total_captions); i++)
    {
      GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *caption = gtk_label_new (_(total_captions[i]));

      gtk_widget_add_css_class (tile, "floor-total");
      gtk_widget_add_css_class (value, "title-2");
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_accessible_update_property (GTK_ACCESSIBLE (caption), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_append (GTK_BOX (tile), value);
      gtk_box_append (GTK_BOX (tile), caption);
      gtk_box_append (self->totals_box, tile);
      self->totals[i] = GTK_LABEL (value);
    }
  update_totals (self);
}

static void
update_status (AcFloorWindow *self)
{
  AcFloorState state = ac_floor_get_state (self->floor);
  g_autofree char *text = NULL;

  gtk_stack_set_visible_child_name (self->main_stack, state == AC_FLOOR_FORBIDDEN ? "forbidden" : "floor");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_box), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->floor_box), "stale");
  switch (state)
    {
    case AC_FLOOR_LIVE:
    case AC_FLOOR_FORBIDDEN:
      gtk_revealer_set_reveal_child (self->status_revealer, FALSE);
      return;

    case AC_FLOOR_CONNECTING:
      gtk_image_set_from_icon_name (self->status_icon, "network-transmit-receive-symbolic");
      text = g_strdup (_("Connecting to the floor…"));
      break;

    case AC_FLOOR_RECONNECTING:
    default:
      {
        g_autoptr(GDateTime) as_of = g_date_time_new_from_unix_local (ac_floor_get_as_of (self->floor) / 1000);
        g_autofree char *time = as_of != NULL ? g_date_time_format (as_of, "%H:%M:%S") : g_strdup ("?");

        gtk_image_set_from_icon_name (self->status_icon, "network-offline-symbolic");
        /* Translators: the floor lost its server; %s is the time it shows */
        text = g_strdup_printf (_("As of %s — reconnecting. Durations are stopped at that time."), time);
        gtk_widget_add_css_class (GTK_WIDGET (self->status_box), "warning");
        gtk_widget_add_css_class (GTK_WIDGET (self->floor_box), "stale");
      }
      break;
    }
  gtk_label_set_text (self->status_label, text);
  gtk_revealer_set_reveal_child (self->status_revealer, TRUE);
}

static gboolean
on_tick (gpointer user_data)
{
  AcFloorWindow *self = user_data;
  GHashTableIter iter;
  gpointer binding;

  if (ac_floor_get_state (self->floor) == AC_FLOOR_RECONNECTING)
    return G_SOURCE_CONTINUE;  /* the clocks stay where the floor stopped */
  g_hash_table_iter_init (&iter, self->ticking);
  while (g_hash_table_iter_next (&iter, &binding, NULL))
    cell_refill (binding);
  return G_SOURCE_CONTINUE;
}

static void
show_view (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  AcFloorWindow *self = AC_FLOOR_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (param, NULL));
}

static void on_call_window_destroyed (gpointer  data,
                                      GObject  *where_the_object_was);

static void
ac_floor_window_dispose (GObject *object)
{
  AcFloorWindow *self = AC_FLOOR_WINDOW (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->calls_top_source, g_source_remove);
  if (self->call_windows != NULL)
    {
      GHashTableIter iter;
      gpointer window;

      g_hash_table_iter_init (&iter, self->call_windows);
      while (g_hash_table_iter_next (&iter, NULL, &window))
        {
          g_object_weak_unref (window, on_call_window_destroyed, self);
          gtk_window_destroy (window);
          g_hash_table_iter_remove (&iter);
        }
    }
  if (self->floor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->floor, self);
      g_signal_handlers_disconnect_by_data (ac_floor_get_stats (self->floor), self);
      ac_floor_stop (self->floor);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_FLOOR_WINDOW);

  G_OBJECT_CLASS (ac_floor_window_parent_class)->dispose (object);
}

static void
ac_floor_window_finalize (GObject *object)
{
  AcFloorWindow *self = AC_FLOOR_WINDOW (object);

  g_clear_pointer (&self->ticking, g_hash_table_unref);
  g_clear_pointer (&self->call_windows, g_hash_table_unref);
  g_clear_object (&self->calls_sorter);
  g_clear_object (&self->calls_filter);
  g_clear_object (&self->calls_shown);
  g_clear_object (&self->agents_sorter);
  g_clear_object (&self->agents_filter);
  g_clear_object (&self->queue_names);
  g_clear_object (&self->floor);
  g_clear_object (&self->settings);
  g_free (self->own_id);

  G_OBJECT_CLASS (ac_floor_window_parent_class)->finalize (object);
}

static void
ac_floor_window_class_init (AcFloorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_floor_window_dispose;
  object_class->finalize = ac_floor_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/agentconsole/AgentConsole/ac-floor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, status_box);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, floor_box);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, totals_box);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, alerts_page);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, calls_box);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, agents_box);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, queues_box);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, alerts_stack);
  gtk_widget_class_bind_template_child (widget_class, AcFloorWindow, alerts_scroll);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  /* Alt+number for the views, as GNOME's tabbed apps do */
  gtk_widget_class_install_action (widget_class, "floor.view", "s", show_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "floor.view", "s", "calls");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "floor.view", "s", "agents");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "floor.view", "s", "queues");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "floor.view", "s", "alerts");
}

static void
ac_floor_window_init (AcFloorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ticking = g_hash_table_new (NULL, NULL);
  self->call_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * ac_floor_window_new:
 * @application: the app
 * @floor: the floor to show (started here, stopped when the window goes)
 * @settings: the app's settings (the agents' limits)
 * @own_id: (nullable): the supervisor's user id, sent when listening in
 *
 * Returns: (transfer full): a new floor window
 */
AcFloorWindow *
ac_floor_window_new (GtkApplication *application,
                     AcFloor        *floor,
                     AcSettings     *settings,
                     const char     *own_id)
{
  AcFloorWindow *self;

  g_return_val_if_fail (AC_IS_FLOOR (floor), NULL);
  g_return_val_if_fail (AC_IS_SETTINGS (settings), NULL);

  self = g_object_new (AC_TYPE_FLOOR_WINDOW, "application", application, NULL);
  self->floor = g_object_ref (floor);
  self->settings = g_object_ref (settings);
  self->own_id = g_strdup (own_id);

  build_calls (self);
  build_totals (self);
  build_agents (self);
  build_queues (self);
  build_alerts (self);
  g_signal_connect_object (ac_floor_get_stats (floor), "changed", G_CALLBACK (update_totals), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (ac_floor_stats_get_queues (ac_floor_get_stats (floor)), "items-changed",
                           G_CALLBACK (update_queue_names), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (floor, "notify::state", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (floor, "notify::as-of", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (floor, "alert", G_CALLBACK (on_alert), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::floor-break-limit", G_CALLBACK (on_tick), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::floor-after-call-limit", G_CALLBACK (on_tick), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
  self->tick_source = g_timeout_add_seconds (1, on_tick, self);
  ac_floor_start (floor);
  return self;
}

/**
 * ac_floor_window_get_floor:
 * @self: a #AcFloorWindow
 *
 * Returns: (transfer none): the floor it shows
 */
AcFloor *
ac_floor_window_get_floor (AcFloorWindow *self)
{
  g_return_val_if_fail (AC_IS_FLOOR_WINDOW (self), NULL);
  return self->floor;
}

static void
on_call_window_destroyed (gpointer  data,
                          GObject  *where_the_object_was)
{
  AcFloorWindow *self = data;
  GHashTableIter iter;
  gpointer window;

  g_hash_table_iter_init (&iter, self->call_windows);
  while (g_hash_table_iter_next (&iter, NULL, &window))
    if (window == where_the_object_was)
      g_hash_table_iter_remove (&iter);
}

/**
 * ac_floor_window_open_call:
 * @self: a #AcFloorWindow
 * @call_id: a live call's id
 *
 * Opens the call's window (or brings it forward): its transcript so far,
 * then live as the supervisor listens in; coaching, transfer and
 * recording.
 *
 * Returns: (transfer none): the call's window
 */
GtkWindow *
ac_floor_window_open_call (AcFloorWindow *self,
                           const char    *call_id)
{
  AcFloorCallWindow *window;

  g_return_val_if_fail (AC_IS_FLOOR_WINDOW (self), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  window = g_hash_table_lookup (self->call_windows, call_id);
  if (window == NULL)
    {
      window = ac_floor_call_window_new (self->floor, call_id, self->own_id);
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (GTK_WINDOW (self)));
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
      g_hash_table_insert (self->call_windows, g_strdup (call_id), window);
      g_object_weak_ref (G_OBJECT (window), on_call_window_destroyed, self);
    }
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
