/* ac-wrap-up-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

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
void        ac_wrap_up_form_set_time_left     (AcWrapUpForm *self,
                                               gint64        seconds,
                                               const char   *timeout_code);

G_END_DECLS
