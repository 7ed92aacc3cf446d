/* ac-speech-services.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-speech"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-speech-services.h"
#include "ac-assemblyai-engine.h"
#include "ac-deepgram-engine.h"
#include "ac-openai-engine.h"
#include "ac-vosk-engine.h"

/* The engines by the names the settings (`speech-engine`) and the command
 * line (`--engine`) use. */
static const char * const names[] = { "pocketsphinx", "vosk", "deepgram", "assemblyai", "openai", NULL };

/**
 * ac_speech_service_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the engines' names:
 *   `pocketsphinx` (on this computer), `vosk` (a speech server speaking
 *   the Vosk protocol), `deepgram` (Deepgram's live streaming) and
 *   `assemblyai` (AssemblyAI's Universal-Streaming) and `openai` (OpenAI's
 *   Realtime transcription)
 */
const char * const *
ac_speech_service_names (void)
{
  return names;
}

/**
 * ac_speech_service_is_streaming:
 * @name: an engine's name
 *
 * Returns: whether @name is a service the audio is sent to, rather than
 *   the engine on this computer
 */
gboolean
ac_speech_service_is_streaming (const char *name)
{
  return name != NULL && g_strv_contains (names, name) && !g_str_equal (name, "pocketsphinx");
}

/**
 * ac_speech_service_get_display_name:
 * @name: an engine's name, as ac_speech_service_names() give them
 *
 * Returns: (transfer none): the engine as an agent knows it, translated:
 *   “Deepgram”, “the speech server”, “this computer”; @name itself for
 *   one this app does not know
 */
const char *
ac_speech_service_get_display_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "deepgram"))
    return "Deepgram";
  if (g_str_equal (name, "assemblyai"))
    return "AssemblyAI";
  if (g_str_equal (name, "openai"))
    return "OpenAI";
  if (g_str_equal (name, "vosk"))
    return _("the speech server");
  if (g_str_equal (name, "pocketsphinx"))
    return _("this computer");
  return name;
}

/**
 * ac_speech_engine_new_for_service:
 * @name: a service's name, as ac_speech_service_names() gives them (not
 *   `pocketsphinx`, which loads its model: ac_pocketsphinx_engine_new())
 * @url: (nullable): the service's address; a speech server has no default
 * @allow_insecure: allow `ws://` to another computer
 * @key: (nullable): the service's API key, from the keyring
 *   (ac_speech_key_lookup_sync()); a service that needs one and has none
 *   says so when a call starts
 * @model: (nullable): the service's model; %NULL or empty for its default
 * @language: (nullable): the language, as the service names it
 * @error: return location for an %AC_SPEECH_ERROR
 *
 * Returns: (transfer full): the engine, or %NULL with an error for an
 *   unknown service, a missing or unusable address
 */
AcSpeechEngine *
ac_speech_engine_new_for_service (const char  *name,
                                  const char  *url,
                                  gboolean     allow_insecure,
                                  const char  *key,
                                  const char  *model,
                                  const char  *language,
                                  GError     **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "vosk"))
    {
      if (url == NULL || url[0] == '\0')
        {
          g_set_error_literal (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                               _("The speech server needs an address (ws://… or wss://…)"));
          return NULL;
        }
      if (!ac_speech_check_url (url, allow_insecure, error))
        return NULL;
      return ac_vosk_engine_new (url, language, allow_insecure);
    }
  if (g_str_equal (name, "openai"))
    {
      if (url != NULL && url[0] != '\0' && !ac_speech_check_url (url, allow_insecure, error))
        return NULL;
      return ac_openai_engine_new (url, key, model, language, allow_insecure);
    }
  if (g_str_equal (name, "assemblyai"))
    {
      if (url != NULL && url[0] != '\0' && !ac_speech_check_url (url, allow_insecure, error))
        return NULL;
      return ac_assemblyai_engine_new (url, key, model, language, allow_insecure);
    }
  if (g_str_equal (name, "deepgram"))
    {
      if (url != NULL && url[0] != '\0' && !ac_speech_check_url (url, allow_insecure, error))
        return NULL;
      return ac_deepgram_engine_new (url, key, model != NULL && model[0] != '\0' ? model : NULL,
                                     language != NULL && language[0] != '\0' ? language : NULL, allow_insecure);
    }

  {
    g_autofree char *known = g_strjoinv (", ", (char **) names);

    g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                 _("“%s” is not a speech engine this app knows (%s)"), name, known);
  }
  return NULL;
}
