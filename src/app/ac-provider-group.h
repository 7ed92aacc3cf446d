/* ac-provider-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-settings.h"

G_BEGIN_DECLS

#define AC_TYPE_PROVIDER_GROUP (ac_provider_group_get_type ())

G_DECLARE_FINAL_TYPE (AcProviderGroup, ac_provider_group, AC, PROVIDER_GROUP, AdwPreferencesGroup)

void ac_provider_group_set_service (AcProviderGroup *self,
                                    AcSettings      *settings,
                                    const char      *service);

G_END_DECLS
