/* ac-wrap-up-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * AcWrapUpAssist:
 * @AC_WRAP_UP_ASSIST_NONE: no AI provider at work
 * @AC_WRAP_UP_ASSIST_WORKING: the provider is writing the summary
 * @AC_WRAP_UP_ASSIST_DONE: its summary is in (or offered)
 * @AC_WRAP_UP_ASSIST_FAILED: it failed; the notes are this computer's
 *
 * What the wrap-up says about the AI provider.
 */
typedef enum
{
  AC_WRAP_UP_ASSIST_NONE,
  AC_WRAP_UP_ASSIST_WORKING,
  AC_WRAP_UP_ASSIST_DONE,
  AC_WRAP_UP_ASSIST_FAILED,
} AcWrapUpAssist;

#define AC_TYPE_WRAP_UP_FORM (ac_wrap_up_form_get_type ())

G_DECLARE_FINAL_TYPE (AcWrapUpForm, ac_wrap_up_form, AC, WRAP_UP_FORM, GtkWidget)

GtkWidget  *ac_wrap_up_form_new               (void);
void        ac_wrap_up_form_set_dispositions  (AcWrapUpForm *self,
                                               GPtrArray    *dispositions);
void        ac_wrap_up_form_reset             (AcWrapUpForm *self);
void        ac_wrap_up_form_set_suggested     (AcWrapUpForm *self,
                                               const char   *code,
                                               const char   *why);
const char *ac_wrap_up_form_get_disposition   (AcWrapUpForm *self);
char       *ac_wrap_up_form_get_notes         (AcWrapUpForm *self);
void        ac_wrap_up_form_add_note          (AcWrapUpForm *self,
                                               const char   *line);
void        ac_wrap_up_form_ask_for_disposition (AcWrapUpForm *self);
void        ac_wrap_up_form_set_summary       (AcWrapUpForm *self,
                                               const char   *text);
gboolean    ac_wrap_up_form_offer_summary     (AcWrapUpForm *self,
                                               const char   *text);
void        ac_wrap_up_form_set_assist        (AcWrapUpForm   *self,
                                               AcWrapUpAssist  state,
                                               const char     *text);
void        ac_wrap_up_form_set_time_left     (AcWrapUpForm *self,
                                               gint64        seconds,
                                               const char   *timeout_code);

G_END_DECLS
