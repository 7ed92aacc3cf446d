/* ac-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ac-agent-status.h"
#include "ac-audio-capture.h"
#include "ac-settings.h"

G_BEGIN_DECLS

#define AC_TYPE_WINDOW (ac_window_get_type ())

G_DECLARE_FINAL_TYPE (AcWindow, ac_window, AC, WINDOW, AdwApplicationWindow)

AcWindow       *ac_window_new              (AdwApplication *application,
                                            AcSettings     *settings,
                                            AcAgentStatus  *status,
                                            AcAudioCapture *capture);
AcAgentStatus  *ac_window_get_agent_status (AcWindow       *self);
AcAudioCapture *ac_window_get_capture      (AcWindow       *self);
void            ac_window_show_error       (AcWindow       *self,
                                            const GError   *error);

G_END_DECLS
