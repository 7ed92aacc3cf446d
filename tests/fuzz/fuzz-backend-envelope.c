/* fuzz-backend-envelope.c
 *
 * libFuzzer: whatever a server answers a request with — the first two
 * bytes the HTTP status (100 to 599), the rest the body — read as the
 * backend client reads every answer: the envelope's data, JSON without
 * it, or an error for the agent; never both, never neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-backend-client-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (size < 2)
    return 0;

  status = 100 + ((guint) data[0] << 8 | data[1]) % 500;
  body = g_bytes_new (data + 2, size - 2);
  answer = ac_backend_read_envelope (status, body, &error);

  g_assert ((answer == NULL) != (error == NULL));
  if (error != NULL)
    {
      g_assert (error->domain == AC_BACKEND_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  return 0;
}
