/* ac-assistant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-assistant"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ac-assistant.h"
#include "ac-backend-client.h"
#include "ac-json.h"
#include "ac-types.h"
#include "ac-utterance.h"

/**
 * AcAssistant:
 *
 * The agent's AI provider: an OpenAI-compatible Chat Completions
 * endpoint (OpenAI, or llama.cpp's server, vLLM or Ollama run by the
 * contact center) asked for a call's summary and disposition, a ticket's
 * description, and the next reply during a live call.  Each job has a
 * client of its own, so its [signal@Assistant::progress] tells whose
 * answer is growing, and a reply asked during the call never waits for
 * a summary.
 *
 * Only the transcript's text goes, as the transcript holds it (masked),
 * and [class@ChatClient] redacts it once more before it leaves.  Every
 * failure is an #AcBackendError for the caller to show beside the
 * on-device result, which it keeps.
 */

/* What is sent at most: a long call's last utterances (a 30-minute call
 * has about 400), so a request stays within an 8k-token context. */
#define SUMMARY_UTTERANCES 160
#define REPLY_UTTERANCES 20
#define MAX_FIELD 2000
#define MAX_STEPS 10
/* Utterances classified in one request, and analyses remembered. */
#define CLASSIFY_BATCH 20
#define CLASSIFY_CACHE 2000

/**
 * AcAssistantJob:
 * @AC_ASSISTANT_SUMMARY: the call's summary and disposition
 * @AC_ASSISTANT_REPLY: the next reply during the call
 * @AC_ASSISTANT_TICKET: a ticket's description
 * @AC_ASSISTANT_CLASSIFY: utterances' sentiment and intent
 *
 * What an answer is for.
 */
typedef enum
{
  AC_ASSISTANT_SUMMARY,
  AC_ASSISTANT_REPLY,
  AC_ASSISTANT_TICKET,
  AC_ASSISTANT_CLASSIFY,
  N_JOBS
} AcAssistantJob;

struct _AcAssistant
{
  GObject       parent_instance;

  char         *model;
  AcChatClient *chat[N_JOBS];
  GHashTable   *labels;   /* utterance text → AcAssistantLabel, remembered */
};

G_DEFINE_FINAL_TYPE (AcAssistant, ac_assistant, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char summary_instructions[] =
  "You write the wrap-up of a contact-center call for the agent who took it. "
  "Each line of the transcript starts with who spoke, Customer or Agent. "
  "Personal data is already masked (for example [CARD]); keep it masked. "
  "Answer with one JSON object and nothing else, with exactly these members: "
  "\"reason\" (string: why the customer called, one sentence), "
  "\"actions\" (string: what the agent did), "
  "\"resolution\" (string: how the call ended for the customer), "
  "\"next_steps\" (array of strings: what is still to be done and by whom; empty when nothing is), "
  "\"disposition\" (string: exactly one code from the list below), "
  "\"why\" (string: one sentence on why that disposition). "
  "Write the strings in the language of the call. Do not invent facts that are not in the transcript.";

static const char reply_instructions[] =
  "You help a contact-center agent during a live call. "
  "Each line of the transcript starts with who spoke, Customer or Agent. "
  "Write the one reply the agent could say next to the customer: one or two short sentences, "
  "polite and concrete, in the language of the call, promising nothing the transcript does not support. "
  "Personal data is masked (for example [CARD]); never ask the customer to repeat a card number aloud. "
  "Answer with the reply only.";

static const char classify_instructions[] =
  "You label contact-center utterances, each said by a customer, numbered from 0. "
  "For each one give its sentiment: positive, neutral, negative, or urgent (negative and needing action now: "
  "fraud, safety, lost access under time pressure, legal threats, leaving today); a score from -1 (most negative) "
  "to 1 (most positive); and its intent: general, question, support, purchase, cancellation, complaint, fraud or "
  "billing. Judge what happened and what the customer asks for, not only their words: politeness can carry a "
  "complaint. Answer with one JSON object and nothing else: "
  "{\"utterances\": [{\"index\": 0, \"sentiment\": \"negative\", \"score\": -0.6, \"intent\": \"billing\"}]}.";

static const char ticket_instructions[] =
  "Write the description of a support ticket for the contact-center call below, for the team that will work on it. "
  "Each line of the transcript starts with who spoke, Customer or Agent. "
  "Say what the customer reported, what was already tried, and what is needed; plain text, at most 120 words, "
  "in the language of the call. Personal data is masked (for example [CARD]); keep it masked. "
  "Answer with the description only.";

static void
ac_assistant_finalize (GObject *object)
{
  AcAssistant *self = AC_ASSISTANT (object);

  for (guint i = 0; i < N_JOBS; i++)
    g_clear_object (&self->chat[i]);
  g_free (self->model);
  g_clear_pointer (&self->labels, g_hash_table_unref);

  G_OBJECT_CLASS (ac_assistant_parent_class)->finalize (object);
}

static void
ac_assistant_class_init (AcAssistantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ac_assistant_finalize;

  /**
   * AcAssistant::progress:
   * @self: the assistant
   * @job: what the answer is for: 0 the summary, 1 a reply, 2 a ticket's
   *   description, 3 utterances' sentiment and intent
   * @text: the answer so far
   *
   * A piece of an answer arrived.
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
ac_assistant_init (AcAssistant *self)
{
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) ac_assistant_label_free);
}

static void
on_progress (AcChatClient *chat,
             const char   *text,
             AcAssistant  *self)
{
  for (guint i = 0; i < N_JOBS; i++)
    if (self->chat[i] == chat)
      g_signal_emit (self, signals[PROGRESS], 0, i, text);
}

/**
 * ac_assistant_new:
 * @base_url: the provider's base URL, such as `https://api.openai.com/v1`
 *   or `http://127.0.0.1:8080/v1` (llama.cpp's server)
 * @model: the model's name, such as `gpt-4o-mini`
 * @api_key: (nullable): the key from the keyring; %NULL for a server
 *   without one
 * @error: return location for an #AcBackendError
 *
 * Returns: (transfer full) (nullable): the assistant, or %NULL when
 *   @base_url is not an http(s) URL or @model is empty
 */
AcAssistant *
ac_assistant_new (const char  *base_url,
                  const char  *model,
                  const char  *api_key,
                  GError     **error)
{
  g_autoptr(AcAssistant) self = g_object_new (AC_TYPE_ASSISTANT, NULL);

  for (guint i = 0; i < N_JOBS; i++)
    {
      self->chat[i] = ac_chat_client_new (base_url, model, api_key, error);
      if (self->chat[i] == NULL)
        return NULL;
      g_signal_connect (self->chat[i], "progress", G_CALLBACK (on_progress), self);
    }
  self->model = g_strdup (model);
  return g_steal_pointer (&self);
}

/**
 * ac_assistant_get_model:
 * @self: an #AcAssistant
 *
 * Returns: the model's name, for the agent ("Summarizing with …")
 */
const char *
ac_assistant_get_model (AcAssistant *self)
{
  g_return_val_if_fail (AC_IS_ASSISTANT (self), NULL);

  return self->model;
}

/**
 * ac_assistant_set_timeouts:
 * @self: an #AcAssistant
 * @first_token_s: seconds to wait for the first piece of an answer
 * @total_s: seconds to wait for a whole answer
 *
 * For every job; the defaults are [class@ChatClient]'s.
 */
void
ac_assistant_set_timeouts (AcAssistant *self,
                           guint        first_token_s,
                           guint        total_s)
{
  g_return_if_fail (AC_IS_ASSISTANT (self));

  for (guint i = 0; i < N_JOBS; i++)
    ac_chat_client_set_timeouts (self->chat[i], first_token_s, total_s);
}

/**
 * ac_assistant_transcript_text:
 * @transcript: a call's transcript
 * @max_utterances: at most this many final utterances, the last ones
 *
 * The transcript as a provider reads it: one line per final utterance,
 * `Customer: …` or `Agent: …`, oldest first, its text as the transcript
 * holds it (masked).
 *
 * Returns: (transfer full): the lines; empty when nothing final was said
 */
char *
ac_assistant_transcript_text (AcTranscript *transcript,
                              guint         max_utterances)
{
  GListModel *model = G_LIST_MODEL (transcript);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  for (guint i = n; i > 0 && lines->len < max_utterances; i--)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (model, i - 1);
      const char *said = ac_utterance_get_text (utterance);

      if (!ac_utterance_get_is_final (utterance) || said == NULL || said[0] == '\0')
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s",
                                               ac_utterance_get_channel (utterance) == AC_AUDIO_CHANNEL_CUSTOMER
                                                 ? "Customer" : "Agent",
                                               said));
    }
  for (guint i = lines->len; i > 0; i--)
    {
      g_string_append (text, lines->pdata[i - 1]);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------ the schema */

void
ac_assistant_summary_free (AcAssistantSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->reason);
  g_free (summary->actions);
  g_free (summary->resolution);
  g_strfreev (summary->next_steps);
  g_free (summary->disposition);
  g_free (summary->why);
  g_free (summary);
}

/* @text as one line: trimmed, cut at 2,000 characters, newlines and tabs
 * made spaces, other control characters dropped. */
static char *
clean_text (const char *text)
{
  GString *clean = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && clean->len < MAX_FIELD; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || c == '\r')
        g_string_append_c (clean, ' ');
      else if (!g_unichar_iscntrl (c))
        g_string_append_unichar (clean, c);
    }
  g_strstrip (clean->str);
  clean->len = strlen (clean->str);
  return g_string_free (clean, FALSE);
}

/* A member that must be a string, cleaned; %NULL when it is missing or
 * not a string. */
static char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return clean_text (json_node_get_string (node));
}

/* The JSON object in @answer: the whole answer, or — as some models wrap
 * it in a Markdown fence or a sentence — from its first `{` to its last `}`. */
static JsonNode *
answer_object (const char  *answer,
               GError     **error)
{
  const char *open = strchr (answer, '{');
  const char *close = strrchr (answer, '}');
  g_autoptr(JsonNode) root = NULL;

  if (open != NULL && close != NULL && close > open)
    root = ac_json_parse (open, close - open + 1, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                           _("The assistant’s answer is not a JSON object"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/**
 * ac_assistant_summary_from_json:
 * @answer: the provider's answer
 * @dispositions: (element-type GStrv) (nullable): the team's dispositions,
 *   each a `{code, label}` pair
 * @error: return location for an %AC_BACKEND_ERROR_INVALID_RESPONSE
 *
 * Reads a summary the provider wrote, checking it against the schema the
 * request gave: an object whose `reason`, `actions` and `resolution` are
 * strings (`reason` not empty), `next_steps` an array of strings (a
 * single string is taken as one step; at most 10), `disposition` a code
 * of @dispositions (matched without case, or by its label; anything else
 * is dropped, never filed) and `why` a string.  Members it does not know
 * are ignored; strings are trimmed and cut at 2,000 characters.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error
 *   set when the answer does not fit the schema
 */
AcAssistantSummary *
ac_assistant_summary_from_json (const char  *answer,
                                GPtrArray   *dispositions,
                                GError     **error)
{
  g_autoptr(AcAssistantSummary) summary = g_new0 (AcAssistantSummary, 1);
  g_autoptr(GStrvBuilder) steps = g_strv_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *disposition = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *missing = NULL;

  g_return_val_if_fail (answer != NULL, NULL);

  root = answer_object (answer, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  summary->reason = string_member (object, "reason");
  summary->actions = string_member (object, "actions");
  summary->resolution = string_member (object, "resolution");
  if (summary->reason == NULL || summary->reason[0] == '\0')
    missing = "reason";
  else if (summary->actions == NULL)
    missing = "actions";
  else if (summary->resolution == NULL)
    missing = "resolution";
  if (missing != NULL)
    {
      /* Translators: %s is the name of a member of the summary's JSON, such as “reason” */
      g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                   _("The assistant’s summary has no “%s”"), missing);
      return NULL;
    }

  node = json_object_get_member (object, "next_steps");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = 0;

      for (guint i = 0; i < json_array_get_length (array) && n < MAX_STEPS; i++)
        {
          JsonNode *step = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (step) && json_node_get_value_type (step) == G_TYPE_STRING)
            {
              g_autofree char *text = clean_text (json_node_get_string (step));

              if (text[0] != '\0')
                {
                  g_strv_builder_add (steps, text);
                  n++;
                }
            }
        }
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autofree char *step = string_member (object, "next_steps");

      if (step == NULL)
        {
          g_set_error (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                       _("The assistant’s summary has no “%s”"), "next_steps");
          return NULL;
        }
      if (step[0] != '\0')
        g_strv_builder_add (steps, step);
    }
  summary->next_steps = g_strv_builder_end (steps);

  disposition = string_member (object, "disposition");
  for (guint i = 0; disposition != NULL && dispositions != NULL && i < dispositions->len; i++)
    {
      GStrv pair = dispositions->pdata[i];

      if (g_ascii_strcasecmp (disposition, pair[0]) == 0 ||
          (pair[1] != NULL && g_utf8_collate (disposition, pair[1]) == 0))
        {
          summary->disposition = g_strdup (pair[0]);
          break;
        }
    }
  if (disposition != NULL && summary->disposition == NULL)
    g_debug ("The provider's disposition is not one of the team's codes; dropped");
  if (summary->disposition != NULL)
    summary->why = string_member (object, "why");

  return g_steal_pointer (&summary);
}

/**
 * ac_assistant_summary_to_text:
 * @summary: a provider's summary
 *
 * Returns: (transfer full): the summary as the wrap-up's notes: one line
 *   each for the reason, what was done and the resolution, then the next
 *   steps as a list
 */
char *
ac_assistant_summary_to_text (AcAssistantSummary *summary)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (summary != NULL, NULL);

  /* Translators: a line of a call's summary written by the AI provider */
  g_string_append_printf (text, _("Reason: %s\n"), summary->reason);
  if (summary->actions[0] != '\0')
    /* Translators: a line of a call's summary: what the agent did */
    g_string_append_printf (text, _("Done: %s\n"), summary->actions);
  if (summary->resolution[0] != '\0')
    /* Translators: a line of a call's summary: how the call ended */
    g_string_append_printf (text, _("Resolution: %s\n"), summary->resolution);
  if (summary->next_steps[0] != NULL)
    {
      g_string_append_printf (text, "%s\n", _("Next steps:"));
      for (guint i = 0; summary->next_steps[i] != NULL; i++)
        g_string_append_printf (text, "- %s\n", summary->next_steps[i]);
    }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------ the jobs */

static void
on_answered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *answer = ac_chat_client_complete_finish (AC_CHAT_CLIENT (object), result, &error);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_strstrip (answer), g_free);
}

static void
on_summary_answered (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = ac_chat_client_complete_finish (AC_CHAT_CLIENT (object), result, &error);
  AcAssistantSummary *summary = NULL;

  if (answer != NULL)
    summary = ac_assistant_summary_from_json (answer, g_task_get_task_data (task), &error);
  if (summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) ac_assistant_summary_free);
}

/* Sends @text to the job's client, @task (taken) answered by @answered. */
static void
ask (AcAssistant         *self,
     AcAssistantJob       job,
     const char          *instructions,
     const char          *text,
     gboolean             json,
     GTask               *task,
     GAsyncReadyCallback  answered)
{
  if (text[0] == '\0')
    {
      g_task_return_new_error (task, AC_BACKEND_ERROR, AC_BACKEND_ERROR_VALIDATION,
                               "%s", _("Nothing was said yet"));
      g_object_unref (task);
      return;
    }
  ac_chat_client_complete_async (self->chat[job], instructions, text, json, g_task_get_cancellable (task),
                                 answered, task);
}

/**
 * ac_assistant_summarize_async:
 * @self: an #AcAssistant
 * @transcript: the call's transcript (its last 160 final utterances go)
 * @dispositions: (element-type GStrv) (nullable): the team's dispositions,
 *   `{code, label}` pairs, one of which the provider is to choose
 * @cancellable: (nullable): cancels it, as the agent may
 * @callback: called with the summary
 * @user_data: data for @callback
 *
 * Asks for the call's summary and disposition as a JSON object
 * (`response_format: json_object`); [signal@Assistant::progress] with job
 * 0 tells the answer as it grows.
 */
void
ac_assistant_summarize_async (AcAssistant         *self,
                              AcTranscript        *transcript,
                              GPtrArray           *dispositions,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) instructions = NULL;
  GTask *task;

  g_return_if_fail (AC_IS_ASSISTANT (self));
  g_return_if_fail (AC_IS_TRANSCRIPT (transcript));

  instructions = g_string_new (summary_instructions);
  g_string_append (instructions, "\nDisposition codes:");
  for (guint i = 0; dispositions != NULL && i < dispositions->len; i++)
    {
      GStrv pair = dispositions->pdata[i];

      g_string_append_printf (instructions, "\n%s (%s)", pair[0], pair[1] != NULL ? pair[1] : pair[0]);
    }
  if (dispositions == NULL || dispositions->len == 0)
    g_string_append (instructions, "\nNOT_CLASSIFIED (none fits)");

  text = ac_assistant_transcript_text (transcript, SUMMARY_UTTERANCES);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_assistant_summarize_async);
  if (dispositions != NULL)
    g_task_set_task_data (task, g_ptr_array_ref (dispositions), (GDestroyNotify) g_ptr_array_unref);
  ask (self, AC_ASSISTANT_SUMMARY, instructions->str, text, TRUE, task, on_summary_answered);
}

/**
 * ac_assistant_summarize_finish:
 * @self: an #AcAssistant
 * @result: the result
 * @error: return location for an #AcBackendError (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the summary, checked against its
 *   schema (ac_assistant_summary_from_json())
 */
AcAssistantSummary *
ac_assistant_summarize_finish (AcAssistant   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ac_assistant_suggest_reply_async:
 * @self: an #AcAssistant
 * @transcript: the live call's transcript (its last 20 final utterances go)
 * @cancellable: (nullable): cancels it, as a newer utterance does
 * @callback: called with the reply
 * @user_data: data for @callback
 *
 * Asks for the reply the agent could say next; [signal@Assistant::progress]
 * with job 1 tells it as it grows.
 */
void
ac_assistant_suggest_reply_async (AcAssistant         *self,
                                  AcTranscript        *transcript,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *text = NULL;
  GTask *task;

  g_return_if_fail (AC_IS_ASSISTANT (self));
  g_return_if_fail (AC_IS_TRANSCRIPT (transcript));

  text = ac_assistant_transcript_text (transcript, REPLY_UTTERANCES);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_assistant_suggest_reply_async);
  ask (self, AC_ASSISTANT_REPLY, reply_instructions, text, FALSE, task, on_answered);
}

/**
 * ac_assistant_suggest_reply_finish:
 * @self: an #AcAssistant
 * @result: the result
 * @error: return location for an #AcBackendError (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the reply, trimmed
 */
char *
ac_assistant_suggest_reply_finish (AcAssistant   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------ classify */

void
ac_assistant_label_free (AcAssistantLabel *label)
{
  if (label == NULL)
    return;
  g_free (label->sentiment);
  g_free (label->intent);
  g_free (label);
}

static AcAssistantLabel *
label_copy (const AcAssistantLabel *label)
{
  AcAssistantLabel *copy = g_new0 (AcAssistantLabel, 1);

  copy->sentiment = g_strdup (label->sentiment);
  copy->score = label->score;
  copy->intent = g_strdup (label->intent);
  return copy;
}

/**
 * ac_assistant_labels_from_json:
 * @answer: the provider's answer to a classification
 * @n_utterances: how many utterances it was sent
 * @error: return location for an %AC_BACKEND_ERROR_INVALID_RESPONSE
 *
 * Reads `{"utterances": [{"index", "sentiment", "score", "intent"}]}`: an
 * entry whose index is not one of those sent, or whose sentiment is not
 * `positive`, `neutral`, `negative` or `urgent`, is left out; a score is
 * clamped to −1..1 (a missing one follows the sentiment: 0.5, 0, −0.5,
 * −0.8); an intent the analyzer does not know becomes `general`.
 *
 * Returns: (transfer full) (element-type AcAssistantLabel): one slot per
 *   utterance, %NULL where the provider said nothing usable; %NULL with
 *   @error when the answer is not such an object
 */
GPtrArray *
ac_assistant_labels_from_json (const char  *answer,
                               guint        n_utterances,
                               GError     **error)
{
  static const char * const sentiments[] = { "positive", "neutral", "negative", "urgent", NULL };
  static const double defaults[] = { 0.5, 0, -0.5, -0.8 };
  static const char * const intents[] = { "general", "question", "support", "purchase", "cancellation",
                                          "complaint", "fraud", "billing", NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  JsonArray *entries;

  g_return_val_if_fail (answer != NULL, NULL);

  root = answer_object (answer, error);
  if (root == NULL)
    return NULL;
  entries = ac_json_member_array (json_node_get_object (root), "utterances");
  if (entries == NULL)
    {
      g_set_error_literal (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_INVALID_RESPONSE,
                           _("The assistant’s answer has no utterances"));
      return NULL;
    }
  labels = g_ptr_array_new_full (n_utterances, (GDestroyNotify) ac_assistant_label_free);
  g_ptr_array_set_size (labels, n_utterances);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *sentiment = NULL;
      g_autofree char *intent = NULL;
      double index, score;
      AcAssistantLabel *label;
      int known = -1;

      if (entry == NULL)
        continue;
      index = ac_json_member_number (entry, "index", i);
      sentiment = string_member (entry, "sentiment");
      if (sentiment != NULL)
        {
          char *down = g_ascii_strdown (sentiment, -1);

          g_free (sentiment);
          sentiment = down;
          for (guint k = 0; sentiments[k] != NULL; k++)
            if (g_str_equal (sentiment, sentiments[k]))
              known = (int) k;
        }
      if (!isfinite (index) || index < 0 || index >= n_utterances || index != floor (index) || known < 0 ||
          labels->pdata[(guint) index] != NULL)
        continue;
      score = ac_json_member_number (entry, "score", NAN);
      intent = string_member (entry, "intent");
      if (intent != NULL)
        {
          char *down = g_ascii_strdown (intent, -1);

          g_free (intent);
          intent = down;
        }
      label = g_new0 (AcAssistantLabel, 1);
      label->sentiment = g_steal_pointer (&sentiment);
      label->score = isfinite (score) ? CLAMP (score, -1.0, 1.0) : defaults[known];
      label->intent = g_strdup (intent != NULL && g_strv_contains (intents, intent) ? intent : "general");
      labels->pdata[(guint) index] = label;
    }
  return g_steal_pointer (&labels);
}

typedef struct
{
  GPtrArray *texts;    /* all asked for */
  GPtrArray *labels;   /* one slot each, filled from the cache first */
  GPtrArray *sent;     /* indexes (into texts) sent to the provider */
} Classify;

static void
classify_free (Classify *data)
{
  g_ptr_array_unref (data->texts);
  g_ptr_array_unref (data->labels);
  g_ptr_array_unref (data->sent);
  g_free (data);
}

static void
on_classified (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AcAssistant *self = g_task_get_source_object (task);
  Classify *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = ac_chat_client_complete_finish (AC_CHAT_CLIENT (object), result, &error);
  g_autoptr(GPtrArray) labels = NULL;

  if (answer != NULL)
    labels = ac_assistant_labels_from_json (answer, data->sent->len, &error);
  if (labels == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_hash_table_size (self->labels) > CLASSIFY_CACHE)
    g_hash_table_remove_all (self->labels);
  for (guint i = 0; i < data->sent->len; i++)
    {
      guint at = GPOINTER_TO_UINT (data->sent->pdata[i]);
      AcAssistantLabel *label = labels->pdata[i];

      if (label == NULL)
        continue;
      g_hash_table_replace (self->labels, g_strdup (data->texts->pdata[at]), label_copy (label));
      data->labels->pdata[at] = g_steal_pointer (&labels->pdata[i]);
    }
  g_task_return_pointer (task, g_ptr_array_ref (data->labels), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ac_assistant_classify_async:
 * @self: an #AcAssistant
 * @texts: (element-type utf8): customer utterances as the transcript
 *   holds them (masked); redacted again before they leave
 * @cancellable: (nullable): cancels it
 * @callback: called with the analyses
 * @user_data: data for @callback
 *
 * Asks for each utterance's sentiment and intent in one request (at most
 * the first 20 not analysed before; the provider's analysis of a text is
 * remembered, so asking again costs nothing).  Never on the UI's path:
 * the answer comes when the provider gives it.
 */
void
ac_assistant_classify_async (AcAssistant         *self,
                             GPtrArray           *texts,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  GTask *task;
  Classify *data;

  g_return_if_fail (AC_IS_ASSISTANT (self));
  g_return_if_fail (texts != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_assistant_classify_async);
  data = g_new0 (Classify, 1);
  data->texts = g_ptr_array_ref (texts);
  data->labels = g_ptr_array_new_full (texts->len, (GDestroyNotify) ac_assistant_label_free);
  g_ptr_array_set_size (data->labels, texts->len);
  data->sent = g_ptr_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) classify_free);

  for (guint i = 0; i < texts->len; i++)
    {
      AcAssistantLabel *known = g_hash_table_lookup (self->labels, texts->pdata[i]);

      if (known != NULL)
        data->labels->pdata[i] = label_copy (known);
      else if (data->sent->len < CLASSIFY_BATCH)
        {
          g_string_append_printf (lines, "%u: %s\n", data->sent->len, (const char *) texts->pdata[i]);
          g_ptr_array_add (data->sent, GUINT_TO_POINTER (i));
        }
    }
  if (data->sent->len == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->labels), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  ac_chat_client_complete_async (self->chat[AC_ASSISTANT_CLASSIFY], classify_instructions, lines->str, TRUE,
                                 cancellable, on_classified, task);
}

/**
 * ac_assistant_classify_finish:
 * @self: an #AcAssistant
 * @result: the result
 * @error: return location for an #AcBackendError (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (element-type AcAssistantLabel): one slot per
 *   text asked for, %NULL where there is no analysis (yet)
 */
GPtrArray *
ac_assistant_classify_finish (AcAssistant   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ac_assistant_describe_ticket_async:
 * @self: an #AcAssistant
 * @transcript: the call's transcript (its last 160 final utterances go)
 * @cancellable: (nullable): cancels it
 * @callback: called with the description
 * @user_data: data for @callback
 *
 * Asks for a ticket's description from the call (at most 120 words);
 * [signal@Assistant::progress] with job 2 tells it as it grows.
 */
void
ac_assistant_describe_ticket_async (AcAssistant         *self,
                                    AcTranscript        *transcript,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *text = NULL;
  GTask *task;

  g_return_if_fail (AC_IS_ASSISTANT (self));
  g_return_if_fail (AC_IS_TRANSCRIPT (transcript));

  text = ac_assistant_transcript_text (transcript, SUMMARY_UTTERANCES);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ac_assistant_describe_ticket_async);
  ask (self, AC_ASSISTANT_TICKET, ticket_instructions, text, FALSE, task, on_answered);
}

/**
 * ac_assistant_describe_ticket_finish:
 * @self: an #AcAssistant
 * @result: the result
 * @error: return location for an #AcBackendError (or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the description, trimmed
 */
char *
ac_assistant_describe_ticket_finish (AcAssistant   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
