/* ac-backend-tokens.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-backend"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "ac-backend-tokens.h"
#include "ac-json.h"

/* What a sign-in or a refresh gives, and when it runs out. */


G_DEFINE_BOXED_TYPE (AcBackendTokens, ac_backend_tokens, ac_backend_tokens_copy, ac_backend_tokens_free)

/**
 * ac_backend_tokens_copy:
 * @tokens: tokens
 *
 * Returns: (transfer full): a copy
 */
AcBackendTokens *
ac_backend_tokens_copy (const AcBackendTokens *tokens)
{
  AcBackendTokens *copy = g_new0 (AcBackendTokens, 1);

  copy->access_token = g_strdup (tokens->access_token);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->expires_at = tokens->expires_at;
  copy->role = g_strdup (tokens->role);
  return copy;
}

/**
 * ac_backend_tokens_free:
 * @tokens: (nullable): tokens
 *
 * Frees them, wiping the secrets first.
 */
void
ac_backend_tokens_free (AcBackendTokens *tokens)
{
  if (tokens == NULL)
    return;

  /* libsecret's wipe: volatile writes the compiler cannot drop. */
  secret_password_wipe (tokens->access_token);
  secret_password_wipe (tokens->refresh_token);
  g_free (tokens->access_token);
  g_free (tokens->refresh_token);
  g_free (tokens->role);
  g_free (tokens);
}

/* The token's claims, read without checking its signature: the client
 * only needs to know when to refresh and what to offer; the server checks
 * the rest. */
static JsonNode *
jwt_claims (const char *jwt)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *payload = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize len = 0;

  if (jwt == NULL)
    return NULL;

  parts = g_strsplit (jwt, ".", -1);
  if (g_strv_length (parts) != 3)
    return NULL;

  /* base64url, unpadded → base64. */
  b64 = g_string_new (parts[1]);
  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  payload = g_base64_decode (b64->str, &len);
  if (payload == NULL || len == 0)
    return NULL;

  text = g_strndup ((const char *) payload, len);
  root = ac_json_parse (text, -1, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_steal_pointer (&root);
}

/**
 * ac_jwt_get_expiry:
 * @jwt: (nullable): a JSON Web Token, `header.payload.signature`
 *
 * Reads the `exp` claim (RFC 7519 §4.1.4) from the token's payload
 * without checking its signature.
 *
 * Returns: the expiry in seconds since the epoch, or 0 when the token has
 *   none or cannot be read
 */
gint64
ac_jwt_get_expiry (const char *jwt)
{
  g_autoptr(JsonNode) root = jwt_claims (jwt);
  JsonNode *exp;

  if (root == NULL)
    return 0;
  exp = json_object_get_member (json_node_get_object (root), "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp))
    return 0;
  if (json_node_get_value_type (exp) == G_TYPE_INT64)
    return json_node_get_int (exp);
  if (json_node_get_value_type (exp) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (exp);
  return 0;
}

/**
 * ac_jwt_dup_role:
 * @jwt: (nullable): a JSON Web Token
 *
 * Reads the `role` claim that document 000's server signs into its tokens
 * (`{userId, email, role}`), in upper case.
 *
 * Returns: (transfer full) (nullable): the role, or %NULL when the token
 *   has none or cannot be read
 */
char *
ac_jwt_dup_role (const char *jwt)
{
  g_autoptr(JsonNode) root = jwt_claims (jwt);
  JsonNode *role;

  if (root == NULL)
    return NULL;
  role = json_object_get_member (json_node_get_object (root), "role");
  if (role == NULL || !JSON_NODE_HOLDS_VALUE (role) || json_node_get_value_type (role) != G_TYPE_STRING)
    return NULL;
  if (json_node_get_string (role)[0] == '\0' || strlen (json_node_get_string (role)) > 64)
    return NULL;
  return g_ascii_strup (json_node_get_string (role), -1);
}

/**
 * ac_jwt_dup_user_id:
 * @jwt: (nullable): a JSON Web Token
 *
 * Reads the user's id: document 000's `userId` claim, else the standard
 * `sub` (RFC 7519 §4.1.2); a number is written out.
 *
 * Returns: (transfer full) (nullable): the id, or %NULL
 */
char *
ac_jwt_dup_user_id (const char *jwt)
{
  g_autoptr(JsonNode) root = jwt_claims (jwt);
  const char *names[] = { "userId", "sub" };

  if (root == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *node = json_object_get_member (json_node_get_object (root), names[i]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING && json_node_get_string (node)[0] != '\0')
        return g_strndup (json_node_get_string (node), 128);
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return NULL;
}

/**
 * ac_role_sees_floor:
 * @role: (nullable): a user's role
 *
 * Floor-wide views need `SUPERVISOR` or `ADMIN`
 * (`contracts/voice-platform.md`, "Roles"); any case is accepted.
 *
 * Returns: whether @role may watch the floor
 */
gboolean
ac_role_sees_floor (const char *role)
{
  return role != NULL && (g_ascii_strcasecmp (role, "SUPERVISOR") == 0 ||
                          g_ascii_strcasecmp (role, "ADMIN") == 0);
}
