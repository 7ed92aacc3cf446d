/* ac-store-customers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-customer-fields.h"
#include "ac-store-private.h"

/* The `customers` table: imported, created by the agent, kept from a
 * server, found as the agent types and for a screen pop. */

/* The columns an import may set, in the order of the statement below. */
static const char * const customer_columns[] = {
  "name", "email", "phone", "account_type", "balance", "currency", "status", "join_date",
  "risk_level", "preferred_language", "last_transaction_date", "kyc_status", "notes",
};

/* A customer, bound by bind_customer(): ?1 id, ?2 account number, ?3…?15
 * customer_columns, ?16 now.  Defaults as the contract's table has them. */
#define CUSTOMER_INSERT \
  "INSERT INTO customers (id, account_number, name, email, phone, " \
  "account_type, balance, currency, status, join_date, risk_level, " \
  "preferred_language, last_transaction_date, kyc_status, notes, " \
  "created_at, updated_at, phone_digits, phone_reversed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " \
  "coalesce(?7, '0'), coalesce(?8, 'USD'), coalesce(?9, 'ACTIVE'), ?10, " \
  "coalesce(?11, 'LOW'), coalesce(?12, 'en'), ?13, coalesce(?14, 'PENDING'), " \
  "?15, ?16, ?16, ac_digits(?5), ac_reversed_digits(?5))"

static void
bind_customer (sqlite3_stmt *stmt,
               const char   *id,
               GHashTable   *row,
               const char   *now)
{
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g_hash_table_lookup (row, "account_number"), -1, SQLITE_TRANSIENT);
  for (guint c = 0; c < G_N_ELEMENTS (customer_columns); c++)
    {
      const char *value = g_hash_table_lookup (row, customer_columns[c]);

      if (value != NULL && value[0] != '\0')
        sqlite3_bind_text (stmt, 3 + c, value, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (stmt, 16, now, -1, SQLITE_TRANSIENT);
}

static void
import_customers_job (AcStore *self,
                      GTask   *task)
{
  GPtrArray *rows = g_task_get_task_data (task);
  g_autofree char *now = ac_store_now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *exists = NULL;
  sqlite3_stmt *upsert = NULL;
  AcImportCounts *counts = g_new0 (AcImportCounts, 1);
  gboolean ok;

  if (!ac_store_require_open (self, task))
    {
      g_free (counts);
      return;
    }

  /* All or nothing: one transaction for the whole file. */
  ok = ac_store_exec (self->db, "BEGIN IMMEDIATE", &error) &&
       sqlite3_prepare_v2 (self->db, "SELECT 1 FROM customers WHERE account_number = ?1", -1,
                           &exists, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2 (self->db,
                           CUSTOMER_INSERT
                           " ON CONFLICT (account_number) DO UPDATE SET "
                           "name = excluded.name, "
                           "email = coalesce(?4, email), phone = coalesce(?5, phone), "
                           "phone_digits = coalesce(ac_digits(?5), phone_digits), "
                           "phone_reversed = coalesce(ac_reversed_digits(?5), phone_reversed), "
                           "account_type = excluded.account_type, "
                           "balance = coalesce(?7, balance), currency = coalesce(?8, currency), "
                           "status = coalesce(?9, status), join_date = coalesce(?10, join_date), "
                           "risk_level = coalesce(?11, risk_level), "
                           "preferred_language = coalesce(?12, preferred_language), "
                           "last_transaction_date = coalesce(?13, last_transaction_date), "
                           "kyc_status = coalesce(?14, kyc_status), notes = coalesce(?15, notes), "
                           "updated_at = ?16",
                           -1, &upsert, NULL) == SQLITE_OK;

  for (guint i = 0; ok && i < rows->len; i++)
    {
      GHashTable *row = rows->pdata[i];
      const char *account = g_hash_table_lookup (row, "account_number");
      g_autofree char *id = g_uuid_string_random ();
      gboolean existed;

      sqlite3_reset (exists);
      sqlite3_bind_text (exists, 1, account, -1, SQLITE_TRANSIENT);
      existed = sqlite3_step (exists) == SQLITE_ROW;

      sqlite3_reset (upsert);
      sqlite3_clear_bindings (upsert);
      bind_customer (upsert, id, row, now);

      ok = sqlite3_step (upsert) == SQLITE_DONE;
      if (ok && existed)
        counts->updated++;
      else if (ok)
        counts->added++;
    }

  if (!ok && error == NULL)
    ac_store_set_sqlite_error (&error, self->db, _("The customers could not be imported"));

  sqlite3_finalize (exists);
  sqlite3_finalize (upsert);

  if (ok && !ac_store_exec (self->db, "COMMIT", &error))
    ok = FALSE;

  if (!ok)
    {
      ac_store_exec (self->db, "ROLLBACK", NULL);
      g_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, counts, g_free);
}

/**
 * ac_store_import_customers_async:
 * @self: an open #AcStore
 * @rows: (element-type GHashTable): checked rows from
 *   ac_customer_import_parse(): column name → value
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when they are committed
 * @user_data: data for @callback
 *
 * Adds or updates customers, by account number, in one transaction: all
 * of them or, if any fails, none.  A column a row leaves out keeps its
 * stored value.
 */
void
ac_store_import_customers_async (AcStore             *self,
                                 GPtrArray           *rows,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (rows != NULL);

  /* The task data: the rows. */
  ac_store_start_job (self, g_ptr_array_ref (rows), (GDestroyNotify) g_ptr_array_unref,
                      ac_store_import_customers_async, import_customers_job, cancellable, callback,
                      user_data);
}

/**
 * ac_store_import_customers_finish:
 * @self: an #AcStore
 * @result: the result
 * @counts: (out caller-allocates): how many were added and updated
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with an %AC_STORE_ERROR and nothing
 *   changed
 */
gboolean
ac_store_import_customers_finish (AcStore         *self,
                                  GAsyncResult    *result,
                                  AcImportCounts  *counts,
                                  GError         **error)
{
  g_autofree AcImportCounts *got = NULL;

  g_return_val_if_fail (counts != NULL, FALSE);

  got = ac_store_propagate_pointer (self, result, ac_store_import_customers_async, error);
  if (got == NULL)
    return FALSE;

  *counts = *got;
  return TRUE;
}

static void
count_customers_job (AcStore *self,
                     GTask   *task)
{
  const char *match = g_task_get_task_data (task);
  sqlite3_stmt *stmt = NULL;
  gssize n = -1;

  if (!ac_store_require_open (self, task))
    return;

  /* With a query: full-text search over name, email, phone and account. */
  if (sqlite3_prepare_v2 (self->db,
                          match != NULL
                          ? "SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?1"
                          : "SELECT count(*) FROM customers",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      if (match != NULL)
        sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (n < 0)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                             _("The customers could not be counted: %s"), sqlite3_errmsg (self->db));
  else
    g_task_return_int (task, n);
}

/**
 * ac_store_count_customers_async:
 * @self: an open #AcStore
 * @match: (nullable): an FTS5 query over name, email, phone and account
 *   number, or %NULL for all customers
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the count
 * @user_data: data for @callback
 */
void
ac_store_count_customers_async (AcStore             *self,
                                const char          *match,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (AC_IS_STORE (self));

  /* The task data: the query, or NULL. */
  ac_store_start_job (self, g_strdup (match), g_free, ac_store_count_customers_async,
                      count_customers_job, cancellable, callback, user_data);
}

/**
 * ac_store_count_customers_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: how many customers (match), or -1 with an %AC_STORE_ERROR
 */
gssize
ac_store_count_customers_finish (AcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ac_store_count_customers_async, -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static AcCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GHashTable) fields = ac_store_row_fields (stmt);

  return ac_customer_new (fields);
}

/* An FTS5 query from what the agent typed: each word a quoted prefix, so
 * no character they type is FTS syntax. */
#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.email, c.phone, c.account_number, c.account_type, c.balance, c.currency, " \
  "c.status, c.join_date, c.risk_level, c.preferred_language, c.last_transaction_date, " \
  "c.kyc_status, c.notes"

static gboolean
looks_like_phone (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-(). /", *p) == NULL)
      return FALSE;
  return TRUE;
}

struct _CustomerQuery
{
  char  *text;
  guint  limit;
};

AC_STORE_DEFINE_DATA (CustomerQuery, customer_query)

static void
customer_query_clear (CustomerQuery *data)
{
  g_free (data->text);
}

static void
search_customers_job (AcStore *self,
                      GTask   *task)
{
  CustomerQuery *args = g_task_get_task_data (task);
  g_autoptr(GListStore) found = g_list_store_new (AC_TYPE_CUSTOMER);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *digits = ac_phone_digits (args->text);
  g_autofree char *match = ac_store_fts_query (args->text);
  guint limit = args->limit;
  const char *queries[2];
  sqlite3_stmt *stmt = NULL;

  if (!ac_store_require_open (self, task))
    return;

  /* A number that looks like a phone: stored numbers ending with its
   * last nine digits — reversed, a range of the index (':' sorts just
   * after '9'); then the words, by full-text prefix. */
  queries[0] = digits != NULL && strlen (digits) >= 5
    ? "SELECT " CUSTOMER_COLUMNS " FROM customers c "
      "WHERE c.phone_reversed >= ?1 AND c.phone_reversed < ?1 || ':' ORDER BY c.name LIMIT ?2"
    : NULL;
  /* Words: the first matches, by name.  Not by relevance (ORDER BY rank
   * scores every match: 70 ms for a four-letter prefix that 20,000 of a
   * million customers share, against 0.1 ms for the first ten); each word
   * typed narrows the matches instead.  (Written with IN: the same query
   * as SELECT * FROM (… LIMIT) ORDER BY took 36 ms here, against 0.07.)
   *
   * What is only a phone number is not also looked up as words: its
   * digit groups ("1", "555") would prefix-match much of the index. */
  queries[1] = match[0] != '\0' && !(queries[0] != NULL && looks_like_phone (args->text))
    ? "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.rowid IN "
      "(SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?1 LIMIT ?2) ORDER BY c.name"
    : NULL;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *param;

      if (queries[q] == NULL || g_list_model_get_n_items (G_LIST_MODEL (found)) >= limit)
        continue;

      if (sqlite3_prepare_v2 (self->db, queries[q], -1, &stmt, NULL) != SQLITE_OK)
        {
          g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                                   _("Customers could not be searched: %s"), sqlite3_errmsg (self->db));
          return;
        }

      if (q == 0)
        {
          /* The last nine digits, reversed: 5551234567 → 765432155. */
          g_strreverse (digits);
          digits[MIN (strlen (digits), 9)] = '\0';
          param = digits;
        }
      else
        param = match;
      sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, limit);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(AcCustomer) customer = customer_from_row (stmt);

          if (g_hash_table_add (seen, g_strdup (ac_customer_get_id (customer))) &&
              g_list_model_get_n_items (G_LIST_MODEL (found)) < limit)
            g_list_store_append (found, customer);
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
}

/**
 * ac_store_search_customers_async:
 * @self: an open #AcStore
 * @query: what the agent typed: words of a name, an email, an account
 *   number, or a phone number however written
 * @limit: the most customers wanted
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the customers found
 * @user_data: data for @callback
 *
 * Finds customers as the agent types, or for a screen pop: phone numbers
 * by their digits (see ac_phone_digits()), then words by full-text prefix
 * over name, email, phone and account number, best match first.
 */
void
ac_store_search_customers_async (AcStore             *self,
                                 const char          *query,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CustomerQuery *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (query != NULL);

  data = customer_query_new ();
  data->text = g_strdup (query);
  data->limit = MAX (limit, 1);

  ac_store_start_job (self, data, customer_query_free, ac_store_search_customers_async,
                      search_customers_job, cancellable, callback, user_data);
}

/**
 * ac_store_search_customers_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #AcCustomer, possibly empty, or
 *   %NULL with an %AC_STORE_ERROR
 */
GListModel *
ac_store_search_customers_finish (AcStore       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_search_customers_async, error);
}

static void
create_customer_job (AcStore *self,
                     GTask   *task)
{
  GHashTable *fields = g_task_get_task_data (task);
  g_autofree char *now = ac_store_now_iso ();
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  AcCustomer *customer = NULL;
  int rc;

  if (!ac_store_require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db, CUSTOMER_INSERT, -1, &stmt, NULL) != SQLITE_OK)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bind_customer (stmt, id, fields, now);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  /* Extended result codes are on: SQLITE_CONSTRAINT_UNIQUE and its kin. */
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                               _("A customer with account number “%s” is already stored"),
                               (const char *) g_hash_table_lookup (fields, "account_number"));
      return;
    }
  if (rc != SQLITE_DONE)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?1", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        customer = customer_from_row (stmt);
    }
  sqlite3_finalize (stmt);

  if (customer == NULL)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The customer could not be read back"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, customer, g_object_unref);
}

/**
 * ac_store_create_customer_async:
 * @self: an open #AcStore
 * @fields: (transfer none) (element-type utf8 utf8): column → value of
 *   the contract's `customers` table; `name`, `account_number` and
 *   `account_type` required; checked with ac_customer_check_fields()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the stored customer
 * @user_data: data for @callback
 *
 * Stores a new customer, for instance an unknown caller.  Unlike an
 * import, it never updates a customer already stored: an account number
 * in use is an %AC_STORE_ERROR_INVALID error.  Fields that do not check out
 * are reported at once, before anything is written.
 */
void
ac_store_create_customer_async (AcStore             *self,
                                GHashTable          *fields,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *invalid = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GHashTable *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (fields != NULL);

  if ((invalid = ac_customer_check_fields (fields, NULL)) != NULL)
    {
      ac_store_return_invalid (self, ac_store_create_customer_async, invalid, cancellable, callback,
                               user_data);
      return;
    }

  /* The task data: a trimmed copy of the fields. */
  data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_insert (data, g_strdup (key), g_strstrip (g_strdup (value)));

  ac_store_start_job (self, data, (GDestroyNotify) g_hash_table_unref, ac_store_create_customer_async,
                      create_customer_job, cancellable, callback, user_data);
}

/**
 * ac_store_create_customer_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the customer as stored, or %NULL with an
 *   %AC_STORE_ERROR
 */
AcCustomer *
ac_store_create_customer_finish (AcStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_create_customer_async, error);
}

#define CUSTOMER_KEEP \
  CUSTOMER_INSERT " ON CONFLICT(id) DO UPDATE SET account_number = excluded.account_number, " \
  "name = excluded.name, email = excluded.email, phone = excluded.phone, " \
  "account_type = excluded.account_type, balance = excluded.balance, currency = excluded.currency, " \
  "status = excluded.status, join_date = excluded.join_date, risk_level = excluded.risk_level, " \
  "preferred_language = excluded.preferred_language, " \
  "last_transaction_date = excluded.last_transaction_date, kyc_status = excluded.kyc_status, " \
  "notes = excluded.notes, updated_at = excluded.updated_at, phone_digits = excluded.phone_digits, " \
  "phone_reversed = excluded.phone_reversed"

struct _KeptCustomer
{
  char       *id;
  GHashTable *fields;
};

AC_STORE_DEFINE_DATA (KeptCustomer, kept_customer)

static void
kept_customer_clear (KeptCustomer *data)
{
  g_free (data->id);
  g_clear_pointer (&data->fields, g_hash_table_unref);
}

static void
keep_customer_job (AcStore *self,
                   GTask   *task)
{
  KeptCustomer *args = g_task_get_task_data (task);
  g_autofree char *now = ac_store_now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!ac_store_require_open (self, task))
    return;

  if (sqlite3_prepare_v2 (self->db, CUSTOMER_KEEP, -1, &stmt, NULL) != SQLITE_OK)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bind_customer (stmt, args->id, args->fields, now);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_INVALID,
                               _("Another customer with account number “%s” is stored on this computer"),
                               (const char *) g_hash_table_lookup (args->fields, "account_number"));
      return;
    }
  if (rc != SQLITE_DONE)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The customer could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * ac_store_keep_customer_async:
 * @self: an open #AcStore
 * @customer: a customer from the contact center's server, with its id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when kept
 * @user_data: data for @callback
 *
 * Keeps a copy of a server's customer under the server's id (added, or
 * updated if kept before), so that calls on this computer can name them
 * and the search finds them offline.
 * A different customer stored here with the same account number is an
 * %AC_STORE_ERROR_INVALID error, and nothing is changed.
 */
void
ac_store_keep_customer_async (AcStore             *self,
                              AcCustomer          *customer,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  static const char * const required[] = { "account_number", "name", "account_type" };
  KeptCustomer *args;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (AC_IS_CUSTOMER (customer));

  args = kept_customer_new ();
  args->id = g_strdup (ac_customer_get_id (customer));
  args->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (args->fields, g_strdup ("account_number"),
                       g_strdup (ac_record_get_field (AC_RECORD (customer), "account_number")));
  for (guint c = 0; c < G_N_ELEMENTS (customer_columns); c++)
    {
      const char *value = ac_record_get_field (AC_RECORD (customer), customer_columns[c]);

      if (value != NULL)
        g_hash_table_insert (args->fields, g_strdup (customer_columns[c]), g_strdup (value));
    }
  /* The columns the table cannot do without: a server that leaves one out
   * still gets its customer kept. */
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (g_hash_table_lookup (args->fields, required[i]) == NULL)
      g_hash_table_insert (args->fields, g_strdup (required[i]),
                           g_strdup (g_str_equal (required[i], "account_type") ? "INDIVIDUAL" : args->id));

  ac_store_start_job (self, args, kept_customer_free, ac_store_keep_customer_async, keep_customer_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_keep_customer_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if kept; %FALSE with %AC_STORE_ERROR_INVALID (another
 *   customer has the account number) or another %AC_STORE_ERROR
 */
gboolean
ac_store_keep_customer_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_keep_customer_async, error);
}

struct _NotesData
{
  char *customer_id;
  char *notes;
};

AC_STORE_DEFINE_DATA (NotesData, notes_data)

static void
notes_data_clear (NotesData *data)
{
  g_free (data->customer_id);
  g_free (data->notes);
}

static void
update_customer_notes_job (AcStore *self,
                           GTask   *task)
{
  NotesData *args = g_task_get_task_data (task);
  g_autofree char *now = ac_store_now_iso ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  AcCustomer *customer = NULL;
  gboolean ok;

  if (!ac_store_require_open (self, task))
    return;

  ok = sqlite3_prepare_v2 (self->db, "UPDATE customers SET notes = ?2, updated_at = ?3 WHERE id = ?1",
                           -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, args->customer_id, -1, SQLITE_TRANSIENT);
      ac_store_bind_text_or_null (stmt, 2, args->notes);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (!ok)
    {
      ac_store_set_sqlite_error (&error, self->db, _("The notes could not be saved"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?1", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, args->customer_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        customer = customer_from_row (stmt);
    }
  sqlite3_finalize (stmt);

  if (customer == NULL)
    g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_NOT_FOUND,
                             _("No customer “%s” is stored"), args->customer_id);
  else
    g_task_return_pointer (task, customer, g_object_unref);
}

/**
 * ac_store_update_customer_notes_async:
 * @self: an open #AcStore
 * @customer_id: the customer
 * @notes: (nullable): what agents wrote about them (the contract's
 *   `notes`); empty or %NULL clears them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the customer as stored
 * @user_data: data for @callback
 *
 * Keeps the agents' notes on a customer.
 */
void
ac_store_update_customer_notes_async (AcStore             *self,
                                      const char          *customer_id,
                                      const char          *notes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  NotesData *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);

  data = notes_data_new ();
  data->customer_id = g_strdup (customer_id);
  data->notes = g_strdup (notes);
  ac_store_start_job (self, data, notes_data_free, ac_store_update_customer_notes_async,
                      update_customer_notes_job, cancellable, callback, user_data);
}

/**
 * ac_store_update_customer_notes_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the customer as stored, or %NULL with
 *   %AC_STORE_ERROR_NOT_FOUND or another %AC_STORE_ERROR
 */
AcCustomer *
ac_store_update_customer_notes_finish (AcStore       *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_update_customer_notes_async, error);
}

