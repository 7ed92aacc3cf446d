/* ac-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-ticket"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-ticket.h"

/**
 * AcTicket:
 *
 * A ticket as the store or a backend gives it: the columns of the backend
 * contract's `tickets` table (`id` such as `TKT-000123`,
 * `conversation_id`, `customer_id`, `title`, `description`, `category`,
 * `priority` — LOW, MEDIUM, HIGH or URGENT —, `status`, `assigned_to`,
 * `resolution_notes`, `sla_deadline`, `tags` as a JSON array,
 * `created_at`, `updated_at`, `resolved_at`), as text.  Immutable.
 */
struct _AcTicket
{
  AcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (AcTicket, ac_ticket, AC_TYPE_RECORD)

static void
ac_ticket_class_init (AcTicketClass *klass)
{
}

static void
ac_ticket_init (AcTicket *self)
{
}

/**
 * ac_ticket_new:
 * @fields: (transfer none): column name → value, both strings
 *
 * Returns: (transfer full): a ticket holding a copy of @fields
 */
AcTicket *
ac_ticket_new (GHashTable *fields)
{
  return ac_record_new (AC_TYPE_TICKET, fields);
}

/**
 * ac_ticket_get_field:
 * @self: an #AcTicket
 * @column: a column of the contract's `tickets` table
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if unknown
 */
const char *
ac_ticket_get_field (AcTicket   *self,
                     const char *column)
{
  return ac_record_get_field (AC_RECORD (self), column);
}

/**
 * ac_ticket_get_id:
 * @self: an #AcTicket
 *
 * Returns: (transfer none): the id
 */
const char *
ac_ticket_get_id (AcTicket *self)
{
  return ac_record_get_id (AC_RECORD (self));
}

/**
 * ac_ticket_priority_is_valid:
 * @priority: (nullable): a priority
 *
 * Returns: whether @priority is LOW, MEDIUM, HIGH or URGENT
 */
gboolean
ac_ticket_priority_is_valid (const char *priority)
{
  return ac_ticket_sla_hours (priority) > 0;
}

/**
 * ac_ticket_sla_hours:
 * @priority: (nullable): LOW, MEDIUM, HIGH or URGENT
 *
 * Returns: the default time to resolve a ticket of @priority, in hours
 *   (see [const@TICKET_SLA_HOURS_URGENT]), or 0 for anything else
 */
int
ac_ticket_sla_hours (const char *priority)
{
  if (g_strcmp0 (priority, "URGENT") == 0)
    return AC_TICKET_SLA_HOURS_URGENT;
  if (g_strcmp0 (priority, "HIGH") == 0)
    return AC_TICKET_SLA_HOURS_HIGH;
  if (g_strcmp0 (priority, "MEDIUM") == 0)
    return AC_TICKET_SLA_HOURS_MEDIUM;
  if (g_strcmp0 (priority, "LOW") == 0)
    return AC_TICKET_SLA_HOURS_LOW;
  return 0;
}

typedef struct
{
  const char *code;
  const char *label;
} Named;

/* The categories are the intents the analysis recognises (see
 * ac_intent_to_string()), so that a ticket drafted from a call falls into
 * one; the contract leaves `category` free text of up to 50 characters. */
static const Named categories[] = {
  { "billing", N_("Billing") },
  { "cancellation", N_("Cancellation") },
  { "complaint", N_("Complaint") },
  { "fraud", N_("Fraud and Security") },
  { "purchase", N_("Purchase") },
  { "question", N_("Question") },
  { "support", N_("Technical Support") },
  { "general", N_("General") },
};

static const Named priorities[] = {
  { "LOW", N_("Low") },
  { "MEDIUM", N_("Medium") },
  { "HIGH", N_("High") },
  { "URGENT", N_("Urgent") },
};

static const Named statuses[] = {
  { "OPEN", N_("Open") },
  { "IN_PROGRESS", N_("In Progress") },
  { "PENDING", N_("Pending") },
  { "RESOLVED", N_("Resolved") },
  { "CLOSED", N_("Closed") },
};

static const char *
find_label (const Named *named,
            gsize        n_named,
            const char  *code)
{
  for (gsize i = 0; i < n_named; i++)
    if (g_strcmp0 (named[i].code, code) == 0)
      return _(named[i].label);
  return code;
}

static GStrv
codes (const Named *named,
       gsize        n_named)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (gsize i = 0; i < n_named; i++)
    g_strv_builder_add (builder, named[i].code);
  return g_strv_builder_end (builder);
}

/**
 * ac_ticket_category_to_label:
 * @code: (nullable): a category, such as `billing`
 *
 * Returns: (transfer none) (nullable): its name for people, translated;
 *   @code itself for a category the app does not know (a backend may have
 *   its own)
 */
const char *
ac_ticket_category_to_label (const char *code)
{
  return find_label (categories, G_N_ELEMENTS (categories), code);
}

/**
 * ac_ticket_priority_to_label:
 * @code: (nullable): LOW, MEDIUM, HIGH or URGENT
 *
 * Returns: (transfer none) (nullable): its name for people, translated
 */
const char *
ac_ticket_priority_to_label (const char *code)
{
  return find_label (priorities, G_N_ELEMENTS (priorities), code);
}

/**
 * ac_ticket_status_to_label:
 * @code: (nullable): OPEN, IN_PROGRESS, PENDING, RESOLVED or CLOSED
 *
 * Returns: (transfer none) (nullable): its name for people, translated
 */
const char *
ac_ticket_status_to_label (const char *code)
{
  return find_label (statuses, G_N_ELEMENTS (statuses), code);
}

/**
 * ac_ticket_list_categories:
 *
 * Returns: (transfer full): the categories the app offers, in the order a
 *   form lists them
 */
GStrv
ac_ticket_list_categories (void)
{
  return codes (categories, G_N_ELEMENTS (categories));
}

/**
 * ac_ticket_list_priorities:
 *
 * Returns: (transfer full): LOW, MEDIUM, HIGH, URGENT
 */
GStrv
ac_ticket_list_priorities (void)
{
  return codes (priorities, G_N_ELEMENTS (priorities));
}

/**
 * ac_ticket_list_statuses:
 *
 * Returns: (transfer full): OPEN, IN_PROGRESS, PENDING, RESOLVED, CLOSED
 */
GStrv
ac_ticket_list_statuses (void)
{
  return codes (statuses, G_N_ELEMENTS (statuses));
}

/**
 * ac_ticket_is_open:
 * @self: an #AcTicket
 *
 * Returns: whether the ticket still needs work (not RESOLVED or CLOSED)
 */
gboolean
ac_ticket_is_open (AcTicket *self)
{
  const char *status = ac_ticket_get_field (self, "status");

  return g_strcmp0 (status, "RESOLVED") != 0 && g_strcmp0 (status, "CLOSED") != 0;
}
