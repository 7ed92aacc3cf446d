/* bench-floor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Does the supervisor's Floor keep up with a big contact center?  The
 * real floor (AcFloor, its three WebSocket channels) and its real window,
 * against the test backend in a process of its own (run this under
 * build-aux/headless):
 *
 *   bench-floor SERVER N_CALLS N_AGENTS EVENTS_PER_S SECONDS
 *
 * The server is given N_CALLS live calls among N_AGENTS agents; then the
 * floor connects, and the time to its first complete picture (every call
 * and agent in the models, then painted) is taken.  Then the server sends
 * EVENTS_PER_S events a second (sentiment updates, calls ending and
 * starting, transfers, state changes) for SECONDS twice over: first for
 * the CPU share and peak RSS of the app's process (the server's are not
 * counted), then with the window redrawn every frame (60 Hz) for the time
 * from an event's arrival to the first frame painted after it.  Prints one
 * line of JSON.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "ac-floor-window.h"

static GArray *pending;   /* arrival times (µs) of events not yet painted */
static GArray *latencies; /* ms */
static gboolean measuring;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
on_event (void)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring)
    g_array_append_val (pending, now);
}

static void
on_after_paint (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < pending->len; i++)
    {
      double ms = (now - g_array_index (pending, gint64, i)) / 1000.0;

      g_array_append_val (latencies, ms);
    }
  g_array_set_size (pending, 0);
}

static gboolean
redraw_every_frame (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static char *
ask (GDataInputStream *out,
     GOutputStream    *in,
     const char       *command)
{
  g_autofree char *line = g_strconcat (command, "\n", NULL);

  g_output_stream_write_all (in, line, strlen (line), NULL, NULL, NULL);
  return g_data_input_stream_read_line (out, NULL, NULL, NULL);
}

static double
cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (hwm + 6, NULL, 10);
}

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
run_for (double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint waker = g_timeout_add (10, wake, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
}

static gboolean first_paint;

static void
on_first_paint (void)
{
  first_paint = TRUE;
}

static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
pictured (AcFloor *floor,
          guint    n_calls,
          guint    n_agents)
{
  return ac_floor_get_state (floor) == AC_FLOOR_LIVE &&
         g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (floor))) >= n_calls &&
         g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_agents (floor))) >= n_agents;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcBackendClient) client = NULL;
  g_autoptr(AcBackendTokens) tokens = NULL;
  g_autoptr(AcFloor) floor = NULL;
  g_autoptr(AcSettings) settings = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *first = NULL;
  g_autofree char *command = NULL;
  g_autofree char *websocket_url = NULL;
  g_autofree char *reply = NULL;
  GOutputStream *in;
  AcFloorWindow *window;
  GdkFrameClock *clock;
  guint n_calls, n_agents, rate, seconds, tick;
  gint64 start;
  double first_picture_ms, cpu_before, cpu_share;

  if (argc != 6)
    {
      g_printerr ("Usage: %s SERVER N_CALLS N_AGENTS EVENTS_PER_S SECONDS\n", argv[0]);
      return 2;
    }
  n_calls = atoi (argv[2]);
  n_agents = atoi (argv[3]);
  rate = atoi (argv[4]);
  seconds = atoi (argv[5]);

  gtk_init ();
  adw_init ();
  pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  latencies = g_array_new (FALSE, FALSE, sizeof (double));

  /* The server, with its floor. */
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, argv[1], NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (server);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  first = g_data_input_stream_read_line (out, NULL, NULL, NULL);
  g_assert (first != NULL && g_str_has_prefix (first, "URL "));
  command = g_strdup_printf ("load %u %u 0 0", n_calls, n_agents);
  reply = ask (out, in, command);
  g_assert_cmpstr (reply, ==, "ok");
  run_for (1.0);

  /* A supervisor signs in and opens the floor. */
  client = ac_backend_client_new (first + 4, NULL, &error);
  g_assert_no_error (error);
  ac_backend_client_login_async (client, "supervisor@example.com", "correct horse battery staple", NULL,
                                 keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  tokens = ac_backend_client_login_finish (client, result, &error);
  g_assert_no_error (error);
  websocket_url = g_strdup_printf ("ws%s", first + 4 + 4);
  websocket_url[strlen (websocket_url) - 4] = '\0';
  settings = ac_settings_new ();
  floor = ac_floor_new (client, websocket_url);
  g_signal_connect_swapped (ac_floor_get_calls (floor), "items-changed", G_CALLBACK (on_event), NULL);

  start = g_get_monotonic_time ();
  window = ac_floor_window_new (NULL, floor, settings, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!pictured (floor, n_calls, n_agents + 1))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () - start > 30 * G_USEC_PER_SEC)
        g_error ("No complete picture after 30 s: state %d, %u calls, %u agents", ac_floor_get_state (floor),
                 g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (floor))),
                 g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_agents (floor))));
    }
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  {
    gulong handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_first_paint), NULL);

    gtk_widget_queue_draw (GTK_WIDGET (window));
    while (!first_paint)
      g_main_context_iteration (NULL, TRUE);
    g_signal_handler_disconnect (clock, handler);
  }
  first_picture_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  run_for (1.0);

  /* The load, twice: CPU and memory first, then every frame painted. */
  g_free (command);
  command = g_strdup_printf ("load 0 %u %u %u", n_agents, rate, seconds);
  g_free (reply);
  reply = ask (out, in, command);
  g_assert_cmpstr (reply, ==, "ok");
  cpu_before = cpu_s ();
  run_for (seconds);
  cpu_share = (cpu_s () - cpu_before) / seconds;

  g_free (reply);
  reply = ask (out, in, command);
  g_assert_cmpstr (reply, ==, "ok");
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), redraw_every_frame, NULL, NULL);
  measuring = TRUE;
  run_for (seconds);
  measuring = FALSE;
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_array_sort (latencies, compare_doubles);

  printf ("{\"calls\": %u, \"agents\": %u, \"events_per_s\": %u, \"first_picture_ms\": %.1f, "
          "\"cpu_share\": %.3f, \"peak_rss_mb\": %.1f, \"events_timed\": %u, "
          "\"paint_median_ms\": %.2f, \"paint_p95_ms\": %.2f}\n",
          g_list_model_get_n_items (G_LIST_MODEL (ac_floor_get_calls (floor))), n_agents, rate,
          first_picture_ms, cpu_share, peak_rss_kb () / 1024.0, latencies->len,
          latencies->len > 0 ? g_array_index (latencies, double, latencies->len / 2) : -1.0,
          latencies->len > 0 ? g_array_index (latencies, double, latencies->len * 95 / 100) : -1.0);

  ask (out, in, "quit");
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
