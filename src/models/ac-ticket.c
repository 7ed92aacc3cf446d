/* ac-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-ticket"

#include "config.h"

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
