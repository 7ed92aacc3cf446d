/* ac-customer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-record.h"

G_BEGIN_DECLS

#define AC_TYPE_CUSTOMER (ac_customer_get_type ())

G_DECLARE_FINAL_TYPE (AcCustomer, ac_customer, AC, CUSTOMER, AcRecord)

AcCustomer *ac_customer_new                (GHashTable *fields);
const char *ac_customer_get_field          (AcCustomer *self,
                                            const char *column);
const char *ac_customer_get_id             (AcCustomer *self);
const char *ac_customer_get_name           (AcCustomer *self);
const char *ac_customer_get_account_number (AcCustomer *self);
char       *ac_customer_format_balance     (AcCustomer *self);

G_END_DECLS
