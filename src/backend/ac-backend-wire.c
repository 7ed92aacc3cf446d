/* ac-backend-wire.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ac-backend-wire.h"
#include "ac-json.h"
#include "ac-types.h"

/* The wire format of the contact-center backend, read as real servers
 * write it: camelCase or snake_case names, numbers as strings, codes in
 * any case.  Only src/backend/ knows these names. */

/* accountNumber → account_number; already snake stays as it is. */
static char *
snake_case (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p))
        {
          if (out->len > 0)
            g_string_append_c (out, '_');
          g_string_append_c (out, g_ascii_tolower (*p));
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The contract's codes are capitals (ACTIVE, LOW, VERIFIED, URGENT…);
 * a server may send them in another case. */
static gboolean
is_code_column (const char *column)
{
  static const char * const codes[] = {
    "status", "risk_level", "kyc_status", "account_type", "priority", "channel",
    "resolution_status", "currency", NULL
  };

  return g_strv_contains (codes, column);
}

/**
 * ac_backend_fields_from_json:
 * @object: a row as a server sends it
 *
 * Turns a JSON object into the column → text fields of an #AcRecord:
 * member names in camelCase become the contract's snake_case
 * (`accountNumber` → `account_number`); numbers become their shortest
 * decimal text (a PostgreSQL DECIMAL sent as a string stays as it was
 * sent); booleans `true`/`false`; objects and arrays their JSON; `null`
 * is left out.  Code columns (`status`, `risk_level`, `kyc_status`,
 * `account_type`, `priority`, `channel`, `resolution_status`,
 * `currency`) are put in capitals.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the fields
 */
GHashTable *
ac_backend_fields_from_json (JsonObject *object)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, fields);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *column = snake_case (name);
      char *value = NULL;

      if (JSON_NODE_HOLDS_NULL (node))
        continue;

      if (JSON_NODE_HOLDS_VALUE (node))
        {
          GType type = json_node_get_value_type (node);

          if (type == G_TYPE_STRING)
            value = g_strdup (json_node_get_string (node));
          else if (type == G_TYPE_INT64)
            value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          else if (type == G_TYPE_DOUBLE)
            value = ac_json_format_double (json_node_get_double (node));
          else if (type == G_TYPE_BOOLEAN)
            value = g_strdup (json_node_get_boolean (node) ? "true" : "false");
        }
      else
        value = json_to_string (node, FALSE);

      if (value == NULL)
        continue;
      if (is_code_column (column))
        {
          char *upper = g_utf8_strup (value, -1);

          g_free (value);
          value = upper;
        }
      g_hash_table_insert (fields, g_steal_pointer (&column), value);
    }

  return fields;
}

/* ------------------------------------------------------------ requests */

/* json-glib 1.6 has no _with_default for these: a member of that type,
 * else %NULL. */
JsonObject *
ac_backend_member_object (JsonObject *object,
                          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
ac_backend_member_array (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}


/**
 * ac_backend_phone_number:
 * @text: what the agent typed or the caller id: `+1 (555) 123-4567`
 *
 * A phone number as contact-center servers keep them (E.164 as the
 * contract's seed data has them): a `+` and the digits as
 * ac_phone_digits() gives them (an international `00` is the `+`), for
 * the `phone` parameter of ac_backend_client_search_customers_async().
 *
 * Returns: (transfer full) (nullable): `+15551234567`, or %NULL if @text
 *   is not a phone number (other characters than digits, spaces, `+-.()`,
 *   or fewer than four digits)
 */
char *
ac_backend_phone_number (const char *text)
{
  g_autofree char *digits = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.() ", *p) == NULL)
      return NULL;

  digits = ac_phone_digits (text);
  return digits != NULL && strlen (digits) >= 4 ? g_strconcat ("+", digits, NULL) : NULL;
}

/**
 * ac_backend_derive_websocket_url:
 * @base_url: the backend's API address, such as `https://cc.example.com/api`
 *
 * The address of the conversation rooms when the team did not give one:
 * the API's server with `wss://` for `https://` (`ws://` for `http://`)
 * and the trailing `/api` left out — `wss://cc.example.com`, under which
 * the rooms are `…/conversations/<id>`.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL if @base_url
 *   is not an http(s) address
 */
char *
ac_backend_derive_websocket_url (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url != NULL ? base_url : "", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ws = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;

  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  if (g_str_has_suffix (path, "/api"))
    path[strlen (path) - 4] = '\0';

  ws = g_uri_build (G_URI_FLAGS_NONE, g_ascii_strcasecmp (scheme, "https") == 0 ? "wss" : "ws", NULL,
                    g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);
  return g_uri_to_string (ws);
}

/* account_number → accountNumber, the contract's JSON names. */
char *
ac_backend_camel_case (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        g_string_append_c (out, g_ascii_toupper (*++p));
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A JSON number, or a number sent as a string; @fallback otherwise. */
double
ac_backend_number_member (JsonObject *object,
                          const char *name,
                          double      fallback)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        char *end = NULL;

        value = g_ascii_strtod (text, &end);
        return end != text && isfinite (value) ? value : fallback;
      }
    default:
      return fallback;
    }
}

/* A string member, by its camelCase name or else its snake_case one
 * (servers differ); %NULL if neither is a string. */
const char *
ac_backend_string_member (JsonObject *object,
                          const char *camel,
                          const char *snake)
{
  JsonNode *node = json_object_get_member (object, camel);

  if (node == NULL && snake != NULL)
    node = json_object_get_member (object, snake);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A boolean member, by either name; `"true"` as a string counts. */
gboolean
ac_backend_boolean_member (JsonObject *object,
                           const char *camel,
                           const char *snake)
{
  JsonNode *node = json_object_get_member (object, camel);

  if (node == NULL && snake != NULL)
    node = json_object_get_member (object, snake);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strcasecmp (json_node_get_string (node), "true") == 0;
  return FALSE;
}
