/* ac-audit-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-audit-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ac-audit-window.h"
#include "ac-redactor.h"

/* The audit trail, read-only: the newest lines first, each what was done,
 * by whom, when and to what.  Nothing here can change it (the store's
 * triggers would refuse anyway). */

#define AUDIT_LIMIT 1000

/**
 * ac_audit_action_describe:
 * @action: an audit trail action (see [struct@AuditEntry])
 *
 * Returns: what it was, in words, translated
 */
const char *
ac_audit_action_describe (const char *action)
{
  static const struct { const char *action; const char *words; } words[] = {
    { "export", N_("Exported a transcript") },
    { "play-recording", N_("Played a recording") },
    { "purge", N_("Deleted calls past their retention") },
    { "redaction-off", N_("Turned redaction off") },
    { "redaction-on", N_("Turned redaction back on") },
    { "sign-in", N_("Signed in") },
    { "sign-out", N_("Signed out") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (action, words[i].action) == 0)
      return _(words[i].words);
  return action;
}

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* Translators: when an audited action happened; see g_date_time_format() */
  return local != NULL ? g_date_time_format (local, _("%Y-%m-%d %H:%M:%S")) : g_strdup (iso);
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkListBox) list = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ac_store_list_audit_finish (AC_STORE (object), result, &error);
  GtkWidget *placeholder;

  if (entries == NULL)
    {
      placeholder = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
      gtk_list_box_set_placeholder (list, placeholder);
      return;
    }

  placeholder = gtk_label_new (_("Nothing audited yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (list, placeholder);

  for (guint i = 0; i < entries->len; i++)
    {
      AcAuditEntry *entry = entries->pdata[i];
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *when = local_time (entry->at);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      AcRedactionCategory category;
      const char *subject = entry->subject;

      /* A category by its name, a call or file as it is */
      if ((g_strcmp0 (entry->action, "redaction-off") == 0 || g_strcmp0 (entry->action, "redaction-on") == 0) &&
          ac_redaction_category_from_string (subject, &category))
        subject = ac_redaction_category_get_label (category);

      title = subject != NULL && subject[0] != '\0'
        /* Translators: an audit line: “Played a recording: 3f2a…” */
        ? g_strdup_printf (_("%s: %s"), ac_audit_action_describe (entry->action), subject)
        : g_strdup (ac_audit_action_describe (entry->action));
      /* Translators: who and when, then any detail: “agent@example.com · 2026-12-05 10:02:11 · as JSON” */
      subtitle = entry->detail != NULL
        ? g_strdup_printf (_("%s · %s · %s"), entry->actor, when, entry->detail)
        : g_strdup_printf (_("%s · %s"), entry->actor, when);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 3);
      gtk_list_box_append (list, GTK_WIDGET (row));
    }
}

/**
 * ac_audit_window_new:
 * @store: (nullable): the call database, or %NULL if it could not be opened
 *
 * Returns: (transfer floating): a window listing the audit trail, the
 *   newest 1,000 lines
 */
GtkWindow *
ac_audit_window_new (AcStore *store)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Audit Trail"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);
  gtk_widget_set_name (window, "audit-trail");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Audit trail"), -1);

  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  if (store != NULL)
    ac_store_list_audit_async (store, AUDIT_LIMIT, NULL, on_listed, g_object_ref (list));
  else
    gtk_list_box_set_placeholder (GTK_LIST_BOX (list),
                                  gtk_label_new (_("The call database could not be opened: nothing to show")));

  return GTK_WINDOW (window);
}
