/* ac-audit-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ac-store.h"

G_BEGIN_DECLS

GtkWindow  *ac_audit_window_new            (AcStore    *store);
const char *ac_audit_action_describe       (const char *action);

G_END_DECLS
