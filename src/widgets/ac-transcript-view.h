/* ac-transcript-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ac-transcript.h"

G_BEGIN_DECLS

#define AC_TYPE_TRANSCRIPT_VIEW (ac_transcript_view_get_type ())

G_DECLARE_FINAL_TYPE (AcTranscriptView, ac_transcript_view, AC, TRANSCRIPT_VIEW, GtkWidget)

GtkWidget    *ac_transcript_view_new            (void);
void          ac_transcript_view_set_transcript (AcTranscriptView *self,
                                                 AcTranscript     *transcript);
AcTranscript *ac_transcript_view_get_transcript (AcTranscriptView *self);
void          ac_transcript_view_set_finished   (AcTranscriptView *self,
                                                 gboolean          finished);
gboolean      ac_transcript_view_get_following  (AcTranscriptView *self);
void          ac_transcript_view_jump_to_live   (AcTranscriptView *self);
void          ac_transcript_view_scroll_to      (AcTranscriptView *self,
                                                 AcUtterance      *utterance);

G_END_DECLS
