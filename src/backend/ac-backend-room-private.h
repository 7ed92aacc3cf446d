/* ac-backend-room-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-backend-room.h"

G_BEGIN_DECLS

/* For the fuzzer: a frame as if the room's socket had received it
 * (@type a #SoupWebsocketDataType). */
void _ac_backend_room_take_frame (AcBackendRoom *self,
                                  int            type,
                                  GBytes        *message);

G_END_DECLS
