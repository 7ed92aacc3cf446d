/* ac-pocketsphinx-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-speech-engine.h"

G_BEGIN_DECLS

/**
 * AC_POCKETSPHINX_MODEL:
 *
 * The on-device engine's model, US English (Debian's `pocketsphinx-en-us`):
 * the folder it is loaded from and the name each utterance records.
 */
#define AC_POCKETSPHINX_MODEL "en-us"

#define AC_TYPE_POCKETSPHINX_ENGINE (ac_pocketsphinx_engine_get_type ())

G_DECLARE_FINAL_TYPE (AcPocketsphinxEngine, ac_pocketsphinx_engine, AC, POCKETSPHINX_ENGINE, GObject)

AcPocketsphinxEngine *ac_pocketsphinx_engine_new        (guint                n_channels,
                                                         GError             **error);
void                  ac_pocketsphinx_engine_new_async  (guint                n_channels,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
AcPocketsphinxEngine *ac_pocketsphinx_engine_new_finish (GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
