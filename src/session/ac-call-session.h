/* ac-call-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-call-recorder.h"
#include "ac-customer.h"
#include "ac-escalations.h"
#include "ac-transcript.h"

G_BEGIN_DECLS

#define AC_TYPE_CALL_SESSION (ac_call_session_get_type ())

G_DECLARE_FINAL_TYPE (AcCallSession, ac_call_session, AC, CALL_SESSION, GObject)

AcCallSession  *ac_call_session_new                     (const char     *channel,
                                                         const char     *caller_number,
                                                         AcTranscript   *transcript,
                                                         AcEscalations  *escalations);
const char     *ac_call_session_get_id                  (AcCallSession  *self);
const char     *ac_call_session_get_channel             (AcCallSession  *self);
const char     *ac_call_session_get_caller_number       (AcCallSession  *self);
GDateTime      *ac_call_session_get_started             (AcCallSession  *self);
AcTranscript   *ac_call_session_get_transcript          (AcCallSession  *self);
AcEscalations  *ac_call_session_get_escalations         (AcCallSession  *self);
AcCustomer     *ac_call_session_get_customer            (AcCallSession  *self);
void            ac_call_session_set_customer            (AcCallSession  *self,
                                                         AcCustomer     *customer);
gboolean        ac_call_session_get_ended               (AcCallSession  *self);
gint64          ac_call_session_get_duration_ms         (AcCallSession  *self);
const char     *ac_call_session_get_overall_sentiment   (AcCallSession  *self);
void            ac_call_session_end                     (AcCallSession  *self,
                                                         gint64          duration_ms);
void            ac_call_session_wrap_up                 (AcCallSession  *self,
                                                         const char     *disposition,
                                                         const char     *notes,
                                                         gboolean        timed_out);
void            ac_call_session_keep_recording          (AcCallSession  *self,
                                                         AcCallRecorder *recorder);
void            ac_call_session_acknowledge_escalations (AcCallSession  *self);
void            ac_call_session_ask_supervisor          (AcCallSession  *self,
                                                         const char     *note);
void            ac_call_session_voice_activity          (AcCallSession  *self,
                                                         double          customer_dbfs,
                                                         double          agent_dbfs);
void            ac_call_session_close                   (AcCallSession  *self);

G_END_DECLS
