/* ac-support-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AcSupportRoute:
 * @route: the channel recommended, such as `co-browse` or `video-call`
 * @confidence: how sure the service is, 0..1, or -1 when it did not say
 * @reasoning: (nullable): why, as the service wrote it
 * @alternatives: (element-type AcSupportRoute): the other routes, best
 *   first (their own @alternatives empty)
 *
 * A route recommendation (`POST /api/v1/support/route`).
 */
typedef struct _AcSupportRoute AcSupportRoute;
struct _AcSupportRoute
{
  char      *route;
  double     confidence;
  char      *reasoning;
  GPtrArray *alternatives;
};

/**
 * AcSupportAnswer:
 * @category: (nullable): the request's category (`approval`, `revision`,
 *   `question`, `urgent`, `technical` or `general` in seed 004; any word
 *   the service uses)
 * @category_confidence: 0..1, or -1 when it did not say
 * @suggestions: (element-type utf8): the replies the service suggests,
 *   best first, at most five; %NULL-terminated, so its `pdata` is a strv
 * @sentiment: (nullable): the sentiment's label as the service wrote it
 * @sentiment_score: −1..1 (0..1 scores are mapped), or NaN when it gave
 *   none
 *
 * What the support service answered for what the customer said.
 */
typedef struct
{
  char      *category;
  double     category_confidence;
  GPtrArray *suggestions;
  char      *sentiment;
  double     sentiment_score;
} AcSupportAnswer;

void             ac_support_route_free       (AcSupportRoute   *route);
void             ac_support_answer_free      (AcSupportAnswer  *answer);
AcSupportRoute  *ac_support_read_route       (JsonNode         *data,
                                              GError          **error);
void             ac_support_read_category    (JsonNode         *data,
                                              AcSupportAnswer  *answer);
void             ac_support_read_suggestions (JsonNode         *data,
                                              AcSupportAnswer  *answer);
void             ac_support_read_sentiment   (JsonNode         *data,
                                              AcSupportAnswer  *answer);

#define AC_TYPE_SUPPORT_CLIENT (ac_support_client_get_type ())

G_DECLARE_FINAL_TYPE (AcSupportClient, ac_support_client, AC, SUPPORT_CLIENT, GObject)

AcSupportClient *ac_support_client_new        (const char           *base_url,
                                               const char           *token,
                                               GError              **error);
void             ac_support_client_route_async (AcSupportClient     *self,
                                               const char           *issue,
                                               const char           *urgency,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
AcSupportRoute  *ac_support_client_route_finish (AcSupportClient    *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void             ac_support_client_analyze_async (AcSupportClient   *self,
                                               const char           *text,
                                               const char * const   *history,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
AcSupportAnswer *ac_support_client_analyze_finish (AcSupportClient  *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcSupportRoute, ac_support_route_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcSupportAnswer, ac_support_answer_free)

G_END_DECLS
