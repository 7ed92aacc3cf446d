/* test-agent-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-agent-status.h"
#include "ac-types.h"
#include "ac-test-utils.h"

static void
test_agent_status_new (void)
{
  AcAgentStatus *status = ac_agent_status_new ();

  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);
  g_assert_cmpint (ac_agent_status_get_last_call_duration (status), ==, -1);
  g_assert_cmpint (ac_agent_status_get_time_in_state (status), >=, 0);

  g_assert_finalize_object (status);
}

static void
test_agent_status_call_cycle (void)
{
  g_autoptr(AcAgentStatus) status = ac_agent_status_new ();
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  ac_test_count_notify (status, "state", &notified);

  g_assert_true (ac_agent_status_set_state (status, AC_AGENT_STATE_ON_CALL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);

  /* Talk time is measured from the monotonic clock. */
  g_usleep (30 * 1000);
  g_assert_cmpint (ac_agent_status_get_time_in_state (status), >=, 30);

  g_assert_true (ac_agent_status_set_state (status, AC_AGENT_STATE_AFTER_CALL_WORK, &error));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpint (ac_agent_status_get_last_call_duration (status), >=, 30);
  g_assert_cmpint (ac_agent_status_get_time_in_state (status), <, 30);

  g_assert_true (ac_agent_status_set_state (status, AC_AGENT_STATE_AVAILABLE, &error));
  g_assert_cmpuint (notified, ==, 3);

  /* Entering the current state again is a no-op, not a notification. */
  g_assert_true (ac_agent_status_set_state (status, AC_AGENT_STATE_AVAILABLE, &error));
  g_assert_cmpuint (notified, ==, 3);
}

typedef struct
{
  AcAgentState from;
  AcAgentState to;
  gboolean     allowed;
} Transition;

/* Every pair, written out, so a change of the table is a visible change of
 * this test. */
static const Transition transitions[] = {
  { AC_AGENT_STATE_OFFLINE, AC_AGENT_STATE_AVAILABLE, TRUE },
  { AC_AGENT_STATE_OFFLINE, AC_AGENT_STATE_ON_CALL, FALSE },
  { AC_AGENT_STATE_OFFLINE, AC_AGENT_STATE_AFTER_CALL_WORK, FALSE },
  { AC_AGENT_STATE_OFFLINE, AC_AGENT_STATE_BREAK, TRUE },
  { AC_AGENT_STATE_AVAILABLE, AC_AGENT_STATE_OFFLINE, TRUE },
  { AC_AGENT_STATE_AVAILABLE, AC_AGENT_STATE_ON_CALL, TRUE },
  { AC_AGENT_STATE_AVAILABLE, AC_AGENT_STATE_AFTER_CALL_WORK, FALSE },
  { AC_AGENT_STATE_AVAILABLE, AC_AGENT_STATE_BREAK, TRUE },
  { AC_AGENT_STATE_ON_CALL, AC_AGENT_STATE_OFFLINE, FALSE },
  { AC_AGENT_STATE_ON_CALL, AC_AGENT_STATE_AVAILABLE, FALSE },
  { AC_AGENT_STATE_ON_CALL, AC_AGENT_STATE_AFTER_CALL_WORK, TRUE },
  { AC_AGENT_STATE_ON_CALL, AC_AGENT_STATE_BREAK, FALSE },
  { AC_AGENT_STATE_AFTER_CALL_WORK, AC_AGENT_STATE_OFFLINE, TRUE },
  { AC_AGENT_STATE_AFTER_CALL_WORK, AC_AGENT_STATE_AVAILABLE, TRUE },
  { AC_AGENT_STATE_AFTER_CALL_WORK, AC_AGENT_STATE_ON_CALL, FALSE },
  { AC_AGENT_STATE_AFTER_CALL_WORK, AC_AGENT_STATE_BREAK, TRUE },
  { AC_AGENT_STATE_BREAK, AC_AGENT_STATE_OFFLINE, TRUE },
  { AC_AGENT_STATE_BREAK, AC_AGENT_STATE_AVAILABLE, TRUE },
  { AC_AGENT_STATE_BREAK, AC_AGENT_STATE_ON_CALL, FALSE },
  { AC_AGENT_STATE_BREAK, AC_AGENT_STATE_AFTER_CALL_WORK, FALSE },
};

/* The shortest way from Available to each state. */
static void
enter (AcAgentStatus *status,
       AcAgentState   state)
{
  if (state == AC_AGENT_STATE_AFTER_CALL_WORK)
    g_assert_true (ac_agent_status_set_state (status, AC_AGENT_STATE_ON_CALL, NULL));
  g_assert_true (ac_agent_status_set_state (status, state, NULL));
}

static void
test_agent_status_transitions (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      g_autoptr(AcAgentStatus) status = ac_agent_status_new ();
      g_autoptr(GError) error = NULL;
      const Transition *t = &transitions[i];

      enter (status, t->from);
      g_assert_cmpint (ac_agent_status_get_state (status), ==, t->from);
      g_assert_cmpint (ac_agent_status_can_enter (status, t->to), ==, t->allowed);

      if (t->allowed)
        {
          g_assert_true (ac_agent_status_set_state (status, t->to, &error));
          g_assert_no_error (error);
          g_assert_cmpint (ac_agent_status_get_state (status), ==, t->to);
        }
      else
        {
          g_assert_false (ac_agent_status_set_state (status, t->to, &error));
          g_assert_error (error, AC_AGENT_STATUS_ERROR, AC_AGENT_STATUS_ERROR_INVALID_TRANSITION);
          g_assert_nonnull (strstr (error->message, ac_agent_state_to_label (t->from)));
          g_assert_cmpint (ac_agent_status_get_state (status), ==, t->from);
        }
    }
}

static void
test_agent_status_invalid_value (void)
{
  g_autoptr(AcAgentStatus) status = ac_agent_status_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ac_agent_status_can_enter (status, 42));
  g_assert_false (ac_agent_status_set_state (status, 42, &error));
  g_assert_error (error, AC_AGENT_STATUS_ERROR, AC_AGENT_STATUS_ERROR_INVALID_TRANSITION);
  g_assert_cmpint (ac_agent_status_get_state (status), ==, AC_AGENT_STATE_AVAILABLE);
}

static void
test_agent_state_nicks (void)
{
  static const char * const nicks[] = {
    "offline", "available", "on-call", "after-call-work", "break",
  };

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      AcAgentState state = 99;

      g_assert_cmpstr (ac_agent_state_to_nick (i), ==, nicks[i]);
      g_assert_true (ac_agent_state_from_nick (nicks[i], &state));
      g_assert_cmpint (state, ==, i);
      g_assert_cmpstr (ac_agent_state_to_label (i), !=, "");
    }

  {
    AcAgentState state = 99;

    g_assert_false (ac_agent_state_from_nick ("lunch", &state));
    g_assert_false (ac_agent_state_from_nick (NULL, &state));
    g_assert_cmpint (state, ==, 99);
  }
}

static void
test_format_duration (void)
{
  static const struct { gint64 ms; const char *text; } cases[] = {
    { -5, "0:00" },
    { 0, "0:00" },
    { 999, "0:00" },
    { 1000, "0:01" },
    { 59999, "0:59" },
    { 60000, "1:00" },
    { 3599999, "59:59" },
    { 3600000, "1:00:00" },
    { 36000000 + 61000, "10:01:01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ac_format_duration (cases[i].ms);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  ac_test_init (&argc, &argv);

  g_test_add_func ("/agent-status/new", test_agent_status_new);
  g_test_add_func ("/agent-status/call-cycle", test_agent_status_call_cycle);
  g_test_add_func ("/agent-status/transitions", test_agent_status_transitions);
  g_test_add_func ("/agent-status/invalid-value", test_agent_status_invalid_value);
  g_test_add_func ("/agent-status/nicks", test_agent_state_nicks);
  g_test_add_func ("/agent-status/format-duration", test_format_duration);

  return g_test_run ();
}
