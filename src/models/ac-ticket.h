/* ac-ticket.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-record.h"

G_BEGIN_DECLS

/**
 * AC_TICKET_SLA_HOURS_URGENT:
 *
 * The default time to resolve a ticket, by priority, in hours: URGENT 4,
 * HIGH 24, MEDIUM 72, LOW 168 (a week) — common contact-center service
 * levels; a team can store its own deadline with each ticket.
 */
#define AC_TICKET_SLA_HOURS_URGENT 4
#define AC_TICKET_SLA_HOURS_HIGH   24
#define AC_TICKET_SLA_HOURS_MEDIUM 72
#define AC_TICKET_SLA_HOURS_LOW    168

#define AC_TYPE_TICKET (ac_ticket_get_type ())

G_DECLARE_FINAL_TYPE (AcTicket, ac_ticket, AC, TICKET, AcRecord)

AcTicket   *ac_ticket_new               (GHashTable *fields);
const char *ac_ticket_get_field         (AcTicket   *self,
                                         const char *column);
const char *ac_ticket_get_id            (AcTicket   *self);
int         ac_ticket_sla_hours         (const char *priority);
gboolean    ac_ticket_priority_is_valid (const char *priority);
gboolean    ac_ticket_is_open           (AcTicket   *self);
char       *ac_ticket_check_fields      (GHashTable  *fields,
                                         const char **column);
char       *ac_ticket_tags_to_json      (const char *text);
char       *ac_ticket_dup_tags          (AcTicket   *self);
const char *ac_ticket_category_to_label (const char *code);
const char *ac_ticket_priority_to_label (const char *code);
const char *ac_ticket_status_to_label   (const char *code);
GStrv       ac_ticket_list_categories   (void);
GStrv       ac_ticket_list_priorities   (void);
GStrv       ac_ticket_list_statuses     (void);

G_END_DECLS
