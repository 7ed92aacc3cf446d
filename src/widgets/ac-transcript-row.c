/* ac-transcript-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-transcript-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-transcript-row.h"
#include "ac-types.h"

/**
 * AcTranscriptRow:
 *
 * One utterance in the transcript: the speaker's name in the speaker's
 * colour, the time from the start of the call, and the words.  A partial
 * hypothesis is shown as provisional — dimmed, italic, ending in an
 * ellipsis — until its final replaces it.  Speakers are told apart by
 * name and by side, never by colour alone.
 *
 * The row is a template (`ui/ac-transcript-row.ui`) over one property,
 * [property@TranscriptRow:utterance]: the list's factory binds each item
 * to it.
 */
struct _AcTranscriptRow
{
  GtkWidget    parent_instance;

  AcUtterance *utterance;

  /* Template widgets */
  GtkWidget   *box;
  GtkLabel    *speaker_label;
  GtkLabel    *time_label;
  GtkWidget   *mood_box;
  GtkImage    *mood_icon;
  GtkLabel    *mood_label;
  GtkLabel    *text_label;
};

G_DEFINE_FINAL_TYPE (AcTranscriptRow, ac_transcript_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UTTERANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const speaker_css[] = { "customer", "agent" };

/* By AcSentimentLabel: an icon and a word beside the colour, never the
 * colour alone; neutral is left unmarked. */
static const struct {
  const char *css;
  const char *icon;
} moods[] = {
  [AC_SENTIMENT_POSITIVE] = { "mood-positive", "face-smile-symbolic" },
  [AC_SENTIMENT_NEUTRAL] = { "mood-neutral", NULL },
  [AC_SENTIMENT_NEGATIVE] = { "mood-negative", "face-sad-symbolic" },
  [AC_SENTIMENT_URGENT] = { "mood-urgent", "dialog-warning-symbolic" },
};

static const char *
mood_name (AcSentimentLabel label)
{
  switch (label)
    {
    case AC_SENTIMENT_POSITIVE:
      return _("Positive");
    case AC_SENTIMENT_NEGATIVE:
      return _("Negative");
    case AC_SENTIMENT_URGENT:
      return _("Urgent");
    case AC_SENTIMENT_NEUTRAL:
    default:
      return _("Neutral");
    }
}

static void
ac_transcript_row_dispose (GObject *object)
{
  AcTranscriptRow *self = AC_TRANSCRIPT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AC_TYPE_TRANSCRIPT_ROW);
  g_clear_object (&self->utterance);

  G_OBJECT_CLASS (ac_transcript_row_parent_class)->dispose (object);
}

static void
ac_transcript_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AcTranscriptRow *self = AC_TRANSCRIPT_ROW (object);

  switch (prop_id)
    {
    case PROP_UTTERANCE:
      g_value_set_object (value, self->utterance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_transcript_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AcTranscriptRow *self = AC_TRANSCRIPT_ROW (object);

  switch (prop_id)
    {
    case PROP_UTTERANCE:
      ac_transcript_row_set_utterance (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ac_transcript_row_class_init (AcTranscriptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ac_transcript_row_dispose;
  object_class->get_property = ac_transcript_row_get_property;
  object_class->set_property = ac_transcript_row_set_property;

  /**
   * AcTranscriptRow:utterance: (nullable)
   *
   * The utterance shown.
   */
  properties[PROP_UTTERANCE] =
    g_param_spec_object ("utterance", NULL, NULL, AC_TYPE_UTTERANCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentconsole/AgentConsole/ac-transcript-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptRow, box);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptRow, speaker_label);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptRow, mood_box);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptRow, mood_icon);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptRow, mood_label);
  gtk_widget_class_bind_template_child (widget_class, AcTranscriptRow, text_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "transcriptrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ac_transcript_row_init (AcTranscriptRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ac_transcript_row_new:
 *
 * Returns: (transfer floating): an empty row
 */
GtkWidget *
ac_transcript_row_new (void)
{
  return g_object_new (AC_TYPE_TRANSCRIPT_ROW, NULL);
}

/* What a chip says for a redacted span: the category, and a card's last
 * four digits when the masked text kept them. */
static char *
chip_text (const AcRedactionSpan *span,
           const char            *mask)
{
  const char *bullets = strstr (mask, "••••");

  if (span->category == AC_REDACTION_CARD && bullets != NULL && strlen (bullets) >= strlen ("••••") + 4)
    {
      g_autofree char *last4 = g_strndup (bullets + strlen ("••••"), 4);

      /* Translators: a masked card number in the transcript, with its last four digits */
      return g_strdup_printf (_("Card •••• %s"), last4);
    }

  return g_strdup (ac_redaction_category_get_label (span->category));
}

/* The utterance's text as Pango markup, each redacted span a chip; @spoken
 * gets the same for a screen reader. */
static char *
text_markup (AcUtterance  *utterance,
             char        **spoken)
{
  const char *text = ac_utterance_get_text (utterance);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) said = g_string_new (NULL);
  const AcRedactionSpan *spans;
  guint n_spans;
  const char *pos = text;
  glong n_chars = g_utf8_strlen (text, -1);

  spans = ac_utterance_get_redactions (utterance, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      const char *start, *end;
      g_autofree char *before = NULL;
      g_autofree char *mask = NULL;
      g_autofree char *chip = NULL;
      g_autofree char *escaped = NULL;

      if (spans[i].end > n_chars)
        break;
      start = g_utf8_offset_to_pointer (text, spans[i].start);
      end = g_utf8_offset_to_pointer (text, spans[i].end);
      if (start < pos)
        continue;

      before = g_markup_escape_text (pos, start - pos);
      g_string_append (markup, before);
      g_string_append_len (said, pos, start - pos);

      mask = g_strndup (start, end - start);
      chip = chip_text (&spans[i], mask);
      escaped = g_markup_escape_text (chip, -1);
      /* A tinted, bold chip, legible on light and dark: the accent blue at
       * a fifth of its strength behind the words. */
      g_string_append_printf (markup, "<span bgcolor=\"#3584e4\" bgalpha=\"22%%\" weight=\"bold\">\u2009%s\u2009</span>",
                              escaped);
      /* Translators: how a screen reader says a masked number: “Card •••• 1111, masked” */
      g_string_append_printf (said, _("%s, masked"), chip);
      pos = end;
    }

  {
    g_autofree char *rest = g_markup_escape_text (pos, -1);

    g_string_append (markup, rest);
    g_string_append (said, pos);
  }

  *spoken = g_string_free (g_steal_pointer (&said), FALSE);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/**
 * ac_transcript_row_set_utterance:
 * @self: a #AcTranscriptRow
 * @utterance: (nullable): the utterance to show
 *
 * Shows @utterance (rows are recycled by the list).
 */
void
ac_transcript_row_set_utterance (AcTranscriptRow *self,
                                 AcUtterance     *utterance)
{
  guint channel;
  gboolean partial;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *mood_lower = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *spoken = NULL;
  AcSentiment *sentiment;
  const char *speaker;

  g_return_if_fail (AC_IS_TRANSCRIPT_ROW (self));
  g_return_if_fail (utterance == NULL || AC_IS_UTTERANCE (utterance));

  if (!g_set_object (&self->utterance, utterance))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UTTERANCE]);
  if (utterance == NULL)
    return;

  channel = MIN (ac_utterance_get_channel (utterance), 1);
  partial = !ac_utterance_get_is_final (utterance);
  speaker = channel == 0 ? _("Customer") : _("Agent");
  when = ac_format_duration (ac_utterance_get_start_ms (utterance));

  gtk_widget_remove_css_class (GTK_WIDGET (self), speaker_css[1 - channel]);
  gtk_widget_add_css_class (GTK_WIDGET (self), speaker_css[channel]);
  if (partial)
    gtk_widget_add_css_class (GTK_WIDGET (self), "partial");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "partial");

  /* The agent's words lean right, the customer's left, like a chat. */
  gtk_widget_set_halign (self->box, channel == 0 ? GTK_ALIGN_START : GTK_ALIGN_END);

  gtk_label_set_label (self->speaker_label, speaker);
  gtk_label_set_label (self->time_label, when);

  sentiment = ac_utterance_get_sentiment (utterance);
  for (guint i = 0; i < G_N_ELEMENTS (moods); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), moods[i].css);
  if (sentiment != NULL && moods[sentiment->label].icon != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), moods[sentiment->label].css);
      gtk_image_set_from_icon_name (self->mood_icon, moods[sentiment->label].icon);
      gtk_label_set_label (self->mood_label, mood_name (sentiment->label));
      gtk_widget_set_visible (self->mood_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->mood_box, FALSE);

  markup = text_markup (utterance, &spoken);
  /* Translators: a provisional hypothesis while the speaker is still talking */
  text = partial ? g_strdup_printf (_("%s…"), markup) : g_strdup (markup);
  gtk_label_set_markup (self->text_label, text);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->text_label),
                               partial ? _("Still listening: these words may change") : NULL);

  mood_lower = sentiment != NULL ? g_utf8_strdown (mood_name (sentiment->label), -1) : NULL;

  /* Translators: what a screen reader says for a transcript row:
   * “Customer at 0:12: my card was stolen” */
  description = partial ? g_strdup_printf (_("%s at %s, still speaking: %s"), speaker, when, spoken)
                        : sentiment != NULL && sentiment->label != AC_SENTIMENT_NEUTRAL
                        /* Translators: “Customer at 0:12, negative: my card was stolen” */
                        ? g_strdup_printf (_("%s at %s, %s: %s"), speaker, when, mood_lower, spoken)
                        : g_strdup_printf (_("%s at %s: %s"), speaker, when, spoken);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

/**
 * ac_transcript_row_get_utterance:
 * @self: a #AcTranscriptRow
 *
 * Returns: (transfer none) (nullable): the utterance shown
 */
AcUtterance *
ac_transcript_row_get_utterance (AcTranscriptRow *self)
{
  g_return_val_if_fail (AC_IS_TRANSCRIPT_ROW (self), NULL);

  return self->utterance;
}
