/* ac-sentiment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-sentiment"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ac-sentiment.h"

/**
 * AcSentiment:
 *
 * Sentiment, intent, emotions and risk of one utterance, on this computer.
 *
 * The contact-center model is VADER ([struct@Vader]) plus cues for what
 * callers say that VADER does not know is bad news — waiting on hold,
 * calling again, nothing fixed, charged twice, cancelling, fraud, safety,
 * legal threats — and for thanks it misses (“that sorted it”).  Each cue
 * is a phrase pattern for spoken text (lowercase, no punctuation) with:
 *
 * - a valence added to the utterance's VADER valences, on VADER's −4..4
 *   scale (0 for words VADER already rates, so nothing counts twice);
 * - an intent, the one of highest rank among the cues found winning;
 * - emotion weights: each emotion is the noisy-or of its cues' weights,
 *   1 − Π(1 − wᵢ);
 * - whether it makes the utterance urgent by itself (fraud, safety,
 *   legal action) or when the utterance is negative (“right now”,
 *   “today”).
 *
 * The label then follows VADER's convention on the compound score
 * (≥ 0.05 positive, ≤ −0.05 negative, else neutral), with urgent taking
 * over as above unless the utterance is clearly positive (compound ≥ 0.5).
 * The weights were set by reading contact-center language, checked on
 * `tests/data/contact-center-dev.tsv`; accuracy is measured on utterances
 * never used for that.
 *
 * Risk and escalation follow the backend contract (see
 * [const@RISK_WEIGHT_NEGATIVE]).
 */

G_DEFINE_BOXED_TYPE (AcSentiment, ac_sentiment, ac_sentiment_ref, ac_sentiment_unref)

/* VADER's neutral band on the compound score. */
#define POSITIVE_THRESHOLD  0.05
#define NEGATIVE_THRESHOLD -0.05
/* An utterance this positive is never urgent (“thanks for blocking the
 * stolen card”). */
#define NOT_URGENT_ABOVE    0.5

typedef enum
{
  URGENT_NO,
  URGENT_ALWAYS,      /* fraud, safety, legal action */
  URGENT_IF_NEGATIVE, /* immediacy, leaving */
} Urgency;

typedef struct
{
  const char *name;
  const char *pattern;
  double      valence;
  int         intent;   /* AcIntent, or -1 */
  double      anger, fear, sadness, joy;
  Urgency     urgency;
} Cue;

#define NO_INTENT (-1)

/* Patterns match whole words of the lowercased utterance, apostrophes
 * optional, as speech recognisers write them either way. */
static const Cue cues[] = {
  /* Waiting: VADER hears nothing wrong in “on hold for forty minutes”. */
  { "waiting", "\\b(on hold|been (waiting|holding)|waiting (on|for) (the|this|a|my)? ?(line|call|reply|answer|response|hours?|days?|weeks?|months?|ages)|hold(ing)? (for|forever)|(hours?|ages|forever) (on|to get through)|on the (phone|line) for)\\b",
    -1.8, AC_INTENT_COMPLAINT, 0.4, 0, 0.2, 0, URGENT_NO },
  { "long time", "\\b(for|over|than|about|nearly|almost) (an|a|one|two|three|four|five|six|\\w+ty|\\w+teen) (hour|hours|day|days|week|weeks|month|months)\\b|\\b(weeks|months|ages|forever) (ago|now)\\b|\\bgoing on for\\b",
    -1.0, NO_INTENT, 0.3, 0, 0.2, 0, URGENT_NO },
  /* Repetition. */
  { "calling again", "\\b(second|third|fourth|fifth|sixth|\\w+th) time\\b|\\b(called|rung|rang|phoned|explained|told (you|them)|asked)( \\w+)? (again|twice|(two|three|four|five|several|many|so many|\\w+) times)\\b|\\b(already|keep) (called|calling|explained|explaining|told|telling|asked|asking)\\b|\\bagain and again\\b|\\bover and over\\b",
    -1.6, AC_INTENT_COMPLAINT, 0.5, 0, 0.2, 0, URGENT_NO },
  { "passed around", "\\b(transferred|passed|bounced|pushed) (around|from one|back and forth|between)\\b|\\bone department to another\\b",
    -1.4, AC_INTENT_COMPLAINT, 0.5, 0, 0, 0, URGENT_NO },
  /* Nothing happened. */
  { "not resolved", "\\b(still (not|no|isn'?t|hasn'?t|haven'?t|doesn'?t|don'?t|broken|waiting|nothing|nobody)|nothing (has )?(happened|changed|was done)|no (one|body) (has )?(called|helped|answered|got back|came|turned up|fixed)|nobody (ever )?(calls?|called|helped|answered|got back|came|fixed)|never (got|received|arrived|came|turned up|heard|called)|(didn'?t|did not|haven'?t|hasn'?t|have not|has not) (arrive|receive|received|get|heard|come|turn up|call)|no (response|reply|answer|call back|callback)|(promised|told) .*(would|it would|they'?d))\\b",
    -2.0, AC_INTENT_COMPLAINT, 0.4, 0, 0.3, 0, URGENT_NO },
  { "not working", "\\b(not working|doesn'?t work|don'?t work|isn'?t working|stopped working|won'?t (work|start|turn on|connect|load)|keeps? (dropping|crashing|freezing|failing|cutting out|disconnecting|going off)|(crashes|freezes|fails|drops) (every|all the)|(is|it'?s|was|line'?s?|line is) (dead|down|broken|offline)|(still|been) (broken|offline|down)|no (signal|service|internet|connection|power)|went dead|disconnected)\\b",
    -1.4, AC_INTENT_SUPPORT, 0.3, 0, 0.2, 0, URGENT_NO },
  /* Money. */
  { "charged wrongly", "\\b(charged|billed) (me )?(twice|double|two times|again|too much|for nothing)|double (charged|billed|charge)|overcharg\\w*|(higher|more) than (what )?(i was|we were|you) (quoted|told|promised)|wrong (amount|bill|charge)\\b",
    -1.8, AC_INTENT_BILLING, 0.5, 0, 0, 0, URGENT_NO },
  { "billing", "\\b(bill|bills|billed|billing|charge|charges|charged|invoice|refund|refunds|payment|payments|pay|paid|fee|fees|direct debit|statement|balance|price|cost|costs|debit)\\b",
    0, AC_INTENT_BILLING, 0, 0, 0, 0, URGENT_NO },
  /* Leaving. */
  { "cancellation", "\\b(cancel\\w*|close (my|the) account|terminate|termination|leave (you|your company)|leaving (you|today)|switch(ing)? (provider|to another|to someone)|done with you|take my business)\\b",
    -1.0, AC_INTENT_CANCELLATION, 0.4, 0, 0.1, 0, URGENT_NO },
  { "leaving now", "\\b(cancel\\w*|close|leaving|leave|terminate|done with)\\b.*\\b(today|now|immediately|right away|this minute)\\b|\\b(today|now|immediately)\\b.*\\b(cancel\\w*|close my|leaving)\\b",
    -0.5, AC_INTENT_CANCELLATION, 0.5, 0, 0, 0, URGENT_IF_NEGATIVE },
  /* Fraud and account security: urgent whatever else is said. */
  { "fraud", "\\b(fraud\\w*|scam\\w*|stolen|steal\\w*|hack\\w*|identity theft|phishing|compromised|unauthori[sz]ed|(didn'?t|did not|don'?t|do not|never) (make|authori[sz]e|recogni[sz]e|recogni[sz]ed|order)|(someone|somebody|a stranger) (has |had )?(been )?(used|using|is using|logged|accessed|took|taken|changed|called pretending|pretending)|pretending to be|asking for my (pin|password|code)|transfers? i (don'?t|didn'?t) recogni[sz]e|(that|it|those|these|this)( is|'s|'re| are| was| were)? not (mine|me)|(wasn'?t|was not) me)\\b",
    -2.5, AC_INTENT_FRAUD, 0.3, 0.8, 0.2, 0, URGENT_ALWAYS },
  /* Safety. */
  { "safety", "\\b(gas (smell|leak)|smell(s|ing)? (of )?gas|fire|smoke|flood\\w*|no (heating|heat|hot water|power)|(it'?s|i'?m|we'?re) freezing|freezing cold|emergency|injur\\w*|medical|unsafe|danger\\w*)\\b",
    -2.0, AC_INTENT_SUPPORT, 0, 0.8, 0.3, 0, URGENT_ALWAYS },
  /* Legal threats. */
  { "legal threat", "\\b(lawyer|solicitor|attorney|sue|suing|legal action|court|regulator|ombudsman|trading standards|report (you|this))\\b",
    -2.0, AC_INTENT_COMPLAINT, 0.8, 0, 0, 0, URGENT_ALWAYS },
  /* Losing money or business now. */
  { "losing out", "\\b(losing (money|customers|business)|wrong account|money (is )?gone|took (my )?money)\\b",
    -1.8, AC_INTENT_BILLING, 0.4, 0.6, 0.3, 0, URGENT_ALWAYS },
  /* Immediacy: urgent when the rest is negative. */
  { "immediacy", "\\b(right now|immediately|right away|straight away|urgent\\w*|asap|as soon as possible|by tomorrow|this minute)\\b",
    0, NO_INTENT, 0, 0.2, 0, 0, URGENT_IF_NEGATIVE },
  /* Complaints VADER already rates: intent and emotion only. */
  { "complaint", "\\b(complain\\w*|unacceptable|ridiculous|disgrace\\w*|joke|useless|incompetent|worst|terrible|awful|rude|disappointed|disappointing|frustrat\\w*|fed up|sick of|manager|supervisor|escalate|not happy|unhappy|hard to get|straight answer)\\b",
    0, AC_INTENT_COMPLAINT, 0.6, 0, 0.3, 0, URGENT_NO },
  { "fed up", "\\b(fed up|sick (and tired )?of|had enough|done with)\\b",
    -2.5, AC_INTENT_COMPLAINT, 0.6, 0, 0.2, 0, URGENT_NO },
  /* Emotions VADER already rates. */
  { "anger", "\\b(angry|furious|livid|fuming|mad|annoyed|irritated|outraged|pissed)\\b",
    0, NO_INTENT, 0.8, 0, 0, 0, URGENT_NO },
  { "fear", "\\b(worried|scared|afraid|frightened|anxious|nervous|panic\\w*|concerned|terrified)\\b",
    0, NO_INTENT, 0, 0.7, 0.1, 0, URGENT_NO },
  { "sadness", "\\b(sad|upset|devastated|heartbroken|depressed|miserable|lost|crying)\\b",
    0, NO_INTENT, 0, 0, 0.7, 0, URGENT_NO },
  /* Thanks and things fixed. */
  { "thanks", "\\b(thank(s| you)|thanking|cheers|appreciate\\w*|grateful)\\b",
    0.8, NO_INTENT, 0, 0, 0, 0.6, URGENT_NO },
  { "resolved", "\\b((that|this|it|you)( has| have|'?ve)? (fixed|sorted|solved|resolved) (it|that|the problem|everything)|(sorted|fixed|solved|resolved) now|that'?s sorted|(working|works) (now|again|perfectly)|can (log in|get in|connect) (again|now)|showed up|came through|made my day|been a star|easier than)\\b",
    1.8, NO_INTENT, 0, 0, 0, 0.7, URGENT_NO },
  { "joy", "\\b(happy|glad|delighted|pleased|wonderful|brilliant|lovely|perfect|excellent|great|awesome|fantastic|impressed)\\b",
    0, NO_INTENT, 0, 0, 0, 0.6, URGENT_NO },
  /* What callers want. */
  { "purchase", "\\b(buy|buying|purchase|order(ing)? (a|another|the|new)|upgrade|sign up|subscribe|new (phone|plan|line|contract)|add (a|another) line|book (an|a)|how much (is|does|for))\\b",
    0, AC_INTENT_PURCHASE, 0, 0, 0, 0, URGENT_NO },
  { "support", "\\b(help|problem|issue|error|fix|reset|log ?in|password|set ?up|install|technician|engineer|router|broadband|internet|app|website)\\b",
    0, AC_INTENT_SUPPORT, 0, 0, 0, 0, URGENT_NO },
  { "question", "^(what|when|where|why|how|who|which|can (you|i)|could (you|i)|do (you|i)|does|is (there|it|that)|are (there|you)|will|would|should|may i)\\b",
    0, AC_INTENT_QUESTION, 0, 0, 0, 0, URGENT_NO },
};

/* Words VADER rates that carry no feeling in a service call: transactions
 * (“pay”, “credit”, “block the card”, “stop the payment”), requests (“i'd
 * like to”, “can you help”, “please”) and the acknowledgements of a
 * dialogue (“yes”, “no”, “okay”, “sure”).  The cues judge the phrases
 * they appear in (“charged twice”, “cancel … today”). */
static const char * const neutral_words[] = {
  "pay", "paid", "credit", "charged", "cancel", "block", "blocked", "stop", "stopped",
  "help", "please", "free", "promised", "promise", "like", "want", "yes", "no", "ok",
  "okay", "sure", "fine",
};

static gboolean
lookup_neutral (const char *word,
                double     *valence,
                gpointer    user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (neutral_words); i++)
    if (g_str_equal (word, neutral_words[i]))
      {
        *valence = 0;
        return TRUE;
      }

  return FALSE;
}

/* Higher wins when several cues name an intent. */
static const int intent_rank[] = {
  [AC_INTENT_GENERAL] = 0,
  [AC_INTENT_QUESTION] = 1,
  [AC_INTENT_PURCHASE] = 2,
  [AC_INTENT_SUPPORT] = 3,
  [AC_INTENT_BILLING] = 4,
  [AC_INTENT_COMPLAINT] = 5,
  [AC_INTENT_CANCELLATION] = 6,
  [AC_INTENT_FRAUD] = 7,
};

static GRegex **
compiled_cues (void)
{
  static GRegex **regexes;

  if (g_once_init_enter (&regexes))
    {
      GRegex **r = g_new0 (GRegex *, G_N_ELEMENTS (cues));

      for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
        {
          g_autoptr(GError) error = NULL;

          r[i] = g_regex_new (cues[i].pattern, G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, &error);
          if (r[i] == NULL)
            g_error ("Contact-center cue “%s”: %s", cues[i].name, error->message);
        }

      g_once_init_leave (&regexes, r);
    }

  return regexes;
}

/* Spoken style: lowercase, typographic apostrophes made plain, other
 * punctuation as spaces, so cues see words. */
static char *
normalize_for_cues (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_sized_new (strlen (down));

  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2019 || c == 0x2018 || c == '\'')
        g_string_append_c (out, '\'');
      else if (c < 0x80 && g_ascii_ispunct ((char) c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static double
noisy_or (double acc,
          double weight)
{
  return 1.0 - (1.0 - acc) * (1.0 - CLAMP (weight, 0.0, 1.0));
}

/**
 * ac_sentiment_risk:
 * @negative: how negative the utterance is, 0..1
 * @emotions: its emotions
 *
 * The risk score of the backend contract: negative × 0.6 + anger × 0.3 +
 * fear × 0.2 + sadness × 0.1, at most 1.
 *
 * Returns: the risk, 0..1
 */
double
ac_sentiment_risk (double            negative,
                   const AcEmotions *emotions)
{
  double risk;

  g_return_val_if_fail (emotions != NULL, 0.0);

  risk = CLAMP (negative, 0.0, 1.0) * AC_RISK_WEIGHT_NEGATIVE +
         CLAMP (emotions->anger, 0.0, 1.0) * AC_RISK_WEIGHT_ANGER +
         CLAMP (emotions->fear, 0.0, 1.0) * AC_RISK_WEIGHT_FEAR +
         CLAMP (emotions->sadness, 0.0, 1.0) * AC_RISK_WEIGHT_SADNESS;

  return MIN (risk, 1.0);
}

/**
 * ac_sentiment_risk_escalates:
 * @risk: a risk score, 0..1
 *
 * The contract's escalation rule.
 *
 * Returns: whether @risk is above [const@RISK_ESCALATION] (0.7 itself
 *   does not escalate)
 */
gboolean
ac_sentiment_risk_escalates (double risk)
{
  return risk > AC_RISK_ESCALATION;
}

static AcSentimentLabel
label_from_compound (double compound)
{
  if (compound >= POSITIVE_THRESHOLD)
    return AC_SENTIMENT_POSITIVE;
  if (compound <= NEGATIVE_THRESHOLD)
    return AC_SENTIMENT_NEGATIVE;
  return AC_SENTIMENT_NEUTRAL;
}

/**
 * ac_sentiment_analyze:
 * @model: the model
 * @text: (nullable): one utterance, any text: invalid UTF-8 is repaired,
 *   %NULL is empty
 *
 * Analyses an utterance.  Safe to call from any thread.
 *
 * Returns: (transfer full): the analysis
 */
AcSentiment *
ac_sentiment_analyze (AcSentimentModel  model,
                      const char       *text)
{
  AcVader *vader = ac_vader_get_default ();
  AcSentiment *self = g_atomic_rc_box_new0 (AcSentiment);
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GPtrArray) words = ac_vader_tokenize (valid);
  g_autoptr(GArray) valences = ac_vader_valences (vader, words,
                                                  model == AC_SENTIMENT_MODEL_CONTACT_CENTER
                                                  ? lookup_neutral : NULL,
                                                  NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gboolean urgent_always = FALSE, urgent_if_negative = FALSE;
  int intent = AC_INTENT_GENERAL;

  self->text = g_strdup (valid);
  self->model = model;

  if (model == AC_SENTIMENT_MODEL_CONTACT_CENTER)
    {
      g_autofree char *spoken = normalize_for_cues (valid);
      GRegex **regexes = compiled_cues ();

      for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
        {
          const Cue *cue = &cues[i];

          if (!g_regex_match (regexes[i], spoken, 0, NULL))
            continue;

          g_ptr_array_add (found, (gpointer) cue->name);
          if (cue->valence != 0)
            g_array_append_val (valences, cue->valence);
          if (cue->intent != NO_INTENT && intent_rank[cue->intent] > intent_rank[intent])
            intent = cue->intent;

          self->emotions.anger = noisy_or (self->emotions.anger, cue->anger);
          self->emotions.fear = noisy_or (self->emotions.fear, cue->fear);
          self->emotions.sadness = noisy_or (self->emotions.sadness, cue->sadness);
          self->emotions.joy = noisy_or (self->emotions.joy, cue->joy);

          urgent_always |= cue->urgency == URGENT_ALWAYS;
          urgent_if_negative |= cue->urgency == URGENT_IF_NEGATIVE;
        }
    }

  ac_vader_scores_from_valences (valences, valid, &self->scores);
  self->label = label_from_compound (self->scores.compound);

  if (model == AC_SENTIMENT_MODEL_CONTACT_CENTER && self->scores.compound < NOT_URGENT_ABOVE &&
      (urgent_always || (urgent_if_negative && self->label == AC_SENTIMENT_NEGATIVE)))
    self->label = AC_SENTIMENT_URGENT;

  g_ptr_array_add (found, NULL);
  self->cues = g_strdupv ((char **) found->pdata);
  self->intent = intent;

  if (self->label == AC_SENTIMENT_NEGATIVE || self->label == AC_SENTIMENT_URGENT)
    self->negative = CLAMP (-self->scores.compound, 0.0, 1.0);

  self->risk = ac_sentiment_risk (self->negative, &self->emotions);
  self->escalation = ac_sentiment_risk_escalates (self->risk);

  return self;
}

static void
sentiment_clear (gpointer data)
{
  AcSentiment *self = data;

  g_free (self->text);
  g_strfreev (self->cues);
}

/**
 * ac_sentiment_ref:
 * @self: an #AcSentiment
 *
 * Returns: (transfer full): @self
 */
AcSentiment *
ac_sentiment_ref (AcSentiment *self)
{
  return g_atomic_rc_box_acquire (self);
}

/**
 * ac_sentiment_unref:
 * @self: an #AcSentiment
 */
void
ac_sentiment_unref (AcSentiment *self)
{
  g_atomic_rc_box_release_full (self, sentiment_clear);
}

/**
 * ac_sentiment_label_to_string:
 * @label: an #AcSentimentLabel
 *
 * Returns: (transfer none): the label's name in the backend contract:
 *   `positive`, `neutral`, `negative` or `urgent`
 */
const char *
ac_sentiment_label_to_string (AcSentimentLabel label)
{
  static const char * const names[] = { "positive", "neutral", "negative", "urgent" };

  g_return_val_if_fail (label <= AC_SENTIMENT_URGENT, "neutral");
  return names[label];
}

/**
 * ac_intent_to_string:
 * @intent: an #AcIntent
 *
 * Returns: (transfer none): the intent's name: `general`, `question`,
 *   `support`, `purchase`, `cancellation`, `complaint`, `fraud` or `billing`
 */
const char *
ac_intent_to_string (AcIntent intent)
{
  static const char * const names[] = {
    "general", "question", "support", "purchase", "cancellation", "complaint", "fraud", "billing",
  };

  g_return_val_if_fail (intent <= AC_INTENT_BILLING, "general");
  return names[intent];
}

/**
 * ac_sentiment_model_from_string:
 * @name: `contact-center` or `vader`
 * @model: (out): the model
 *
 * Returns: whether @name names a model
 */
gboolean
ac_sentiment_model_from_string (const char       *name,
                                AcSentimentModel *model)
{
  g_return_val_if_fail (model != NULL, FALSE);

  if (g_strcmp0 (name, "contact-center") == 0)
    *model = AC_SENTIMENT_MODEL_CONTACT_CENTER;
  else if (g_strcmp0 (name, "vader") == 0)
    *model = AC_SENTIMENT_MODEL_VADER;
  else
    return FALSE;

  return TRUE;
}

/* Scores to 4 decimals: VADER's own precision, and plenty for 0..1. */
static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, round (value * 1e4) / 1e4);
}

/**
 * ac_sentiment_to_json:
 * @sentiment: an analysis
 *
 * Returns: (transfer full): the analysis as a JSON object: `text`, `neg`,
 *   `neu`, `pos`, `compound`, `label`, `intent`, `cues`, `emotions`
 *   (`anger`, `fear`, `sadness`, `joy`), `risk`, `escalation`
 */
JsonNode *
ac_sentiment_to_json (const AcSentiment *sentiment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, sentiment->text);
  add_double (builder, "neg", sentiment->scores.neg);
  add_double (builder, "neu", sentiment->scores.neu);
  add_double (builder, "pos", sentiment->scores.pos);
  add_double (builder, "compound", sentiment->scores.compound);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, ac_sentiment_label_to_string (sentiment->label));
  json_builder_set_member_name (builder, "intent");
  json_builder_add_string_value (builder, ac_intent_to_string (sentiment->intent));
  json_builder_set_member_name (builder, "cues");
  json_builder_begin_array (builder);
  for (guint i = 0; sentiment->cues[i] != NULL; i++)
    json_builder_add_string_value (builder, sentiment->cues[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "emotions");
  json_builder_begin_object (builder);
  add_double (builder, "anger", sentiment->emotions.anger);
  add_double (builder, "fear", sentiment->emotions.fear);
  add_double (builder, "sadness", sentiment->emotions.sadness);
  add_double (builder, "joy", sentiment->emotions.joy);
  json_builder_end_object (builder);
  add_double (builder, "risk", sentiment->risk);
  json_builder_set_member_name (builder, "escalation");
  json_builder_add_boolean_value (builder, sentiment->escalation);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

