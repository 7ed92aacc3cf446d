/* ac-customer-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-customer-search"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-customer-search.h"

/**
 * AcCustomerSearch:
 *
 * Where customers are looked up, for the agent's search and for a screen
 * pop: with a contact-center server signed in, the server answers (a
 * number that looks like a phone is sent as one, see
 * ac_backend_phone_number()) and the customers it names are kept in the
 * local store, so that calls on this computer can name them and a later
 * search finds them offline; when the server cannot answer or refuses,
 * or nobody is signed in, the local store answers.
 *
 * The newest search wins: one still under way when the next is asked
 * for is cancelled, and its callback gets %G_IO_ERROR_CANCELLED.
 */

/* At most this many customers, from either. */
#define SEARCH_LIMIT 20

struct _AcCustomerSearch
{
  GObject        parent_instance;

  AcStore       *store;        /* nullable */
  AcBackendSync *sync;         /* nullable */
  GCancellable  *current;      /* the search under way */
};

G_DEFINE_FINAL_TYPE (AcCustomerSearch, ac_customer_search, G_TYPE_OBJECT)

static void
on_store_found (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  GListModel *found = ac_store_search_customers_finish (AC_STORE (object), result, &error);

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, g_object_unref);
  g_object_unref (task);
}

static void
search_store (GTask *task)
{
  AcCustomerSearch *self = g_task_get_source_object (task);
  const char *text = g_task_get_task_data (task);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("Customers cannot be searched: the local store is not open"));
      g_object_unref (task);
      return;
    }

  ac_store_search_customers_async (self->store, text, SEARCH_LIMIT, g_task_get_cancellable (task),
                                   on_store_found, task);
}

static void
on_customer_kept (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A copy for offline use and the call history; the server has them. */
  if (!ac_store_keep_customer_finish (AC_STORE (object), result, &error))
    g_debug ("A server's customer is not kept here: %s", error->message);
}

static void
on_server_found (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  AcCustomerSearch *self = g_task_get_source_object (task);
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;

  found = ac_backend_client_search_customers_finish (AC_BACKEND_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (found == NULL)
    {
      /* Offline, or refused: this computer's customers still answer. */
      g_debug ("Customers searched here, not on the server: %s", error->message);
      search_store (task);
      return;
    }

  /* Kept before they can be linked to the call (the same worker queue). */
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(AcCustomer) customer = g_list_model_get_item (found, i);

      if (self->store != NULL)
        ac_store_keep_customer_async (self->store, customer, NULL, on_customer_kept, NULL);
      ac_backend_sync_note_customer (self->sync, ac_customer_get_id (customer));
    }
  g_task_return_pointer (task, g_steal_pointer (&found), g_object_unref);
  g_object_unref (task);
}

static void
ac_customer_search_dispose (GObject *object)
{
  AcCustomerSearch *self = AC_CUSTOMER_SEARCH (object);

  g_cancellable_cancel (self->current);
  g_clear_object (&self->current);
  g_clear_object (&self->store);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (ac_customer_search_parent_class)->dispose (object);
}

static void
ac_customer_search_class_init (AcCustomerSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ac_customer_search_dispose;
}

static void
ac_customer_search_init (AcCustomerSearch *self)
{
}

/**
 * ac_customer_search_new:
 *
 * Returns: (transfer full): a search with neither a store nor a server
 *   yet: searching fails until one is given
 */
AcCustomerSearch *
ac_customer_search_new (void)
{
  return g_object_new (AC_TYPE_CUSTOMER_SEARCH, NULL);
}

/**
 * ac_customer_search_set_store:
 * @self: an #AcCustomerSearch
 * @store: (nullable): the open local store
 */
void
ac_customer_search_set_store (AcCustomerSearch *self,
                              AcStore          *store)
{
  g_return_if_fail (AC_IS_CUSTOMER_SEARCH (self));
  g_return_if_fail (store == NULL || AC_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * ac_customer_search_set_backend_sync:
 * @self: an #AcCustomerSearch
 * @sync: (nullable): the contact-center server's link, or %NULL for this
 *   computer alone
 */
void
ac_customer_search_set_backend_sync (AcCustomerSearch *self,
                                     AcBackendSync    *sync)
{
  g_return_if_fail (AC_IS_CUSTOMER_SEARCH (self));
  g_return_if_fail (sync == NULL || AC_IS_BACKEND_SYNC (sync));

  g_set_object (&self->sync, sync);
}

/**
 * ac_customer_search_run_async:
 * @self: an #AcCustomerSearch
 * @text: what the agent typed, or the caller's number for a screen pop
 * @callback: called with the customers found
 * @user_data: data for @callback
 *
 * Looks customers up: on the server when one is signed in, else (or when
 * it cannot answer) in the local store; at most 20.  Cancels the search
 * still under way, if any.
 */
void
ac_customer_search_run_async (AcCustomerSearch    *self,
                              const char          *text,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AC_IS_CUSTOMER_SEARCH (self));
  g_return_if_fail (text != NULL);

  g_cancellable_cancel (self->current);
  g_clear_object (&self->current);
  self->current = g_cancellable_new ();

  task = g_task_new (self, self->current, callback, user_data);
  g_task_set_source_tag (task, ac_customer_search_run_async);
  g_task_set_task_data (task, g_strdup (text), g_free);

  if (self->sync != NULL && ac_backend_sync_get_state (self->sync) != AC_BACKEND_SYNC_SIGNED_OUT)
    {
      g_autofree char *phone = ac_backend_phone_number (text);

      ac_backend_client_search_customers_async (ac_backend_sync_get_client (self->sync),
                                                phone == NULL ? text : NULL, phone, NULL, NULL,
                                                SEARCH_LIMIT, 0, self->current, on_server_found, task);
      return;
    }

  search_store (task);
}

/**
 * ac_customer_search_run_finish:
 * @self: an #AcCustomerSearch
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): a list of #AcCustomer, possibly empty, or
 *   %NULL with %G_IO_ERROR_CANCELLED (a newer search replaced it), an
 *   %AC_STORE_ERROR, or %G_IO_ERROR_NOT_CONNECTED when there is no store
 *   to fall back on
 */
GListModel *
ac_customer_search_run_finish (AcCustomerSearch  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, ac_customer_search_run_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
