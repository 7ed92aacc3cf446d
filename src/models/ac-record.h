/* ac-record.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AC_TYPE_RECORD (ac_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (AcRecord, ac_record, AC, RECORD, GObject)

struct _AcRecordClass
{
  GObjectClass parent_class;
};

gpointer    ac_record_new       (GType       type,
                                 GHashTable *fields);
const char *ac_record_get_field (AcRecord   *self,
                                 const char *column);
const char *ac_record_get_id    (AcRecord   *self);
gpointer    ac_record_copy_with (AcRecord   *self,
                                 const char *column,
                                 const char *value);

G_END_DECLS
