/* ac-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-ticket"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ac-ticket.h"

/**
 * AcTicket:
 *
 * A ticket as the store or a backend gives it: the columns of the backend
 * contract's `tickets` table (`id` such as `TKT-000123`,
 * `conversation_id`, `customer_id`, `title`, `description`, `category`,
 * `priority` — LOW, MEDIUM, HIGH or URGENT —, `status`, `assigned_to`,
 * `resolution_notes`, `sla_deadline`, `tags` as a JSON array,
 * `created_at`, `updated_at`, `resolved_at`), as text.  Immutable.
 */
struct _AcTicket
{
  AcRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (AcTicket, ac_ticket, AC_TYPE_RECORD)

static void
ac_ticket_class_init (AcTicketClass *klass)
{
}

static void
ac_ticket_init (AcTicket *self)
{
}

/**
 * ac_ticket_new:
 * @fields: (transfer none): column name → value, both strings
 *
 * Returns: (transfer full): a ticket holding a copy of @fields
 */
AcTicket *
ac_ticket_new (GHashTable *fields)
{
  return ac_record_new (AC_TYPE_TICKET, fields);
}

/**
 * ac_ticket_get_field:
 * @self: an #AcTicket
 * @column: a column of the contract's `tickets` table
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if unknown
 */
const char *
ac_ticket_get_field (AcTicket   *self,
                     const char *column)
{
  return ac_record_get_field (AC_RECORD (self), column);
}

/**
 * ac_ticket_get_id:
 * @self: an #AcTicket
 *
 * Returns: (transfer none): the id
 */
const char *
ac_ticket_get_id (AcTicket *self)
{
  return ac_record_get_id (AC_RECORD (self));
}

/**
 * ac_ticket_priority_is_valid:
 * @priority: (nullable): a priority
 *
 * Returns: whether @priority is LOW, MEDIUM, HIGH or URGENT
 */
gboolean
ac_ticket_priority_is_valid (const char *priority)
{
  return ac_ticket_sla_hours (priority) > 0;
}

/**
 * ac_ticket_sla_hours:
 * @priority: (nullable): LOW, MEDIUM, HIGH or URGENT
 *
 * Returns: the default time to resolve a ticket of @priority, in hours
 *   (see [const@TICKET_SLA_HOURS_URGENT]), or 0 for anything else
 */
int
ac_ticket_sla_hours (const char *priority)
{
  if (g_strcmp0 (priority, "URGENT") == 0)
    return AC_TICKET_SLA_HOURS_URGENT;
  if (g_strcmp0 (priority, "HIGH") == 0)
    return AC_TICKET_SLA_HOURS_HIGH;
  if (g_strcmp0 (priority, "MEDIUM") == 0)
    return AC_TICKET_SLA_HOURS_MEDIUM;
  if (g_strcmp0 (priority, "LOW") == 0)
    return AC_TICKET_SLA_HOURS_LOW;
  return 0;
}

typedef struct
{
  const char *code;
  const char *label;
} Named;

/* The categories are the intents the analysis recognises (see
 * ac_intent_to_string()), so that a ticket drafted from a call falls into
 * one; the contract leaves `category` free text of up to 50 characters. */
static const Named categories[] = {
  { "billing", N_("Billing") },
  { "cancellation", N_("Cancellation") },
  { "complaint", N_("Complaint") },
  { "fraud", N_("Fraud and Security") },
  { "purchase", N_("Purchase") },
  { "question", N_("Question") },
  { "support", N_("Technical Support") },
  { "general", N_("General") },
};

static const Named priorities[] = {
  { "LOW", N_("Low") },
  { "MEDIUM", N_("Medium") },
  { "HIGH", N_("High") },
  { "URGENT", N_("Urgent") },
};

static const Named statuses[] = {
  { "OPEN", N_("Open") },
  { "IN_PROGRESS", N_("In Progress") },
  { "PENDING", N_("Pending") },
  { "RESOLVED", N_("Resolved") },
  { "CLOSED", N_("Closed") },
};

static const char *
find_label (const Named *named,
            gsize        n_named,
            const char  *code)
{
  /* Any case: a server may send `BILLING` for the app's `billing`. */
  for (gsize i = 0; code != NULL && i < n_named; i++)
    if (g_ascii_strcasecmp (named[i].code, code) == 0)
      return _(named[i].label);
  return code;
}

static GStrv
codes (const Named *named,
       gsize        n_named)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (gsize i = 0; i < n_named; i++)
    g_strv_builder_add (builder, named[i].code);
  return g_strv_builder_end (builder);
}

/**
 * ac_ticket_category_to_label:
 * @code: (nullable): a category, such as `billing`
 *
 * Returns: (transfer none) (nullable): its name for people, translated;
 *   @code itself for a category the app does not know (a backend may have
 *   its own)
 */
const char *
ac_ticket_category_to_label (const char *code)
{
  return find_label (categories, G_N_ELEMENTS (categories), code);
}

/**
 * ac_ticket_priority_to_label:
 * @code: (nullable): LOW, MEDIUM, HIGH or URGENT
 *
 * Returns: (transfer none) (nullable): its name for people, translated
 */
const char *
ac_ticket_priority_to_label (const char *code)
{
  return find_label (priorities, G_N_ELEMENTS (priorities), code);
}

/**
 * ac_ticket_status_to_label:
 * @code: (nullable): OPEN, IN_PROGRESS, PENDING, RESOLVED or CLOSED
 *
 * Returns: (transfer none) (nullable): its name for people, translated
 */
const char *
ac_ticket_status_to_label (const char *code)
{
  return find_label (statuses, G_N_ELEMENTS (statuses), code);
}

/**
 * ac_ticket_list_categories:
 *
 * Returns: (transfer full): the categories the app offers, in the order a
 *   form lists them
 */
GStrv
ac_ticket_list_categories (void)
{
  return codes (categories, G_N_ELEMENTS (categories));
}

/**
 * ac_ticket_list_priorities:
 *
 * Returns: (transfer full): LOW, MEDIUM, HIGH, URGENT
 */
GStrv
ac_ticket_list_priorities (void)
{
  return codes (priorities, G_N_ELEMENTS (priorities));
}

/**
 * ac_ticket_list_statuses:
 *
 * Returns: (transfer full): OPEN, IN_PROGRESS, PENDING, RESOLVED, CLOSED
 */
GStrv
ac_ticket_list_statuses (void)
{
  return codes (statuses, G_N_ELEMENTS (statuses));
}

/**
 * ac_ticket_is_open:
 * @self: an #AcTicket
 *
 * Returns: whether the ticket still needs work (not RESOLVED or CLOSED)
 */
gboolean
ac_ticket_is_open (AcTicket *self)
{
  const char *status = ac_ticket_get_field (self, "status");

  return g_strcmp0 (status, "RESOLVED") != 0 && g_strcmp0 (status, "CLOSED") != 0;
}

static gboolean
tags_are_valid (const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

/**
 * ac_ticket_check_fields:
 * @fields: (element-type utf8 utf8): column → value of a ticket about to
 *   be filed
 * @column: (out) (optional) (transfer none): the column at fault
 *
 * Checks a ticket as the contract's `tickets` table would: a title of 1
 * to 255 characters (not only spaces), a category of 1 to 50, a priority
 * of LOW, MEDIUM, HIGH or URGENT, and `tags`, when given, a JSON array
 * of strings (see ac_ticket_tags_to_json()).
 *
 * Returns: (transfer full) (nullable): %NULL if the ticket can be filed,
 *   else why not, for the agent
 */
char *
ac_ticket_check_fields (GHashTable  *fields,
                        const char **column)
{
  const char *title = g_hash_table_lookup (fields, "title");
  const char *category = g_hash_table_lookup (fields, "category");
  const char *priority = g_hash_table_lookup (fields, "priority");
  const char *tags = g_hash_table_lookup (fields, "tags");
  g_autofree char *trimmed = g_strstrip (g_strdup (title != NULL ? title : ""));
  const char *at_fault = NULL;
  char *problem = NULL;

  g_return_val_if_fail (fields != NULL, NULL);

  if (trimmed[0] == '\0')
    at_fault = "title", problem = g_strdup (_("A ticket needs a title"));
  else if (!g_utf8_validate (title, -1, NULL) || g_utf8_strlen (title, -1) > 255)
    at_fault = "title", problem = g_strdup (_("The title is longer than 255 characters"));
  else if (category == NULL || category[0] == '\0')
    at_fault = "category", problem = g_strdup (_("A ticket needs a category"));
  else if (!g_utf8_validate (category, -1, NULL) || g_utf8_strlen (category, -1) > 50)
    at_fault = "category", problem = g_strdup (_("The category is longer than 50 characters"));
  else if (!ac_ticket_priority_is_valid (priority))
    at_fault = "priority",
    problem = g_strdup_printf (_("“%s” is not a priority: use LOW, MEDIUM, HIGH or URGENT"),
                               priority != NULL ? priority : "");
  else if (tags != NULL && !tags_are_valid (tags))
    at_fault = "tags", problem = g_strdup (_("The tags are not a list of words"));

  if (column != NULL)
    *column = at_fault;
  return problem;
}

/**
 * ac_ticket_tags_to_json:
 * @text: tags as an agent types them, separated by commas
 *
 * Turns “billing, Refund ,, vip” into `["billing","Refund","vip"]`: each
 * tag trimmed, empty ones and repeats left out, each at most 50
 * characters (longer ones are cut).
 *
 * Returns: (transfer full): a JSON array of strings, as the store keeps
 *   the contract's `tags TEXT[]`
 */
char *
ac_ticket_tags_to_json (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (!g_utf8_validate (tag, -1, NULL))
        continue;
      if (g_utf8_strlen (tag, -1) > 50)
        *g_utf8_offset_to_pointer (tag, 50) = '\0';
      if (tag[0] == '\0' || !g_hash_table_add (seen, tag))
        continue;
      json_builder_add_string_value (builder, tag);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * ac_ticket_dup_tags:
 * @self: an #AcTicket
 *
 * Returns: (transfer full): the tags, separated by “, ”, as an agent
 *   types them; empty when there are none or they cannot be read
 */
char *
ac_ticket_dup_tags (AcTicket *self)
{
  const char *json = ac_ticket_get_field (self, "tags");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;
  JsonArray *array;

  if (json == NULL || (root = json_from_string (json, NULL)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return g_strdup ("");

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  tags = g_strv_builder_end (builder);
  return g_strjoinv (", ", tags);
}
