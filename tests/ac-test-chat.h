/* ac-test-chat.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AC_TEST_CHAT_KEY "test-chat-key-not-a-secret"

typedef enum
{
  AC_TEST_CHAT_OK,
  AC_TEST_CHAT_SLOW_FIRST,   /* the first piece after 3 s */
  AC_TEST_CHAT_CUT,          /* the connection closed after two pieces */
  AC_TEST_CHAT_MALFORMED,    /* a piece that is not JSON */
  AC_TEST_CHAT_UNAUTHORIZED, /* 401 */
  AC_TEST_CHAT_RATE_LIMITED, /* 429 */
} AcTestChatFault;

typedef enum
{
  AC_TEST_SUPPORT_PLAIN,     /* bare objects: {"category": …}, {"suggestions": [{…}]} */
  AC_TEST_SUPPORT_WRAPPED,   /* {"success": true, "data": …}, bare values and lists */
  AC_TEST_SUPPORT_BROKEN,    /* /sentiment 500, /categorize not JSON */
} AcTestSupportStyle;

typedef struct _AcTestChat AcTestChat;
typedef char *(*AcTestChatAnswerFunc) (const char *request,
                                       gpointer    data);

AcTestChat *ac_test_chat_new              (void);
void        ac_test_chat_free             (AcTestChat      *chat);
const char *ac_test_chat_get_url          (AcTestChat      *chat);
void        ac_test_chat_set_answer       (AcTestChat      *chat,
                                           const char      *answer);
void        ac_test_chat_set_answer_func  (AcTestChat           *chat,
                                           AcTestChatAnswerFunc  func,
                                           gpointer              data);
void        ac_test_chat_set_fault        (AcTestChat      *chat,
                                           AcTestChatFault  fault);
char       *ac_test_chat_dup_last_request (AcTestChat      *chat);
guint       ac_test_chat_get_n_requests   (AcTestChat      *chat);
void        ac_test_chat_set_support_style (AcTestChat        *chat,
                                            AcTestSupportStyle style);
char       *ac_test_chat_dup_last_support_request (AcTestChat *chat);
guint       ac_test_chat_get_n_support_requests   (AcTestChat *chat);
char       *ac_test_chat_dup_support_url          (AcTestChat *chat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcTestChat, ac_test_chat_free)

G_END_DECLS
