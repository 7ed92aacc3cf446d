/* ac-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-backend-sync.h"
#include "ac-settings.h"
#include "ac-store.h"

G_BEGIN_DECLS

#define AC_TYPE_APPLICATION (ac_application_get_type ())

G_DECLARE_FINAL_TYPE (AcApplication, ac_application, AC, APPLICATION, AdwApplication)

AcApplication *ac_application_new          (void);
AcSettings    *ac_application_get_settings (AcApplication *self);
AcBackendSync *ac_application_get_backend_sync (AcApplication *self);
AcStore       *ac_application_get_store    (AcApplication *self);
void           ac_application_audit        (AcApplication *self,
                                            const char    *action,
                                            const char    *subject,
                                            const char    *detail);

G_END_DECLS
