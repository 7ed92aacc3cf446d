/* fuzz-backend-room.c
 *
 * libFuzzer: whatever a conversation room's server sends as a frame, taken
 * by the room as if its socket had received it (text frames; the first
 * byte says whether it came as a binary frame instead).  Frames the
 * contract has become signals, handled here as the app handles them;
 * anything else is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "ac-backend-room-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static AcBackendRoom *room;

static void
drop_message (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
}

static void
on_sentiment (AcBackendRoom            *self,
              const AcBackendSentiment *sentiment)
{
  g_assert (sentiment->message_id != NULL);
  g_assert (sentiment->confidence >= 0 && sentiment->confidence <= 1);
  g_assert (ac_backend_sentiment_get_score (sentiment) >= -1 &&
            ac_backend_sentiment_get_score (sentiment) <= 1);
}

static void
on_received (AcBackendRoom *self,
             const char    *id,
             const char    *speaker,
             const char    *content,
             const char    *timestamp)
{
  g_assert (id != NULL && speaker != NULL && content != NULL);
  g_assert (g_utf8_validate (content, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) frame = NULL;

  if (room == NULL)
    {
      g_autoptr(AcBackendClient) client = ac_backend_client_new ("http://127.0.0.1:9/api", NULL, NULL);

      /* Dropped frames are warned about: thousands a second here. */
      g_log_set_handler ("ac-backend", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_DEBUG,
                         drop_message, NULL);
      room = ac_backend_room_new (client, "ws://127.0.0.1:9", "conv-1", "agent-1");
      g_signal_connect (room, "sentiment-update", G_CALLBACK (on_sentiment), NULL);
      g_signal_connect (room, "message-received", G_CALLBACK (on_received), NULL);
    }

  if (size < 1)
    return 0;

  frame = g_bytes_new (data + 1, size - 1);
  _ac_backend_room_take_frame (room, data[0] == 'B' ? SOUP_WEBSOCKET_DATA_BINARY : SOUP_WEBSOCKET_DATA_TEXT,
                               frame);
  return 0;
}
