/* ac-values.h
 *
 * The contract's stored values (disposition codes, customer codes such as
 * ACTIVE, LOW or VERIFIED) as the agent reads them, in their language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *ac_disposition_display (const char *code,
                                    const char *label);
const char *ac_customer_value_display (const char *field,
                                       const char *value);

G_END_DECLS
