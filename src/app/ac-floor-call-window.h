/* ac-floor-call-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-floor.h"

G_BEGIN_DECLS

#define AC_TYPE_FLOOR_CALL_WINDOW (ac_floor_call_window_get_type ())

G_DECLARE_FINAL_TYPE (AcFloorCallWindow, ac_floor_call_window, AC, FLOOR_CALL_WINDOW, AdwWindow)

AcFloorCallWindow *ac_floor_call_window_new         (AcFloor           *floor,
                                                     const char        *call_id,
                                                     const char        *own_id);
const char        *ac_floor_call_window_get_call_id (AcFloorCallWindow *self);

G_END_DECLS
