/* ac-customer-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-sync.h"
#include "ac-store.h"

G_BEGIN_DECLS

#define AC_TYPE_CUSTOMER_SEARCH (ac_customer_search_get_type ())

G_DECLARE_FINAL_TYPE (AcCustomerSearch, ac_customer_search, AC, CUSTOMER_SEARCH, GObject)

AcCustomerSearch *ac_customer_search_new              (void);
void              ac_customer_search_set_store        (AcCustomerSearch    *self,
                                                       AcStore             *store);
void              ac_customer_search_set_backend_sync (AcCustomerSearch    *self,
                                                       AcBackendSync       *sync);
void              ac_customer_search_run_async        (AcCustomerSearch    *self,
                                                       const char          *text,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GListModel       *ac_customer_search_run_finish       (AcCustomerSearch    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
