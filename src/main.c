/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "ac-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AcApplication) app = NULL;
  struct rlimit no_core = { 0, 0 };

  /* What the engines hear is in memory before it is masked: a crash
   * writes no core dump of it, and no other process of the user may read
   * this one's memory (AC_ALLOW_CORE_DUMPS=1 for a developer's debugging). */
  if (g_strcmp0 (g_getenv ("AC_ALLOW_CORE_DUMPS"), "1") != 0)
    {
      setrlimit (RLIMIT_CORE, &no_core);
      prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
    }

  /* Standard output is for what the command-line modes print (--json,
   * --upload's conversation id): logs, debug ones too, go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  setlocale (LC_ALL, "");
  /* AC_LOCALEDIR: the translations of a build not installed (the tests
   * run the app in Spanish from the build folder's po/). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AC_LOCALEDIR") != NULL ? g_getenv ("AC_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ac_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
