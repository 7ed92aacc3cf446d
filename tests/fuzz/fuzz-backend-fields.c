/* fuzz-backend-fields.c
 *
 * libFuzzer: whatever a server answers, read as JSON and, when it is an
 * object or a list of them, turned into a record's fields the way every
 * endpoint of the backend client reads its rows.  The text is loaded the
 * way the client loads it (ac_json_parser_load(): a lone low surrogate such
 * as "\udc00", which json-glib decodes into bytes that are not UTF-8, is
 * mended; the fuzzer found it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ac-backend-client.h"
#include "ac-json.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
read_object (JsonObject *object)
{
  g_autoptr(GHashTable) fields = ac_backend_fields_from_json (object);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert (key != NULL && value != NULL && g_utf8_validate (value, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (size > G_MAXSSIZE || !ac_json_parser_load (parser, (const char *) data, (gssize) size, NULL))
    return 0;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;
  if (JSON_NODE_HOLDS_OBJECT (root))
    read_object (json_node_get_object (root));
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            read_object (json_node_get_object (element));
        }
    }

  return 0;
}
