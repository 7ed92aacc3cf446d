/* ac-transcript-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ac-utterance.h"

G_BEGIN_DECLS

#define AC_TYPE_TRANSCRIPT_ROW (ac_transcript_row_get_type ())

G_DECLARE_FINAL_TYPE (AcTranscriptRow, ac_transcript_row, AC, TRANSCRIPT_ROW, GtkWidget)

GtkWidget   *ac_transcript_row_new           (void);
void         ac_transcript_row_set_utterance (AcTranscriptRow *self,
                                              AcUtterance     *utterance);
AcUtterance *ac_transcript_row_get_utterance (AcTranscriptRow *self);

G_END_DECLS
