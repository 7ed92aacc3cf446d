/* ac-backend-tokens.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AcBackendTokens:
 * @access_token: the JWT sent as `Authorization: Bearer …`
 * @refresh_token: (nullable): the token that buys a new access token
 * @expires_at: when the access token expires, in seconds since the
 *   epoch: the JWT's `exp` claim, else now + the login's `expiresIn`
 * @role: (nullable): the user's role in upper case (`AGENT`, `SUPERVISOR`,
 *   `ADMIN`, or whatever the server names it): the login answer's
 *   `user.role`, else the JWT's `role` claim
 *
 * What a sign-in or a refresh gives.
 */
typedef struct
{
  char   *access_token;
  char   *refresh_token;
  gint64  expires_at;
  char   *role;
} AcBackendTokens;

#define AC_TYPE_BACKEND_TOKENS (ac_backend_tokens_get_type ())

GType            ac_backend_tokens_get_type (void) G_GNUC_CONST;
AcBackendTokens *ac_backend_tokens_copy     (const AcBackendTokens *tokens);
void             ac_backend_tokens_free     (AcBackendTokens       *tokens);
gint64           ac_jwt_get_expiry          (const char            *jwt);
char            *ac_jwt_dup_role            (const char            *jwt);
char            *ac_jwt_dup_user_id         (const char            *jwt);
gboolean         ac_role_sees_floor         (const char            *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcBackendTokens, ac_backend_tokens_free)

G_END_DECLS
