/* ac-window-assist.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-window"

#include "config.h"

#include <glib/gi18n.h>

#include <libsecret/secret.h>

#include "ac-backend-client.h"
#include "ac-knowledge.h"
#include "ac-speech-keys.h"
#include "ac-types.h"
#include "ac-window-private.h"

/* Agent assist in the main window: the Suggestions page follows what the
 * customer says.  A final customer utterance starts a 250 ms wait (Amazon
 * Connect's quick responses wait as long), so a burst of finals makes one
 * search; the search reads the customer's last three finals (already
 * masked: the transcript only holds redacted text) and asks the store for
 * the three articles that best answer them. */

#define SUGGEST_DEBOUNCE_MS 250
#define SUGGEST_WINDOW 3

/* With an AI provider, the next reply is asked for once the customer has
 * stopped for a second: a reply per sentence would cost a request each
 * and change under the agent's eyes. */
#define REPLY_DEBOUNCE_MS 1000

/* With an AI provider, the customer's finals are analysed in batches, at
 * most every 3 s: one request for several utterances, off the UI's path. */
#define CLASSIFY_WAIT_MS 3000

static void ask_for_reply (AcWindow *self);
static void ask_to_classify (AcWindow    *self,
                             AcUtterance *utterance);

static void
on_suggested (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = ac_store_suggest_finish (AC_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (suggestions == NULL)
    {
      g_debug ("No suggestions: %s", error->message);
      ac_suggestions_panel_set_state (self->suggestions_panel, AC_SUGGESTIONS_NO_KNOWLEDGE);
      return;
    }
  ac_suggestions_panel_set_suggestions (self->suggestions_panel, suggestions);
}

static gboolean
on_debounced (gpointer user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GPtrArray) said = g_ptr_array_new ();
  g_autofree char *query = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  guint finals = 0;

  self->suggest_source = 0;

  /* the customer's last finals, oldest first */
  for (guint i = n; i > 0 && said->len < SUGGEST_WINDOW; i--)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (G_LIST_MODEL (self->transcript), i - 1);

      if (ac_utterance_get_is_final (utterance) &&
          ac_utterance_get_channel (utterance) == AC_AUDIO_CHANNEL_CUSTOMER)
        {
          g_ptr_array_insert (said, 0, (gpointer) ac_utterance_get_text (utterance));
          finals++;
        }
    }
  if (finals == 0)
    return G_SOURCE_REMOVE;
  g_ptr_array_add (said, NULL);
  query = ac_knowledge_query ((const char * const *) said->pdata);
  if (query == NULL)
    return G_SOURCE_REMOVE;
  if (self->store == NULL)
    {
      ac_suggestions_panel_set_state (self->suggestions_panel, AC_SUGGESTIONS_NO_KNOWLEDGE);
      return G_SOURCE_REMOVE;
    }

  if (self->suggest_cancellable != NULL)
    g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  self->suggest_cancellable = g_cancellable_new ();
  ac_store_suggest_async (self->store, query, 3, self->suggest_cancellable, on_suggested, self);
  return G_SOURCE_REMOVE;
}

/**
 * _ac_window_assist_heard:
 * @self: the window
 *
 * The transcript grew: search again once the customer pauses.
 */
void
_ac_window_assist_heard (AcWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  g_autoptr(AcUtterance) last = n > 0 ? g_list_model_get_item (G_LIST_MODEL (self->transcript), n - 1) : NULL;

  if (last == NULL || ac_utterance_get_channel (last) != AC_AUDIO_CHANNEL_CUSTOMER ||
      !ac_utterance_get_is_final (last))
    return;
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  self->suggest_source = g_timeout_add (SUGGEST_DEBOUNCE_MS, on_debounced, self);
  ask_for_reply (self);
  ask_to_classify (self, last);
}

/* ------------------------------------------------------------ the AI provider */

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
on_assistant_progress (AcWindow   *self,
                       guint       job,
                       const char *text,
                       AcAssistant *assistant)
{
  if (job == 0 && self->summary_cancellable != NULL)
    {
      /* Translators: %s is the AI provider's model, %u how many characters it wrote so far */
      g_autofree char *status = g_strdup_printf (_("Writing the summary with %s… %u characters"),
                                                 ac_assistant_get_model (assistant),
                                                 (guint) g_utf8_strlen (text, -1));

      ac_wrap_up_form_set_assist (self->wrap_up_form, AC_WRAP_UP_ASSIST_WORKING, status);
    }
  else if (job == 1 && self->reply_cancellable != NULL)
    ac_suggestions_panel_set_reply (self->suggestions_panel, text, TRUE, NULL);
}

static void
on_assistant_key (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  char *key = ac_speech_key_lookup_finish (result, &error);
  const char *url = NULL;
  const char *model = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      secret_password_free (key);
      return;
    }
  g_clear_object (&self->assistant_lookup);
  if (error != NULL)
    g_warning ("The AI provider's key cannot be read from the keyring: %s", error->message);
  g_clear_error (&error);
  ac_settings_get_assistant (self->settings, &url, &model, NULL);
  self->assistant = ac_assistant_new (url, model, key, &error);
  secret_password_free (key);
  if (self->assistant == NULL)
    {
      g_warning ("No AI provider: %s", error->message);
      return;
    }
  g_signal_connect_object (self->assistant, "progress", G_CALLBACK (on_assistant_progress), self,
                           G_CONNECT_SWAPPED);
}

static void
on_support_key (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = ac_speech_key_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      secret_password_free (token);
      return;
    }
  g_clear_object (&self->support_lookup);
  if (error != NULL)
    g_warning ("The support service's token cannot be read from the keyring: %s", error->message);
  g_clear_error (&error);
  self->support = ac_support_client_new (ac_settings_get_support_url (self->settings), token, &error);
  secret_password_free (token);
  if (self->support == NULL)
    g_warning ("No support service: %s", error->message);
}

static void
forget_support (AcWindow *self)
{
  cancel (&self->support_cancellable);
  cancel (&self->support_lookup);
  g_clear_object (&self->support);
  g_clear_pointer (&self->support_answer, ac_support_answer_free);
  g_clear_pointer (&self->support_route, ac_support_route_free);
  g_clear_pointer (&self->support_urgency, g_free);
}

/**
 * _ac_window_assist_reset:
 * @self: the window
 *
 * A new call: nothing suggested yet, and the AI provider of the settings
 * as they are now (its key read from the keyring).
 */
void
_ac_window_assist_reset (AcWindow *self)
{
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  g_clear_handle_id (&self->reply_source, g_source_remove);
  g_clear_handle_id (&self->classify_source, g_source_remove);
  g_clear_pointer (&self->classify_pending, g_ptr_array_unref);
  cancel (&self->suggest_cancellable);
  cancel (&self->reply_cancellable);
  cancel (&self->summary_cancellable);
  cancel (&self->classify_cancellable);
  cancel (&self->assistant_lookup);
  g_clear_object (&self->assistant);
  forget_support (self);
  ac_suggestions_panel_set_state (self->suggestions_panel, AC_SUGGESTIONS_WAITING);
  ac_suggestions_panel_set_reply (self->suggestions_panel, NULL, FALSE, NULL);
  ac_suggestions_panel_set_service (self->suggestions_panel, NULL, NULL, NULL, NULL, NULL);
  if (self->settings != NULL && ac_settings_get_support_url (self->settings)[0] != '\0')
    {
      self->support_lookup = g_cancellable_new ();
      ac_speech_key_lookup_async ("support-service", NULL, self->support_lookup, on_support_key, self);
    }

  if (self->settings != NULL && ac_settings_get_assistant (self->settings, NULL, NULL, NULL))
    {
      self->assistant_lookup = g_cancellable_new ();
      ac_speech_key_lookup_async ("assistant", NULL, self->assistant_lookup, on_assistant_key, self);
    }
}

static void
on_reply (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = ac_assistant_suggest_reply_finish (AC_ASSISTANT (object), result, &error);
  g_autofree char *note = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reply_cancellable);
  if (reply == NULL)
    {
      /* Translators: why the AI provider suggests no reply; %s is its error */
      note = g_strdup_printf (_("No reply from the AI provider: %s"), error->message);
      ac_suggestions_panel_set_reply (self->suggestions_panel, NULL, FALSE, note);
      return;
    }
  /* Translators: under a suggested reply; %s is the AI provider's model */
  note = g_strdup_printf (_("Written by %s from what was said; check it before you say it"),
                          ac_assistant_get_model (AC_ASSISTANT (object)));
  ac_suggestions_panel_set_reply (self->suggestions_panel, reply, FALSE, note);
}

static void ask_support (AcWindow *self);

static gboolean
on_reply_debounced (gpointer user_data)
{
  AcWindow *self = user_data;
  gboolean replies = FALSE;

  self->reply_source = 0;
  ask_support (self);
  if (self->assistant == NULL || !ac_settings_get_assistant (self->settings, NULL, NULL, &replies) || !replies)
    return G_SOURCE_REMOVE;
  cancel (&self->reply_cancellable);
  self->reply_cancellable = g_cancellable_new ();
  ac_suggestions_panel_set_reply (self->suggestions_panel, NULL, TRUE, NULL);
  ac_assistant_suggest_reply_async (self->assistant, self->transcript, self->reply_cancellable, on_reply, self);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------ the provider's analysis */

static void
on_classified (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) utterances = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = ac_assistant_classify_finish (AC_ASSISTANT (object), result, &error);
  AcWindow *self;
  gboolean any = FALSE;

  if (labels == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No analysis from the AI provider: %s", error->message);
      return;
    }
  /* the window is alive: its cancellable was not cancelled */
  self = g_object_get_data (G_OBJECT (utterances->pdata[0]), "ac-window");
  for (guint i = 0; i < labels->len && i < utterances->len; i++)
    {
      AcAssistantLabel *label = labels->pdata[i];

      if (label == NULL)
        continue;
      ac_utterance_set_assistant_sentiment (utterances->pdata[i], label->sentiment, label->score, label->intent);
      any |= ac_utterance_get_remote_source (utterances->pdata[i]) != NULL;
    }
  if (any && self != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->backend_legend)))
    {
      gtk_label_set_label (self->backend_legend, _("◇ AI provider"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->backend_legend),
                                   _("The AI provider’s score of each customer utterance, beside the app’s"));
      gtk_widget_set_visible (GTK_WIDGET (self->backend_legend), TRUE);
    }
}

static gboolean
on_classify_wait (gpointer user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GPtrArray) utterances = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  self->classify_source = 0;
  if (self->assistant == NULL || self->classify_pending == NULL || self->classify_pending->len == 0)
    return G_SOURCE_REMOVE;
  utterances = g_steal_pointer (&self->classify_pending);
  for (guint i = 0; i < utterances->len; i++)
    {
      g_ptr_array_add (texts, (gpointer) ac_utterance_get_text (utterances->pdata[i]));
      g_object_set_data (G_OBJECT (utterances->pdata[i]), "ac-window", self);
    }
  if (self->classify_cancellable == NULL)
    self->classify_cancellable = g_cancellable_new ();
  /* the texts live as long as the utterances, which the callback holds */
  ac_assistant_classify_async (self->assistant, texts, self->classify_cancellable, on_classified,
                               g_steal_pointer (&utterances));
  return G_SOURCE_REMOVE;
}

/* A customer's final utterance: analysed by the AI provider with the
 * next batch. */
static void
ask_to_classify (AcWindow    *self,
                 AcUtterance *utterance)
{
  if (self->assistant == NULL)
    return;
  if (self->classify_pending == NULL)
    self->classify_pending = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->classify_pending->len >= 20)
    return;
  g_ptr_array_add (self->classify_pending, g_object_ref (utterance));
  if (self->classify_source == 0)
    self->classify_source = g_timeout_add (CLASSIFY_WAIT_MS, on_classify_wait, self);
}

/* ------------------------------------------------------------ the support service */

static void
show_support (AcWindow   *self,
              const char *note)
{
  AcSupportAnswer *answer = self->support_answer;
  AcSupportRoute *route = self->support_route;

  ac_suggestions_panel_set_service (self->suggestions_panel, answer != NULL ? answer->category : NULL,
                                    route != NULL ? route->route : NULL, route != NULL ? route->reasoning : NULL,
                                    answer != NULL ? (const char * const *) answer->suggestions->pdata : NULL,
                                    note);
}

static void
on_support_answered (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  AcSupportAnswer *answer = ac_support_client_analyze_finish (AC_SUPPORT_CLIENT (object), result, &error);
  g_autofree char *note = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL)
    {
      /* Translators: %s is why the support service did not answer */
      note = g_strdup_printf (_("The support service did not answer: %s"), error->message);
      show_support (self, note);
      return;
    }
  g_clear_pointer (&self->support_answer, ac_support_answer_free);
  self->support_answer = answer;
  show_support (self, _("From the support service, for what the customer said; check before you use them"));
}

static void
on_support_routed (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AcSupportRoute *route = ac_support_client_route_finish (AC_SUPPORT_CLIENT (object), result, &error);

  if (route == NULL)
    {
      g_debug ("No route from the support service: %s", error->message);
      return;
    }
  /* for a call that is over, or a window that is closing: dropped */
  if (self->support != AC_SUPPORT_CLIENT (object))
    {
      ac_support_route_free (route);
      return;
    }
  g_clear_pointer (&self->support_route, ac_support_route_free);
  self->support_route = route;
  show_support (self, NULL);
}

/* How urgent the call is, as the route asks it: high once the customer
 * said something urgent or the call was escalated, medium once they
 * complained, else low. */
static const char *
call_urgency (AcWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  const char *urgency = self->supervisor_asked ? "high" : "low";

  for (guint i = 0; i < n && !g_str_equal (urgency, "high"); i++)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (G_LIST_MODEL (self->transcript), i);
      AcSentiment *sentiment = ac_utterance_get_sentiment (utterance);

      if (ac_utterance_get_channel (utterance) != AC_AUDIO_CHANNEL_CUSTOMER || sentiment == NULL)
        continue;
      if (sentiment->label == AC_SENTIMENT_URGENT || sentiment->escalation)
        urgency = "high";
      else if (sentiment->label == AC_SENTIMENT_NEGATIVE)
        urgency = "medium";
    }
  return urgency;
}

/* The customer's last final, the call's recent lines for context, and —
 * the first time, or when the call grew more urgent — the route. */
static void
ask_support (AcWindow *self)
{
  g_autofree char *recent = NULL;
  g_auto(GStrv) history = NULL;
  const char *urgency;
  const char *last = NULL;
  guint n;

  if (self->support == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->transcript));
  for (guint i = n; i > 0 && last == NULL; i--)
    {
      g_autoptr(AcUtterance) utterance = g_list_model_get_item (G_LIST_MODEL (self->transcript), i - 1);

      if (ac_utterance_get_is_final (utterance) && ac_utterance_get_channel (utterance) == AC_AUDIO_CHANNEL_CUSTOMER)
        last = ac_utterance_get_text (utterance);
    }
  if (last == NULL || last[0] == '\0')
    return;
  recent = ac_assistant_transcript_text (self->transcript, 6);
  history = g_strsplit (g_strchomp (recent), "\n", -1);
  cancel (&self->support_cancellable);
  self->support_cancellable = g_cancellable_new ();
  ac_support_client_analyze_async (self->support, last, (const char * const *) history, self->support_cancellable,
                                   on_support_answered, self);
  urgency = call_urgency (self);
  if (g_strcmp0 (urgency, self->support_urgency) != 0)
    {
      g_autofree char *issue = ac_assistant_transcript_text (self->transcript, 3);

      g_free (self->support_urgency);
      self->support_urgency = g_strdup (urgency);
      /* not cancelled by the next question: it is asked once per urgency */
      ac_support_client_route_async (self->support, issue, urgency, NULL, on_support_routed, g_object_ref (self));
    }
}

/* The customer said something final: a reply, when the agent wants them,
 * and the support service's answer, when there is one. */
static void
ask_for_reply (AcWindow *self)
{
  if (self->assistant == NULL && self->support == NULL)
    return;
  /* the last words of a call that is over are heard after it ends: the
   * wrap-up is no time for a reply */
  if (self->status == NULL || ac_agent_status_get_state (self->status) != AC_AGENT_STATE_ON_CALL)
    return;
  g_clear_handle_id (&self->reply_source, g_source_remove);
  self->reply_source = g_timeout_add (REPLY_DEBOUNCE_MS, on_reply_debounced, self);
}

static void
on_summarized (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AcAssistantSummary) summary = ac_assistant_summarize_finish (AC_ASSISTANT (object), result, &error);
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;
  const char *model = ac_assistant_get_model (AC_ASSISTANT (object));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->summary_cancellable);
  if (summary == NULL)
    {
      /* Translators: %s is why the AI provider failed */
      status = g_strdup_printf (_("The AI provider could not write the summary (%s); the notes were made on this "
                                  "computer"), error->message);
      ac_wrap_up_form_set_assist (self->wrap_up_form, AC_WRAP_UP_ASSIST_FAILED, status);
      return;
    }
  text = ac_assistant_summary_to_text (summary);
  if (ac_wrap_up_form_offer_summary (self->wrap_up_form, text))
    /* Translators: %s is the AI provider's model */
    status = g_strdup_printf (_("Summary written by %s from the masked transcript; check it"), model);
  else
    /* Translators: %s is the AI provider's model */
    status = g_strdup_printf (_("%s wrote a summary; your edited notes are kept"), model);
  if (summary->disposition != NULL)
    ac_wrap_up_form_set_suggested (self->wrap_up_form, summary->disposition, summary->why);
  ac_wrap_up_form_set_assist (self->wrap_up_form, AC_WRAP_UP_ASSIST_DONE, status);
}

/**
 * _ac_window_assist_wrap_up:
 * @self: the window
 *
 * After-Call Work began with this computer's summary in the notes: with
 * an AI provider, its summary and disposition are asked for, to take
 * their place unless the agent has edited them by then.
 */
void
_ac_window_assist_wrap_up (AcWindow *self)
{
  g_autofree char *status = NULL;

  g_clear_handle_id (&self->reply_source, g_source_remove);
  cancel (&self->reply_cancellable);
  cancel (&self->summary_cancellable);
  if (self->assistant == NULL)
    {
      ac_wrap_up_form_set_assist (self->wrap_up_form, AC_WRAP_UP_ASSIST_NONE, NULL);
      return;
    }
  self->summary_cancellable = g_cancellable_new ();
  /* Translators: %s is the AI provider's model */
  status = g_strdup_printf (_("Writing the summary with %s…"), ac_assistant_get_model (self->assistant));
  ac_wrap_up_form_set_assist (self->wrap_up_form, AC_WRAP_UP_ASSIST_WORKING, status);
  ac_assistant_summarize_async (self->assistant, self->transcript, self->dispositions, self->summary_cancellable,
                                on_summarized, self);
}

static void
on_ticket_described (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = ac_assistant_describe_ticket_finish (AC_ASSISTANT (object), result, &error);
  g_autofree char *note = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->ticket_cancellable);
  if (description == NULL)
    {
      g_debug ("No ticket description from the AI provider: %s", error->message);
      return;
    }
  /* Translators: under a ticket's description; %s is the AI provider's model */
  note = g_strdup_printf (_("Written by %s from the masked transcript; check it before filing"),
                          ac_assistant_get_model (AC_ASSISTANT (object)));
  ac_ticket_form_offer_description (self->ticket_form, description, note);
}

/**
 * _ac_window_assist_describe_ticket:
 * @self: the window
 *
 * A ticket was drafted from the call: with an AI provider, its
 * description is asked for, to take the draft's place unless the agent
 * has edited it by then.
 */
void
_ac_window_assist_describe_ticket (AcWindow *self)
{
  cancel (&self->ticket_cancellable);
  if (self->assistant == NULL)
    return;
  self->ticket_cancellable = g_cancellable_new ();
  ac_assistant_describe_ticket_async (self->assistant, self->transcript, self->ticket_cancellable,
                                      on_ticket_described, self);
}

static void
stop_summary (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AcWindow *self = AC_WINDOW (widget);

  if (self->summary_cancellable == NULL)
    return;
  cancel (&self->summary_cancellable);
  ac_wrap_up_form_set_assist (self->wrap_up_form, AC_WRAP_UP_ASSIST_FAILED,
                              _("Stopped; the notes were made on this computer"));
}

void
_ac_window_class_assist_init (AcWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.stop-summary", NULL, stop_summary);
}

/* The whole article, to read it. */
static void
on_article (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) passages = ac_store_get_article_finish (AC_STORE (object), result, &title, &error);
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *window, *box, *header, *scroll, *label;
  const char *heading = NULL;

  if (passages == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < passages->len; i++)
    {
      AcKnowledgePassage *passage = passages->pdata[i];
      g_autofree char *text = g_markup_escape_text (passage->text, -1);

      if (passage->heading != NULL && g_strcmp0 (passage->heading, heading) != 0)
        {
          g_autofree char *escaped = g_markup_escape_text (passage->heading, -1);

          g_string_append_printf (markup, "%s<b>%s</b>\n", markup->len > 0 ? "\n" : "", escaped);
          heading = passage->heading;
        }
      g_string_append_printf (markup, "%s\n", text);
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 560);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, _("Knowledge base")));
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 18);
  gtk_widget_set_margin_end (label, 18);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 18);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), label);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroll);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_open (AcWindow   *self,
         const char *article)
{
  if (self->store != NULL)
    ac_store_get_article_async (self->store, article, NULL, on_article, g_object_ref (self));
}

static void
on_feedback_kept (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ac_store_add_knowledge_feedback_finish (AC_STORE (object), result, &error))
    g_warning ("%s", error->message);
}

static void
on_feedback (AcWindow   *self,
             const char *article,
             gboolean    helpful)
{
  if (self->store != NULL)
    ac_store_add_knowledge_feedback_async (self->store, article, helpful, NULL, on_feedback_kept, NULL);
}

void
_ac_window_assist_init (AcWindow *self)
{
  g_signal_connect_object (self->suggestions_panel, "open", G_CALLBACK (on_open), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->suggestions_panel, "feedback", G_CALLBACK (on_feedback), self,
                           G_CONNECT_SWAPPED);
}

void
_ac_window_assist_dispose (AcWindow *self)
{
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  g_clear_handle_id (&self->reply_source, g_source_remove);
  cancel (&self->suggest_cancellable);
  cancel (&self->reply_cancellable);
  cancel (&self->summary_cancellable);
  cancel (&self->ticket_cancellable);
  cancel (&self->classify_cancellable);
  g_clear_handle_id (&self->classify_source, g_source_remove);
  g_clear_pointer (&self->classify_pending, g_ptr_array_unref);
  cancel (&self->assistant_lookup);
  g_clear_object (&self->assistant);
  forget_support (self);
}
