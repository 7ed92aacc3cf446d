/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ac-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AcApplication) app = NULL;

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
