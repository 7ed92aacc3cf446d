/* ac-test-script-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-speech-engine.h"

G_BEGIN_DECLS

#define AC_TYPE_TEST_SCRIPT_ENGINE (ac_test_script_engine_get_type ())

G_DECLARE_FINAL_TYPE (AcTestScriptEngine, ac_test_script_engine, AC, TEST_SCRIPT_ENGINE, GObject)

AcTestScriptEngine *ac_test_script_engine_new (const char  *script_path,
                                               GError     **error);

G_END_DECLS
