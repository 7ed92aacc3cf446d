/* ac-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *ac_json_to_string     (JsonNode *node,
                             gboolean  pretty);
gboolean    ac_json_parser_load     (JsonParser  *parser,
                                     const char  *data,
                                     gssize       length,
                                     GError     **error);
JsonNode   *ac_json_parse           (const char  *data,
                                     gssize       length,
                                     GError     **error);
char       *ac_json_format_double   (double       value);
const char *ac_json_member_text     (JsonObject  *object,
                                     const char  *name,
                                     char       **owned);
double      ac_json_member_number   (JsonObject  *object,
                                     const char  *name,
                                     double       fallback);
JsonObject *ac_json_member_object   (JsonObject  *object,
                                     const char  *name);
JsonArray  *ac_json_member_array    (JsonObject  *object,
                                     const char  *name);
gboolean    ac_json_member_boolean  (JsonObject  *object,
                                     const char  *name,
                                     gboolean     fallback);
gint64      ac_json_member_time_ms  (JsonObject  *object,
                                     const char  *name);
void        ac_json_take_member_text (char      **slot,
                                     JsonObject  *object,
                                     const char  *name);
guint       ac_json_member_count    (JsonObject  *object,
                                     const char  *name,
                                     guint        fallback);

G_END_DECLS
