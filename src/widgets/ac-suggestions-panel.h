/* ac-suggestions-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * AcSuggestionsState:
 * @AC_SUGGESTIONS_WAITING: nothing said yet that names anything
 * @AC_SUGGESTIONS_SHOWN: suggestions are shown (or none matched)
 * @AC_SUGGESTIONS_NO_KNOWLEDGE: there is no knowledge base to suggest from
 *
 * What the Suggestions page says when it shows no suggestion.
 */
typedef enum
{
  AC_SUGGESTIONS_WAITING,
  AC_SUGGESTIONS_SHOWN,
  AC_SUGGESTIONS_NO_KNOWLEDGE,
} AcSuggestionsState;

#define AC_TYPE_SUGGESTIONS_PANEL (ac_suggestions_panel_get_type ())

G_DECLARE_FINAL_TYPE (AcSuggestionsPanel, ac_suggestions_panel, AC, SUGGESTIONS_PANEL, GtkWidget)

GtkWidget *ac_suggestions_panel_new             (void);
void       ac_suggestions_panel_set_suggestions (AcSuggestionsPanel *self,
                                                 GPtrArray          *suggestions);
void       ac_suggestions_panel_set_state       (AcSuggestionsPanel *self,
                                                 AcSuggestionsState  state);
void       ac_suggestions_panel_set_reply       (AcSuggestionsPanel *self,
                                                 const char         *text,
                                                 gboolean            working,
                                                 const char         *note);
void       ac_suggestions_panel_set_service     (AcSuggestionsPanel *self,
                                                 const char         *category,
                                                 const char         *route,
                                                 const char         *route_why,
                                                 const char * const *replies,
                                                 const char         *note);
guint      ac_suggestions_panel_get_n_shown     (AcSuggestionsPanel *self);

G_END_DECLS
