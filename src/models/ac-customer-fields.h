/* ac-customer-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AcCustomerColumnKind:
 * @AC_CUSTOMER_COLUMN_REQUIRED: every customer has it
 * @AC_CUSTOMER_COLUMN_OPTIONAL: may be left out
 * @AC_CUSTOMER_COLUMN_IGNORED: accepted in a file, never stored (the
 *   backend's own bookkeeping)
 *
 * What a column of customers is to a file or a form.
 */
typedef enum
{
  AC_CUSTOMER_COLUMN_REQUIRED,
  AC_CUSTOMER_COLUMN_OPTIONAL,
  AC_CUSTOMER_COLUMN_IGNORED,
} AcCustomerColumnKind;

const char *ac_customer_column_lookup        (const char           *name,
                                              AcCustomerColumnKind *kind);
GPtrArray  *ac_customer_list_required_columns (void);
char       *ac_customer_check_value          (const char           *column,
                                              const char           *value);
char       *ac_customer_check_fields         (GHashTable           *fields,
                                              const char          **column);

G_END_DECLS
