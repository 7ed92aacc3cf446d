/* ac-ticket-draft.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-escalations.h"
#include "ac-transcript.h"

G_BEGIN_DECLS

/**
 * AC_TICKET_DRAFT_MAX_QUOTES:
 *
 * How many of the customer's utterances a drafted description quotes.
 */
#define AC_TICKET_DRAFT_MAX_QUOTES 8

GHashTable *ac_ticket_draft_from_call (AcTranscript  *transcript,
                                       AcEscalations *escalations,
                                       const char    *customer_name);

G_END_DECLS
