/* ac-customer-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AC_TYPE_CUSTOMER_FORM (ac_customer_form_get_type ())

G_DECLARE_FINAL_TYPE (AcCustomerForm, ac_customer_form, AC, CUSTOMER_FORM, GtkWidget)

GtkWidget  *ac_customer_form_new        (void);
void        ac_customer_form_start      (AcCustomerForm *self,
                                         const char     *phone,
                                         const char     *name);
GHashTable *ac_customer_form_get_fields (AcCustomerForm *self);
void        ac_customer_form_show_error (AcCustomerForm *self,
                                         const GError   *error);

G_END_DECLS
