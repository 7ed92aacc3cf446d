/* test-chat-server.c
 *
 * The Chat Completions test server (ac-test-chat.c) as a process of its
 * own, for end-to-end tests that run the real app beside it: prints
 * `URL <base address>` and then answers one command per line on standard
 * input, one line each on standard output:
 *
 *   requests   → how many requests it was sent
 *   last       → the last request's body, on one line
 *   summary    → the last request for a summary, on one line
 *   quit       → exits
 *
 * Its answers are made from what it is sent, so a test sees the app's
 * transcript come back: asked for JSON (the wrap-up's summary), it answers
 * a summary whose reason quotes the first customer line and whose
 * disposition is `FOLLOW_UP` when the request offers that code; asked for
 * text (a reply or a ticket's description), it answers "Test reply to: "
 * and the last customer line; asked to label utterances, it calls each
 * negative, a complaint.  Loopback only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ac-test-chat.h"

/* The first (or last) line of @text starting with @prefix, without it,
 * at most 60 characters. */
static char *
line_of (const char *text,
         const char *prefix,
         gboolean    last)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *found = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        found = lines[i] + strlen (prefix);
        if (!last)
          break;
      }
  return found != NULL ? g_utf8_substring (found, 0, MIN (g_utf8_strlen (found, -1), 60)) : g_strdup ("nothing");
}

/* The last request for a summary, kept by answer() (which the server
 * calls with its lock held) and read by the "summary" command. */
static GMutex summary_lock;
static char *summary_request;

static char *
answer (const char *request,
        gpointer    data)
{
  g_autoptr(JsonNode) root = json_from_string (request, NULL);
  JsonObject *body = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *messages = body != NULL && json_object_has_member (body, "messages")
                          ? json_object_get_array_member (body, "messages") : NULL;
  const char *system = NULL;
  const char *user = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *first = NULL;
  g_autofree char *agent = NULL;

  if (messages == NULL || json_array_get_length (messages) < 2)
    return g_strdup ("{}");
  system = json_object_get_string_member (json_array_get_object_element (messages, 0), "content");
  user = json_object_get_string_member (json_array_get_object_element (messages, 1), "content");
  if (!json_object_has_member (body, "response_format"))
    {
      g_autofree char *said = line_of (user, "Customer: ", TRUE);

      return g_strdup_printf ("Test reply to: %s", said);
    }

  if (g_str_has_prefix (system, "You label contact-center utterances"))
    {
      /* every numbered line: negative, a complaint */
      g_auto(GStrv) lines = g_strsplit (user, "\n", -1);
      g_autoptr(GString) out = g_string_new ("{\"utterances\": [");
      guint n = 0;

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_ascii_isdigit (lines[i][0]))
          g_string_append_printf (out, "%s{\"index\": %u, \"sentiment\": \"negative\", \"score\": -0.5, "
                                  "\"intent\": \"complaint\"}", n++ > 0 ? ", " : "", (guint) atoi (lines[i]));
      g_string_append (out, "]}");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  g_mutex_lock (&summary_lock);
  g_free (summary_request);
  summary_request = g_strdup (request);
  g_mutex_unlock (&summary_lock);

  first = line_of (user, "Customer: ", FALSE);
  agent = line_of (user, "Agent: ", FALSE);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reason");
  {
    g_autofree char *reason = g_strdup_printf ("Test provider: the customer said %s", first);

    json_builder_add_string_value (builder, reason);
  }
  json_builder_set_member_name (builder, "actions");
  {
    g_autofree char *actions = g_strdup_printf ("The agent said %s", agent);

    json_builder_add_string_value (builder, actions);
  }
  json_builder_set_member_name (builder, "resolution");
  json_builder_add_string_value (builder, "Open");
  json_builder_set_member_name (builder, "next_steps");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "Call the customer back tomorrow");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "disposition");
  json_builder_add_string_value (builder, strstr (system, "\nFOLLOW_UP (") != NULL ? "FOLLOW_UP" : "NOT_CLASSIFIED");
  json_builder_set_member_name (builder, "why");
  json_builder_add_string_value (builder, "the test provider always asks for a call back");
  json_builder_end_object (builder);
  summary = json_builder_get_root (builder);
  return json_to_string (summary, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AcTestChat) chat = ac_test_chat_new ();
  char line[256];

  ac_test_chat_set_answer_func (chat, answer, NULL);
  printf ("URL %s\n", ac_test_chat_get_url (chat));
  fflush (stdout);

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_strstrip (line);
      if (g_str_equal (line, "quit"))
        break;
      else if (g_str_equal (line, "requests"))
        printf ("%u\n", ac_test_chat_get_n_requests (chat));
      else if (g_str_equal (line, "summary"))
        {
          g_autofree char *last = NULL;

          g_mutex_lock (&summary_lock);
          last = g_strdup (summary_request);
          g_mutex_unlock (&summary_lock);
          g_strdelimit (last, "\n", ' ');
          printf ("%s\n", last != NULL ? last : "");
        }
      else if (g_str_equal (line, "last"))
        {
          g_autofree char *last = ac_test_chat_dup_last_request (chat);

          g_strdelimit (last, "\n", ' ');
          printf ("%s\n", last != NULL ? last : "");
        }
      else
        printf ("unknown\n");
      fflush (stdout);
    }
  return 0;
}
