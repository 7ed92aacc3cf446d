/* ac-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-backend-sync.h"
#include "ac-settings.h"
#include "ac-store.h"

G_BEGIN_DECLS

#define AC_TYPE_PREFERENCES_WINDOW (ac_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AcPreferencesWindow, ac_preferences_window, AC, PREFERENCES_WINDOW, AdwPreferencesWindow)

AcPreferencesWindow *ac_preferences_window_new       (AcSettings          *settings);
void                 ac_preferences_window_set_store (AcPreferencesWindow *self,
                                                      AcStore             *store);

G_END_DECLS
