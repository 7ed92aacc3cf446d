/* ac-window-assist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-knowledge.h"
#include "ac-types.h"
#include "ac-window-private.h"

/* Agent assist in the main window: the Suggestions page follows what the
 * customer says.  A final customer utterance starts a 250 ms wait (Amazon
 * Connect's quick responses wait as long), so a burst of finals makes one
 * search; the search reads the customer's last three finals (already
 * masked: the transcript only holds redacted text) and asks the store for
 * the three articles that best answer them. */

#define SUGGEST_DEBOUNCE_MS 250
#define SUGGEST_WINDOW 3

static void
on_suggested (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = ac_store_suggest_finish (AC_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (suggestions == NULL)
    {
      g_debug ("No suggestions: %s", error->message);
      ac_suggestions_panel_set_state (self->suggestions_panel, AC_SUGGESTIONS_NO_KNOWLEDGE);
      return;
    }
  ac_suggestions_panel_set_suggestions (self->suggestions_panel, suggestions);
}

static gboolean
on_debounced (gpointer user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GPtrArray) said = g_ptr_array_new ();
  g_autofree char *query = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  guint finals = 0;

  self->suggest_source = 0;

  /* the customer's last finals, oldest first */
  for (guint i = n; i > 0 && said->len < SUGGEST_WINDOW; i--)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (G_LIST_MODEL (self->transcript), i - 1);

      if (ac_utterance_get_is_final (utterance) &&
          ac_utterance_get_channel (utterance) == AC_AUDIO_CHANNEL_CUSTOMER)
        {
          g_ptr_array_insert (said, 0, (gpointer) ac_utterance_get_text (utterance));
          finals++;
        }
    }
  if (finals == 0)
    return G_SOURCE_REMOVE;
  g_ptr_array_add (said, NULL);
  query = ac_knowledge_query ((const char * const *) said->pdata);
  if (query == NULL)
    return G_SOURCE_REMOVE;
  if (self->store == NULL)
    {
      ac_suggestions_panel_set_state (self->suggestions_panel, AC_SUGGESTIONS_NO_KNOWLEDGE);
      return G_SOURCE_REMOVE;
    }

  if (self->suggest_cancellable != NULL)
    g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  self->suggest_cancellable = g_cancellable_new ();
  ac_store_suggest_async (self->store, query, 3, self->suggest_cancellable, on_suggested, self);
  return G_SOURCE_REMOVE;
}

/**
 * _ac_window_assist_heard:
 * @self: the window
 *
 * The transcript grew: search again once the customer pauses.
 */
void
_ac_window_assist_heard (AcWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  g_autoptr(AcUtterance) last = n > 0 ? g_list_model_get_item (G_LIST_MODEL (self->transcript), n - 1) : NULL;

  if (last == NULL || ac_utterance_get_channel (last) != AC_AUDIO_CHANNEL_CUSTOMER ||
      !ac_utterance_get_is_final (last))
    return;
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  self->suggest_source = g_timeout_add (SUGGEST_DEBOUNCE_MS, on_debounced, self);
}

/**
 * _ac_window_assist_reset:
 * @self: the window
 *
 * A new call: nothing suggested yet.
 */
void
_ac_window_assist_reset (AcWindow *self)
{
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  if (self->suggest_cancellable != NULL)
    g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  ac_suggestions_panel_set_state (self->suggestions_panel, AC_SUGGESTIONS_WAITING);
}

/* The whole article, to read it. */
static void
on_article (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) passages = ac_store_get_article_finish (AC_STORE (object), result, &title, &error);
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *window, *box, *header, *scroll, *label;
  const char *heading = NULL;

  if (passages == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < passages->len; i++)
    {
      AcKnowledgePassage *passage = passages->pdata[i];
      g_autofree char *text = g_markup_escape_text (passage->text, -1);

      if (passage->heading != NULL && g_strcmp0 (passage->heading, heading) != 0)
        {
          g_autofree char *escaped = g_markup_escape_text (passage->heading, -1);

          g_string_append_printf (markup, "%s<b>%s</b>\n", markup->len > 0 ? "\n" : "", escaped);
          heading = passage->heading;
        }
      g_string_append_printf (markup, "%s\n", text);
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 560);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, _("Knowledge base")));
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 18);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), label);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroll);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_open (AcWindow   *self,
         const char *article)
{
  if (self->store != NULL)
    ac_store_get_article_async (self->store, article, NULL, on_article, g_object_ref (self));
}

static void
on_feedback_kept (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ac_store_add_knowledge_feedback_finish (AC_STORE (object), result, &error))
    g_warning ("%s", error->message);
}

static void
on_feedback (AcWindow   *self,
             const char *article,
             gboolean    helpful)
{
  if (self->store != NULL)
    ac_store_add_knowledge_feedback_async (self->store, article, helpful, NULL, on_feedback_kept, NULL);
}

void
_ac_window_assist_init (AcWindow *self)
{
  g_signal_connect_object (self->suggestions_panel, "open", G_CALLBACK (on_open), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->suggestions_panel, "feedback", G_CALLBACK (on_feedback), self,
                           G_CONNECT_SWAPPED);
}

void
_ac_window_assist_dispose (AcWindow *self)
{
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  if (self->suggest_cancellable != NULL)
    g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
}
