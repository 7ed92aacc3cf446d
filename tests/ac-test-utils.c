/* ac-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>
#include <locale.h>

#include "ac-test-utils.h"

/* Tests run in the C locale so that labels are compared in English. */
void
ac_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (argc, argv, NULL);
  gst_init (argc, argv);
}

void
ac_test_init_gtk (int    *argc,
                  char ***argv)
{
  ac_test_init (argc, argv);
  gtk_init ();
  adw_init ();
}

/* Inside build-aux/headless (AC_TEST_HARNESS=1) the keyring and PulseAudio
 * are part of the test bed: a missing one is a failure.  Outside it, the
 * test is skipped. */
gboolean
ac_test_require_harness (const char *what)
{
  if (g_strcmp0 (g_getenv ("AC_TEST_HARNESS"), "1") == 0)
    return TRUE;

  g_test_skip_printf ("needs %s: run inside build-aux/headless", what);
  return FALSE;
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the default main context until @condition holds; a test that waits
 * for something never sleeps a fixed time. */
void
ac_test_wait_until (AcTestCondition  condition,
                    gpointer         data,
                    guint            timeout_ms,
                    const char      *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);

  g_source_remove (timeout_id);
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_first (GtkWidget     *root,
            WidgetMatch    match,
            gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), GPOINTER_TO_SIZE (type));
}

/* The first widget, depth first, whose #GtkWidget:name is @name. */
GtkWidget *
ac_test_find_widget (GtkWidget  *root,
                     const char *name)
{
  return find_first (root, has_name, name);
}

/* The first widget, depth first, that is a @type. */
GtkWidget *
ac_test_find_widget_of_type (GtkWidget *root,
                             GType      type)
{
  return find_first (root, is_of_type, GSIZE_TO_POINTER (type));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Counts @property's notifications into @count. */
void
ac_test_count_notify (gpointer    object,
                      const char *property,
                      guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_signal_connect (object, signal, G_CALLBACK (count_notify), count);
}

/* A GAsyncReadyCallback that keeps the result in @slot (a GAsyncResult**),
 * for ac_test_wait_result(). */
void
ac_test_keep_result (GObject      *object,
                     GAsyncResult *result,
                     gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

/* Runs the default main context until the result is in @slot. */
GAsyncResult *
ac_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* With AC_SCREENSHOTS set to a folder, saves @widget as it is drawn now to
 * NAME.png there, so a person can look at what a test drove. */
void
ac_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  const char *folder = g_getenv ("AC_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (folder == NULL || folder[0] == '\0')
    return;

  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  if (node == NULL || renderer == NULL)
    return;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (folder, 0755);
  path = g_strdup_printf ("%s/%s.png", folder, name);
  gdk_texture_save_to_png (texture, path);
}
