/* ac-sign-in-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-settings.h"

G_BEGIN_DECLS

#define AC_TYPE_SIGN_IN_DIALOG (ac_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AcSignInDialog, ac_sign_in_dialog, AC, SIGN_IN_DIALOG, AdwWindow)

AcSignInDialog *ac_sign_in_dialog_new (AcSettings *settings);

G_END_DECLS
