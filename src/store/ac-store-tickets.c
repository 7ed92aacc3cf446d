/* ac-store-tickets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-store-private.h"

/* The `tickets` table: filed under the next number, listed and moved
 * on. */

#define TICKET_COLUMNS \
  "id, conversation_id, customer_id, title, description, category, priority, status, " \
  "assigned_to, resolution_notes, sla_deadline, tags, created_at, updated_at, resolved_at"

static AcTicket *
ticket_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GHashTable) fields = ac_store_row_fields (stmt);

  return ac_ticket_new (fields);
}

static void
create_ticket_job (AcStore *self,
                   GTask   *task)
{
  GHashTable *f = g_task_get_task_data (task);
  g_autofree char *now = ac_store_now_iso ();
  g_autofree char *deadline = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcTicket) ticket = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!ac_store_require_open (self, task))
    return;

  if (g_hash_table_lookup (f, "sla_deadline") != NULL)
    deadline = g_strdup (g_hash_table_lookup (f, "sla_deadline"));
  else
    {
      g_autoptr(GDateTime) due = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later =
        g_date_time_add_hours (due, ac_ticket_sla_hours (g_hash_table_lookup (f, "priority")));

      deadline = g_date_time_format_iso8601 (later);
    }

  /* The number and the ticket in one transaction: ids never repeat. */
  ok = ac_store_exec (self->db, "BEGIN IMMEDIATE", &error) &&
       ac_store_exec (self->db, "INSERT INTO counters (name, value) VALUES ('ticket', 1) "
                      "ON CONFLICT (name) DO UPDATE SET value = value + 1", &error);
  if (ok)
    {
      ok = sqlite3_prepare_v2 (self->db, "SELECT value FROM counters WHERE name = 'ticket'", -1,
                               &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW;
      if (ok)
        id = g_strdup_printf ("TKT-%06" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  if (ok)
    {
      static const char * const columns[] = {
        "conversation_id", "customer_id", "title", "description", "category", "priority",
        "assigned_to", "tags",
      };

      ok = sqlite3_prepare_v2 (self->db,
                               "INSERT INTO tickets (id, conversation_id, customer_id, title, "
                               "description, category, priority, assigned_to, tags, status, "
                               "sla_deadline, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                               "?6, ?7, ?8, coalesce(?9, '[]'), coalesce(?10, 'OPEN'), ?11, ?12, ?12) "
                               "RETURNING " TICKET_COLUMNS,
                               -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
            ac_store_bind_text_or_null (stmt, 2 + i, g_hash_table_lookup (f, columns[i]));
          ac_store_bind_text_or_null (stmt, 10, g_hash_table_lookup (f, "status"));
          sqlite3_bind_text (stmt, 11, deadline, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 12, now, -1, SQLITE_TRANSIENT);
          ok = sqlite3_step (stmt) == SQLITE_ROW;
          if (ok)
            ticket = ticket_from_row (stmt);
        }
      sqlite3_finalize (stmt);
    }

  if (ok && !ac_store_exec (self->db, "COMMIT", &error))
    ok = FALSE;

  if (!ok)
    {
      if (error == NULL)
        ac_store_set_sqlite_error (&error, self->db, _("The ticket could not be filed"));
      ac_store_exec (self->db, "ROLLBACK", NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&ticket), g_object_unref);
}

/**
 * ac_store_create_ticket_async:
 * @self: an open #AcStore
 * @fields: (transfer none): column → value: `title`, `category` and
 *   `priority` (LOW, MEDIUM, HIGH, URGENT) required; `description`,
 *   `customer_id`, `conversation_id`, `assigned_to`, `tags` (a JSON array),
 *   `status` (default OPEN) and `sla_deadline` (ISO 8601; default from the
 *   priority, see [const@TICKET_SLA_HOURS_URGENT]) optional
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the filed ticket
 * @user_data: data for @callback
 *
 * Files a ticket under the next number (`TKT-000123`).  Fields that do not
 * check out are reported at once, before anything is written.
 */
void
ac_store_create_ticket_async (AcStore             *self,
                              GHashTable          *fields,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *invalid = NULL;
  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (fields != NULL);

  if ((invalid = ac_ticket_check_fields (fields, NULL)) != NULL)
    {
      ac_store_return_invalid (self, ac_store_create_ticket_async, invalid, cancellable, callback,
                               user_data);
      return;
    }

  /* The task data: the fields. */
  ac_store_start_job (self, g_hash_table_ref (fields), (GDestroyNotify) g_hash_table_unref,
                      ac_store_create_ticket_async, create_ticket_job, cancellable, callback,
                      user_data);
}

/**
 * ac_store_create_ticket_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the ticket as filed, with its id and SLA
 *   deadline, or %NULL with %AC_STORE_ERROR_INVALID (the message says what
 *   to fix) or another %AC_STORE_ERROR
 */
AcTicket *
ac_store_create_ticket_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_create_ticket_async, error);
}

struct _TicketQuery
{
  char *status;
  char *priority;
  char *customer_id;
  char *text;
};

AC_STORE_DEFINE_DATA (TicketQuery, ticket_query)

static void
ticket_query_clear (TicketQuery *data)
{
  g_free (data->status);
  g_free (data->priority);
  g_free (data->customer_id);
  g_free (data->text);
}

static void
list_tickets_job (AcStore *self,
                  GTask   *task)
{
  TicketQuery *args = g_task_get_task_data (task);
  g_autoptr(GListStore) tickets = g_list_store_new (AC_TYPE_TICKET);
  sqlite3_stmt *stmt = NULL;

  if (!ac_store_require_open (self, task))
    return;

  /* Each filter applies only when given; text is matched as text, not as
   * a LIKE pattern. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT * FROM (SELECT " TICKET_COLUMNS ", "
                          "(SELECT name FROM customers c WHERE c.id = tickets.customer_id) AS customer_name "
                          "FROM tickets) WHERE "
                          "(?1 IS NULL OR status = ?1) AND (?2 IS NULL OR priority = ?2) AND "
                          "(?3 IS NULL OR customer_id = ?3) AND "
                          "(?4 IS NULL OR instr(lower(title), lower(?4)) > 0 OR "
                          " instr(lower(coalesce(description, '')), lower(?4)) > 0 OR "
                          " instr(lower(coalesce(customer_name, '')), lower(?4)) > 0 OR id = upper(?4)) "
                          "ORDER BY status IN ('RESOLVED', 'CLOSED'), CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 "
                          "WHEN 'MEDIUM' THEN 2 ELSE 3 END, sla_deadline, id LIMIT 500",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_FAILED,
                               _("The tickets could not be read: %s"), sqlite3_errmsg (self->db));
      return;
    }

  ac_store_bind_text_or_null (stmt, 1, args->status);
  ac_store_bind_text_or_null (stmt, 2, args->priority);
  ac_store_bind_text_or_null (stmt, 3, args->customer_id);
  ac_store_bind_text_or_null (stmt, 4, args->text);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(AcTicket) ticket = ticket_from_row (stmt);

      g_list_store_append (tickets, ticket);
    }
  sqlite3_finalize (stmt);

  g_task_return_pointer (task, g_steal_pointer (&tickets), g_object_unref);
}

/**
 * ac_store_list_tickets_async:
 * @self: an open #AcStore
 * @status: (nullable): only tickets in this status
 * @priority: (nullable): only tickets of this priority
 * @customer_id: (nullable): only this customer's tickets
 * @text: (nullable): only tickets whose id is this, or whose title,
 *   description or customer's name contains it (any case)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the tickets
 * @user_data: data for @callback
 *
 * Lists tickets: those still open first, then the most urgent and the
 * nearest deadline (at most 500).  Each also has a `customer_name` field
 * when its customer is stored.
 */
void
ac_store_list_tickets_async (AcStore             *self,
                             const char          *status,
                             const char          *priority,
                             const char          *customer_id,
                             const char          *text,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TicketQuery *data;

  g_return_if_fail (AC_IS_STORE (self));

  data = ticket_query_new ();
  data->status = g_strdup (status);
  data->priority = g_strdup (priority);
  data->customer_id = g_strdup (customer_id);
  data->text = g_strdup (text);

  ac_store_start_job (self, data, ticket_query_free, ac_store_list_tickets_async, list_tickets_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_list_tickets_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #AcTicket, or %NULL with an
 *   %AC_STORE_ERROR
 */
GListModel *
ac_store_list_tickets_finish (AcStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return ac_store_propagate_pointer (self, result, ac_store_list_tickets_async, error);
}

struct _TicketUpdate
{
  char *ticket_id;
  char *status;
  char *resolution_notes;
};

AC_STORE_DEFINE_DATA (TicketUpdate, ticket_update)

static void
ticket_update_clear (TicketUpdate *data)
{
  g_free (data->ticket_id);
  g_free (data->status);
  g_free (data->resolution_notes);
}

static void
bind_ticket_update (sqlite3_stmt  *stmt,
                    gconstpointer  task_data,
                    const char    *now)
{
  const TicketUpdate *args = task_data;

  sqlite3_bind_text (stmt, 1, args->ticket_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, args->status, -1, SQLITE_TRANSIENT);
  ac_store_bind_text_or_null (stmt, 3, args->resolution_notes);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
}

static void
update_ticket_job (AcStore *self,
                   GTask   *task)
{
  TicketUpdate *args = g_task_get_task_data (task);

  ac_store_run_update (self, task,
                       "UPDATE tickets SET status = ?2, "
                       "resolution_notes = coalesce(?3, resolution_notes), updated_at = ?4, "
                       "resolved_at = CASE WHEN ?2 IN ('RESOLVED', 'CLOSED') "
                       "THEN coalesce(resolved_at, ?4) ELSE NULL END WHERE id = ?1",
                       bind_ticket_update, _("The ticket could not be updated"),
                       _("No ticket “%s” is stored"), args->ticket_id);
}

/**
 * ac_store_update_ticket_async:
 * @self: an open #AcStore
 * @ticket_id: the ticket, such as `TKT-000123`
 * @status: its new status: OPEN, IN_PROGRESS, PENDING, RESOLVED or CLOSED
 * @resolution_notes: (nullable): notes on the resolution; %NULL keeps them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when committed
 * @user_data: data for @callback
 *
 * Moves a ticket on.  RESOLVED and CLOSED set when it was resolved.
 */
void
ac_store_update_ticket_async (AcStore             *self,
                              const char          *ticket_id,
                              const char          *status,
                              const char          *resolution_notes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_auto(GStrv) statuses = ac_ticket_list_statuses ();
  TicketUpdate *data;

  g_return_if_fail (AC_IS_STORE (self));
  g_return_if_fail (ticket_id != NULL);

  if (!g_strv_contains ((const char * const *) statuses, status != NULL ? status : ""))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a ticket status"),
                                                  status != NULL ? status : "");

      ac_store_return_invalid (self, ac_store_update_ticket_async, message, cancellable, callback,
                               user_data);
      return;
    }

  data = ticket_update_new ();
  data->ticket_id = g_strdup (ticket_id);
  data->status = g_strdup (status);
  data->resolution_notes = g_strdup (resolution_notes);

  ac_store_start_job (self, data, ticket_update_free, ac_store_update_ticket_async, update_ticket_job,
                      cancellable, callback, user_data);
}

/**
 * ac_store_update_ticket_finish:
 * @self: an #AcStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE if committed; %FALSE with %AC_STORE_ERROR_INVALID (not a
 *   status), %AC_STORE_ERROR_NOT_FOUND or another %AC_STORE_ERROR
 */
gboolean
ac_store_update_ticket_finish (AcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return ac_store_propagate_boolean (self, result, ac_store_update_ticket_async, error);
}
