/* ac-escalations.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-transcript.h"

G_BEGIN_DECLS

/**
 * AcEscalationKind:
 * @AC_ESCALATION_RISK: a customer utterance's risk score is above
 *   [const@RISK_ESCALATION]
 * @AC_ESCALATION_FRAUD: the customer mentioned fraud or account security
 * @AC_ESCALATION_SAFETY: the customer mentioned a danger to someone's safety
 * @AC_ESCALATION_SUSTAINED: the customer's sentiment stayed below
 *   [const@ESCALATION_LOW_SENTIMENT] for [const@ESCALATION_LOW_RUN]
 *   utterances in a row
 * @AC_ESCALATION_BACKEND: the contact center's own analysis asked for it
 *   (`escalationRequired` in its `sentiment_update`)
 *
 * Why a call needs attention.
 */
typedef enum
{
  AC_ESCALATION_RISK,
  AC_ESCALATION_FRAUD,
  AC_ESCALATION_SAFETY,
  AC_ESCALATION_SUSTAINED,
  AC_ESCALATION_BACKEND,
} AcEscalationKind;

/**
 * AC_ESCALATION_LOW_SENTIMENT:
 *
 * The compound score below which a customer utterance counts towards
 * [enum@EscalationKind.SUSTAINED]: clearly negative, well past VADER's
 * neutral band (−0.05).
 */
#define AC_ESCALATION_LOW_SENTIMENT (-0.5)

/**
 * AC_ESCALATION_LOW_RUN:
 *
 * How many customer utterances in a row below
 * [const@ESCALATION_LOW_SENTIMENT] raise an escalation.
 */
#define AC_ESCALATION_LOW_RUN 3

#define AC_TYPE_ESCALATION (ac_escalation_get_type ())

G_DECLARE_FINAL_TYPE (AcEscalation, ac_escalation, AC, ESCALATION, GObject)

AcEscalationKind ac_escalation_get_kind         (AcEscalation *self);
gint64           ac_escalation_get_time_ms      (AcEscalation *self);
const char      *ac_escalation_kind_to_nick     (AcEscalationKind kind);
const char      *ac_escalation_get_reason       (AcEscalation *self);
AcUtterance     *ac_escalation_get_utterance    (AcEscalation *self);
gboolean         ac_escalation_get_acknowledged (AcEscalation *self);
void             ac_escalation_acknowledge      (AcEscalation *self);

#define AC_TYPE_ESCALATIONS (ac_escalations_get_type ())

G_DECLARE_FINAL_TYPE (AcEscalations, ac_escalations, AC, ESCALATIONS, GObject)

AcEscalations *ac_escalations_new               (AcTranscript  *transcript);
AcEscalation  *ac_escalations_get_pending       (AcEscalations *self);
guint          ac_escalations_get_n_pending     (AcEscalations *self);
void           ac_escalations_acknowledge_all   (AcEscalations *self);
gboolean       ac_escalations_raise_backend     (AcEscalations *self,
                                                 AcUtterance   *utterance,
                                                 double         risk);

G_END_DECLS
