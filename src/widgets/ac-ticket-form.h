/* ac-ticket-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ac-settings.h"
#include "ac-ticket.h"

G_BEGIN_DECLS

#define AC_TYPE_TICKET_FORM (ac_ticket_form_get_type ())

G_DECLARE_FINAL_TYPE (AcTicketForm, ac_ticket_form, AC, TICKET_FORM, GtkWidget)

GtkWidget  *ac_ticket_form_new          (void);
void        ac_ticket_form_set_settings (AcTicketForm *self,
                                         AcSettings   *settings);
void        ac_ticket_form_start        (AcTicketForm *self,
                                         GHashTable   *draft,
                                         const char   *customer_id,
                                         const char   *customer_name,
                                         const char   *conversation_id);
void        ac_ticket_form_reset       (AcTicketForm *self);
gboolean    ac_ticket_form_get_editing  (AcTicketForm *self);
GHashTable *ac_ticket_form_get_fields   (AcTicketForm *self);
void        ac_ticket_form_show_filed   (AcTicketForm *self,
                                         AcTicket     *ticket);
void        ac_ticket_form_show_error   (AcTicketForm *self,
                                         const GError *error);
const char *ac_ticket_form_get_page     (AcTicketForm *self);
gboolean    ac_ticket_form_offer_description (AcTicketForm *self,
                                              const char   *description,
                                              const char   *note);

G_END_DECLS
