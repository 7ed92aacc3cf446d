/* ac-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *ac_json_to_string     (JsonNode *node,
                             gboolean  pretty);
char *ac_json_format_double (double    value);

G_END_DECLS
