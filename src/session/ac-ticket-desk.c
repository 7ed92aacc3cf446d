/* ac-ticket-desk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-ticket-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-ticket-desk.h"
#include "ac-redactor.h"

/**
 * AcTicketDesk:
 *
 * Where a ticket the agent files goes: into the local store first (it
 * gets its number there, and is kept whatever the network does), then,
 * with a contact-center server signed in, through the backend's outbox
 * under the local ticket's id as its `Idempotency-Key` — the same ticket
 * however often it is retried (see ac_backend_sync_file_ticket()).
 *
 * It also lists them: the store's tickets and, signed in and connected,
 * the server's, merged into one list in the store's order — the server's
 * rows for what it has (named after customers the store knows), the
 * store's own rows for what has not reached it yet.
 *
 * No window writes or merges tickets: the ticket form's window and the
 * tickets window ask the desk and show what it answers.
 */
struct _AcTicketDesk
{
  GObject        parent_instance;

  AcStore       *store;        /* nullable */
  AcBackendSync *sync;         /* nullable */
};

G_DEFINE_FINAL_TYPE (AcTicketDesk, ac_ticket_desk, G_TYPE_OBJECT)

/* At most this many from the server: a shift's worth, as the store lists
 * at most 500. */
#define SERVER_LIMIT 500

/* What the server is sent of a ticket filed here: the form's fields but
 * the local number (the server numbers its own) and a customer the server
 * does not have (the title names them). */
static void
send_to_server (AcTicketDesk *self,
                AcTicket     *ticket,
                GHashTable   *fields)
{
  g_autoptr(GHashTable) sent = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->sync == NULL)
    return;

  sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != NULL)
      g_hash_table_insert (sent, g_strdup (key), g_strdup (value));
  g_hash_table_remove (sent, "ticket_number");
  if (!ac_backend_sync_is_server_customer (self->sync, g_hash_table_lookup (sent, "customer_id")))
    g_hash_table_remove (sent, "customer_id");
  ac_backend_sync_file_ticket (self->sync, ac_ticket_get_id (ticket), sent);
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AcTicketDesk *self = g_task_get_source_object (task);
  GError *error = NULL;
  AcTicket *ticket = ac_store_create_ticket_finish (AC_STORE (object), result, &error);

  if (ticket == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  send_to_server (self, ticket, g_task_get_task_data (task));
  g_task_return_pointer (task, ticket, g_object_unref);
}

static void
ac_ticket_desk_dispose (GObject *object)
{
  AcTicketDesk *self = AC_TICKET_DESK (object);

  g_clear_object (&self->store);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (ac_ticket_desk_parent_class)->dispose (object);
}

static void
ac_ticket_desk_class_init (AcTicketDeskClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ac_ticket_desk_dispose;
}

static void
ac_ticket_desk_init (AcTicketDesk *self)
{
}

/**
 * ac_ticket_desk_new:
 *
 * Returns: (transfer full): a desk with neither a store nor a server yet
 */
AcTicketDesk *
ac_ticket_desk_new (void)
{
  return g_object_new (AC_TYPE_TICKET_DESK, NULL);
}

/**
 * ac_ticket_desk_set_store:
 * @self: an #AcTicketDesk
 * @store: (nullable): the open local store
 */
void
ac_ticket_desk_set_store (AcTicketDesk *self,
                          AcStore      *store)
{
  g_return_if_fail (AC_IS_TICKET_DESK (self));
  g_return_if_fail (store == NULL || AC_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * ac_ticket_desk_set_backend_sync:
 * @self: an #AcTicketDesk
 * @sync: (nullable): the contact-center server's link
 */
void
ac_ticket_desk_set_backend_sync (AcTicketDesk  *self,
                                 AcBackendSync *sync)
{
  g_return_if_fail (AC_IS_TICKET_DESK (self));
  g_return_if_fail (sync == NULL || AC_IS_BACKEND_SYNC (sync));

  g_set_object (&self->sync, sync);
}

/**
 * ac_ticket_desk_file_async:
 * @self: an #AcTicketDesk
 * @fields: (element-type utf8 utf8): the ticket's columns, as
 *   ac_store_create_ticket_async() takes them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ticket as filed here
 * @user_data: data for @callback
 *
 * Files a ticket here, then sends it to the server when one is signed
 * in (later, from the outbox, if it cannot be reached now).
 */
void
ac_ticket_desk_file_async (AcTicketDesk        *self,
                           GHashTable          *fields,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) masked = NULL;

  g_return_if_fail (AC_IS_TICKET_DESK (self));
  g_return_if_fail (fields != NULL);

  /* What was typed is masked as what was said is: title and description,
   * in a copy (the caller's table is left as it was). */
  {
    GHashTableIter iter;
    gpointer key, value;

    masked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_hash_table_iter_init (&iter, fields);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (masked, g_strdup (key),
                           g_str_equal (key, "title") || g_str_equal (key, "description")
                           ? ac_redact_typed_text (value) : g_strdup (value));
  }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_ticket_desk_file_async);
  g_task_set_task_data (task, g_hash_table_ref (masked), (GDestroyNotify) g_hash_table_unref);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_CLOSED,
                               _("Tickets cannot be filed: the local store is not open"));
      return;
    }

  ac_store_create_ticket_async (self->store, masked, cancellable, on_created, g_steal_pointer (&task));
}

/**
 * ac_ticket_desk_file_finish:
 * @self: an #AcTicketDesk
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the ticket as filed here, with its number and
 *   SLA deadline, or %NULL with an %AC_STORE_ERROR (%AC_STORE_ERROR_INVALID
 *   says what to fix; %AC_STORE_ERROR_CLOSED when there is no store)
 */
AcTicket *
ac_ticket_desk_file_finish (AcTicketDesk  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ac_ticket_desk_file_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------- listing */

/* One listing: the store's, and the server's when connected. */
typedef struct
{
  guint       pending;
  GListModel *local;
  GListModel *remote;
  GError     *local_error;
  GError     *remote_error;
} Listing;

static void
listing_free (gpointer data)
{
  Listing *listing = data;

  g_clear_object (&listing->local);
  g_clear_object (&listing->remote);
  g_clear_error (&listing->local_error);
  g_clear_error (&listing->remote_error);
  g_free (listing);
}

static void
listing_done (GTask *task)
{
  Listing *listing = g_task_get_task_data (task);

  if (--listing->pending > 0)
    {
      g_object_unref (task);
      return;
    }

  if (listing->local == NULL)
    g_task_return_error (task, g_steal_pointer (&listing->local_error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_store_listed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Listing *listing = g_task_get_task_data (task);

  listing->local = ac_store_list_tickets_finish (AC_STORE (object), result, &listing->local_error);
  listing_done (task);
}

static void
on_server_listed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Listing *listing = g_task_get_task_data (task);

  listing->remote = ac_backend_client_list_tickets_finish (AC_BACKEND_CLIENT (object), result,
                                                           &listing->remote_error);
  listing_done (task);
}

/**
 * ac_ticket_desk_list_async:
 * @self: an #AcTicketDesk
 * @status: (nullable): only tickets in this status
 * @priority: (nullable): only tickets of this priority
 * @customer_id: (nullable): only this customer's tickets
 * @text: (nullable): only tickets whose id is this, or whose title,
 *   description or customer's name contains it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the store's list and the server's
 * @user_data: data for @callback
 *
 * Lists the store's tickets (see ac_store_list_tickets_async()) and,
 * connected to a server, the server's (at most 500 of each).  Finish with
 * ac_ticket_desk_list_finish(); merge with ac_ticket_desk_merge().
 */
void
ac_ticket_desk_list_async (AcTicketDesk        *self,
                           const char          *status,
                           const char          *priority,
                           const char          *customer_id,
                           const char          *text,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Listing *listing;

  g_return_if_fail (AC_IS_TICKET_DESK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_ticket_desk_list_async);
  listing = g_new0 (Listing, 1);
  g_task_set_task_data (task, listing, listing_free);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, AC_STORE_ERROR, AC_STORE_ERROR_CLOSED,
                               _("Tickets cannot be shown: the local store is not open"));
      g_object_unref (task);
      return;
    }

  listing->pending = 1;

  /* Connected (so the outbox read back the server's ids of what was filed
   * here): the server is asked too.  Otherwise the store answers alone,
   * and why is said. */
  if (self->sync != NULL)
    {
      switch (ac_backend_sync_get_state (self->sync))
        {
        case AC_BACKEND_SYNC_CONNECTED:
          listing->pending++;
          ac_backend_client_list_tickets_async (ac_backend_sync_get_client (self->sync), status, priority,
                                                customer_id, text, SERVER_LIMIT, 0, cancellable,
                                                on_server_listed, g_object_ref (task));
          break;

        case AC_BACKEND_SYNC_WAITING:
          g_set_error_literal (&listing->remote_error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "waiting for the server");
          break;

        case AC_BACKEND_SYNC_CONNECTING:
          g_set_error_literal (&listing->remote_error, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "connecting to the server");
          break;

        case AC_BACKEND_SYNC_SIGNED_OUT:
        default:
          break;
        }
    }

  ac_store_list_tickets_async (self->store, status, priority, customer_id, text, cancellable,
                               on_store_listed, task);
}

/**
 * ac_ticket_desk_list_finish:
 * @self: an #AcTicketDesk
 * @result: the result
 * @remote: (out) (transfer full) (optional) (nullable): the server's
 *   list, or %NULL when it was not asked or could not answer
 * @server_error: (out) (optional) (nullable): why there is no server's
 *   list: %G_IO_ERROR_PENDING while connecting, %G_IO_ERROR_NOT_CONNECTED
 *   while waiting to reconnect, or the server's #AcBackendError; %NULL
 *   when nobody is signed in
 * @error: return location for the store's error
 *
 * Returns: (transfer full): the store's list, or %NULL with an
 *   %AC_STORE_ERROR
 */
GListModel *
ac_ticket_desk_list_finish (AcTicketDesk  *self,
                            GAsyncResult  *result,
                            GListModel   **remote,
                            GError       **server_error,
                            GError       **error)
{
  Listing *listing;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ac_ticket_desk_list_async), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  listing = g_task_get_task_data (G_TASK (result));
  if (remote != NULL)
    *remote = g_steal_pointer (&listing->remote);
  if (server_error != NULL)
    *server_error = g_steal_pointer (&listing->remote_error);
  return g_steal_pointer (&listing->local);
}

/* Open ones first, then the most urgent and the nearest deadline: the
 * store's order (ac_store_list_tickets_async()), for a list merged from
 * both. */
static int
priority_rank (const char *priority)
{
  static const char * const order[] = { "URGENT", "HIGH", "MEDIUM" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (priority, order[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (order);
}

static int
compare_tickets (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  AcTicket *one = (AcTicket *) a;
  AcTicket *other = (AcTicket *) b;
  int order;

  if ((order = !ac_ticket_is_open (one) - !ac_ticket_is_open (other)) != 0)
    return order;
  if ((order = priority_rank (ac_ticket_get_field (one, "priority")) -
               priority_rank (ac_ticket_get_field (other, "priority"))) != 0)
    return order;
  /* No deadline sorts first, as NULL does in sqlite. */
  if ((order = g_strcmp0 (ac_ticket_get_field (one, "sla_deadline"),
                          ac_ticket_get_field (other, "sla_deadline"))) != 0)
    return order;
  return g_strcmp0 (ac_ticket_get_id (one), ac_ticket_get_id (other));
}

/**
 * ac_ticket_desk_merge:
 * @self: an #AcTicketDesk
 * @local: (transfer none): the store's list
 * @remote: (transfer none): the server's list
 * @names: (element-type utf8 utf8): customer id → name, or %NULL while
 *   asked: names learnt from the store's tickets are added to it, and the
 *   server's tickets are named from it
 * @local_only: (element-type AcTicket): filled with the store's tickets
 *   listed because the server does not have them yet (compared as
 *   objects: both number their tickets from 1)
 *
 * Returns: (transfer full): the server's tickets and the store's the
 *   server does not have yet, in the store's order
 */
GListModel *
ac_ticket_desk_merge (AcTicketDesk *self,
                      GListModel   *local,
                      GListModel   *remote,
                      GHashTable   *names,
                      GHashTable   *local_only)
{
  g_autoptr(GListStore) merged = g_list_store_new (AC_TYPE_TICKET);
  guint n;

  g_return_val_if_fail (AC_IS_TICKET_DESK (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (local) && G_IS_LIST_MODEL (remote), NULL);
  g_return_val_if_fail (names != NULL && local_only != NULL, NULL);

  n = g_list_model_get_n_items (local);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcTicket) ticket = g_list_model_get_item (local, i);
      const char *remote_id = self->sync != NULL
                              ? ac_backend_sync_get_remote_ticket_id (self->sync, ac_ticket_get_id (ticket))
                              : NULL;
      const char *customer = ac_ticket_get_field (ticket, "customer_id");
      const char *name = ac_ticket_get_field (ticket, "customer_name");

      if (customer != NULL && name != NULL && g_hash_table_lookup (names, customer) == NULL)
        g_hash_table_insert (names, g_strdup (customer), g_strdup (name));
      /* On the server: listed as the server has it. */
      if (remote_id != NULL)
        continue;
      g_hash_table_add (local_only, ticket);
      g_list_store_append (merged, ticket);
    }

  n = g_list_model_get_n_items (remote);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcTicket) ticket = g_list_model_get_item (remote, i);
      const char *customer = ac_ticket_get_field (ticket, "customer_id");
      const char *name = customer != NULL ? g_hash_table_lookup (names, customer) : NULL;

      if (ac_ticket_get_field (ticket, "customer_name") == NULL && name != NULL)
        {
          g_autoptr(AcTicket) named = ac_record_copy_with (AC_RECORD (ticket), "customer_name", name);

          g_list_store_append (merged, named);
        }
      else
        g_list_store_append (merged, ticket);
    }

  g_list_store_sort (merged, compare_tickets, NULL);
  return G_LIST_MODEL (g_steal_pointer (&merged));
}
