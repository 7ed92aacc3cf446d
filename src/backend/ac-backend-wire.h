/* ac-backend-wire.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GHashTable *ac_backend_fields_from_json     (JsonObject *object);
char       *ac_backend_derive_websocket_url (const char *base_url);
char       *ac_backend_phone_number         (const char *text);
char       *ac_backend_camel_case           (const char *name);

JsonObject *ac_backend_member_object        (JsonObject *object,
                                             const char *name);
JsonArray  *ac_backend_member_array         (JsonObject *object,
                                             const char *name);
double      ac_backend_number_member        (JsonObject *object,
                                             const char *name,
                                             double      fallback);
const char *ac_backend_string_member        (JsonObject *object,
                                             const char *camel,
                                             const char *snake);
gboolean    ac_backend_boolean_member       (JsonObject *object,
                                             const char *camel,
                                             const char *snake);

G_END_DECLS
