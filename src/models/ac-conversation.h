/* ac-conversation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-record.h"

G_BEGIN_DECLS

#define AC_TYPE_CONVERSATION (ac_conversation_get_type ())

G_DECLARE_FINAL_TYPE (AcConversation, ac_conversation, AC, CONVERSATION, AcRecord)

AcConversation *ac_conversation_new           (GHashTable     *fields);
const char     *ac_conversation_get_field     (AcConversation *self,
                                               const char     *column);
const char     *ac_conversation_get_id        (AcConversation *self);
gint64          ac_conversation_get_duration_ms (AcConversation *self);
GDateTime      *ac_conversation_dup_start     (AcConversation *self);

G_END_DECLS
