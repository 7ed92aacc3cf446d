/* ac-call-uploader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-sync.h"
#include "ac-call-session.h"

G_BEGIN_DECLS

#define AC_TYPE_CALL_UPLOADER (ac_call_uploader_get_type ())

G_DECLARE_FINAL_TYPE (AcCallUploader, ac_call_uploader, AC, CALL_UPLOADER, GObject)

AcCallUploader *ac_call_uploader_new       (AcBackendSync  *sync);
AcBackendSync  *ac_call_uploader_get_sync  (AcCallUploader *self);
void            ac_call_uploader_add_call  (AcCallUploader *self,
                                            AcCallSession  *session);
gboolean        ac_call_uploader_get_begun (AcCallUploader *self);

G_END_DECLS
