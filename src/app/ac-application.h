/* ac-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-backend-sync.h"
#include "ac-settings.h"

G_BEGIN_DECLS

#define AC_TYPE_APPLICATION (ac_application_get_type ())

G_DECLARE_FINAL_TYPE (AcApplication, ac_application, AC, APPLICATION, AdwApplication)

AcApplication *ac_application_new          (void);
AcSettings    *ac_application_get_settings (AcApplication *self);
AcBackendSync *ac_application_get_backend_sync (AcApplication *self);

G_END_DECLS
