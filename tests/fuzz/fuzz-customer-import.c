/* fuzz-customer-import.c
 *
 * libFuzzer: a customers CSV file as `--import-customers` reads it: the
 * parser and every row's checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ac-customer-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcCustomerImport) import = ac_customer_import_parse ((const char *) data, size, &error);

  /* Either rows and problems, or why there are none. */
  g_assert ((import == NULL) == (error != NULL));

  return 0;
}
