/* ac-card-pause.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ac-backend-sync.h"
#include "ac-call-recorder.h"
#include "ac-call-session.h"
#include "ac-transcriber.h"

G_BEGIN_DECLS

/**
 * AC_CARD_PAUSE_DELAY_MS:
 *
 * How far back a cut reaches: the recorder's delay line, in ms.  It covers
 * a card number read at the pace of speech (16 digits in about 8 s) and
 * the on-device engine's latency before it is recognised; see the
 * measurement in bench/bench-card-pause.c and README.
 */
#define AC_CARD_PAUSE_DELAY_MS 15000

/* Cuts start this much before the first digit heard (ms). */
#define AC_CARD_PAUSE_MARGIN_MS 500

#define AC_TYPE_CARD_PAUSE (ac_card_pause_get_type ())

G_DECLARE_FINAL_TYPE (AcCardPause, ac_card_pause, AC, CARD_PAUSE, GObject)

AcCardPause *ac_card_pause_new           (AcTranscriber  *transcriber,
                                          AcCallRecorder *recorder,
                                          guint           resume_after_s);
gboolean     ac_card_pause_get_active    (AcCardPause    *self);
void         ac_card_pause_resume        (AcCardPause    *self);
void         ac_card_pause_check         (AcCardPause    *self);
void         ac_card_pause_set_backend   (AcCardPause    *self,
                                          AcBackendSync  *sync,
                                          AcCallSession  *session);

G_END_DECLS
