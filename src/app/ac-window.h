/* ac-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-agent-status.h"
#include "ac-audio-capture.h"
#include "ac-call-session.h"
#include "ac-customer-panel.h"
#include "ac-escalations.h"
#include "ac-history-window.h"
#include "ac-settings.h"
#include "ac-backend-sync.h"
#include "ac-store.h"
#include "ac-speech-engine.h"
#include "ac-ticket-form.h"
#include "ac-tickets-window.h"
#include "ac-transcript.h"

G_BEGIN_DECLS

#define AC_TYPE_WINDOW (ac_window_get_type ())

G_DECLARE_FINAL_TYPE (AcWindow, ac_window, AC, WINDOW, AdwApplicationWindow)

AcWindow       *ac_window_new              (AdwApplication *application,
                                            AcSettings     *settings,
                                            AcAgentStatus  *status,
                                            AcAudioCapture *capture);
AcAgentStatus  *ac_window_get_agent_status (AcWindow       *self);
AcAudioCapture *ac_window_get_capture      (AcWindow       *self);
void            ac_window_show_notice      (AcWindow       *self,
                                            const char     *message);
void            ac_window_show_error       (AcWindow       *self,
                                            const GError   *error);
AcTranscript   *ac_window_get_transcript   (AcWindow       *self);
AcCallRecorder *ac_window_get_recorder     (AcWindow       *self);
AcEscalations  *ac_window_get_escalations  (AcWindow       *self);
void            ac_window_set_store        (AcWindow       *self,
                                            AcStore        *store);
void            ac_window_set_backend_sync (AcWindow       *self,
                                            AcBackendSync  *sync);
AcBackendSync  *ac_window_get_backend_sync (AcWindow       *self);
const char     *ac_window_get_conversation_id (AcWindow    *self);
AcCallSession  *ac_window_get_call_session   (AcWindow    *self);
void            ac_window_set_caller       (AcWindow       *self,
                                            const char     *number);
AcCustomerPanel *ac_window_get_customer_panel (AcWindow    *self);
AcTicketForm   *ac_window_get_ticket_form  (AcWindow       *self);
AcTicketsWindow *ac_window_get_tickets_window (AcWindow    *self);
AcHistoryWindow *ac_window_get_history_window (AcWindow    *self);
void            ac_window_set_speech_engine (AcWindow      *self,
                                             AcSpeechEngine *engine);
void            ac_window_add_accels       (GtkApplication *application);
gboolean        ac_window_replay           (AcWindow       *self,
                                            GFile          *file,
                                            GError        **error);
void            ac_window_export_transcript_async  (AcWindow            *self,
                                                    GFile               *file,
                                                    gboolean             as_json,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        ac_window_export_transcript_finish (AcWindow            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
