/* ac-customer-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AcImportProblem:
 * @line: the line of the file the row starts on, from 1 (the header)
 * @message: what is wrong with it, for the person importing
 *
 * A row that was not imported, and why.
 */
typedef struct
{
  guint  line;
  char  *message;
} AcImportProblem;

/**
 * AcCustomerImport:
 * @rows: (element-type GHashTable): the valid rows, each a table of
 *   column name → value (only the columns given), in file order
 * @problems: (element-type AcImportProblem): the rows left out
 * @n_rows: how many data rows the file had
 *
 * A customers CSV file, read and checked.
 */
typedef struct
{
  GPtrArray *rows;
  GArray    *problems;
  guint      n_rows;
} AcCustomerImport;

AcCustomerImport *ac_customer_import_parse (const char        *data,
                                            gsize              length,
                                            GError           **error);
void              ac_customer_import_free  (AcCustomerImport  *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcCustomerImport, ac_customer_import_free)

G_END_DECLS
