/* ac-customer-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ac-conversation.h"
#include "ac-customer.h"
#include "ac-ticket.h"

G_BEGIN_DECLS

#define AC_TYPE_CUSTOMER_PANEL (ac_customer_panel_get_type ())

G_DECLARE_FINAL_TYPE (AcCustomerPanel, ac_customer_panel, AC, CUSTOMER_PANEL, GtkWidget)

GtkWidget  *ac_customer_panel_new          (void);
void        ac_customer_panel_set_results  (AcCustomerPanel *self,
                                            GListModel      *customers,
                                            const char      *caller_number);
void        ac_customer_panel_show_customer (AcCustomerPanel *self,
                                             AcCustomer      *customer);
void             ac_customer_panel_clear         (AcCustomerPanel *self);
AcCustomer *ac_customer_panel_get_customer (AcCustomerPanel *self);
const char *ac_customer_panel_get_page     (AcCustomerPanel *self);
void        ac_customer_panel_show_create_error (AcCustomerPanel *self,
                                                 const GError    *error);
void        ac_customer_panel_show_notes_error (AcCustomerPanel *self,
                                                const GError    *error);
void        ac_customer_panel_set_activity (AcCustomerPanel *self,
                                            const char      *customer_id,
                                            GListModel      *calls,
                                            GListModel      *tickets);

G_END_DECLS
