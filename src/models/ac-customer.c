/* ac-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-customer"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ac-customer.h"

/**
 * AcCustomer:
 *
 * A customer as the store or a backend gives it: the columns of the
 * backend contract's `customers` table (`id`, `name`, `email`, `phone`,
 * `account_number`, `account_type`, `balance` as decimal text,
 * `currency`, `status`, `join_date`, `risk_level`, `preferred_language`,
 * `last_transaction_date`, `kyc_status`, `notes`), as text.  Immutable.
 */
struct _AcCustomer
{
  AcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (AcCustomer, ac_customer, AC_TYPE_RECORD)

static void
ac_customer_class_init (AcCustomerClass *klass)
{
}

static void
ac_customer_init (AcCustomer *self)
{
}

/**
 * ac_customer_new:
 * @fields: (transfer none): column name → value, both strings
 *
 * Returns: (transfer full): a customer holding a copy of @fields
 */
AcCustomer *
ac_customer_new (GHashTable *fields)
{
  return ac_record_new (AC_TYPE_CUSTOMER, fields);
}

/**
 * ac_customer_get_field:
 * @self: an #AcCustomer
 * @column: a column of the contract's `customers` table
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if unknown
 */
const char *
ac_customer_get_field (AcCustomer *self,
                       const char *column)
{
  return ac_record_get_field (AC_RECORD (self), column);
}

/**
 * ac_customer_get_id:
 * @self: an #AcCustomer
 *
 * Returns: (transfer none): the id
 */
const char *
ac_customer_get_id (AcCustomer *self)
{
  return ac_record_get_id (AC_RECORD (self));
}

/**
 * ac_customer_get_name:
 * @self: an #AcCustomer
 *
 * Returns: (transfer none): the name
 */
const char *
ac_customer_get_name (AcCustomer *self)
{
  const char *name = ac_customer_get_field (self, "name");

  return name != NULL ? name : "";
}

/**
 * ac_customer_get_account_number:
 * @self: an #AcCustomer
 *
 * Returns: (transfer none): the account number
 */
const char *
ac_customer_get_account_number (AcCustomer *self)
{
  const char *account = ac_customer_get_field (self, "account_number");

  return account != NULL ? account : "";
}

/**
 * ac_customer_format_balance:
 * @self: an #AcCustomer
 *
 * The balance in the user's locale conventions with its currency code
 * (`1,234.56 USD`), from the exact decimal text — never through a
 * floating-point number, which would round cents.
 *
 * Returns: (transfer full): the balance for display
 */
char *
ac_customer_format_balance (AcCustomer *self)
{
  const char *balance = ac_customer_get_field (self, "balance");
  const char *currency = ac_customer_get_field (self, "currency");
  g_autoptr(GString) out = g_string_new (NULL);
  struct lconv *lc = localeconv ();
  const char *thousands = lc->thousands_sep != NULL && lc->thousands_sep[0] != '\0' ? lc->thousands_sep : ",";
  const char *point = lc->decimal_point != NULL && lc->decimal_point[0] != '\0' ? lc->decimal_point : ".";
  const char *digits, *dot;
  gsize int_len;

  g_return_val_if_fail (AC_IS_CUSTOMER (self), NULL);

  if (balance == NULL || balance[0] == '\0')
    balance = "0";

  digits = balance[0] == '-' ? balance + 1 : balance;
  dot = strchr (digits, '.');
  int_len = dot != NULL ? (gsize) (dot - digits) : strlen (digits);

  if (balance[0] == '-')
    g_string_append (out, "−");
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }

  /* Two decimals, as the contract's DECIMAL(15,2). */
  g_string_append (out, point);
  g_string_append_c (out, dot != NULL && dot[1] != '\0' ? dot[1] : '0');
  g_string_append_c (out, dot != NULL && dot[1] != '\0' && dot[2] != '\0' ? dot[2] : '0');

  if (currency != NULL && currency[0] != '\0')
    g_string_append_printf (out, " %s", currency);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
