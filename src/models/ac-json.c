/* ac-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-json"

#include "config.h"

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
