/* ac-values.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ac-values.h"

/* What is stored stays as the contract has it (`RESOLVED`, `ACTIVE`): the
 * store, the backend and exports read the codes.  Only what is shown is
 * translated, and only the values the app knows; anything else (a team's
 * own disposition, a value a newer backend sends) is shown as it is. */

static const struct
{
  const char *code;
  const char *label;    /* the label the store seeds it with */
  const char *display;  /* translatable */
} dispositions[] = {
  { "RESOLVED", "Resolved", NC_("disposition", "Resolved") },
  { "FOLLOW_UP", "Follow-up needed", NC_("disposition", "Follow-up needed") },
  { "ESCALATED", "Escalated", NC_("disposition", "Escalated") },
  { "TRANSFERRED", "Transferred", NC_("disposition", "Transferred") },
  { "NO_ACTION", "No action needed", NC_("disposition", "No action needed") },
  { "DROPPED", "Call dropped", NC_("disposition", "Call dropped") },
  { "NOT_CLASSIFIED", "Not classified", NC_("disposition", "Not classified") },
};

/**
 * ac_disposition_display:
 * @code: (nullable): a disposition code, such as `RESOLVED`
 * @label: (nullable): the team's label for it, from the store
 *
 * The disposition as the agent reads it: the seeded dispositions in the
 * agent's language, as long as the team kept the seeded label; a label
 * the team wrote itself as written; else the code.
 *
 * Returns: (transfer none) (nullable): the text to show; %NULL only when
 *   both @code and @label are %NULL
 */
const char *
ac_disposition_display (const char *code,
                        const char *label)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (dispositions); i++)
    if (g_str_equal (code, dispositions[i].code) &&
        (label == NULL || g_str_equal (label, dispositions[i].label)))
      return g_dpgettext2 (GETTEXT_PACKAGE, "disposition", dispositions[i].display);

  return label != NULL ? label : code;
}

static const struct
{
  const char *field;
  const char *value;
  const char *display;  /* translatable, context "customer value" */
} customer_values[] = {
  { "status", "ACTIVE", NC_("customer value", "Active") },
  { "status", "INACTIVE", NC_("customer value", "Inactive") },
  { "status", "SUSPENDED", NC_("customer value", "Suspended") },
  { "status", "CLOSED", NC_("customer value", "Closed") },
  { "status", "BLOCKED", NC_("customer value", "Blocked") },
  { "risk_level", "LOW", NC_("customer value", "Low") },
  { "risk_level", "MEDIUM", NC_("customer value", "Medium") },
  { "risk_level", "HIGH", NC_("customer value", "High") },
  { "kyc_status", "PENDING", NC_("customer value", "Pending") },
  { "kyc_status", "VERIFIED", NC_("customer value", "Verified") },
  { "kyc_status", "REJECTED", NC_("customer value", "Rejected") },
  { "kyc_status", "EXPIRED", NC_("customer value", "Expired") },
  { "account_type", "CHECKING", NC_("customer value", "Checking account") },
  { "account_type", "SAVINGS", NC_("customer value", "Savings account") },
  { "account_type", "CREDIT", NC_("customer value", "Credit account") },
  { "account_type", "BUSINESS", NC_("customer value", "Business account") },
  { "account_type", "PREMIUM", NC_("customer value", "Premium account") },
  { "account_type", "LOAN", NC_("customer value", "Loan account") },
  { "account_type", "MORTGAGE", NC_("customer value", "Mortgage account") },
  { "account_type", "INVESTMENT", NC_("customer value", "Investment account") },
};

/**
 * ac_customer_value_display:
 * @field: a customer column, such as `status`, `risk_level`,
 *   `kyc_status` or `account_type`
 * @value: (nullable): its stored value, such as `ACTIVE`
 *
 * A customer's coded value as the agent reads it: known codes of the
 * contract's customer record (document 000's `customers` table) in the
 * agent's language, anything else as stored.
 *
 * Returns: (transfer none) (nullable): the text to show
 */
const char *
ac_customer_value_display (const char *field,
                           const char *value)
{
  g_return_val_if_fail (field != NULL, value);

  for (gsize i = 0; value != NULL && i < G_N_ELEMENTS (customer_values); i++)
    if (g_str_equal (field, customer_values[i].field) &&
        g_ascii_strcasecmp (value, customer_values[i].value) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "customer value", customer_values[i].display);

  return value;
}
