/* ac-test-backend.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AC_TEST_FAULT_NONE,
  AC_TEST_FAULT_SERVER_ERROR,     /* 500 with the contract's error envelope */
  AC_TEST_FAULT_HTML,             /* 502 with a proxy's web page */
  AC_TEST_FAULT_RATE_LIMIT,       /* 429 without Retry-After */
  AC_TEST_FAULT_RETRY_AFTER,      /* 429 with Retry-After: 1 */
  AC_TEST_FAULT_SLOW,             /* answers after 3 s */
  AC_TEST_FAULT_CLOSE,            /* closes the connection mid-answer */
  AC_TEST_FAULT_EXPIRED,          /* treats the access token as expired */
} AcTestFault;

#define AC_TEST_BACKEND_EMAIL    "agent@example.com"
#define AC_TEST_BACKEND_PASSWORD "correct horse battery staple"
#define AC_TEST_BACKEND_SUPERVISOR_EMAIL "supervisor@example.com"

typedef struct _AcTestBackend AcTestBackend;

AcTestBackend *ac_test_backend_new            (void);
void           ac_test_backend_free           (AcTestBackend *backend);
const char    *ac_test_backend_get_api_url    (AcTestBackend *backend);
void           ac_test_backend_fail_next      (AcTestBackend *backend,
                                               AcTestFault    fault,
                                               guint          times);
void           ac_test_backend_set_token_lifetime (AcTestBackend *backend,
                                               int            seconds);
char          *ac_test_backend_dup_last_header (AcTestBackend *backend,
                                               const char    *name);
guint          ac_test_backend_get_n_requests (AcTestBackend *backend,
                                               const char    *path);

void           ac_test_backend_room_inject    (AcTestBackend *backend,
                                               const char    *conversation_id,
                                               const char    *frame);
void           ac_test_backend_drop_rooms     (AcTestBackend *backend);
void           ac_test_backend_restart        (AcTestBackend *backend,
                                               guint          down_ms);
void           ac_test_backend_freeze         (AcTestBackend *backend,
                                               guint          ms);
GStrv          ac_test_backend_dup_messages   (AcTestBackend *backend,
                                               const char    *conversation_id);
GStrv          ac_test_backend_dup_conversation_ids (AcTestBackend *backend);
char          *ac_test_backend_dup_conversation (AcTestBackend *backend,
                                               const char    *conversation_id);
guint          ac_test_backend_get_n_tickets  (AcTestBackend *backend);
guint          ac_test_backend_get_n_rooms_opened (AcTestBackend *backend);
guint          ac_test_backend_get_n_voice_activity (AcTestBackend *backend);
char          *ac_test_backend_dup_last_transfer (AcTestBackend *backend);
void           ac_test_backend_revoke_refresh_tokens (AcTestBackend *backend);
char          *ac_test_backend_dup_json       (AcTestBackend *backend);
void           ac_test_backend_start_recording (AcTestBackend *backend,
                                                const char    *call_id);
char          *ac_test_backend_dup_recording_log (AcTestBackend *backend);
void           ac_test_backend_set_document_000 (AcTestBackend *backend,
                                                 gboolean       only);
char          *ac_test_backend_dup_agent_states (AcTestBackend *backend);
void           ac_test_backend_assign_call     (AcTestBackend *backend);
void           ac_test_backend_start_load      (AcTestBackend *backend,
                                                guint          n_calls,
                                                guint          n_agents,
                                                guint          per_second,
                                                guint          seconds);
guint          ac_test_backend_get_load_left   (AcTestBackend *backend);
void           ac_test_backend_escalate        (AcTestBackend *backend,
                                                const char    *call_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcTestBackend, ac_test_backend_free)

G_END_DECLS
