/* ac-command-line.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ac-redactor.h"
#include "ac-settings.h"

G_BEGIN_DECLS

int ac_command_line_set_api_key   (const char *engine,
                                   const char *url);
int ac_command_line_clear_api_key (const char *engine,
                                   const char *url);
int ac_command_line_analyze (const char *path,
                             gboolean    as_json,
                             const char *engine_name,
                             const char *engine_url,
                             gboolean    allow_insecure);

int       ac_command_line_score_text (const char        *model_name);
int       ac_command_line_redact (AcRedactor *redactor);
int       ac_command_line_purge (AcSettings *settings);
int       ac_command_line_import_customers (const char  *path);
int       ac_command_line_import_knowledge (const char  *path);
int       ac_command_line_suggest (void);
int       ac_command_line_login (const char *url,
                                 const char *ws_url,
                                 const char *tenant,
                                 gboolean    allow_insecure,
                                 const char *email);

int       ac_command_line_upload (const char *path,
                                  const char *caller);

G_END_DECLS
