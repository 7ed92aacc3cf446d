/* ac-wrap-up-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-wrap-up-form"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ac-types.h"
#include "ac-values.h"
#include "ac-wrap-up-form.h"

#define RESOURCE_BASE "/io/github/agentconsole/AgentConsole"

/**
 * AcWrapUpForm:
 *
 * The sidebar's wrap-up page for After-Call Work: the call's disposition,
 * one of the team's list shown whole as radio rows (none chosen until the
 * agent chooses one: a preset would be filed by every agent who skips
 * it; arrows move between them, Space chooses), multi-line notes, a
 * ticket from the call, and the time left when the team set a time
 * limit.  The page sits
 * beside the transcript, so the agent re-reads the call while wrapping it
 * up.  It keeps nothing: the window reads it at Ready for Next Call.
 */
struct _AcWrapUpForm
{
  GtkWidget    parent_instance;

  GPtrArray   *dispositions;   /* GStrv {code, label}, the team's list */
  GPtrArray   *rows;           /* AdwActionRow, one per disposition */
  GPtrArray   *checks;         /* their GtkCheckButton, one group */

  GtkWidget   *scroller;      /* the template's root, unparented on dispose */
  AdwPreferencesGroup *dispositions_group;
  GtkTextView *notes_view;
  GtkLabel    *time_left_label;

  /* the call's summary in the notes, between two marks, and what an AI
   * provider wrote when it came after the agent had edited it */
  GtkTextMark *summary_start;
  GtkTextMark *summary_end;
  char        *summary_text;
  char        *pending_summary;
  GtkWidget   *assist_box;
  GtkWidget   *assist_spinner;
  GtkWidget   *assist_icon;
  GtkLabel    *assist_label;
  GtkWidget   *assist_use;
  GtkWidget   *assist_stop;
};

G_DEFINE_FINAL_TYPE (AcWrapUpForm, ac_wrap_up_form, GTK_TYPE_WIDGET)

static void
on_disposition_toggled (AcWrapUpForm *self)
{
  gboolean chosen = ac_wrap_up_form_get_disposition (self) != NULL;

  if (chosen)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->dispositions_group), "error");
      adw_preferences_group_set_description (self->dispositions_group, NULL);
    }
}

/* Focus goes to the disposition: what After-Call Work starts with. */
static gboolean
ac_wrap_up_form_grab_focus (GtkWidget *widget)
{
  AcWrapUpForm *self = AC_WRAP_UP_FORM (widget);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      return gtk_widget_grab_focus (self->rows->pdata[i]);
  if (self->rows->len > 0)
    return gtk_widget_grab_focus (self->rows->pdata[0]);
  return FALSE;
}

static char *
summary_in_notes (AcWrapUpForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->summary_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->summary_end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* @text where the summary is in the notes; the rest of the notes stays. */
static void
put_summary (AcWrapUpForm *self,
             const char   *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->summary_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->summary_end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->summary_start);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  /* @start is after the text now: the summary ends there, and what is
   * added after it later is not part of it */
  gtk_text_buffer_move_mark (buffer, self->summary_end, &start);
  gtk_text_buffer_end_user_action (buffer);
  g_free (self->summary_text);
  self->summary_text = g_strdup (text);
}

static void
on_assist_use (AcWrapUpForm *self)
{
  g_autofree char *text = g_steal_pointer (&self->pending_summary);

  if (text == NULL)
    return;
  put_summary (self, text);
  gtk_widget_set_visible (self->assist_use, FALSE);
  gtk_label_set_label (self->assist_label, _("The AI provider’s summary is in the notes"));
}

static void
ac_wrap_up_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AC_TYPE_WRAP_UP_FORM);

  G_OBJECT_CLASS (ac_wrap_up_form_parent_class)->dispose (object);
}

static void
ac_wrap_up_form_finalize (GObject *object)
{
  AcWrapUpForm *self = AC_WRAP_UP_FORM (object);

  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->summary_text);
  g_free (self->pending_summary);

  G_OBJECT_CLASS (ac_wrap_up_form_parent_class)->finalize (object);
}

static void
ac_wrap_up_form_class_init (AcWrapUpFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_wrap_up_form_dispose;
  object_class->finalize = ac_wrap_up_form_finalize;
  widget_class->grab_focus = ac_wrap_up_form_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-wrap-up-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, dispositions_group);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, notes_view);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, time_left_label);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, assist_box);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, assist_spinner);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, assist_icon);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, assist_label);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, assist_use);
  gtk_widget_class_bind_template_child (widget_class, AcWrapUpForm, assist_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_assist_use);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ac_wrap_up_form_init (AcWrapUpForm *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_start_iter (buffer, &start);
  /* both stay before text typed at them: the summary is what the app put
   * between them, whatever the agent adds after it */
  self->summary_start = gtk_text_buffer_create_mark (buffer, "summary-start", &start, TRUE);
  self->summary_end = gtk_text_buffer_create_mark (buffer, "summary-end", &start, TRUE);
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
}

/**
 * ac_wrap_up_form_new:
 *
 * Returns: (transfer full): a new, empty wrap-up form
 */
GtkWidget *
ac_wrap_up_form_new (void)
{
  return g_object_new (AC_TYPE_WRAP_UP_FORM, NULL);
}

/**
 * ac_wrap_up_form_set_dispositions:
 * @self: an #AcWrapUpForm
 * @dispositions: (element-type GStrv): the team's dispositions, each
 *   `{code, label}`, as ac_store_list_dispositions_finish() gives them
 *
 * The dispositions to choose from, shown in the agent's language where
 * the app knows them (ac_disposition_display()); each one's radio button
 * is named `disposition-CODE`.  A disposition already
 * chosen stays chosen if it is still on the list.
 */
void
ac_wrap_up_form_set_dispositions (AcWrapUpForm *self,
                                  GPtrArray    *dispositions)
{
  g_autofree char *chosen = NULL;
  GtkCheckButton *group = NULL;

  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));
  g_return_if_fail (dispositions != NULL);

  chosen = g_strdup (ac_wrap_up_form_get_disposition (self));
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->dispositions_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
  g_clear_pointer (&self->dispositions, g_ptr_array_unref);
  self->dispositions = g_ptr_array_ref (dispositions);

  for (guint i = 0; i < dispositions->len; i++)
    {
      char **pair = dispositions->pdata[i];
      g_autofree char *name = g_strconcat ("disposition-", pair[0], NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* The row is the one stop for the keyboard, not the row and its
       * button. */
      gtk_widget_set_focusable (check, FALSE);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (pair[0], chosen) == 0);
      group = GTK_CHECK_BUTTON (check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_disposition_toggled), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ac_disposition_display (pair[0], pair[1]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->dispositions_group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->checks, check);
    }
}

/**
 * ac_wrap_up_form_set_suggested:
 * @self: an #AcWrapUpForm
 * @code: (nullable): the disposition the call's summary suggests, or %NULL
 *   for none
 * @why: (nullable): why, for the agent
 *
 * Marks one disposition as suggested (its row says so and why); nothing is
 * chosen for the agent, who confirms or picks another.
 */
void
ac_wrap_up_form_set_suggested (AcWrapUpForm *self,
                               const char   *code,
                               const char   *why)
{
  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));

  for (guint i = 0; self->dispositions != NULL && i < self->rows->len; i++)
    {
      char **pair = self->dispositions->pdata[i];
      g_autofree char *subtitle = NULL;

      if (code != NULL && g_strcmp0 (pair[0], code) == 0)
        /* Translators: under a disposition the call's summary suggests; %s is why */
        subtitle = why != NULL ? g_strdup_printf (_("Suggested: %s"), why) : g_strdup (_("Suggested"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows->pdata[i]), subtitle != NULL ? subtitle : "");
      if (subtitle != NULL)
        gtk_widget_add_css_class (self->rows->pdata[i], "suggested");
      else
        gtk_widget_remove_css_class (self->rows->pdata[i], "suggested");
    }
}

/**
 * ac_wrap_up_form_reset:
 * @self: an #AcWrapUpForm
 *
 * Empties the form for the next call: no disposition, no notes, no time
 * limit.
 */
void
ac_wrap_up_form_reset (AcWrapUpForm *self)
{
  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (self->checks->pdata[i], FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->dispositions_group), "error");
  adw_preferences_group_set_description (self->dispositions_group, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), "", 0);
  ac_wrap_up_form_set_time_left (self, -1, NULL);
  ac_wrap_up_form_set_suggested (self, NULL, NULL);
  g_clear_pointer (&self->summary_text, g_free);
  g_clear_pointer (&self->pending_summary, g_free);
  ac_wrap_up_form_set_assist (self, AC_WRAP_UP_ASSIST_NONE, NULL);
}

/**
 * ac_wrap_up_form_get_disposition:
 * @self: an #AcWrapUpForm
 *
 * Returns: (transfer none) (nullable): the code of the disposition the
 *   agent chose, such as `RESOLVED`, or %NULL before they chose one
 */
const char *
ac_wrap_up_form_get_disposition (AcWrapUpForm *self)
{
  g_return_val_if_fail (AC_IS_WRAP_UP_FORM (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      return ((char **) self->dispositions->pdata[i])[0];
  return NULL;
}

/**
 * ac_wrap_up_form_get_notes:
 * @self: an #AcWrapUpForm
 *
 * Returns: (transfer full): the notes, without leading or trailing
 *   blanks; maybe empty
 */
char *
ac_wrap_up_form_get_notes (AcWrapUpForm *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (AC_IS_WRAP_UP_FORM (self), NULL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/**
 * ac_wrap_up_form_add_note:
 * @self: an #AcWrapUpForm
 * @line: a line for the notes, such as what the app did for the agent
 *
 * Adds @line at the end of the notes, on a line of its own.
 */
void
ac_wrap_up_form_add_note (AcWrapUpForm *self,
                          const char   *line)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));
  g_return_if_fail (line != NULL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0 && gtk_text_iter_get_char (&end) != '\n')
    {
      gtk_text_iter_backward_char (&end);
      if (gtk_text_iter_get_char (&end) != '\n')
        {
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert (buffer, &end, "\n", 1);
        }
    }
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, line, -1);
}

/**
 * ac_wrap_up_form_ask_for_disposition:
 * @self: an #AcWrapUpForm
 *
 * The agent tried to finish without a disposition the team requires:
 * the row is marked, says so, and takes the keyboard focus.
 */
void
ac_wrap_up_form_ask_for_disposition (AcWrapUpForm *self)
{
  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));

  gtk_widget_add_css_class (GTK_WIDGET (self->dispositions_group), "error");
  adw_preferences_group_set_description (self->dispositions_group,
                                         _("Choose how the call ended before the next call"));
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/**
 * ac_wrap_up_form_set_time_left:
 * @self: an #AcWrapUpForm
 * @seconds: the seconds of After-Call Work left before it times out, or
 *   -1 for no time limit
 * @timeout_code: (nullable): the disposition code the call gets then
 *
 * Shows how long the agent has left, and what the call is closed with if
 * the time runs out without a disposition.
 */
void
ac_wrap_up_form_set_time_left (AcWrapUpForm *self,
                               gint64        seconds,
                               const char   *timeout_code)
{
  g_autofree char *left = NULL;
  g_autofree char *text = NULL;
  const char *label = timeout_code;

  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));

  gtk_widget_set_visible (GTK_WIDGET (self->time_left_label), seconds >= 0);
  if (seconds < 0)
    return;

  for (guint i = 0; self->dispositions != NULL && i < self->dispositions->len; i++)
    {
      char **pair = self->dispositions->pdata[i];

      if (g_strcmp0 (pair[0], timeout_code) == 0)
        label = pair[1];
    }
  label = ac_disposition_display (timeout_code, label);

  left = ac_format_duration (seconds * 1000);
  /* Translators: %s is a time such as “1:30”, then a disposition such as
   * “Not classified” */
  text = g_strdup_printf (_("After-Call Work ends by itself in %s; a call with no disposition is closed as “%s”"),
                          left, label != NULL ? label : "");
  gtk_label_set_label (self->time_left_label, text);
}

/**
 * ac_wrap_up_form_set_summary:
 * @self: an #AcWrapUpForm
 * @text: the call's summary as lines of notes
 *
 * Puts @text after what the notes hold (or in place of the summary put
 * there before), where a summary offered later
 * (ac_wrap_up_form_offer_summary()) may take its place.
 */
void
ac_wrap_up_form_set_summary (AcWrapUpForm *self,
                             const char   *text)
{
  g_autofree char *line = NULL;

  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));
  g_return_if_fail (text != NULL);

  line = g_str_has_suffix (text, "\n") ? g_strdup (text) : g_strconcat (text, "\n", NULL);
  if (self->summary_text == NULL)
    {
      /* after what is in the notes already, on a line of its own */
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (!gtk_text_iter_is_start (&end) && !gtk_text_iter_starts_line (&end))
        {
          gtk_text_buffer_insert (buffer, &end, "\n", 1);
          gtk_text_buffer_get_end_iter (buffer, &end);
        }
      gtk_text_buffer_move_mark (buffer, self->summary_start, &end);
      gtk_text_buffer_move_mark (buffer, self->summary_end, &end);
    }
  put_summary (self, line);
}

/**
 * ac_wrap_up_form_offer_summary:
 * @self: an #AcWrapUpForm
 * @text: a better summary, such as an AI provider's
 *
 * Puts @text in place of the summary in the notes, unless the agent has
 * edited it: then their words stay, and a _Use It_ button offers @text.
 *
 * Returns: whether @text is in the notes now
 */
gboolean
ac_wrap_up_form_offer_summary (AcWrapUpForm *self,
                               const char   *text)
{
  g_autofree char *now = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (AC_IS_WRAP_UP_FORM (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  line = g_str_has_suffix (text, "\n") ? g_strdup (text) : g_strconcat (text, "\n", NULL);
  now = summary_in_notes (self);
  if (g_strcmp0 (now, self->summary_text != NULL ? self->summary_text : "") == 0)
    {
      put_summary (self, line);
      return TRUE;
    }
  g_free (self->pending_summary);
  self->pending_summary = g_steal_pointer (&line);
  return FALSE;
}

/**
 * ac_wrap_up_form_set_assist:
 * @self: an #AcWrapUpForm
 * @state: what the AI provider is doing for the wrap-up
 * @text: (nullable): what to tell the agent about it
 *
 * Shows the provider's progress under the notes: working (a spinner and
 * _Stop_, which activates `win.stop-summary`), done (and _Use It_ when a
 * summary waits for the agent's edited notes), or failed (a warning: the
 * notes are this computer's).
 */
void
ac_wrap_up_form_set_assist (AcWrapUpForm   *self,
                            AcWrapUpAssist  state,
                            const char     *text)
{
  g_return_if_fail (AC_IS_WRAP_UP_FORM (self));

  gtk_widget_set_visible (self->assist_box, state != AC_WRAP_UP_ASSIST_NONE);
  gtk_widget_set_visible (self->assist_spinner, state == AC_WRAP_UP_ASSIST_WORKING);
  gtk_spinner_set_spinning (GTK_SPINNER (self->assist_spinner), state == AC_WRAP_UP_ASSIST_WORKING);
  gtk_widget_set_visible (self->assist_stop, state == AC_WRAP_UP_ASSIST_WORKING);
  gtk_widget_set_visible (self->assist_icon, state == AC_WRAP_UP_ASSIST_FAILED);
  gtk_widget_set_visible (self->assist_use, state == AC_WRAP_UP_ASSIST_DONE && self->pending_summary != NULL);
  gtk_label_set_label (self->assist_label, text != NULL ? text : "");
}
