/* ac-customer-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-customer-import"

#include "config.h"

#include <csv.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ac-customer-fields.h"
#include "ac-customer-import.h"
#include "ac-store.h"

/* Reading a customers file for `agent-console --import-customers`: CSV
 * (RFC 4180, parsed by libcsv) with a header row of the backend contract's
 * column names.  Each row is checked on its own; a bad row is reported by
 * its line and left out, the others go on. */

typedef struct
{
  GPtrArray        *fields;       /* char*, the record being read */
  GPtrArray        *header;       /* char*, or NULL before the header */
  AcCustomerImport *import;
  GHashTable       *seen;         /* account_number → line (GUINT) */
  guint             line;         /* the physical line being fed */
  guint             record_line;  /* where the current record began */
  GError           *header_error;
} Reader;

static void
add_problem (Reader     *reader,
             guint       line,
             char       *message)
{
  AcImportProblem problem = { line, message };

  g_array_append_val (reader->import->problems, problem);
}

static void
take_header (Reader *reader)
{
  g_autoptr(GString) unknown = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GPtrArray) required = NULL;

  reader->header = g_steal_pointer (&reader->fields);
  reader->fields = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < reader->header->len; i++)
    {
      char *name = g_strstrip (reader->header->pdata[i]);

      /* An empty name (a trailing comma) is a column nobody can fill in:
       * named so, it cannot vanish from the message. */
      if (ac_customer_column_lookup (name, NULL) == NULL)
        g_string_append_printf (unknown, "%s%s", unknown->len ? ", " : "",
                                name[0] != '\0' ? name : _("a column with no name"));

      for (guint j = 0; j < i; j++)
        if (g_str_equal (name, reader->header->pdata[j]))
          g_string_append_printf (unknown, "%s%s (twice)", unknown->len ? ", " : "", name);
    }

  required = ac_customer_list_required_columns ();
  for (guint c = 0; c < required->len; c++)
    {
      gboolean present = FALSE;

      for (guint i = 0; i < reader->header->len; i++)
        present |= g_str_equal (reader->header->pdata[i], required->pdata[c]);

      if (!present)
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", (const char *) required->pdata[c]);
    }

  if (unknown->len > 0)
    reader->header_error = g_error_new (AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                                        _("The header names columns customers do not have: %s"),
                                        unknown->str);
  else if (missing->len > 0)
    reader->header_error = g_error_new (AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                                        _("The header lacks the required columns: %s"),
                                        missing->str);
}

static void
take_row (Reader *reader)
{
  g_autoptr(GHashTable) row = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint line = reader->record_line;
  const char *account;

  reader->import->n_rows++;

  /* A blank line is no row. */
  if (reader->fields->len == 1 && ((char *) reader->fields->pdata[0])[0] == '\0')
    {
      reader->import->n_rows--;
      return;
    }

  if (reader->fields->len != reader->header->len)
    {
      add_problem (reader, line,
                   g_strdup_printf (_("%u fields where the header has %u"),
                                    reader->fields->len, reader->header->len));
      return;
    }

  for (guint i = 0; i < reader->fields->len; i++)
    {
      AcCustomerColumnKind kind;
      const char *column = ac_customer_column_lookup (reader->header->pdata[i], &kind);
      char *value = g_strstrip (reader->fields->pdata[i]);
      char *why;

      if (kind == AC_CUSTOMER_COLUMN_IGNORED)
        continue;

      if (value[0] == '\0')
        {
          if (kind == AC_CUSTOMER_COLUMN_REQUIRED)
            {
              add_problem (reader, line, g_strdup_printf (_("%s is empty"), column));
              return;
            }
          continue;
        }

      if ((why = ac_customer_check_value (column, value)) != NULL)
        {
          add_problem (reader, line, why);
          return;
        }

      g_hash_table_insert (row, (gpointer) column, g_strdup (value));
    }

  account = g_hash_table_lookup (row, "account_number");
  if (g_hash_table_contains (reader->seen, account))
    {
      add_problem (reader, line,
                   g_strdup_printf (_("account_number “%s” is already on line %u"), account,
                                    GPOINTER_TO_UINT (g_hash_table_lookup (reader->seen, account))));
      return;
    }

  g_hash_table_insert (reader->seen, g_strdup (account), GUINT_TO_POINTER (line));
  g_ptr_array_add (reader->import->rows, g_steal_pointer (&row));
}

static void
on_field (void   *data,
          size_t  length,
          void   *user_data)
{
  Reader *reader = user_data;

  g_ptr_array_add (reader->fields, g_strndup (data, length));
}

static void
on_record (int   terminator,
           void *user_data)
{
  Reader *reader = user_data;

  if (reader->header == NULL)
    take_header (reader);
  else if (reader->header_error == NULL)
    take_row (reader);

  g_ptr_array_set_size (reader->fields, 0);
  reader->record_line = reader->line + 1;
}

/* Where line @line (from 1) of @data begins, or its end. */
static const char *
line_start (const char *data,
            gsize       length,
            guint       line)
{
  const char *p = data;
  const char *end = data + length;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  for (guint l = 1; l < line && p < end; l++)
    {
      const char *eol = memchr (p, '\n', end - p);

      p = eol != NULL ? eol + 1 : end;
    }

  return p;
}

static void
free_problem (gpointer data)
{
  AcImportProblem *problem = data;

  g_free (problem->message);
}

/**
 * ac_customer_import_parse:
 * @data: (array length=length): the file's bytes
 * @length: how many
 * @error: return location for an error
 *
 * Reads and checks a customers CSV file: a header row of the contract's
 * column names (`name`, `account_number` and `account_type` required;
 * `email`, `phone`, `balance`, `currency`, `status`, `join_date`,
 * `risk_level`, `preferred_language`, `last_transaction_date`,
 * `kyc_status`, `notes` optional; `id`, `created_at`, `updated_at`
 * accepted and ignored), then a row per customer.  A row with bad quoting,
 * the wrong number of fields, a value that does not check out or an
 * account number already in the file is left out and reported with its
 * line.
 *
 * Returns: (transfer full): the rows and problems; %NULL with an
 *   %AC_STORE_ERROR if the file has no usable header
 */
AcCustomerImport *
ac_customer_import_parse (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(AcCustomerImport) import = g_new0 (AcCustomerImport, 1);
  struct csv_parser parser;
  Reader reader = { 0, };
  const char *p = data;
  const char *end = data + length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  import->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  import->problems = g_array_new (FALSE, FALSE, sizeof (AcImportProblem));
  g_array_set_clear_func (import->problems, free_problem);

  reader.import = import;
  reader.fields = g_ptr_array_new_with_free_func (g_free);
  reader.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.line = 1;
  reader.record_line = 1;

  /* A UTF-8 byte-order mark is not part of the first column's name. */
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);

  /* A line at a time, so problems can name their line; a quoted field may
   * run over several. */
  while (reader.header_error == NULL)
    {
      gboolean at_end = p >= end;
      const char *eol = at_end ? NULL : memchr (p, '\n', end - p);
      gsize n = at_end ? 0 : eol != NULL ? (gsize) (eol - p) + 1 : (gsize) (end - p);
      guint bad_line = reader.record_line;
      gboolean good;

      good = at_end ? csv_fini (&parser, on_field, on_record, &reader) == 0
                    : csv_parse (&parser, p, n, on_field, on_record, &reader) == n;

      if (good && at_end)
        break;

      if (good)
        {
          reader.line++;
          p += n;
          continue;
        }

      if (reader.header == NULL)
        {
          g_set_error (&reader.header_error, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                       _("The header row is not valid CSV"));
          break;
        }

      /* Bad quoting: the record is dropped, and reading starts again on the
       * line after it began — an open quote may have swallowed good lines
       * after it. */
      add_problem (&reader, bad_line, g_strdup (_("bad quoting")));
      import->n_rows++;
      csv_free (&parser);
      csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
      g_ptr_array_set_size (reader.fields, 0);
      p = line_start (data, length, bad_line + 1);
      reader.line = bad_line + 1;
      reader.record_line = bad_line + 1;
    }
  csv_free (&parser);

  if (reader.header_error == NULL && reader.header == NULL)
    g_set_error (&reader.header_error, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                 _("The file is empty: it needs a header row of column names"));

  g_clear_pointer (&reader.fields, g_ptr_array_unref);
  g_clear_pointer (&reader.header, g_ptr_array_unref);
  g_clear_pointer (&reader.seen, g_hash_table_unref);

  if (reader.header_error != NULL)
    {
      g_propagate_error (error, reader.header_error);
      return NULL;
    }

  return g_steal_pointer (&import);
}

/**
 * ac_customer_import_free:
 * @import: an #AcCustomerImport
 */
void
ac_customer_import_free (AcCustomerImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->rows, g_ptr_array_unref);
  g_clear_pointer (&import->problems, g_array_unref);
  g_free (import);
}
