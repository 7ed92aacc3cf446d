/* ac-floor-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-floor.h"
#include "ac-settings.h"

G_BEGIN_DECLS

#define AC_TYPE_FLOOR_WINDOW (ac_floor_window_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorWindow, ac_floor_window, AC, FLOOR_WINDOW, AdwApplicationWindow)

AcFloorWindow *ac_floor_window_new       (GtkApplication *application,
                                          AcFloor        *floor,
                                          AcSettings     *settings,
                                          const char     *own_id);
AcFloor       *ac_floor_window_get_floor (AcFloorWindow  *self);
GtkWindow     *ac_floor_window_open_call (AcFloorWindow  *self,
                                          const char     *call_id);

G_END_DECLS
