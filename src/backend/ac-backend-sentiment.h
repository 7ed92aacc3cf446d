/* ac-backend-sentiment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * AcBackendSentiment:
 * @message_id: the server's id of the message scored
 * @client_message_id: (nullable): the id the app gave that message, when
 *   it was one of the app's own
 * @label: `positive`, `negative`, `neutral`, `mixed` or `urgent`, lower
 *   case whatever case the server used
 * @confidence: 0..1
 * @risk_score: 0..1, or -1 when the server sent none
 * @escalation_required: the server's `escalationRequired` (the contract
 *   sets it when the risk score passes 0.7)
 * @emotions_json: (nullable): the server's `emotions` object, as JSON text
 *
 * A `sentiment_update` of the room: the backend's own analysis of one
 * message.
 */
typedef struct
{
  char     *message_id;
  char     *client_message_id;
  char     *label;
  double    confidence;
  double    risk_score;
  gboolean  escalation_required;
  char     *emotions_json;
} AcBackendSentiment;

#define AC_TYPE_BACKEND_SENTIMENT (ac_backend_sentiment_get_type ())

GType               ac_backend_sentiment_get_type (void) G_GNUC_CONST;
AcBackendSentiment *ac_backend_sentiment_copy     (const AcBackendSentiment *sentiment);
void                ac_backend_sentiment_free     (AcBackendSentiment       *sentiment);
double              ac_backend_sentiment_get_score (const AcBackendSentiment *sentiment);
AcBackendSentiment *ac_backend_sentiment_new_from_json (JsonObject        *data,
                                                   const char       **problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcBackendSentiment, ac_backend_sentiment_free)

G_END_DECLS
