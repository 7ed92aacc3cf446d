/* ac-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ac-json.h"

/**
 * ac_json_format_double:
 * @value: a number
 *
 * The shortest decimal that reads back as the same double: json-glib 1.6
 * (and `%g` with 17 digits) writes 7.1 as 7.0999999999999996.
 *
 * Returns: (transfer full): @value as text, such as `0.1` or `-20`
 */
char *
ac_json_format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return g_strdup (buf);
}

static void
mend_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      const char *text;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return;
      text = json_node_get_string (node);
      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (text, -1);

          json_node_set_string (node, valid);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        mend_node (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GPtrArray) bad_names = g_ptr_array_new_with_free_func (g_free);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          mend_node (member);
          if (!g_utf8_validate (name, -1, NULL))
            g_ptr_array_add (bad_names, g_strdup (name));
        }
      /* a member's name too: taken out and put back under a valid one */
      for (guint i = 0; i < bad_names->len; i++)
        {
          g_autofree char *valid = g_utf8_make_valid (bad_names->pdata[i], -1);
          JsonNode *kept = json_object_dup_member (object, bad_names->pdata[i]);

          json_object_remove_member (object, bad_names->pdata[i]);
          json_object_set_member (object, valid, kept);
        }
    }
}

/**
 * ac_json_parser_load:
 * @parser: a mutable #JsonParser (not one from json_parser_new_immutable())
 * @data: (array length=length): JSON text from a server, a file or a peer
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @error: return location for a #GError, or %NULL
 *
 * Loads @data into @parser the way every reader of outside JSON should:
 * the text must be UTF-8 (else %G_CONVERT_ERROR_ILLEGAL_SEQUENCE), and a
 * string that json-glib 1.6 decodes into invalid UTF-8 — a lone low
 * surrogate such as `"\udc00"`, in a value or a member's name — is
 * mended with U+FFFD in place, so no
 * reader hands GTK, sqlite or a label bytes that are not text.
 *
 * Returns: %TRUE when @parser holds the document; %FALSE with @error set
 *   (the parser's own #JsonParserError for bad JSON)
 */
gboolean
ac_json_parser_load (JsonParser  *parser,
                     const char  *data,
                     gssize       length,
                     GError     **error)
{
  JsonNode *root;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (data == NULL)
    data = "";
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                           "The JSON text is not UTF-8");
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, length, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root != NULL)
    mend_node (root);
  return TRUE;
}

/**
 * ac_json_parse:
 * @data: (array length=length): JSON text from outside
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @error: return location for a #GError, or %NULL
 *
 * json_from_string() with ac_json_parser_load()'s checks: UTF-8 only, and
 * strings mended into valid UTF-8.
 *
 * Returns: (transfer full) (nullable): the document's root, or %NULL with
 *   @error set (an empty text is an error too)
 */
JsonNode *
ac_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!ac_json_parser_load (parser, data, length, error))
    return NULL;
  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "The JSON text is empty");
  return root;
}

static void
append_double (GString *out,
               double   value)
{
  g_autofree char *text = ac_json_format_double (value);

  g_string_append (out, text);
  /* Keep it a JSON number with a fraction, as the double it is. */
  if (strpbrk (text, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
append_indent (GString *out,
               gboolean pretty,
               guint    depth)
{
  if (!pretty)
    return;

  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth);

static void
append_string (GString    *out,
               const char *s)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), s);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_indent (out, pretty, depth + 1);
            append_string (out, name);
            g_string_append (out, pretty ? ": " : ":");
            append_node (out, member, pretty, depth + 1);
          }
        if (!first)
          append_indent (out, pretty, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_indent (out, pretty, depth + 1);
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (n > 0)
          append_indent (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        append_double (out, json_node_get_double (node));
      else
        {
          g_autofree char *text = json_to_string (node, FALSE);

          g_string_append (out, text);
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * ac_json_to_string:
 * @node: a JSON tree
 * @pretty: %TRUE to indent by two spaces a level, %FALSE for one line
 *
 * Writes JSON like json_to_string(), members in the order they were added,
 * but with each number in the fewest digits that read back as the same
 * double (7.1, not 7.0999999999999996).
 *
 * Returns: (transfer full): the text
 */
char *
ac_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, g_string_free (out, FALSE));

  append_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

/**
 * ac_json_member_text:
 * @object: (nullable): a JSON object
 * @name: a member's name
 * @owned: (out) (transfer full): where the text is kept when it had to be
 *   written out; free it
 *
 * A member as text, as real servers send ids: strings as they are,
 * integers written out (`7` → `"7"`); anything else is %NULL.
 *
 * Returns: (nullable) (transfer none): the text, valid while @object and
 *   @owned live
 */
const char *
ac_json_member_text (JsonObject  *object,
                     const char  *name,
                     char       **owned)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  *owned = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return *owned = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/**
 * ac_json_member_number:
 * @object: (nullable): a JSON object
 * @name: a member's name
 * @fallback: what to return when it is not a number
 *
 * A number, sent as one or as a string that is wholly one (`"12.5"`);
 * NaN and infinities are not numbers here.
 *
 * Returns: the number, or @fallback
 */
double
ac_json_member_number (JsonObject *object,
                       const char *name,
                       double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  const char *text;
  char *end = NULL;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      value = json_node_get_double (node);
      break;
    case G_TYPE_STRING:
      text = json_node_get_string (node);
      value = g_ascii_strtod (text, &end);
      if (end == NULL || end == text || *end != '\0')
        return fallback;
      break;
    default:
      return fallback;
    }
  return isfinite (value) ? value : fallback;
}

/**
 * ac_json_member_object:
 * @object: (nullable): a JSON object
 * @name: a member's name
 *
 * Returns: (nullable) (transfer none): the member if it is an object
 */
JsonObject *
ac_json_member_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * ac_json_member_array:
 * @object: (nullable): a JSON object
 * @name: a member's name
 *
 * Returns: (nullable) (transfer none): the member if it is an array
 */
JsonArray *
ac_json_member_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * ac_json_member_boolean:
 * @object: (nullable): a JSON object
 * @name: a member's name
 * @fallback: what to return when it is neither
 *
 * A boolean, or the strings `"true"`/`"false"` some servers send.
 *
 * Returns: the value, or @fallback
 */
gboolean
ac_json_member_boolean (JsonObject *object,
                        const char *name,
                        gboolean    fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (g_ascii_strcasecmp (json_node_get_string (node), "true") == 0)
        return TRUE;
      if (g_ascii_strcasecmp (json_node_get_string (node), "false") == 0)
        return FALSE;
    }
  return fallback;
}

/**
 * ac_json_member_time_ms:
 * @object: (nullable): a JSON object
 * @name: a member's name
 *
 * An ISO 8601 time (the contract's times are UTC; one without a zone is
 * taken as UTC).
 *
 * Returns: Unix time in ms, or -1 when missing or unreadable
 */
gint64
ac_json_member_time_ms (JsonObject *object,
                        const char *name)
{
  g_autofree char *owned = NULL;
  const char *text = ac_json_member_text (object, name, &owned);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;

  if (text == NULL || strlen (text) > 64)
    return -1;
  when = g_date_time_new_from_iso8601 (text, utc);
  if (when == NULL)
    return -1;
  return g_date_time_to_unix (when) * 1000 + g_date_time_get_microsecond (when) / 1000;
}

/**
 * ac_json_take_member_text:
 * @slot: (inout): where a text is kept; replaced
 * @object: (nullable): a JSON object
 * @name: a member's name
 *
 * A field a server may leave out: when @object has the member, @slot takes
 * its text (see ac_json_member_text(); %NULL when it is null or not text);
 * when it has not, @slot keeps what it had.
 */
void
ac_json_take_member_text (char       **slot,
                          JsonObject  *object,
                          const char  *name)
{
  g_autofree char *owned = NULL;
  const char *text;

  if (object == NULL || !json_object_has_member (object, name))
    return;
  text = ac_json_member_text (object, name, &owned);
  g_free (*slot);
  *slot = g_strdup (text);
}

/**
 * ac_json_member_count:
 * @object: (nullable): a JSON object
 * @name: a member's name
 * @fallback: what to return when it is not a number
 *
 * A count, as ac_json_member_number() reads it; negative or too large
 * counts are 0.
 *
 * Returns: the count
 */
guint
ac_json_member_count (JsonObject *object,
                      const char *name,
                      guint       fallback)
{
  double value = ac_json_member_number (object, name, fallback);

  return value >= 0 && value < G_MAXUINT ? (guint) value : 0;
}
