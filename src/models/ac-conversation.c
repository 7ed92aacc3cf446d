/* ac-conversation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-conversation"

#include "config.h"

#include "ac-conversation.h"

/**
 * AcConversation:
 *
 * A past call as the store lists it: the columns of the backend
 * contract's `conversations` table (`id`, `customer_id`, `status` —
 * ACTIVE, COMPLETED or INTERRUPTED —, `start_time`, `end_time`,
 * `duration` in seconds, `channel`, `overall_sentiment`,
 * `resolution_status`) and the app's (`disposition`, `wrap_up_notes`,
 * `wrap_up_timed_out`: `1` when After-Call Work ran out of time),
 * with what a history needs beside them: `customer_name`,
 * `customer_phone`, `recording_path`, `recording_duration_ms`,
 * `recording_pause_spans` (JSON), `message_count`, `escalation_count`
 * and `ticket_ids` (the tickets filed from the call, separated by
 * spaces).  All as text.  Immutable.
 */
struct _AcConversation
{
  AcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (AcConversation, ac_conversation, AC_TYPE_RECORD)

static void
ac_conversation_class_init (AcConversationClass *klass)
{
}

static void
ac_conversation_init (AcConversation *self)
{
}

/**
 * ac_conversation_new:
 * @fields: (transfer none): column name → value, both strings
 *
 * Returns: (transfer full): a conversation holding a copy of @fields
 */
AcConversation *
ac_conversation_new (GHashTable *fields)
{
  return ac_record_new (AC_TYPE_CONVERSATION, fields);
}

/**
 * ac_conversation_get_field:
 * @self: an #AcConversation
 * @column: a column, see #AcConversation
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if unknown
 */
const char *
ac_conversation_get_field (AcConversation *self,
                           const char     *column)
{
  return ac_record_get_field (AC_RECORD (self), column);
}

/**
 * ac_conversation_get_id:
 * @self: an #AcConversation
 *
 * Returns: (transfer none): the id
 */
const char *
ac_conversation_get_id (AcConversation *self)
{
  return ac_record_get_id (AC_RECORD (self));
}

/**
 * ac_conversation_get_duration_ms:
 * @self: an #AcConversation
 *
 * Returns: how long the call lasted, in ms (the contract keeps whole
 *   seconds), or -1 when it never ended properly
 */
gint64
ac_conversation_get_duration_ms (AcConversation *self)
{
  const char *duration = ac_conversation_get_field (self, "duration");
  gint64 seconds;

  if (duration == NULL || !g_ascii_string_to_signed (duration, 10, 0, G_MAXINT64 / 1000, &seconds, NULL))
    return -1;
  return seconds * 1000;
}

/**
 * ac_conversation_dup_start:
 * @self: an #AcConversation
 *
 * Returns: (transfer full) (nullable): when the call started, in local
 *   time, or %NULL if the stored time cannot be read
 */
GDateTime *
ac_conversation_dup_start (AcConversation *self)
{
  const char *start = ac_conversation_get_field (self, "start_time");
  g_autoptr(GDateTime) utc = start != NULL ? g_date_time_new_from_iso8601 (start, NULL) : NULL;

  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}
