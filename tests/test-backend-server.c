/* test-backend-server.c
 *
 * The test backend (ac-test-backend.c) as a process of its own, for
 * end-to-end tests that run the real app beside it: prints
 * `URL <api address>` and then answers one command per line on standard
 * input, one line each on standard output:
 *
 *   state                  → the backend's data as JSON (ac_test_backend_dup_json())
 *   inject CONVERSATION F  → the frame F (JSON) sent to the conversation's room; "ok"
 *   flag CONVERSATION      → a sentiment_update with escalationRequired for the
 *                            conversation's last customer message; "ok" or "none"
 *   restart MS             → every connection cut, nothing listening for MS; "ok"
 *   assign                 → the server assigns the agent a call: ON_CALL on
 *                            /ws/notifications; "ok"
 *   escalate CALL          → the server escalates the call (call_updated and
 *                            escalation_alert, nothing in its room); "ok"
 *   load N AGENTS RATE S   → a busy floor: N calls among AGENTS agents, RATE
 *                            events a second for S seconds; "ok"
 *   quit                   → exits
 *
 * Loopback only, as every test server here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ac-test-backend.h"

static char *
flag_frame (AcTestBackend *backend,
            const char    *conversation_id)
{
  g_autofree char *text = ac_test_backend_dup_json (backend);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *messages = json_object_get_object_member (json_node_get_object (root), "messages");
  JsonArray *rows = json_object_has_member (messages, conversation_id)
                      ? json_object_get_array_member (messages, conversation_id) : NULL;
  const char *id = NULL;

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (row, "speaker"), "customer") == 0)
        id = json_object_get_string_member (row, "id");
    }
  if (id == NULL)
    return NULL;

  return g_strdup_printf ("{\"type\":\"sentiment_update\",\"data\":{\"messageId\":\"%s\","
                          "\"sentiment\":\"NEGATIVE\",\"confidence\":\"0.97\",\"emotions\":{},"
                          "\"riskScore\":\"0.91\",\"escalationRequired\":true}}", id);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AcTestBackend) backend = ac_test_backend_new ();
  char line[65536];

  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("URL %s\n", ac_test_backend_get_api_url (backend));

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto(GStrv) words = NULL;

      g_strchomp (line);
      words = g_strsplit (line, " ", g_str_has_prefix (line, "load ") ? 5 : 3);
      if (words[0] == NULL || g_str_equal (words[0], "quit"))
        break;
      else if (g_str_equal (words[0], "state"))
        {
          g_autofree char *text = ac_test_backend_dup_json (backend);

          printf ("%s\n", text);
        }
      else if (g_str_equal (words[0], "inject") && words[1] != NULL && words[2] != NULL)
        {
          ac_test_backend_room_inject (backend, words[1], words[2]);
          printf ("ok\n");
        }
      else if (g_str_equal (words[0], "flag") && words[1] != NULL)
        {
          g_autofree char *frame = flag_frame (backend, words[1]);

          if (frame != NULL)
            ac_test_backend_room_inject (backend, words[1], frame);
          printf ("%s\n", frame != NULL ? "ok" : "none");
        }
      else if (g_str_equal (words[0], "assign"))
        {
          ac_test_backend_assign_call (backend);
          printf ("ok\n");
        }
      else if (g_str_equal (words[0], "escalate") && words[1] != NULL)
        {
          ac_test_backend_escalate (backend, words[1]);
          printf ("ok\n");
        }
      else if (g_str_equal (words[0], "load") && g_strv_length (words) == 5)
        {
          ac_test_backend_start_load (backend, (guint) g_ascii_strtoull (words[1], NULL, 10),
                                      MAX (1, (guint) g_ascii_strtoull (words[2], NULL, 10)),
                                      MIN ((guint) g_ascii_strtoull (words[3], NULL, 10), 10000),
                                      MIN ((guint) g_ascii_strtoull (words[4], NULL, 10), 3600));
          printf ("ok\n");
        }
      else if (g_str_equal (words[0], "restart") && words[1] != NULL)
        {
          ac_test_backend_restart (backend, (guint) g_ascii_strtoull (words[1], NULL, 10));
          printf ("ok\n");
        }
      else
        printf ("unknown command\n");
    }

  return 0;
}
