/* ac-customer-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-customer"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ac-customer-fields.h"

/* The columns of the contract's `customers` table an agent or a file may
 * give, and what each value must look like: one set of rules for the
 * customers import, the new-customer form and the store. */

typedef enum
{
  CHECK_TEXT,
  CHECK_EMAIL,
  CHECK_PHONE,
  CHECK_DECIMAL,
  CHECK_DATE,
  CHECK_CODE,       /* upper-case word: account type, status */
  CHECK_RISK,
  CHECK_KYC,
  CHECK_LANGUAGE,
  CHECK_IGNORED,    /* the backend's own bookkeeping, not imported */
} Check;

static const struct {
  const char *name;
  gboolean    required;
  Check       check;
  guint       max_length;
} columns[] = {
  { "name", TRUE, CHECK_TEXT, 255 },
  { "account_number", TRUE, CHECK_TEXT, 50 },
  { "account_type", TRUE, CHECK_CODE, 20 },
  { "email", FALSE, CHECK_EMAIL, 255 },
  { "phone", FALSE, CHECK_PHONE, 20 },
  { "balance", FALSE, CHECK_DECIMAL, 20 },
  { "currency", FALSE, CHECK_CODE, 3 },
  { "status", FALSE, CHECK_CODE, 20 },
  { "join_date", FALSE, CHECK_DATE, 40 },
  { "risk_level", FALSE, CHECK_RISK, 10 },
  { "preferred_language", FALSE, CHECK_LANGUAGE, 5 },
  { "last_transaction_date", FALSE, CHECK_DATE, 40 },
  { "kyc_status", FALSE, CHECK_KYC, 20 },
  { "notes", FALSE, CHECK_TEXT, 10000 },
  { "id", FALSE, CHECK_IGNORED, 0 },
  { "created_at", FALSE, CHECK_IGNORED, 0 },
  { "updated_at", FALSE, CHECK_IGNORED, 0 },
};

static int
find_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].name, name))
      return i;

  return -1;
}

static gboolean
all_upper (const char *value,
           gboolean    allow_underscore)
{
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isupper (*p) && !(allow_underscore && (*p == '_' || g_ascii_isdigit (*p))))
      return FALSE;

  return value[0] != '\0';
}

static gboolean
valid_date (const char *value)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, NULL);
  int y, m, d;
  char rest;

  if (dt != NULL)
    return TRUE;

  /* A date alone: 2024-01-31. */
  return sscanf (value, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 &&
         g_date_valid_dmy (d, m, y);
}

/* NULL if @value is fine, else why not. */
static char *
check_value (guint       column,
             const char *value)
{
  const char *name = columns[column].name;

  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup_printf (_("%s is not valid text"), name);

  if (columns[column].max_length > 0 && g_utf8_strlen (value, -1) > columns[column].max_length)
    return g_strdup_printf (_("%s is longer than %u characters"), name, columns[column].max_length);

  switch (columns[column].check)
    {
    case CHECK_TEXT:
    case CHECK_IGNORED:
      return NULL;

    case CHECK_EMAIL:
      {
        const char *at = strchr (value, '@');

        if (at == NULL || at == value || strchr (at, '.') == NULL || strchr (value, ' ') != NULL)
          return g_strdup_printf (_("“%s” is not an email address"), value);
        return NULL;
      }

    case CHECK_PHONE:
      {
        guint digits = 0;

        for (const char *p = value; *p != '\0'; p++)
          {
            if (g_ascii_isdigit (*p))
              digits++;
            else if (!strchr ("+-(). ", *p) || (*p == '+' && p != value))
              return g_strdup_printf (_("“%s” is not a phone number"), value);
          }

        /* E.164 numbers have at most 15 digits; nothing shorter than a
         * short national number is a phone. */
        if (digits < 5 || digits > 15)
          return g_strdup_printf (_("“%s” is not a phone number"), value);
        return NULL;
      }

    case CHECK_DECIMAL:
      {
        const char *p = value;
        guint before = 0, after = 0;

        if (*p == '-')
          p++;
        for (; g_ascii_isdigit (*p); p++)
          before++;
        if (*p == '.')
          for (p++; g_ascii_isdigit (*p); p++)
            after++;

        if (*p != '\0' || before == 0 || after > 2)
          return g_strdup_printf (_("balance “%s” is not an amount such as 1234.56"), value);
        return NULL;
      }

    case CHECK_DATE:
      if (!valid_date (value))
        return g_strdup_printf (_("%s “%s” is not a date such as 2024-01-31"), name, value);
      return NULL;

    case CHECK_CODE:
      if (!all_upper (value, TRUE))
        return g_strdup_printf (_("%s “%s” must be in capitals, such as CHECKING"), name, value);
      return NULL;

    case CHECK_RISK:
      if (!g_str_equal (value, "LOW") && !g_str_equal (value, "MEDIUM") && !g_str_equal (value, "HIGH"))
        return g_strdup_printf (_("risk_level “%s” must be LOW, MEDIUM or HIGH"), value);
      return NULL;

    case CHECK_KYC:
      if (!g_str_equal (value, "PENDING") && !g_str_equal (value, "VERIFIED") &&
          !g_str_equal (value, "REJECTED") && !g_str_equal (value, "EXPIRED"))
        return g_strdup_printf (_("kyc_status “%s” must be PENDING, VERIFIED, REJECTED or EXPIRED"), value);
      return NULL;

    case CHECK_LANGUAGE:
      {
        gsize len = strlen (value);

        if (!((len == 2 && g_ascii_islower (value[0]) && g_ascii_islower (value[1])) ||
              (len == 5 && g_ascii_islower (value[0]) && g_ascii_islower (value[1]) &&
               (value[2] == '-' || value[2] == '_') && g_ascii_isupper (value[3]) &&
               g_ascii_isupper (value[4]))))
          return g_strdup_printf (_("preferred_language “%s” is not a language code such as en or en-US"), value);
        return NULL;
      }

    default:
      g_assert_not_reached ();
    }
}

/**
 * ac_customer_column_lookup:
 * @name: a column name, as a file's header or a form gives it
 * @kind: (out) (optional): whether the column is required, optional or
 *   accepted and ignored (the backend's own bookkeeping: `id`,
 *   `created_at`, `updated_at`)
 *
 * Returns: (transfer none) (nullable): the column's name, a static
 *   string, or %NULL if customers have no such column
 */
const char *
ac_customer_column_lookup (const char           *name,
                           AcCustomerColumnKind *kind)
{
  int i = find_column (name);

  if (i < 0)
    return NULL;
  if (kind != NULL)
    *kind = columns[i].check == CHECK_IGNORED ? AC_CUSTOMER_COLUMN_IGNORED
          : columns[i].required ? AC_CUSTOMER_COLUMN_REQUIRED
          : AC_CUSTOMER_COLUMN_OPTIONAL;
  return columns[i].name;
}

/**
 * ac_customer_list_required_columns:
 *
 * Returns: (transfer container): the columns every customer needs:
 *   `name`, `account_number`, `account_type` (static strings)
 */
GPtrArray *
ac_customer_list_required_columns (void)
{
  GPtrArray *required = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].required)
      g_ptr_array_add (required, (gpointer) columns[i].name);
  return required;
}

/**
 * ac_customer_check_value:
 * @column: a column of customers (see ac_customer_column_lookup())
 * @value: its value, not empty
 *
 * Returns: (transfer full) (nullable): %NULL if @value is well formed for
 *   @column, else why not, for the person typing or importing it
 */
char *
ac_customer_check_value (const char *column,
                         const char *value)
{
  int i = find_column (column);

  g_return_val_if_fail (i >= 0, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return check_value (i, value);
}

/**
 * ac_customer_check_fields:
 * @fields: (element-type utf8 utf8): column → value of one customer, as
 *   a form gives it (empty values are left out)
 * @column: (out) (optional) (transfer none): the column at fault
 *
 * Checks one customer as `--import-customers` checks each row: the
 * required columns (`name`, `account_number`, `account_type`) present,
 * every known column's value well formed (see the import's rules), and no
 * column the contract's `customers` table does not have.
 *
 * Returns: (transfer full) (nullable): %NULL if the customer can be
 *   stored, else why not, for the agent
 */
char *
ac_customer_check_fields (GHashTable  *fields,
                          const char **column)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (fields != NULL, NULL);

  if (column != NULL)
    *column = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *v = g_hash_table_lookup (fields, columns[i].name);
      g_autofree char *trimmed = g_strstrip (g_strdup (v != NULL ? v : ""));

      if (columns[i].required && trimmed[0] == '\0')
        {
          if (column != NULL)
            *column = columns[i].name;
          /* Translators: %s is a column, such as account_number */
          return g_strdup_printf (_("%s is required"), columns[i].name);
        }
    }

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int i = find_column (key);
      char *problem;

      if (i < 0 || columns[i].check == CHECK_IGNORED)
        {
          if (column != NULL)
            *column = key;
          return g_strdup_printf (_("“%s” is not a column of the customers table"), (const char *) key);
        }
      if (value == NULL || ((const char *) value)[0] == '\0')
        continue;
      if ((problem = check_value (i, value)) != NULL)
        {
          if (column != NULL)
            *column = columns[i].name;
          return problem;
        }
    }

  return NULL;
}
