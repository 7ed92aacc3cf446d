/* ac-sentiment-timeline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ac-escalations.h"
#include "ac-transcript.h"

G_BEGIN_DECLS

#define AC_TYPE_SENTIMENT_TIMELINE (ac_sentiment_timeline_get_type ())

G_DECLARE_FINAL_TYPE (AcSentimentTimeline, ac_sentiment_timeline, AC, SENTIMENT_TIMELINE, GtkWidget)

GtkWidget    *ac_sentiment_timeline_new             (void);
void          ac_sentiment_timeline_set_transcript  (AcSentimentTimeline *self,
                                                     AcTranscript        *transcript);
AcTranscript *ac_sentiment_timeline_get_transcript  (AcSentimentTimeline *self);
void          ac_sentiment_timeline_set_escalations (AcSentimentTimeline *self,
                                                     AcEscalations       *escalations);
AcUtterance  *ac_sentiment_timeline_get_point       (AcSentimentTimeline *self,
                                                     guint                channel,
                                                     guint                i,
                                                     double              *smoothed);
guint         ac_sentiment_timeline_get_n_points    (AcSentimentTimeline *self,
                                                     guint                channel);
AcUtterance  *ac_sentiment_timeline_pick            (AcSentimentTimeline *self,
                                                     double               x,
                                                     double               y);
char         *ac_sentiment_timeline_describe        (AcSentimentTimeline *self);

G_END_DECLS
