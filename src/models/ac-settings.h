/* ac-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-redactor.h"

G_BEGIN_DECLS

#define AC_TYPE_SETTINGS (ac_settings_get_type ())

G_DECLARE_FINAL_TYPE (AcSettings, ac_settings, AC, SETTINGS, GObject)

AcSettings *ac_settings_new                 (void);
AcSettings *ac_settings_new_for_gsettings   (GSettings  *settings);
GSettings  *ac_settings_get_gsettings       (AcSettings *self);
const char *ac_settings_get_customer_source (AcSettings *self);
void        ac_settings_set_customer_source (AcSettings *self,
                                             const char *source);
const char *ac_settings_get_agent_source    (AcSettings *self);
void        ac_settings_set_agent_source    (AcSettings *self,
                                             const char *source);
gboolean    ac_settings_get_record_calls    (AcSettings *self);
const char *ac_settings_get_speech_url      (AcSettings *self);
const char *ac_settings_get_speech_model    (AcSettings *self);
const char *ac_settings_get_speech_language (AcSettings *self);
gboolean    ac_settings_get_speech_allow_insecure (AcSettings *self);
gboolean    ac_settings_get_wrap_up_requires_disposition (AcSettings *self);
guint       ac_settings_get_wrap_up_time_limit           (AcSettings *self);
const char *ac_settings_get_wrap_up_timeout_disposition  (AcSettings *self);
guint       ac_settings_get_sla_hours       (AcSettings *self,
                                             const char *priority);
const char *ac_settings_get_color_scheme    (AcSettings *self);
void        ac_settings_set_color_scheme    (AcSettings *self,
                                             const char *scheme);
const char *ac_settings_get_speech_engine   (AcSettings *self);
const char *ac_settings_get_backend_mode    (AcSettings *self);
const char *ac_settings_get_backend_url     (AcSettings *self);
const char *ac_settings_get_websocket_url   (AcSettings *self);
const char *ac_settings_get_tenant_id       (AcSettings *self);
const char *ac_settings_get_backend_account (AcSettings *self);
gboolean    ac_settings_get_backend_allow_insecure (AcSettings *self);
void        ac_settings_set_backend_address (AcSettings *self,
                                             const char *key,
                                             const char *value);
void        ac_settings_set_server          (AcSettings *self,
                                             const char *backend_url,
                                             const char *websocket_url,
                                             const char *tenant_id,
                                             gboolean    allow_insecure,
                                             const char *account);
gboolean    ac_settings_is_backend_key      (GParamSpec *pspec);

const char * const *ac_settings_get_redaction_off     (AcSettings          *self);
gboolean    ac_settings_get_redaction_enabled         (AcSettings          *self,
                                                       AcRedactionCategory  category);
void        ac_settings_set_redaction_enabled         (AcSettings          *self,
                                                       AcRedactionCategory  category,
                                                       gboolean             enabled);
void        ac_settings_apply_redaction               (AcSettings          *self,
                                                       AcRedactor          *redactor);
guint       ac_settings_get_card_pause_resume         (AcSettings          *self);
void        ac_settings_get_floor_limits              (AcSettings          *self,
                                                       guint               *break_limit_s,
                                                       guint               *after_call_limit_s);
char       *ac_settings_dup_actor                     (AcSettings          *self);
guint       ac_settings_get_recording_retention_days  (AcSettings          *self);
guint       ac_settings_get_transcript_retention_days (AcSettings          *self);

gboolean    ac_settings_get_assistant                 (AcSettings          *self,
                                                       const char         **url,
                                                       const char         **model,
                                                       gboolean            *replies);
const char *ac_settings_get_support_url               (AcSettings          *self);

G_END_DECLS
