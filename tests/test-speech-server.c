/* test-speech-server.c
 *
 * The test speech server (tests/ac-test-speech.c) as a process of its own,
 * for the checks that run the real binary: prints its ws:// address on
 * the first line of standard output, then serves until standard input
 * closes.  A line “fail refuse|close|malformed|huge” on standard input
 * makes the next connection misbehave so; “drop” closes every open stream
 * with 1011; “connections” prints how many there have been.  Each line is
 * answered with a line ending in “ok”.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ac-test-speech.h"

int
main (int   argc,
      char *argv[])
{
  /* --deepgram KEY, --assemblyai KEY, --openai KEY: that service's
   * protocol, that key. */
  g_autoptr(AcTestSpeech) vosk = argc == 3 && g_str_equal (argv[1], "--deepgram")
                               ? ac_test_speech_new (AC_TEST_SPEECH_DEEPGRAM, argv[2])
                               : argc == 3 && g_str_equal (argv[1], "--assemblyai")
                               ? ac_test_speech_new (AC_TEST_SPEECH_ASSEMBLYAI, argv[2])
                               : argc == 3 && g_str_equal (argv[1], "--openai")
                               ? ac_test_speech_new (AC_TEST_SPEECH_OPENAI, argv[2]) : ac_test_speech_new_vosk ();
  g_autofree char *url = ac_test_speech_dup_url (vosk);
  char line[256];

  printf ("%s\n", url);
  fflush (stdout);
  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_strstrip (line);
      if (g_str_equal (line, "fail refuse"))
        ac_test_speech_fail_next (vosk, AC_TEST_SPEECH_FAULT_REFUSE);
      else if (g_str_equal (line, "fail close"))
        ac_test_speech_fail_next (vosk, AC_TEST_SPEECH_FAULT_CLOSE);
      else if (g_str_equal (line, "fail malformed"))
        ac_test_speech_fail_next (vosk, AC_TEST_SPEECH_FAULT_MALFORMED);
      else if (g_str_equal (line, "fail huge"))
        ac_test_speech_fail_next (vosk, AC_TEST_SPEECH_FAULT_HUGE);
      else if (g_str_equal (line, "drop"))
        ac_test_speech_drop_all (vosk);
      else if (g_str_equal (line, "connections"))
        printf ("%u ", ac_test_speech_get_n_connections (vosk));
      printf ("ok\n");
      fflush (stdout);
    }
  return 0;
}
