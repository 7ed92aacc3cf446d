/* ac-tickets-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-backend-sync.h"
#include "ac-store.h"

G_BEGIN_DECLS

#define AC_TYPE_TICKETS_WINDOW (ac_tickets_window_get_type ())

G_DECLARE_FINAL_TYPE (AcTicketsWindow, ac_tickets_window, AC, TICKETS_WINDOW, AdwWindow)

AcTicketsWindow *ac_tickets_window_new          (AcStore         *store);
void             ac_tickets_window_set_customer (AcTicketsWindow *self,
                                                 const char      *customer_id,
                                                 const char      *customer_name);
void             ac_tickets_window_set_backend_sync (AcTicketsWindow *self,
                                                 AcBackendSync   *sync);
void             ac_tickets_window_reload       (AcTicketsWindow *self);
void             ac_tickets_window_select       (AcTicketsWindow *self,
                                                 const char      *ticket_id);
GListModel      *ac_tickets_window_get_tickets  (AcTicketsWindow *self);
AcTicket        *ac_tickets_window_get_selected (AcTicketsWindow *self);

G_END_DECLS
