/* ac-suggestions-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-suggestions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-knowledge.h"
#include "ac-suggestions-panel.h"

/**
 * AcSuggestionsPanel:
 *
 * The sidebar's Suggestions page: at most three knowledge-base articles
 * for what the customer is saying, each a card with its title, the passage
 * that matched (the matched words in bold) and why it was suggested, and
 * buttons to open the article, copy the passage, or say whether it helped.
 *
 * Signals: [signal@SuggestionsPanel::open] and
 * [signal@SuggestionsPanel::feedback]; the window does the rest.
 */

struct _AcSuggestionsPanel
{
  GtkWidget   parent_instance;

  GtkBox     *box;
  GtkWidget  *reply_card;
  GtkWidget  *reply_spinner;
  GtkLabel   *reply_label;
  GtkLabel   *reply_note;
  GtkWidget  *reply_copy;
  GtkWidget  *service_card;
  GtkLabel   *service_facts;
  GtkBox     *service_replies;
  GtkLabel   *service_note;
  GtkStack   *stack;
  GtkBox     *cards;
  AdwStatusPage *empty;
  guint       n_shown;
};

G_DEFINE_FINAL_TYPE (AcSuggestionsPanel, ac_suggestions_panel, GTK_TYPE_WIDGET)

enum {
  OPEN,
  FEEDBACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The passage as Pango markup: escaped, the matched words in bold. */
static char *
markup_of (const char *highlighted)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = highlighted;

  while (*p != '\0')
    {
      const char *mark = strpbrk (p, "\x01\x02");
      g_autofree char *escaped = g_markup_escape_text (p, mark != NULL ? mark - p : -1);

      g_string_append (markup, escaped);
      if (mark == NULL)
        break;
      g_string_append (markup, *mark == '\x01' ? "<b>" : "</b>");
      p = mark + 1;
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
on_open (GtkButton          *button,
         AcSuggestionsPanel *self)
{
  g_signal_emit (self, signals[OPEN], 0, g_object_get_data (G_OBJECT (button), "article"));
}

static void
on_copy (GtkButton          *button,
         AcSuggestionsPanel *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          g_object_get_data (G_OBJECT (button), "passage"));
  gtk_button_set_label (button, _("Copied"));
}

static void
on_feedback (GtkButton          *button,
             AcSuggestionsPanel *self)
{
  gboolean helpful = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "helpful")) == 1;
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));

  g_signal_emit (self, signals[FEEDBACK], 0, g_object_get_data (G_OBJECT (button), "article"), helpful);
  /* once per suggestion: the buttons give way to a word of thanks */
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), "helpful") != NULL)
      gtk_widget_set_sensitive (child, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Thank you: suggestions learn from it"), -1);
}

static GtkWidget *
small_button (const char         *label,
              const char         *icon,
              AcSuggestionsPanel *self,
              GCallback           callback)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  if (icon != NULL)
    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "small");
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
card_new (AcSuggestionsPanel *self,
          AcSuggestion       *suggestion)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (suggestion->title);
  GtkWidget *heading = suggestion->heading != NULL ? gtk_label_new (suggestion->heading) : NULL;
  g_autofree char *markup = markup_of (suggestion->highlighted != NULL ? suggestion->highlighted
                                                                       : suggestion->passage);
  GtkWidget *passage = gtk_label_new (NULL);
  g_autofree char *why_text = NULL;
  GtkWidget *why;
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *open = small_button (_("_Open"), "document-open-symbolic", self, G_CALLBACK (on_open));
  GtkWidget *copy = small_button (_("_Copy"), "edit-copy-symbolic", self, G_CALLBACK (on_copy));
  GtkWidget *yes = small_button (_("Helpful"), "emblem-ok-symbolic", self, G_CALLBACK (on_feedback));
  GtkWidget *no = small_button (_("Not Helpful"), "window-close-symbolic", self, G_CALLBACK (on_feedback));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "suggestion");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (card), title);
  if (heading != NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "caption");
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_box_append (GTK_BOX (card), heading);
    }
  gtk_label_set_markup (GTK_LABEL (passage), markup);
  gtk_label_set_xalign (GTK_LABEL (passage), 0);
  gtk_label_set_wrap (GTK_LABEL (passage), TRUE);
  gtk_label_set_selectable (GTK_LABEL (passage), TRUE);
  gtk_box_append (GTK_BOX (card), passage);
  if (suggestion->why != NULL && suggestion->why[0] != '\0')
    {
      /* Translators: why an article was suggested: the words that matched */
      why_text = g_strdup_printf (_("Suggested for: %s"), suggestion->why);
      why = gtk_label_new (why_text);
      gtk_label_set_xalign (GTK_LABEL (why), 0);
      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_widget_add_css_class (why, "caption");
      gtk_widget_add_css_class (why, "dim-label");
      gtk_box_append (GTK_BOX (card), why);
    }

  for (GtkWidget *b = open; b != NULL; b = b == open ? copy : b == copy ? yes : b == yes ? no : NULL)
    {
      g_object_set_data_full (G_OBJECT (b), "article", g_strdup (suggestion->article), g_free);
      gtk_box_append (GTK_BOX (actions), b);
    }
  g_object_set_data_full (G_OBJECT (copy), "passage", g_strdup (suggestion->passage), g_free);
  /* 1 helpful, 2 not (never 0: the buttons are found by it) */
  g_object_set_data (G_OBJECT (yes), "helpful", GINT_TO_POINTER (1));
  g_object_set_data (G_OBJECT (no), "helpful", GINT_TO_POINTER (2));
  gtk_widget_set_tooltip_text (yes, _("This helped: suggest it more often"));
  gtk_widget_set_tooltip_text (no, _("This did not help: suggest it less often"));
  gtk_box_append (GTK_BOX (card), actions);
  return card;
}

static void
on_reply_copy (GtkButton          *button,
               AcSuggestionsPanel *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), gtk_label_get_text (self->reply_label));
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (button)), _("Copied"));
}

/* The AI provider's reply, above the articles; hidden without one. */
static void
reply_card_init (AcSuggestionsPanel *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Suggested Reply"));

  self->reply_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_name (self->reply_card, "suggested-reply");
  gtk_widget_add_css_class (self->reply_card, "card");
  gtk_widget_add_css_class (self->reply_card, "suggestion");
  gtk_widget_set_margin_start (self->reply_card, 6);
  gtk_widget_set_margin_end (self->reply_card, 6);
  gtk_widget_set_visible (self->reply_card, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reply_card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Suggested Reply"), -1);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  self->reply_spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), self->reply_spinner);
  gtk_box_append (GTK_BOX (self->reply_card), top);

  self->reply_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->reply_label), "suggested-reply-text");
  gtk_label_set_xalign (self->reply_label, 0);
  gtk_label_set_wrap (self->reply_label, TRUE);
  gtk_label_set_selectable (self->reply_label, TRUE);
  gtk_box_append (GTK_BOX (self->reply_card), GTK_WIDGET (self->reply_label));

  self->reply_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->reply_note, 0);
  gtk_label_set_wrap (self->reply_note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->reply_note), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->reply_note), "dim-label");
  gtk_box_append (GTK_BOX (self->reply_card), GTK_WIDGET (self->reply_note));

  self->reply_copy = small_button (_("_Copy"), "edit-copy-symbolic", self, G_CALLBACK (on_reply_copy));
  gtk_widget_set_halign (self->reply_copy, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (self->reply_card), self->reply_copy);
}

/* The support service's answer, below the AI provider's reply. */
static void
service_card_init (AcSuggestionsPanel *self)
{
  GtkWidget *title = gtk_label_new (_("Support Service"));

  self->service_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_name (self->service_card, "support-service");
  gtk_widget_add_css_class (self->service_card, "card");
  gtk_widget_add_css_class (self->service_card, "suggestion");
  gtk_widget_set_margin_start (self->service_card, 6);
  gtk_widget_set_margin_end (self->service_card, 6);
  gtk_widget_set_visible (self->service_card, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->service_card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Support Service"), -1);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (self->service_card), title);

  self->service_facts = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->service_facts, 0);
  gtk_label_set_wrap (self->service_facts, TRUE);
  gtk_box_append (GTK_BOX (self->service_card), GTK_WIDGET (self->service_facts));

  self->service_replies = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_box_append (GTK_BOX (self->service_card), GTK_WIDGET (self->service_replies));

  self->service_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->service_note, 0);
  gtk_label_set_wrap (self->service_note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->service_note), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->service_note), "dim-label");
  gtk_box_append (GTK_BOX (self->service_card), GTK_WIDGET (self->service_note));
}

static void
on_service_copy (GtkButton          *button,
                 AcSuggestionsPanel *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          g_object_get_data (G_OBJECT (button), "reply"));
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (button)), _("Copied"));
}

static void
ac_suggestions_panel_dispose (GObject *object)
{
  AcSuggestionsPanel *self = AC_SUGGESTIONS_PANEL (object);

  gtk_widget_unparent (GTK_WIDGET (self->box));

  G_OBJECT_CLASS (ac_suggestions_panel_parent_class)->dispose (object);
}

static void
ac_suggestions_panel_class_init (AcSuggestionsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_suggestions_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "suggestionspanel");

  /**
   * AcSuggestionsPanel::open:
   * @self: the panel
   * @article: the article's file name
   *
   * The agent wants to read the whole article.
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AcSuggestionsPanel::feedback:
   * @self: the panel
   * @article: the article's file name
   * @helpful: whether it helped
   *
   * The agent marked a suggestion.
   */
  signals[FEEDBACK] =
    g_signal_new ("feedback", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
ac_suggestions_panel_init (AcSuggestionsPanel *self)
{
  GtkWidget *scroll = gtk_scrolled_window_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  self->cards = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  gtk_widget_set_name (GTK_WIDGET (self->cards), "suggestions");
  gtk_widget_set_margin_start (GTK_WIDGET (self->cards), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->cards), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->cards), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cards), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Suggestions"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->cards));
  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "dialog-information-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->empty), "compact");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");
  gtk_stack_add_named (self->stack, scroll, "cards");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  reply_card_init (self);
  service_card_init (self);
  gtk_box_append (self->box, self->reply_card);
  gtk_box_append (self->box, self->service_card);
  gtk_box_append (self->box, GTK_WIDGET (self->stack));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
  ac_suggestions_panel_set_state (self, AC_SUGGESTIONS_WAITING);
}

/**
 * ac_suggestions_panel_new:
 *
 * Returns: (transfer floating): an empty Suggestions page
 */
GtkWidget *
ac_suggestions_panel_new (void)
{
  return g_object_new (AC_TYPE_SUGGESTIONS_PANEL, NULL);
}

/**
 * ac_suggestions_panel_set_suggestions:
 * @self: a #AcSuggestionsPanel
 * @suggestions: (element-type AcSuggestion): the suggestions, best first
 *   (at most three are shown)
 */
void
ac_suggestions_panel_set_suggestions (AcSuggestionsPanel *self,
                                      GPtrArray          *suggestions)
{
  GtkWidget *child;

  g_return_if_fail (AC_IS_SUGGESTIONS_PANEL (self));
  g_return_if_fail (suggestions != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards))) != NULL)
    gtk_box_remove (self->cards, child);
  self->n_shown = MIN (suggestions->len, 3);
  for (guint i = 0; i < self->n_shown; i++)
    gtk_box_append (self->cards, card_new (self, suggestions->pdata[i]));
  ac_suggestions_panel_set_state (self, AC_SUGGESTIONS_SHOWN);
}

/**
 * ac_suggestions_panel_set_state:
 * @self: a #AcSuggestionsPanel
 * @state: what to say when no suggestion is shown
 */
void
ac_suggestions_panel_set_state (AcSuggestionsPanel *self,
                                AcSuggestionsState  state)
{
  g_return_if_fail (AC_IS_SUGGESTIONS_PANEL (self));

  if (state == AC_SUGGESTIONS_SHOWN && self->n_shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "cards");
      return;
    }
  switch (state)
    {
    case AC_SUGGESTIONS_NO_KNOWLEDGE:
      adw_status_page_set_title (self->empty, _("No Knowledge Base"));
      adw_status_page_set_description (self->empty,
                                       _("Import your team’s articles with agent-console --import-knowledge FOLDER"));
      break;
    case AC_SUGGESTIONS_SHOWN:
      adw_status_page_set_title (self->empty, _("No Matching Articles"));
      adw_status_page_set_description (self->empty, _("Nothing in the knowledge base matches what was said yet"));
      break;
    case AC_SUGGESTIONS_WAITING:
    default:
      self->n_shown = 0;
      adw_status_page_set_title (self->empty, _("Suggestions"));
      adw_status_page_set_description (self->empty, _("Articles that may help appear here as the customer speaks"));
      break;
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * ac_suggestions_panel_get_n_shown:
 * @self: a #AcSuggestionsPanel
 *
 * Returns: how many suggestions are shown
 */
guint
ac_suggestions_panel_get_n_shown (AcSuggestionsPanel *self)
{
  g_return_val_if_fail (AC_IS_SUGGESTIONS_PANEL (self), 0);
  return self->n_shown;
}

/**
 * ac_suggestions_panel_set_reply:
 * @self: a #AcSuggestionsPanel
 * @text: (nullable): the reply so far, or %NULL for none
 * @working: whether more of it is coming
 * @note: (nullable): where it comes from, or why there is none (an error)
 *
 * Shows the AI provider's suggested reply above the articles, with a
 * button to copy it; hidden when there is no @text, no @note and nothing
 * is coming.
 */
void
ac_suggestions_panel_set_reply (AcSuggestionsPanel *self,
                                const char         *text,
                                gboolean            working,
                                const char         *note)
{
  g_return_if_fail (AC_IS_SUGGESTIONS_PANEL (self));

  gtk_widget_set_visible (self->reply_card, text != NULL || working || note != NULL);
  gtk_label_set_text (self->reply_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reply_label), text != NULL && text[0] != '\0');
  gtk_label_set_text (self->reply_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reply_note), note != NULL);
  gtk_widget_set_visible (self->reply_spinner, working);
  gtk_spinner_set_spinning (GTK_SPINNER (self->reply_spinner), working);
  gtk_widget_set_visible (self->reply_copy, !working && text != NULL && text[0] != '\0');
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (self->reply_copy))), _("_Copy"));
}

/**
 * ac_suggestions_panel_set_service:
 * @self: a #AcSuggestionsPanel
 * @category: (nullable): the request's category, as the service names it
 * @route: (nullable): the channel it recommends, such as `co-browse`
 * @route_why: (nullable): why
 * @replies: (array zero-terminated=1) (nullable): the replies it suggests
 * @note: (nullable): where they come from, or why there are none
 *
 * Shows the support service's answer (seed 004) in a card of its own,
 * marked as the service's, each reply with a button to copy it; hidden
 * when there is nothing to show.
 */
void
ac_suggestions_panel_set_service (AcSuggestionsPanel *self,
                                  const char         *category,
                                  const char         *route,
                                  const char         *route_why,
                                  const char * const *replies,
                                  const char         *note)
{
  g_autoptr(GString) facts = g_string_new (NULL);
  GtkWidget *child;
  gboolean any_reply = replies != NULL && replies[0] != NULL;

  g_return_if_fail (AC_IS_SUGGESTIONS_PANEL (self));

  if (category != NULL)
    /* Translators: the support service's category of the request, such as “technical” */
    g_string_append_printf (facts, _("Category: %s"), category);
  if (route != NULL)
    {
      if (facts->len > 0)
        g_string_append_c (facts, '\n');
      /* Translators: the channel the support service recommends, such as “co-browse”, and why */
      g_string_append_printf (facts, _("Recommended route: %s"), route);
      if (route_why != NULL)
        g_string_append_printf (facts, " — %s", route_why);
    }
  gtk_label_set_text (self->service_facts, facts->str);
  gtk_widget_set_visible (GTK_WIDGET (self->service_facts), facts->len > 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->service_replies))) != NULL)
    gtk_box_remove (self->service_replies, child);
  for (guint i = 0; any_reply && replies[i] != NULL && i < 3; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (replies[i]);
      GtkWidget *copy = small_button (_("_Copy"), "edit-copy-symbolic", self, G_CALLBACK (on_service_copy));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      g_object_set_data_full (G_OBJECT (copy), "reply", g_strdup (replies[i]), g_free);
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), copy);
      gtk_box_append (self->service_replies, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->service_replies), any_reply);
  gtk_label_set_text (self->service_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->service_note), note != NULL);
  gtk_widget_set_visible (self->service_card, facts->len > 0 || any_reply || note != NULL);
}
