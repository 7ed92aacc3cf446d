/* ac-speech-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-utterance.h"

G_BEGIN_DECLS

/**
 * AC_SPEECH_SAMPLE_RATE:
 *
 * The rate of the audio engines are given, in Hz: 16 kHz signed 16-bit
 * mono per channel, what the on-device models are trained on.  Telephone
 * audio is resampled up to it.
 */
#define AC_SPEECH_SAMPLE_RATE 16000

/**
 * AcSpeechError:
 * @AC_SPEECH_ERROR_MODEL: the acoustic or language model could not be loaded
 * @AC_SPEECH_ERROR_FAILED: the engine failed while decoding, or a service
 *   refused the key or the address
 * @AC_SPEECH_ERROR_UNREACHABLE: a speech service could not be reached for
 *   longer than its engine waits
 * @AC_SPEECH_ERROR_LANGUAGE: the engine cannot transcribe the language
 *   asked for
 *
 * Errors of speech engines.
 */
typedef enum
{
  AC_SPEECH_ERROR_MODEL,
  AC_SPEECH_ERROR_FAILED,
  AC_SPEECH_ERROR_UNREACHABLE,
  AC_SPEECH_ERROR_LANGUAGE,
} AcSpeechError;

#define AC_SPEECH_ERROR (ac_speech_error_quark ())
GQuark ac_speech_error_quark (void);

#define AC_TYPE_SPEECH_ENGINE (ac_speech_engine_get_type ())

G_DECLARE_INTERFACE (AcSpeechEngine, ac_speech_engine, AC, SPEECH_ENGINE, GObject)

struct _AcSpeechEngineInterface
{
  GTypeInterface parent_iface;

  void     (*start)   (AcSpeechEngine  *self,
                       guint            channel);
  gboolean (*process) (AcSpeechEngine  *self,
                       guint            channel,
                       const gint16    *samples,
                       gsize            n_samples,
                       GError         **error);
  gboolean (*finish)  (AcSpeechEngine  *self,
                       guint            channel,
                       GError         **error);
  gboolean (*set_language) (AcSpeechEngine  *self,
                            const char      *language,
                            GError         **error);
  void     (*hold)    (AcSpeechEngine  *self,
                       guint            channel);
};

void     ac_speech_engine_start   (AcSpeechEngine  *self,
                                   guint            channel);
gboolean ac_speech_engine_process (AcSpeechEngine  *self,
                                   guint            channel,
                                   const gint16    *samples,
                                   gsize            n_samples,
                                   GError         **error);
gboolean ac_speech_engine_finish  (AcSpeechEngine  *self,
                                   guint            channel,
                                   GError         **error);
void     ac_speech_engine_hold    (AcSpeechEngine  *self,
                                   guint            channel);
gboolean ac_speech_engine_set_language (AcSpeechEngine  *self,
                                        const char      *language,
                                        GError         **error);
void     ac_speech_engine_emit_hypothesis (AcSpeechEngine *self,
                                           AcUtterance    *utterance);

G_END_DECLS
