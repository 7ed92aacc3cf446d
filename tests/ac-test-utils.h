/* ac-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*AcTestCondition) (gpointer data);

void       ac_test_init              (int             *argc,
                                      char          ***argv);
void       ac_test_init_gtk          (int             *argc,
                                      char          ***argv);
gboolean   ac_test_require_harness   (const char      *what);
void       ac_test_wait_until        (AcTestCondition  condition,
                                      gpointer         data,
                                      guint            timeout_ms,
                                      const char      *what);
GtkWidget *ac_test_find_widget       (GtkWidget       *root,
                                      const char      *name);
GtkWidget *ac_test_find_widget_of_type (GtkWidget     *root,
                                        GType          type);
void       ac_test_keep_result       (GObject         *object,
                                      GAsyncResult    *result,
                                      gpointer         slot);
GAsyncResult *ac_test_wait_result    (GAsyncResult   **slot);
void       ac_test_count_notify      (gpointer         object,
                                      const char      *property,
                                      guint           *count);

void       ac_test_save_screenshot   (GtkWidget       *widget,
                                      const char      *name);

#define ac_test_wait_for(cond, data, timeout_ms) \
  ac_test_wait_until ((AcTestCondition) (cond), (data), (timeout_ms), #cond)

G_END_DECLS
