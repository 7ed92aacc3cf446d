/* ac-ticket-desk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-sync.h"
#include "ac-store.h"

G_BEGIN_DECLS

#define AC_TYPE_TICKET_DESK (ac_ticket_desk_get_type ())

G_DECLARE_FINAL_TYPE (AcTicketDesk, ac_ticket_desk, AC, TICKET_DESK, GObject)

AcTicketDesk *ac_ticket_desk_new              (void);
void          ac_ticket_desk_set_store        (AcTicketDesk        *self,
                                               AcStore             *store);
void          ac_ticket_desk_set_backend_sync (AcTicketDesk        *self,
                                               AcBackendSync       *sync);
void          ac_ticket_desk_file_async       (AcTicketDesk        *self,
                                               GHashTable          *fields,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
AcTicket     *ac_ticket_desk_file_finish      (AcTicketDesk        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

void          ac_ticket_desk_list_async       (AcTicketDesk        *self,
                                               const char          *status,
                                               const char          *priority,
                                               const char          *customer_id,
                                               const char          *text,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GListModel   *ac_ticket_desk_list_finish      (AcTicketDesk        *self,
                                               GAsyncResult        *result,
                                               GListModel         **remote,
                                               GError             **server_error,
                                               GError             **error);
GListModel   *ac_ticket_desk_merge            (AcTicketDesk        *self,
                                               GListModel          *local,
                                               GListModel          *remote,
                                               GHashTable          *names,
                                               GHashTable          *local_only);

G_END_DECLS
