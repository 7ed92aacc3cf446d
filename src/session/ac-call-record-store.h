/* ac-call-record-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-call-session.h"
#include "ac-store.h"

G_BEGIN_DECLS

#define AC_TYPE_CALL_RECORD_STORE (ac_call_record_store_get_type ())

G_DECLARE_FINAL_TYPE (AcCallRecordStore, ac_call_record_store, AC, CALL_RECORD_STORE, GObject)

AcCallRecordStore *ac_call_record_store_new       (AcStore           *store);
AcStore           *ac_call_record_store_get_store (AcCallRecordStore *self);
void               ac_call_record_store_add_call  (AcCallRecordStore *self,
                                                   AcCallSession     *session);

G_END_DECLS
