/* ac-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-record"

#include "config.h"

#include "ac-record.h"

/**
 * AcRecord:
 *
 * One row of a table of the backend contract, as the store or a backend
 * gives it: column name → value, all as text (a backend may send numbers
 * as strings, and the store keeps them as the contract writes them).
 * Immutable.  #AcCustomer and #AcTicket are records.
 */
typedef struct
{
  GHashTable *fields;  /* column → value */
} AcRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (AcRecord, ac_record, G_TYPE_OBJECT)

static void
ac_record_finalize (GObject *object)
{
  AcRecordPrivate *priv = ac_record_get_instance_private (AC_RECORD (object));

  g_hash_table_unref (priv->fields);

  G_OBJECT_CLASS (ac_record_parent_class)->finalize (object);
}

static void
ac_record_class_init (AcRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_record_finalize;
}

static void
ac_record_init (AcRecord *self)
{
  AcRecordPrivate *priv = ac_record_get_instance_private (self);

  priv->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * ac_record_new:
 * @type: #AC_TYPE_RECORD or a type derived from it
 * @fields: (transfer none): column name → value, both strings; %NULL
 *   values are left out
 *
 * Returns: (transfer full) (type AcRecord): a new @type holding a copy of
 *   @fields
 */
gpointer
ac_record_new (GType       type,
               GHashTable *fields)
{
  AcRecord *self;
  AcRecordPrivate *priv;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (g_type_is_a (type, AC_TYPE_RECORD), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (type, NULL);
  priv = ac_record_get_instance_private (self);

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_insert (priv->fields, g_strdup (key), g_strdup (value));

  return self;
}

/**
 * ac_record_get_field:
 * @self: an #AcRecord
 * @column: a column of the contract's table
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if unknown
 */
const char *
ac_record_get_field (AcRecord   *self,
                     const char *column)
{
  AcRecordPrivate *priv;

  g_return_val_if_fail (AC_IS_RECORD (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  priv = ac_record_get_instance_private (self);

  return g_hash_table_lookup (priv->fields, column);
}

/**
 * ac_record_get_id:
 * @self: an #AcRecord
 *
 * Returns: (transfer none) (nullable): the `id` column
 */
const char *
ac_record_get_id (AcRecord *self)
{
  return ac_record_get_field (self, "id");
}

/**
 * ac_record_copy_with:
 * @self: an #AcRecord
 * @column: a column name
 * @value: (nullable): its new value; %NULL leaves the column out
 *
 * Records do not change once made; this is how one with a column more
 * (such as a customer's name the list learnt elsewhere) is made.
 *
 * Returns: (transfer full) (type AcRecord): a new record of the same type
 *   as @self, with @self's columns and @column set to @value
 */
gpointer
ac_record_copy_with (AcRecord   *self,
                     const char *column,
                     const char *value)
{
  AcRecordPrivate *priv;
  g_autoptr(GHashTable) fields = NULL;

  g_return_val_if_fail (AC_IS_RECORD (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  priv = ac_record_get_instance_private (self);
  fields = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GHashTableIter iter;
    gpointer key, field;

    g_hash_table_iter_init (&iter, priv->fields);
    while (g_hash_table_iter_next (&iter, &key, &field))
      g_hash_table_insert (fields, key, field);
  }
  if (value != NULL)
    g_hash_table_insert (fields, (gpointer) column, (gpointer) value);
  else
    g_hash_table_remove (fields, column);

  return ac_record_new (G_OBJECT_TYPE (self), fields);
}
