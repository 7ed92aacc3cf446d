/* ac-test-speech.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the next connection does wrong. */
typedef enum
{
  AC_TEST_SPEECH_FAULT_NONE,
  AC_TEST_SPEECH_FAULT_REFUSE,      /* the handshake answered 401 */
  AC_TEST_SPEECH_FAULT_CLOSE,       /* close 1011 after 1 s of audio */
  AC_TEST_SPEECH_FAULT_MALFORMED,   /* a frame that is not JSON, once */
  AC_TEST_SPEECH_FAULT_HUGE,        /* a 1.5 MB frame, once */
  AC_TEST_SPEECH_FAULT_QUOTA,       /* the handshake answered 429, Retry-After 60 */
  AC_TEST_SPEECH_FAULT_BUSY,        /* the handshake answered 429, no Retry-After */
  AC_TEST_SPEECH_FAULT_SILENT,      /* the stream opens, nothing ever comes back */
  AC_TEST_SPEECH_FAULT_SLOW,        /* the handshake answered after 1.5 s */
  AC_TEST_SPEECH_FAULT_QUOTA_SOON,  /* the handshake answered 429, Retry-After 1 */
} AcTestSpeechFault;

/* The protocol the test server speaks: the Vosk server's, or Deepgram's
 * live streaming API (/v1/listen, “Authorization: Token KEY”). */
typedef enum
{
  AC_TEST_SPEECH_VOSK,
  AC_TEST_SPEECH_DEEPGRAM,
  AC_TEST_SPEECH_ASSEMBLYAI,
  AC_TEST_SPEECH_OPENAI,
} AcTestSpeechProtocol;

typedef struct _AcTestSpeech AcTestSpeech;

/* The words the test audio spells: a 10 ms frame of constant sample
 * value 1000 × (i + 1) is AC_TEST_SPEECH_WORDS[i]; zeros are silence. */
extern const char * const AC_TEST_SPEECH_WORDS[];

AcTestSpeech *ac_test_speech_new_vosk          (void);
AcTestSpeech *ac_test_speech_new        (AcTestSpeechProtocol  protocol,
                                       const char           *key);
void        ac_test_speech_free         (AcTestSpeech      *vosk);
char       *ac_test_speech_dup_url      (AcTestSpeech      *vosk);
void        ac_test_speech_fail_next    (AcTestSpeech      *vosk,
                                       AcTestSpeechFault  fault);
guint       ac_test_speech_get_n_connections (AcTestSpeech *vosk);
void        ac_test_speech_drop_all     (AcTestSpeech      *vosk);
void        ac_test_speech_set_unavailable (AcTestSpeech   *vosk,
                                          gboolean        unavailable);
void        ac_test_speech_set_idle_timeout (AcTestSpeech  *vosk,
                                           guint          idle_ms);
guint       ac_test_speech_get_n_keep_alives (AcTestSpeech *vosk);
guint       ac_test_speech_get_n_finalizes (AcTestSpeech  *vosk);
char       *ac_test_speech_dup_last_query (AcTestSpeech    *vosk);
GArray     *ac_test_speech_audio        (const char      *spoken);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcTestSpeech, ac_test_speech_free)

G_END_DECLS
