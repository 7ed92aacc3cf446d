/* ac-history-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-backend-sync.h"
#include "ac-store.h"
#include "ac-transcript.h"

G_BEGIN_DECLS

#define AC_TYPE_HISTORY_WINDOW (ac_history_window_get_type ())

G_DECLARE_FINAL_TYPE (AcHistoryWindow, ac_history_window, AC, HISTORY_WINDOW, AdwWindow)

AcHistoryWindow *ac_history_window_new            (AcStore         *store);
void             ac_history_window_set_backend_sync (AcHistoryWindow *self,
                                                   AcBackendSync   *sync);
void             ac_history_window_reload         (AcHistoryWindow *self);
void             ac_history_window_select         (AcHistoryWindow *self,
                                                   const char      *conversation_id);
GListModel      *ac_history_window_get_calls      (AcHistoryWindow *self);
AcConversation  *ac_history_window_get_selected   (AcHistoryWindow *self);
AcTranscript    *ac_history_window_get_transcript (AcHistoryWindow *self);
GtkMediaStream  *ac_history_window_get_recording  (AcHistoryWindow *self);

G_END_DECLS
