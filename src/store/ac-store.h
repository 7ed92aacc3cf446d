/* ac-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ac-conversation.h"
#include "ac-customer.h"
#include "ac-ticket.h"
#include "ac-utterance.h"

G_BEGIN_DECLS

/**
 * AcStoreError:
 * @AC_STORE_ERROR_OPEN: the database file cannot be opened or created
 * @AC_STORE_ERROR_TOO_NEW: the database was written by a newer Agent Console
 * @AC_STORE_ERROR_FAILED: a statement failed
 * @AC_STORE_ERROR_NOT_FOUND: no such record
 * @AC_STORE_ERROR_CLOSED: the store is not open
 * @AC_STORE_ERROR_INVALID: a value the agent gave is not acceptable; the
 *   message says which and why
 *
 * Errors of [class@Store].
 */
typedef enum
{
  AC_STORE_ERROR_OPEN,
  AC_STORE_ERROR_TOO_NEW,
  AC_STORE_ERROR_FAILED,
  AC_STORE_ERROR_NOT_FOUND,
  AC_STORE_ERROR_CLOSED,
  AC_STORE_ERROR_INVALID,
} AcStoreError;

#define AC_STORE_ERROR (ac_store_error_quark ())
GQuark ac_store_error_quark (void);

/**
 * AC_STORE_SCHEMA_VERSION:
 *
 * The schema version this build writes (`PRAGMA user_version`).
 */
#define AC_STORE_SCHEMA_VERSION 10

/**
 * AcImportCounts:
 * @added: customers that were new
 * @updated: customers already stored (same account number), updated
 */
typedef struct
{
  guint added;
  guint updated;
} AcImportCounts;

/**
 * AcAuditEntry:
 * @at: when, ISO 8601 UTC
 * @actor: who: the signed-in account, or the computer's user
 * @action: what: `export`, `play-recording`, `purge`, `redaction-off`,
 *   `redaction-on`, `sign-in`, `sign-out`
 * @subject: (nullable): what it was done to: a call's id, a category
 * @detail: (nullable): more, in words
 *
 * One line of the audit trail.
 */
typedef struct
{
  char *at;
  char *actor;
  char *action;
  char *subject;
  char *detail;
} AcAuditEntry;

void ac_audit_entry_free (AcAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcAuditEntry, ac_audit_entry_free)

/**
 * AcPurgeCounts:
 * @calls: calls deleted (transcript, notes, wrap-up, and their recordings)
 * @recordings: recordings deleted (file and row)
 * @files_missing: recording files that were already gone
 *
 * What a purge removed.
 */
typedef struct
{
  guint calls;
  guint recordings;
  guint files_missing;
} AcPurgeCounts;

#define AC_TYPE_STORE (ac_store_get_type ())

G_DECLARE_FINAL_TYPE (AcStore, ac_store, AC, STORE, GObject)

GFile    *ac_store_get_default_file         (void);
AcStore  *ac_store_new                      (GFile               *file);
GFile    *ac_store_get_file                 (AcStore             *self);
void      ac_store_open_async               (AcStore             *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  ac_store_open_finish              (AcStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
GFile    *ac_store_get_set_aside            (AcStore             *self);
guint     ac_store_get_interrupted_count    (AcStore             *self);
void      ac_store_close                    (AcStore             *self);

char     *ac_store_new_id                   (void);
void      ac_store_begin_conversation_async (AcStore             *self,
                                             const char          *conversation_id,
                                             const char          *customer_id,
                                             const char          *channel,
                                             GDateTime           *start,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  ac_store_begin_conversation_finish (AcStore            *self,
                                              GAsyncResult       *result,
                                              GError            **error);
void      ac_store_add_message_async        (AcStore             *self,
                                             const char          *conversation_id,
                                             AcUtterance         *utterance,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  ac_store_add_message_finish       (AcStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void      ac_store_end_conversation_async   (AcStore             *self,
                                             const char          *conversation_id,
                                             gint64               duration_ms,
                                             const char          *overall_sentiment,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  ac_store_end_conversation_finish  (AcStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void      ac_store_list_messages_async      (AcStore             *self,
                                             const char          *conversation_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray *ac_store_list_messages_finish    (AcStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void      ac_store_get_conversation_status_async  (AcStore             *self,
                                                   const char          *conversation_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char     *ac_store_get_conversation_status_finish (AcStore             *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

void      ac_store_import_customers_async   (AcStore             *self,
                                             GPtrArray           *rows,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  ac_store_import_customers_finish  (AcStore             *self,
                                             GAsyncResult        *result,
                                             AcImportCounts      *counts,
                                             GError             **error);
void      ac_store_count_customers_async    (AcStore             *self,
                                             const char          *match,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gssize    ac_store_count_customers_finish   (AcStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void        ac_store_keep_customer_async (AcStore             *self,
                                          AcCustomer          *customer,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void        ac_store_search_customers_async  (AcStore             *self,
                                              const char          *query,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GListModel *ac_store_search_customers_finish (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_create_customer_async   (AcStore             *self,
                                              GHashTable          *fields,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_update_customer_notes_async (AcStore             *self,
                                                  const char          *customer_id,
                                                  const char          *notes,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AcCustomer *ac_store_create_customer_finish  (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_add_escalation_async    (AcStore             *self,
                                              const char          *conversation_id,
                                              const char          *kind,
                                              const char          *reason,
                                              gint64               time_ms,
                                              gboolean             acknowledged,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_acknowledge_escalation_async (AcStore             *self,
                                                   const char          *conversation_id,
                                                   const char          *kind,
                                                   gint64               time_ms,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void        ac_store_add_recording_async     (AcStore             *self,
                                              const char          *conversation_id,
                                              const char          *path,
                                              gint64               duration_ms,
                                              const char          *pause_spans_json,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_set_conversation_customer_async (AcStore             *self,
                                                      const char          *conversation_id,
                                                      const char          *customer_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
void        ac_store_list_dispositions_async (AcStore             *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *ac_store_list_dispositions_finish (AcStore            *self,
                                               GAsyncResult       *result,
                                               GError            **error);
char       *ac_disposition_code_for_label    (const char          *label);
void        ac_store_add_disposition_async   (AcStore             *self,
                                              const char          *label,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_remove_disposition_async (AcStore            *self,
                                               const char         *code,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
void        ac_store_save_wrap_up_async      (AcStore             *self,
                                              const char          *conversation_id,
                                              const char          *disposition,
                                              const char          *notes,
                                              gboolean             timed_out,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_create_ticket_async     (AcStore             *self,
                                              GHashTable          *fields,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
AcTicket   *ac_store_create_ticket_finish    (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_list_tickets_async      (AcStore             *self,
                                              const char          *status,
                                              const char          *priority,
                                              const char          *customer_id,
                                              const char          *text,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GListModel *ac_store_list_tickets_finish     (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_update_ticket_async     (AcStore             *self,
                                              const char          *ticket_id,
                                              const char          *status,
                                              const char          *resolution_notes,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_list_conversations_async  (AcStore             *self,
                                                const char          *text,
                                                GDateTime           *since,
                                                const char          *sentiment,
                                                const char          *disposition,
                                                const char          *customer_id,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GListModel *ac_store_list_conversations_finish (AcStore             *self,
                                                GAsyncResult        *result,
                                                GError             **error);

gboolean    ac_store_add_escalation_finish (AcStore       *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean    ac_store_acknowledge_escalation_finish (AcStore       *self,
                                                   GAsyncResult  *result,
                                                   GError       **error);
gboolean    ac_store_add_recording_finish (AcStore       *self,
                                          GAsyncResult  *result,
                                          GError       **error);
gboolean    ac_store_set_conversation_customer_finish (AcStore       *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);
gboolean    ac_store_keep_customer_finish (AcStore       *self,
                                          GAsyncResult  *result,
                                          GError       **error);
gboolean    ac_store_add_disposition_finish (AcStore       *self,
                                            GAsyncResult  *result,
                                            GError       **error);
gboolean    ac_store_remove_disposition_finish (AcStore       *self,
                                               GAsyncResult  *result,
                                               GError       **error);
gboolean    ac_store_save_wrap_up_finish (AcStore       *self,
                                         GAsyncResult  *result,
                                         GError       **error);
gboolean    ac_store_update_ticket_finish (AcStore       *self,
                                          GAsyncResult  *result,
                                          GError       **error);
gboolean    ac_store_outbox_add_finish (AcStore       *self,
                                       GAsyncResult  *result,
                                       GError       **error);
gboolean    ac_store_outbox_remove_finish (AcStore       *self,
                                          GAsyncResult  *result,
                                          GError       **error);
gboolean    ac_store_outbox_set_error_finish (AcStore       *self,
                                             GAsyncResult  *result,
                                             GError       **error);
gboolean    ac_store_set_remote_id_finish (AcStore       *self,
                                          GAsyncResult  *result,
                                          GError       **error);
AcCustomer *ac_store_update_customer_notes_finish (AcStore       *self,
                                                  GAsyncResult  *result,
                                                  GError       **error);

/**
 * AcOutboxItem:
 * @position: its place in the outbox (older is smaller)
 * @client_id: its own id, sent with it so that a retry never creates a
 *   duplicate
 * @kind: `conversation`, `message`, `end` or `ticket`
 * @payload: what to send, as JSON text
 * @attempts: how often the server refused it
 * @last_error: (nullable): why, the last time
 *
 * Something the backend must get, kept until it confirms it.
 */
typedef struct
{
  gint64  position;
  char   *client_id;
  char   *kind;
  char   *payload;
  guint   attempts;
  char   *last_error;
} AcOutboxItem;

#define AC_TYPE_OUTBOX_ITEM (ac_outbox_item_get_type ())

GType         ac_outbox_item_get_type (void) G_GNUC_CONST;
AcOutboxItem *ac_outbox_item_copy     (const AcOutboxItem *item);
void          ac_outbox_item_free     (AcOutboxItem       *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcOutboxItem, ac_outbox_item_free)

void        ac_store_outbox_add_async        (AcStore             *self,
                                              const char          *server,
                                              const char          *client_id,
                                              const char          *kind,
                                              const char          *payload,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_outbox_remove_async     (AcStore             *self,
                                              const char          *client_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_outbox_set_error_async  (AcStore             *self,
                                              const char          *client_id,
                                              const char          *error_message,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_outbox_list_async       (AcStore             *self,
                                              const char          *server,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *ac_store_outbox_list_finish      (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_set_remote_id_async     (AcStore             *self,
                                              const char          *server,
                                              const char          *kind,
                                              const char          *local_id,
                                              const char          *remote_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void        ac_store_list_remote_ids_async   (AcStore             *self,
                                              const char          *server,
                                              const char          *kind,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GHashTable *ac_store_list_remote_ids_finish  (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_audit_async             (AcStore             *self,
                                              const char          *actor,
                                              const char          *action,
                                              const char          *subject,
                                              const char          *detail,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    ac_store_audit_finish            (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_list_audit_async        (AcStore             *self,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *ac_store_list_audit_finish       (AcStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        ac_store_purge_async             (AcStore             *self,
                                              GDateTime           *now,
                                              guint                recording_days,
                                              guint                transcript_days,
                                              const char          *actor,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    ac_store_purge_finish            (AcStore             *self,
                                              GAsyncResult        *result,
                                              AcPurgeCounts       *counts,
                                              GError             **error);

/**
 * AcKnowledgeImport:
 * @added: articles new to the knowledge base
 * @updated: articles whose file changed
 * @removed: articles no longer in the folder
 * @unchanged: articles left as they were
 * @skipped: files that could not be read
 * @problems: (nullable): why each was skipped, one per line
 *
 * What ac_store_import_knowledge_async() did.
 */
typedef struct
{
  guint  added;
  guint  updated;
  guint  removed;
  guint  unchanged;
  guint  skipped;
  char  *problems;
} AcKnowledgeImport;

void               ac_knowledge_import_free          (AcKnowledgeImport   *counts);
void               ac_store_import_knowledge_async   (AcStore             *self,
                                                      GFile               *folder,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
AcKnowledgeImport *ac_store_import_knowledge_finish  (AcStore             *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void               ac_store_suggest_async            (AcStore             *self,
                                                      const char          *query,
                                                      guint                limit,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray         *ac_store_suggest_finish           (AcStore             *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

void               ac_store_add_knowledge_feedback_async  (AcStore             *self,
                                                           const char          *article,
                                                           gboolean             helpful,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           ac_store_add_knowledge_feedback_finish (AcStore             *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void               ac_store_get_article_async        (AcStore             *self,
                                                      const char          *article,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray         *ac_store_get_article_finish       (AcStore             *self,
                                                      GAsyncResult        *result,
                                                      char               **title,
                                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcKnowledgeImport, ac_knowledge_import_free)

G_END_DECLS
