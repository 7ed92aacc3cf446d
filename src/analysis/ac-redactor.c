/* ac-redactor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-redactor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ac-redactor.h"

/**
 * AcRedactor:
 *
 * Finds personal data in what a speech engine heard and masks it: payment
 * card numbers, their security codes and expiry dates, social security
 * numbers, IBANs and bank accounts, e-mail addresses, telephone numbers
 * and dates of birth.
 *
 * The text is read as engines write it: digits ("4111 1111"), digit words
 * ("four one one one", "oh" for zero, "double five"), both mixed, and the
 * usual confusions ("for", "to", "won", "ate") beside other digits once a
 * number has been asked for.  A card number is 13 to 19 digits passing the
 * Luhn check (ISO/IEC 7812-1); once a card, a security code or a bank
 * account has been asked for — by either speaker — the digits read after
 * it are masked whether or not they check, since a misheard card number is
 * still most of one.  Numbers another cue explains (an order, a reference,
 * a ticket) and numbers that fail the check without a cue are left alone.
 *
 * A redactor keeps what one call said: the cues of its last final
 * hypotheses (either channel, the last %MAX_CUE_FINALS, none older than
 * %CUE_WINDOW_MS) and each channel's trailing digits, so a card read in
 * groups across two utterances is still found.  Partial hypotheses are
 * masked with that state but do not change it.
 *
 * The masked text replaces each span with a bracketed label: `[card
 * ••••1111]` keeps a full card's last four digits (PCI DSS allows them to
 * be shown), `[card number]` for part of one, `[security code]`, `[expiry
 * date]`, `[SSN]`, `[IBAN]`, `[bank account]`, `[email address]`, `[phone
 * number]`, `[date of birth]`.  The labels are data, not interface text,
 * and are not translated; [func@redaction_category_get_label] is.
 */

/* A cue counts for the finals after it for this long and this many. */
#define CUE_WINDOW_MS  45000
#define MAX_CUE_FINALS 4
#define MAX_CUES       32

/* Trailing digits join the same channel's next final within this time. */
#define TAIL_WINDOW_MS 15000

/* With a card asked for, a run of this many digits is masked as card. */
#define MIN_CARD_FRAGMENT 3

/* Digits that continue the same speaker's last final are masked once the
 * two make this many. */
#define CONTINUED_CARD_DIGITS 8

/* A partial hypothesis masks a run this long whatever it is. */
#define PARTIAL_MASK_DIGITS 6

#define MAX_CHANNELS 8

typedef enum
{
  CUE_NONE,
  CUE_CARD,
  CUE_SECURITY_CODE,
  CUE_EXPIRY,
  CUE_SSN,
  CUE_BANK,
  CUE_EMAIL,
  CUE_PHONE,
  CUE_BIRTH,
  CUE_OTHER,          /* an order, a reference: the number is not personal */
} CueKind;

typedef enum
{
  TOKEN_WORD,
  TOKEN_DIGITS,       /* digits as written, maybe with - or . between groups */
  TOKEN_DIGIT_WORD,   /* one .. nine, zero */
  TOKEN_WEAK_ZERO,    /* oh, o: zero beside other digits */
  TOKEN_CONFUSION,    /* for, to, too, won, ate: a digit beside digits, with a cue */
  TOKEN_MULTIPLIER,   /* double, triple */
  TOKEN_FILLER,       /* uh, um, dash: inside a run, never at its ends */
  TOKEN_DATE,         /* 04/27, 03/15/1985 */
  TOKEN_ORDINAL,      /* 1st, third */
  TOKEN_NUMBER_WORD,  /* twenty, hundred */
  TOKEN_MONTH,
  TOKEN_EMAIL,        /* written: a@b.c */
} TokenKind;

typedef struct
{
  gsize      start;      /* bytes of the token's core in the text */
  gsize      end;
  char      *norm;       /* lower-case core */
  TokenKind  kind;
  char      *digits;     /* what a digit token reads as, or NULL */
  guint8     groups[6];  /* written digit groups ("555-123-4567": 3 3 4) */
  guint      n_groups;
  gboolean   plus;       /* written with a leading + */
  gboolean   is_digit;   /* resolved: part of a digit run */
  CueKind    cue;        /* a cue phrase starts here */
  guint      cue_len;    /* its length in tokens */
  int        span;       /* index into the spans found, or -1 */
  gint64     start_ms;
  gint64     end_ms;
} Token;

typedef struct
{
  AcRedactionCategory category;
  guint               first;   /* tokens */
  guint               last;
  char               *label;
} Found;

typedef struct
{
  CueKind kind;
  guint64 final_no;
  gint64  time_ms;
} Cue;

typedef struct
{
  GString *digits;       /* trailing digit run of its last final */
  gboolean card;         /* they were masked as card */
  gboolean saw_card;     /* its last final held a card */
  guint64  final_no;
  gint64   end_ms;
} Tail;

struct _AcRedactor
{
  GObject  parent_instance;

  gboolean enabled[AC_REDACTION_N_CATEGORIES];
  GArray  *cues;         /* Cue, from finals, oldest first */
  guint64  n_finals;
  Tail     tails[MAX_CHANNELS];

  gboolean has_run;      /* digits in the last text redacted */
  gint64   run_start_ms;
  gint64   run_end_ms;
  guint    run_digits;
};

G_DEFINE_FINAL_TYPE (AcRedactor, ac_redactor, G_TYPE_OBJECT)

typedef struct
{
  const char *phrase;
  CueKind     kind;
} CuePhrase;

/* Longest first where one phrase begins another: matching takes the
 * longest at each word, so "back of the card" is a security code's cue and
 * not a card's. */
static const CuePhrase cue_phrases[] = {
  { "three digits on the back", CUE_SECURITY_CODE },
  { "3 digits on the back", CUE_SECURITY_CODE },
  { "four digits on the front", CUE_SECURITY_CODE },
  { "digits on the back", CUE_SECURITY_CODE },
  { "code on the back", CUE_SECURITY_CODE },
  { "number on the back", CUE_SECURITY_CODE },
  { "back of the card", CUE_SECURITY_CODE },
  { "back of your card", CUE_SECURITY_CODE },
  { "card verification", CUE_SECURITY_CODE },
  { "verification code", CUE_SECURITY_CODE },
  { "verification number", CUE_SECURITY_CODE },
  { "security code", CUE_SECURITY_CODE },
  { "security number", CUE_SECURITY_CODE },
  { "three digit code", CUE_SECURITY_CODE },
  { "three digits", CUE_SECURITY_CODE },
  { "cvv", CUE_SECURITY_CODE },
  { "cvv2", CUE_SECURITY_CODE },
  { "cvc", CUE_SECURITY_CODE },
  { "cvc2", CUE_SECURITY_CODE },
  { "csc", CUE_SECURITY_CODE },
  { "cv2", CUE_SECURITY_CODE },
  { "c v v", CUE_SECURITY_CODE },
  { "social security number", CUE_SSN },
  { "social security", CUE_SSN },
  { "ssn", CUE_SSN },
  { "s s n", CUE_SSN },
  { "credit card number", CUE_CARD },
  { "debit card number", CUE_CARD },
  { "card number", CUE_CARD },
  { "credit card", CUE_CARD },
  { "debit card", CUE_CARD },
  { "long number", CUE_CARD },
  { "card", CUE_CARD },
  { "visa", CUE_CARD },
  { "mastercard", CUE_CARD },
  { "master card", CUE_CARD },
  { "amex", CUE_CARD },
  { "american express", CUE_CARD },
  { "expiry date", CUE_EXPIRY },
  { "expiration date", CUE_EXPIRY },
  { "expiry", CUE_EXPIRY },
  { "expiration", CUE_EXPIRY },
  { "expires", CUE_EXPIRY },
  { "expire", CUE_EXPIRY },
  { "exp", CUE_EXPIRY },
  { "valid thru", CUE_EXPIRY },
  { "valid through", CUE_EXPIRY },
  { "valid until", CUE_EXPIRY },
  { "good thru", CUE_EXPIRY },
  { "good through", CUE_EXPIRY },
  { "bank account number", CUE_BANK },
  { "bank account", CUE_BANK },
  { "routing number", CUE_BANK },
  { "sort code", CUE_BANK },
  { "checking account", CUE_BANK },
  { "savings account", CUE_BANK },
  { "direct debit", CUE_BANK },
  { "bank details", CUE_BANK },
  { "iban", CUE_BANK },
  { "routing", CUE_BANK },
  { "email address", CUE_EMAIL },
  { "e-mail address", CUE_EMAIL },
  { "e mail", CUE_EMAIL },
  { "email", CUE_EMAIL },
  { "e-mail", CUE_EMAIL },
  { "phone number", CUE_PHONE },
  { "telephone number", CUE_PHONE },
  { "contact number", CUE_PHONE },
  { "callback number", CUE_PHONE },
  { "call back number", CUE_PHONE },
  { "mobile number", CUE_PHONE },
  { "cell number", CUE_PHONE },
  { "call me back", CUE_PHONE },
  { "call me at", CUE_PHONE },
  { "call me on", CUE_PHONE },
  { "reach me", CUE_PHONE },
  { "text me", CUE_PHONE },
  { "phone", CUE_PHONE },
  { "telephone", CUE_PHONE },
  { "mobile", CUE_PHONE },
  { "cell", CUE_PHONE },
  { "landline", CUE_PHONE },
  { "date of birth", CUE_BIRTH },
  { "birth date", CUE_BIRTH },
  { "birthdate", CUE_BIRTH },
  { "birthday", CUE_BIRTH },
  { "born", CUE_BIRTH },
  { "dob", CUE_BIRTH },
  { "d o b", CUE_BIRTH },
  { "order number", CUE_OTHER },
  { "order", CUE_OTHER },
  { "reference number", CUE_OTHER },
  { "reference", CUE_OTHER },
  { "confirmation number", CUE_OTHER },
  { "confirmation", CUE_OTHER },
  { "tracking number", CUE_OTHER },
  { "tracking", CUE_OTHER },
  { "invoice", CUE_OTHER },
  { "ticket", CUE_OTHER },
  { "case number", CUE_OTHER },
  { "case", CUE_OTHER },
  { "policy", CUE_OTHER },
  { "serial", CUE_OTHER },
  { "model", CUE_OTHER },
  { "extension", CUE_OTHER },
  { "zip", CUE_OTHER },
  { "postcode", CUE_OTHER },
  { "apartment", CUE_OTHER },
  { "flight", CUE_OTHER },
  { "dollars", CUE_OTHER },
  { "euros", CUE_OTHER },
  { "pounds", CUE_OTHER },
};

static const struct
{
  const char *word;
  char        digit;
  TokenKind   kind;
} digit_words[] = {
  { "zero", '0', TOKEN_DIGIT_WORD },
  { "one", '1', TOKEN_DIGIT_WORD },
  { "two", '2', TOKEN_DIGIT_WORD },
  { "three", '3', TOKEN_DIGIT_WORD },
  { "four", '4', TOKEN_DIGIT_WORD },
  { "five", '5', TOKEN_DIGIT_WORD },
  { "six", '6', TOKEN_DIGIT_WORD },
  { "seven", '7', TOKEN_DIGIT_WORD },
  { "eight", '8', TOKEN_DIGIT_WORD },
  { "nine", '9', TOKEN_DIGIT_WORD },
  { "niner", '9', TOKEN_DIGIT_WORD },
  { "oh", '0', TOKEN_WEAK_ZERO },
  { "o", '0', TOKEN_WEAK_ZERO },
  { "won", '1', TOKEN_CONFUSION },
  { "to", '2', TOKEN_CONFUSION },
  { "too", '2', TOKEN_CONFUSION },
  { "tree", '3', TOKEN_CONFUSION },
  { "for", '4', TOKEN_CONFUSION },
  { "fore", '4', TOKEN_CONFUSION },
  { "ate", '8', TOKEN_CONFUSION },
};

static const char * const fillers[] = { "uh", "um", "er", "erm", "ah", "hmm", "mm", "dash", "hyphen" };

static const char * const months[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec",
};

static const char * const number_words[] = {
  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
  "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
  "ninety", "hundred", "thousand",
};

static const char * const ordinals[] = {
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
  "eighteenth", "nineteenth", "twentieth", "thirtieth",
};

static const char * const category_names[] = {
  "card", "security-code", "expiry-date", "ssn", "iban", "bank-account", "email", "phone",
  "date-of-birth",
};

static const char * const masks[] = {
  "[card number]", "[security code]", "[expiry date]", "[SSN]", "[IBAN]", "[bank account]",
  "[email address]", "[phone number]", "[date of birth]",
};

G_STATIC_ASSERT (G_N_ELEMENTS (category_names) == AC_REDACTION_N_CATEGORIES);
G_STATIC_ASSERT (G_N_ELEMENTS (masks) == AC_REDACTION_N_CATEGORIES);

/**
 * ac_redaction_category_to_string:
 * @category: a category
 *
 * Returns: its name in stored and exported data: `card`, `security-code`,
 *   `expiry-date`, `ssn`, `iban`, `bank-account`, `email`, `phone`,
 *   `date-of-birth`
 */
const char *
ac_redaction_category_to_string (AcRedactionCategory category)
{
  g_return_val_if_fail (category < AC_REDACTION_N_CATEGORIES, NULL);
  return category_names[category];
}

/**
 * ac_redaction_category_from_string:
 * @string: a name from ac_redaction_category_to_string()
 * @category: (out): the category
 *
 * Returns: whether @string names one
 */
gboolean
ac_redaction_category_from_string (const char          *string,
                                   AcRedactionCategory *category)
{
  g_return_val_if_fail (category != NULL, FALSE);

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (category_names); i++)
    if (g_str_equal (string, category_names[i]))
      {
        *category = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * ac_redaction_category_is_required:
 * @category: a category
 *
 * Returns: whether it is always redacted: card numbers and security codes
 */
gboolean
ac_redaction_category_is_required (AcRedactionCategory category)
{
  return category == AC_REDACTION_CARD || category == AC_REDACTION_SECURITY_CODE;
}

/**
 * ac_redaction_category_get_label:
 * @category: a category
 *
 * Returns: its name for people, translated: "Card", "Security code"…
 */
const char *
ac_redaction_category_get_label (AcRedactionCategory category)
{
  switch (category)
    {
    case AC_REDACTION_CARD: return _("Card");
    case AC_REDACTION_SECURITY_CODE: return _("Security code");
    case AC_REDACTION_EXPIRY_DATE: return _("Expiry date");
    case AC_REDACTION_SSN: return _("Social security number");
    case AC_REDACTION_IBAN: return _("IBAN");
    case AC_REDACTION_BANK_ACCOUNT: return _("Bank account");
    case AC_REDACTION_EMAIL: return _("Email address");
    case AC_REDACTION_PHONE: return _("Phone number");
    case AC_REDACTION_DATE_OF_BIRTH: return _("Date of birth");
    default: g_return_val_if_reached (NULL);
    }
}

static gboolean
in_list (const char         *word,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (word, list[i]))
      return TRUE;
  return FALSE;
}

#define IN_LIST(word, list) in_list ((word), (list), G_N_ELEMENTS (list))

static gboolean
luhn_valid (const char *digits,
            gsize       n)
{
  guint sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint d = digits[n - 1 - i] - '0';

      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }

  return n > 0 && sum % 10 == 0;
}

/* ISO 13616: the country code and check digits moved to the end, letters
 * as 10..35, the whole mod 97 is 1. */
static gboolean
iban_valid (const char *iban)
{
  gsize n = strlen (iban);
  guint rem = 0;

  if (n < 15 || n > 34 || !g_ascii_isalpha (iban[0]) || !g_ascii_isalpha (iban[1]) ||
      !g_ascii_isdigit (iban[2]) || !g_ascii_isdigit (iban[3]))
    return FALSE;

  for (gsize k = 0; k < n; k++)
    {
      char c = g_ascii_toupper (iban[(k + 4) % n]);

      if (g_ascii_isdigit (c))
        rem = (rem * 10 + (c - '0')) % 97;
      else if (c >= 'A' && c <= 'Z')
        rem = (rem * 100 + (c - 'A' + 10)) % 97;
      else
        return FALSE;
    }

  return rem == 1;
}

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->norm);
  g_free (token->digits);
}

/* Written digits: groups of digits joined by - or . ("4111-1111",
 * "555.123.4567"); a comma or a decimal part is an amount, not digits. */
static gboolean
parse_written_digits (Token      *token,
                      const char *core)
{
  GString *digits = g_string_new (NULL);
  guint group = 0;
  gboolean dots = FALSE;
  const char *p = core;

  token->n_groups = 0;
  if (*p == '+')
    {
      token->plus = TRUE;
      p++;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          group++;
        }
      else if ((*p == '-' || *p == '.') && group > 0 && g_ascii_isdigit (p[1]))
        {
          dots |= *p == '.';
          if (token->n_groups < G_N_ELEMENTS (token->groups))
            token->groups[token->n_groups++] = MIN (group, 255);
          group = 0;
        }
      else
        {
          g_string_free (digits, TRUE);
          return FALSE;
        }
    }

  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return FALSE;
    }
  if (token->n_groups < G_N_ELEMENTS (token->groups))
    token->groups[token->n_groups++] = MIN (group, 255);

  /* "12.50" is money; "555.123.4567" a number read in groups. */
  if (dots && !(token->n_groups >= 3 && token->groups[token->n_groups - 1] >= 3))
    {
      g_string_free (digits, TRUE);
      return FALSE;
    }

  token->digits = g_string_free (digits, FALSE);
  return TRUE;
}

static gboolean
is_written_date (const char *core)
{
  guint parts = 0, len = 0;

  for (const char *p = core; ; p++)
    {
      if (g_ascii_isdigit (*p))
        len++;
      else if ((*p == '/' || *p == '\0') && len >= 1 && len <= 4)
        {
          parts++;
          len = 0;
          if (*p == '\0')
            break;
        }
      else
        return FALSE;
    }

  return parts >= 2 && parts <= 3 && strchr (core, '/') != NULL;
}

static gboolean
is_written_email (const char *core)
{
  const char *at = strchr (core, '@');
  const char *dot;

  if (at == NULL || at == core || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static gboolean
is_ordinal (const char *norm)
{
  gsize n = strlen (norm);

  if (IN_LIST (norm, ordinals))
    return TRUE;
  /* 1st, 22nd, 3rd, 4th */
  return n >= 3 && n <= 4 && g_ascii_isdigit (norm[0]) &&
         (g_str_has_suffix (norm, "st") || g_str_has_suffix (norm, "nd") ||
          g_str_has_suffix (norm, "rd") || g_str_has_suffix (norm, "th")) &&
         (n == 3 || g_ascii_isdigit (norm[1]));
}

/* The cue phrases split into words, once. */
static GStrv *
cue_words (void)
{
  static gsize once;
  static GStrv *words;

  if (g_once_init_enter (&once))
    {
      words = g_new0 (GStrv, G_N_ELEMENTS (cue_phrases));
      for (guint c = 0; c < G_N_ELEMENTS (cue_phrases); c++)
        words[c] = g_strsplit (cue_phrases[c].phrase, " ", -1);
      g_once_init_leave (&once, 1);
    }

  return words;
}

/* Every word the redactor knows, once: its kind (and digit), and the cue
 * phrases it begins.  Looked up once a token, so a redaction costs a few
 * microseconds an utterance (bench/bench-redaction.c). */
typedef struct
{
  TokenKind kind;
  char      digit;
  GArray   *cues;    /* guint: indexes into cue_phrases starting here */
} Lexeme;

static void
lexeme_free (gpointer data)
{
  Lexeme *lexeme = data;

  g_clear_pointer (&lexeme->cues, g_array_unref);
  g_free (lexeme);
}

static Lexeme *
lexeme_ensure (GHashTable *lexicon,
               const char *word)
{
  Lexeme *lexeme = g_hash_table_lookup (lexicon, word);

  if (lexeme == NULL)
    {
      lexeme = g_new0 (Lexeme, 1);
      lexeme->kind = TOKEN_WORD;
      g_hash_table_insert (lexicon, (gpointer) word, lexeme);
    }
  return lexeme;
}

static GHashTable *
lexicon_get (void)
{
  static gsize once;
  static GHashTable *lexicon;

  if (g_once_init_enter (&once))
    {
      GStrv *phrases = cue_words ();

      lexicon = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, lexeme_free);
      for (guint i = 0; i < G_N_ELEMENTS (digit_words); i++)
        {
          Lexeme *lexeme = lexeme_ensure (lexicon, digit_words[i].word);

          lexeme->kind = digit_words[i].kind;
          lexeme->digit = digit_words[i].digit;
        }
      lexeme_ensure (lexicon, "double")->kind = TOKEN_MULTIPLIER;
      lexeme_ensure (lexicon, "triple")->kind = TOKEN_MULTIPLIER;
      for (guint i = 0; i < G_N_ELEMENTS (fillers); i++)
        lexeme_ensure (lexicon, fillers[i])->kind = TOKEN_FILLER;
      for (guint i = 0; i < G_N_ELEMENTS (months); i++)
        lexeme_ensure (lexicon, months[i])->kind = TOKEN_MONTH;
      for (guint i = 0; i < G_N_ELEMENTS (ordinals); i++)
        lexeme_ensure (lexicon, ordinals[i])->kind = TOKEN_ORDINAL;
      for (guint i = 0; i < G_N_ELEMENTS (number_words); i++)
        lexeme_ensure (lexicon, number_words[i])->kind = TOKEN_NUMBER_WORD;
      for (guint c = 0; c < G_N_ELEMENTS (cue_phrases); c++)
        {
          Lexeme *lexeme = lexeme_ensure (lexicon, phrases[c][0]);

          if (lexeme->cues == NULL)
            lexeme->cues = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (lexeme->cues, c);
        }
      g_once_init_leave (&once, 1);
    }

  return lexicon;
}

static void
classify (Token      *token,
          const char *core)
{
  const char *norm = token->norm;
  Lexeme *lexeme;

  token->kind = TOKEN_WORD;

  if ((g_ascii_isdigit (core[0]) || core[0] == '+') && parse_written_digits (token, core))
    {
      token->kind = TOKEN_DIGITS;
      return;
    }
  if (g_ascii_isdigit (core[0]) && is_written_date (core))
    {
      token->kind = TOKEN_DATE;
      return;
    }
  if (strchr (core, '@') != NULL && is_written_email (core))
    {
      token->kind = TOKEN_EMAIL;
      return;
    }

  lexeme = g_hash_table_lookup (lexicon_get (), norm);
  if (lexeme != NULL && lexeme->kind != TOKEN_WORD)
    {
      token->kind = lexeme->kind;
      if (lexeme->digit != '\0')
        token->digits = g_strndup (&lexeme->digit, 1);
      return;
    }

  if (g_ascii_isdigit (norm[0]) && is_ordinal (norm))
    token->kind = TOKEN_ORDINAL;
  else if (strchr (norm, '-') != NULL && g_ascii_isalpha (norm[0]))
    {
      /* twenty-seven */
      g_auto(GStrv) parts = g_strsplit (norm, "-", 2);

      if (IN_LIST (parts[0], number_words))
        token->kind = TOKEN_NUMBER_WORD;
    }
}

/* Splits @text at white space; a token's core is what is left once
 * punctuation around it is taken off. */
static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = text;

  g_array_set_clear_func (tokens, token_clear);

  while (*p != '\0')
    {
      const char *start, *end, *core_start, *core_end;
      Token token = { 0, };
      g_autofree char *core = NULL;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      end = p;

      core_start = start;
      core_end = end;
      while (core_start < core_end && strchr ("\"'([{<,;:!?*", *core_start) != NULL)
        core_start++;
      while (core_end > core_start && strchr ("\"')]}>.,;:!?*", core_end[-1]) != NULL)
        core_end--;
      if (core_start == core_end)
        continue;

      core = g_strndup (core_start, core_end - core_start);
      token.start = core_start - text;
      token.end = core_end - text;
      token.norm = g_ascii_strdown (core, core_end - core_start);
      token.span = -1;
      token.start_ms = token.end_ms = -1;
      classify (&token, core);
      /* "(555)": the brackets go with the number */
      if (token.kind == TOKEN_DIGITS && core_start > start && core_start[-1] == '(' && core_end < end &&
          *core_end == ')')
        {
          token.start--;
          token.end++;
        }
      g_array_append_val (tokens, token);
    }

  return tokens;
}

static void
find_cues (GArray *tokens)
{
  GStrv *phrases = cue_words ();
  GHashTable *lexicon = lexicon_get ();

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      Lexeme *lexeme = g_hash_table_lookup (lexicon, token->norm);
      guint best_len = 0;
      CueKind best = CUE_NONE;

      for (guint n = 0; lexeme != NULL && lexeme->cues != NULL && n < lexeme->cues->len; n++)
        {
          guint c = g_array_index (lexeme->cues, guint, n);
          GStrv words = phrases[c];
          guint k;

          for (k = 1; words[k] != NULL && i + k < tokens->len; k++)
            if (!g_str_equal (g_array_index (tokens, Token, i + k).norm, words[k]))
              break;
          if (words[k] == NULL && k > best_len)
            {
              best = cue_phrases[c].kind;
              best_len = k;
            }
        }

      if (best != CUE_NONE)
        {
          token->cue = best;
          token->cue_len = best_len;
          i += best_len - 1;
        }
    }
}

static gboolean
is_strong_digit (const Token *token)
{
  return token->kind == TOKEN_DIGITS || token->kind == TOKEN_DIGIT_WORD;
}

/* Finds the cue that explains a number at token @at: the nearest before it
 * in this text, else the latest from the call's recent finals, else the
 * nearest after it in this text. */
static CueKind
cue_for (AcRedactor *self,
         GArray     *tokens,
         guint       at,
         gboolean  (*accepts) (CueKind kind, gpointer data),
         gpointer    data)
{
  for (guint i = at; i-- > 0;)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->cue != CUE_NONE && accepts (token->cue, data))
        return token->cue;
    }

  for (guint i = self->cues->len; i-- > 0;)
    {
      Cue *cue = &g_array_index (self->cues, Cue, i);

      if (accepts (cue->kind, data))
        return cue->kind;
    }

  for (guint i = at; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->cue != CUE_NONE && accepts (token->cue, data))
        return token->cue;
    }

  return CUE_NONE;
}

static gboolean
accepts_numeric (CueKind  kind,
                 gpointer data)
{
  return kind != CUE_EMAIL && kind != CUE_NONE;
}

static gboolean
any_numeric_cue (AcRedactor *self,
                 GArray     *tokens)
{
  return cue_for (self, tokens, tokens->len, accepts_numeric, NULL) != CUE_NONE;
}

/* Which tokens are digits: strong ones, and "oh", "for", "to"… beside them
 * ("for" and its like only once a number was asked for). */
static void
resolve_digits (AcRedactor *self,
                GArray     *tokens)
{
  gboolean confusions = any_numeric_cue (self, tokens);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      token->is_digit = is_strong_digit (token);
    }

  /* A weak word is a digit when its chain of weak words (across fillers and
   * multipliers) touches a digit: forwards, then backwards. */
  for (int pass = 0; pass < 2; pass++)
    {
      int d = pass == 0 ? -1 : 1;

      for (guint k = 0; k < tokens->len; k++)
        {
          guint i = pass == 0 ? k : tokens->len - 1 - k;
          Token *token = &g_array_index (tokens, Token, i);
          int j = (int) i + d;

          if (token->is_digit ||
              !(token->kind == TOKEN_WEAK_ZERO || (token->kind == TOKEN_CONFUSION && confusions)))
            continue;

          while (j >= 0 && j < (int) tokens->len &&
                 (g_array_index (tokens, Token, j).kind == TOKEN_FILLER ||
                  g_array_index (tokens, Token, j).kind == TOKEN_MULTIPLIER))
            j += d;
          if (j >= 0 && j < (int) tokens->len && g_array_index (tokens, Token, j).is_digit)
            token->is_digit = TRUE;
        }
    }

  /* "double five": the multiplier belongs to the run */
  for (guint i = 0; i + 1 < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->kind == TOKEN_MULTIPLIER && g_array_index (tokens, Token, i + 1).is_digit)
        token->is_digit = TRUE;
    }
}

/* A run: digit tokens with fillers between them. */
typedef struct
{
  guint    first;
  guint    last;
  GString *digits;
  GArray  *ends;   /* guint: digits read by the end of each token of the run */
} Run;

static void
run_clear (Run *run)
{
  g_string_free (run->digits, TRUE);
  g_array_unref (run->ends);
}

static GArray *
find_runs (GArray *tokens)
{
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (Run));
  guint i = 0;

  g_array_set_clear_func (runs, (GDestroyNotify) run_clear);

  while (i < tokens->len)
    {
      Run run = { 0, };
      guint last_digit = i;
      guint j;

      if (!g_array_index (tokens, Token, i).is_digit)
        {
          i++;
          continue;
        }

      run.first = i;
      run.digits = g_string_new (NULL);
      run.ends = g_array_new (FALSE, FALSE, sizeof (guint));

      for (j = i; j < tokens->len; j++)
        {
          Token *token = &g_array_index (tokens, Token, j);
          guint times = 1;

          if (token->kind == TOKEN_FILLER)
            {
              g_array_append_val (run.ends, run.digits->len);
              continue;
            }
          if (!token->is_digit)
            break;

          if (token->kind == TOKEN_MULTIPLIER)
            {
              Token *next = &g_array_index (tokens, Token, j + 1);

              times = g_str_equal (token->norm, "triple") ? 3 : 2;
              g_array_append_val (run.ends, run.digits->len);
              j++;
              token = next;
            }
          for (guint k = 0; k < times; k++)
            g_string_append (run.digits, token->digits);
          g_array_append_val (run.ends, run.digits->len);
          last_digit = j;
        }

      run.last = last_digit;
      g_array_set_size (run.ends, run.last - run.first + 1);
      g_array_append_val (runs, run);
      i = j;
    }

  return runs;
}

static guint
run_digits_before (Run  *run,
                   guint token)
{
  return token == run->first ? 0 : g_array_index (run->ends, guint, token - 1 - run->first);
}

static guint
run_digits_through (Run  *run,
                    guint token)
{
  return g_array_index (run->ends, guint, token - run->first);
}

static gboolean
tokens_free (GArray *tokens,
             guint   first,
             guint   last)
{
  for (guint i = first; i <= last; i++)
    if (g_array_index (tokens, Token, i).span >= 0)
      return FALSE;
  return TRUE;
}

static void
mark (GArray              *tokens,
      GArray              *found,
      AcRedactionCategory  category,
      guint                first,
      guint                last,
      char                *label)
{
  Found f = { category, first, last, label };

  for (guint i = first; i <= last; i++)
    g_array_index (tokens, Token, i).span = found->len;
  g_array_append_val (found, f);
}

static char *
card_label (const char *digits,
            gsize       n)
{
  if (n < 13)
    return g_strdup (masks[AC_REDACTION_CARD]);
  return g_strdup_printf ("[card ••••%.4s]", digits + n - 4);
}

/* Card lengths in the order a split is tried: 16 (most cards), 15 (Amex),
 * then the rest ISO/IEC 7812 allows. */
static const guint card_lengths[] = { 16, 15, 19, 13, 14, 17, 18 };

/* Looks for a Luhn-valid card of 13..19 digits starting at token @from of
 * @run and ending at a token boundary; @prefix digits (the channel's
 * trailing digits from its last final) come before the run when @from is
 * its first token. */
static gboolean
find_card (GArray     *tokens,
           Run        *run,
           guint       from,
           const char *prefix,
           guint      *last)
{
  guint before = run_digits_before (run, from);
  gsize n_prefix = from == run->first && prefix != NULL ? strlen (prefix) : 0;

  for (guint l = 0; l < G_N_ELEMENTS (card_lengths); l++)
    for (guint t = from; t <= run->last; t++)
      {
        guint n = run_digits_through (run, t) - before + n_prefix;
        g_autofree char *digits = NULL;

        TokenKind kind = g_array_index (tokens, Token, t).kind;

        if (n > card_lengths[l] || g_array_index (tokens, Token, t).span >= 0)
          break;
        /* a card ends at a digit, not at "uh" nor inside "double five" */
        if (n != card_lengths[l] || kind == TOKEN_FILLER || kind == TOKEN_MULTIPLIER)
          continue;

        digits = g_strconcat (n_prefix > 0 ? prefix : "", run->digits->str + before, NULL);
        if (luhn_valid (digits, n))
          {
            *last = t;
            return TRUE;
          }
      }

  return FALSE;
}

typedef struct
{
  guint n_digits;
  guint n_groups;
  const guint8 *groups;
  gboolean plus;
} Shape;

static gboolean
accepts_run (CueKind  kind,
             gpointer data)
{
  const Shape *shape = data;
  guint n = shape->n_digits;

  switch (kind)
    {
    case CUE_CARD: return n >= MIN_CARD_FRAGMENT;
    case CUE_SECURITY_CODE: return n == 3 || n == 4;
    case CUE_SSN: return n == 9 || n == 4;
    case CUE_BANK: return n >= 6 && n <= 17;
    case CUE_PHONE: return n >= 7 && n <= 15;
    case CUE_EXPIRY: return n == 4 || n == 6;
    case CUE_OTHER: return TRUE;
    case CUE_BIRTH: return n >= 4 && n <= 8;
    case CUE_EMAIL:
    case CUE_NONE:
    default:
      return FALSE;
    }
}

static gboolean
valid_expiry (const char *digits)
{
  int month = (digits[0] - '0') * 10 + (digits[1] - '0');

  return month >= 1 && month <= 12;
}

/* A number's shape alone, without a cue: 123-45-6789, (555) 123-4567,
 * +44 20 7946 0958. */
static AcRedactionCategory
category_by_shape (const Shape *shape,
                   const char  *digits,
                   gboolean    *found)
{
  *found = FALSE;

  if (shape->n_groups == 3 && shape->groups[0] == 3 && shape->groups[1] == 2 && shape->groups[2] == 4 &&
      shape->n_digits == 9 && strncmp (digits, "000", 3) != 0 && strncmp (digits, "666", 3) != 0 &&
      digits[0] != '9')
    {
      *found = TRUE;
      return AC_REDACTION_SSN;
    }

  if ((shape->plus && shape->n_digits >= 8 && shape->n_digits <= 15) ||
      (shape->n_groups >= 3 && shape->groups[shape->n_groups - 1] == 4 &&
       shape->groups[shape->n_groups - 2] == 3 && shape->n_digits >= 10 && shape->n_digits <= 11))
    {
      *found = TRUE;
      return AC_REDACTION_PHONE;
    }

  return AC_REDACTION_CARD;
}

/* The written groups of tokens @first..@last, one group per spoken word
 * run into one. */
static void
run_shape (GArray *tokens,
           guint   first,
           guint   last,
           guint   n_digits,
           guint8 *groups,
           Shape  *shape)
{
  shape->n_digits = n_digits;
  shape->n_groups = 0;
  shape->groups = groups;
  shape->plus = g_array_index (tokens, Token, first).plus;

  for (guint i = first; i <= last && shape->n_groups < 6; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->kind != TOKEN_DIGITS)
        {
          /* spoken digits have no written groups */
          shape->n_groups = 0;
          return;
        }
      for (guint g = 0; g < token->n_groups && shape->n_groups < 6; g++)
        groups[shape->n_groups++] = token->groups[g];
    }
}

static gboolean
is_datey (const Token *token)
{
  switch (token->kind)
    {
    case TOKEN_DIGITS:
      return token->n_groups == 1 && strlen (token->digits) <= 8;
    case TOKEN_DIGIT_WORD:
    case TOKEN_WEAK_ZERO:
    case TOKEN_DATE:
    case TOKEN_ORDINAL:
    case TOKEN_NUMBER_WORD:
    case TOKEN_MONTH:
      return TRUE;
    case TOKEN_WORD:
    case TOKEN_CONFUSION:
    case TOKEN_MULTIPLIER:
    case TOKEN_FILLER:
    case TOKEN_EMAIL:
    default:
      return FALSE;
    }
}

static gboolean
is_date_glue (const Token *token)
{
  return token->kind == TOKEN_FILLER || g_str_equal (token->norm, "of") || g_str_equal (token->norm, "the") ||
         g_str_equal (token->norm, "and") || g_str_equal (token->norm, "slash");
}

/* After a cue at @from (the first token after it), the date said within
 * @reach words: from its first date word to its last. */
static gboolean
find_date (GArray *tokens,
           guint   from,
           guint   reach,
           guint  *first,
           guint  *last)
{
  guint i = from;
  guint end;
  gboolean numeric = FALSE;

  while (i < tokens->len && i < from + reach && !is_datey (&g_array_index (tokens, Token, i)))
    i++;
  if (i >= tokens->len || i >= from + reach)
    return FALSE;

  *first = end = i;
  for (; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->span >= 0)
        break;
      if (is_datey (token))
        {
          end = i;
          numeric |= token->kind != TOKEN_MONTH;
        }
      else if (!is_date_glue (token))
        break;
    }

  *last = end;
  return numeric;
}

static void
find_emails (AcRedactor *self,
             GArray     *tokens,
             GArray     *found)
{
  static const char * const tlds[] = {
    "com", "net", "org", "edu", "gov", "io", "co", "uk", "us", "ca", "es", "de", "fr", "it", "info",
    "biz", "me", "mx", "au", "nl",
  };

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->kind == TOKEN_EMAIL && token->span < 0)
        mark (tokens, found, AC_REDACTION_EMAIL, i, i, g_strdup (masks[AC_REDACTION_EMAIL]));
    }

  /* Spoken: "john dot smith at example dot com". */
  for (guint i = 1; i + 2 < tokens->len; i++)
    {
      Token *at = &g_array_index (tokens, Token, i);
      guint first = i - 1, last = i;
      guint j = i + 1;
      gboolean dotted = FALSE;

      if (!g_str_equal (at->norm, "at") || at->span >= 0)
        continue;

      /* the domain: word (dot word)+ ending in a top-level domain */
      while (j < tokens->len)
        {
          Token *word = &g_array_index (tokens, Token, j);

          if (word->span >= 0 || word->kind != TOKEN_WORD)
            break;
          last = j;
          if (j + 2 >= tokens->len || !g_str_equal (g_array_index (tokens, Token, j + 1).norm, "dot"))
            break;
          dotted = TRUE;
          j += 2;
        }
      if (!dotted || last <= i || !IN_LIST (g_array_index (tokens, Token, last).norm, tlds))
        continue;

      /* the local part: back across "dot", "underscore" and "dash", or
       * to an e-mail cue just before it */
      while (first >= 2)
        {
          Token *sep = &g_array_index (tokens, Token, first - 1);

          if (g_str_equal (sep->norm, "dot") || g_str_equal (sep->norm, "underscore") ||
              g_str_equal (sep->norm, "dash"))
            first -= 2;
          else
            break;
        }
      for (guint k = first; k-- > 0 && first - k <= 3;)
        {
          Token *token = &g_array_index (tokens, Token, k);

          if (token->cue == CUE_EMAIL || g_str_equal (token->norm, "is"))
            {
              first = k + (token->cue == CUE_EMAIL ? token->cue_len : 1);
              break;
            }
        }
      if (first > i - 1 || !tokens_free (tokens, first, last))
        continue;

      mark (tokens, found, AC_REDACTION_EMAIL, first, last, g_strdup (masks[AC_REDACTION_EMAIL]));
      i = last;
    }
}

static void
find_ibans (GArray *tokens,
            GArray *found)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      g_autoptr(GString) iban = NULL;
      guint best = G_MAXUINT;

      if (token->span >= 0 || strlen (token->norm) < 4 || !g_ascii_isalpha (token->norm[0]) ||
          !g_ascii_isalpha (token->norm[1]) || !g_ascii_isdigit (token->norm[2]) ||
          !g_ascii_isdigit (token->norm[3]))
        continue;

      /* "GB82 WEST 1234 5698 7654 32", or all in one */
      iban = g_string_new (NULL);
      for (guint j = i; j < tokens->len && iban->len <= 34; j++)
        {
          Token *part = &g_array_index (tokens, Token, j);
          gboolean alnum = TRUE;

          gboolean digit = FALSE;

          for (const char *p = part->norm; *p != '\0'; p++)
            {
              alnum &= g_ascii_isalnum (*p);
              digit |= g_ascii_isdigit (*p);
            }
          /* after the first group, digits, or a bank code of letters */
          if (!alnum || part->span >= 0 || (j > i && !digit && !(j == i + 1 && strlen (part->norm) == 4)))
            break;
          g_string_append (iban, part->norm);
          if (iban_valid (iban->str))
            best = j;
        }

      if (best != G_MAXUINT)
        {
          mark (tokens, found, AC_REDACTION_IBAN, i, best, g_strdup (masks[AC_REDACTION_IBAN]));
          i = best;
        }
    }
}

static void
remember_cue (AcRedactor *self,
              CueKind     kind,
              gint64      time_ms)
{
  Cue cue = { kind, self->n_finals, time_ms };

  g_array_append_val (self->cues, cue);
  if (self->cues->len > MAX_CUES)
    g_array_remove_index (self->cues, 0);
}

static void
forget_old_cues (AcRedactor *self,
                 gint64      now_ms)
{
  while (self->cues->len > 0)
    {
      Cue *cue = &g_array_index (self->cues, Cue, 0);

      if (self->n_finals - cue->final_no < MAX_CUE_FINALS &&
          (now_ms < 0 || cue->time_ms < 0 || now_ms - cue->time_ms <= CUE_WINDOW_MS))
        break;
      g_array_remove_index (self->cues, 0);
    }
}

/* Whole cards, anywhere in a run of digits; the first run may finish one
 * the channel began in its last final. */
static void
find_cards (GArray     *tokens,
            GArray     *runs,
            Tail       *tail,
            gboolean    leading_run,
            GArray     *found)
{
  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);
      const char *prefix = r == 0 && leading_run && tail->digits->len > 0 ? tail->digits->str : NULL;
      guint t = run->first;

      while (t <= run->last)
        {
          guint card_last = 0;
          gboolean card = FALSE;

          if (g_array_index (tokens, Token, t).kind == TOKEN_FILLER || g_array_index (tokens, Token, t).span >= 0)
            {
              t++;
              continue;
            }

          for (int with_prefix = t == run->first && prefix != NULL; with_prefix >= 0 && !card; with_prefix--)
            if (find_card (tokens, run, t, with_prefix ? prefix : NULL, &card_last))
              {
                guint before = run_digits_before (run, t);
                guint n = run_digits_through (run, card_last) - before;
                g_autofree char *digits = g_strconcat (with_prefix ? prefix : "", run->digits->str + before,
                                                       NULL);

                mark (tokens, found, AC_REDACTION_CARD, t, card_last,
                      card_label (digits, n + (with_prefix ? strlen (prefix) : 0)));
                card = TRUE;
              }
          t = card ? card_last + 1 : t + 1;
        }
    }
}

/* What a cue or the number's own shape makes of the digits left. */
/* Whether a card was just read before token @at: in this text, with
 * nothing but fillers and "and" between, or at the end of this speaker's
 * last final when @at starts this text. */
static gboolean
after_card (GArray  *tokens,
            GArray  *found,
            guint    at,
            Tail    *tail,
            gboolean leading)
{
  for (guint i = at; i-- > 0;)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->span >= 0)
        {
          AcRedactionCategory category = g_array_index (found, Found, token->span).category;

          /* a card, or the expiry date or code read after it */
          return category == AC_REDACTION_CARD || category == AC_REDACTION_EXPIRY_DATE ||
                 category == AC_REDACTION_SECURITY_CODE;
        }
      if (token->kind != TOKEN_FILLER && !g_str_equal (token->norm, "and") && !g_str_equal (token->norm, "the"))
        return FALSE;
    }

  return leading && tail->saw_card;
}

static void
find_numbers (AcRedactor *self,
              GArray     *tokens,
              GArray     *runs,
              Tail       *tail,
              gboolean    leading_run,
              gboolean    is_final,
              GArray     *found)
{
  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);
      guint t = run->first;

      while (t <= run->last)
        {
          guint end, best_end = G_MAXUINT;
          AcRedactionCategory best = AC_REDACTION_CARD;

          if (g_array_index (tokens, Token, t).span >= 0 ||
              g_array_index (tokens, Token, t).kind == TOKEN_FILLER)
            {
              t++;
              continue;
            }

          /* The longest stretch from @t that a cue or a shape explains. */
          for (end = t; end <= run->last && g_array_index (tokens, Token, end).span < 0; end++)
            ;
          while (end-- > t)
            {
              guint8 groups[6];
              Shape shape;
              guint n = run_digits_through (run, end) - run_digits_before (run, t);
              const char *digits = run->digits->str + run_digits_before (run, t);
              gboolean by_shape;
              AcRedactionCategory category;
              CueKind cue;

              if (g_array_index (tokens, Token, end).kind == TOKEN_FILLER)
                continue;

              run_shape (tokens, t, end, n, groups, &shape);
              category = category_by_shape (&shape, digits, &by_shape);
              if (by_shape)
                {
                  best = category;
                  best_end = end;
                  break;
                }

              /* part of a card the same channel began in its last final */
              if (r == 0 && t == run->first && leading_run && tail->card && tail->digits->len + n <= 19)
                {
                  best = AC_REDACTION_CARD;
                  best_end = end;
                  break;
                }

              cue = cue_for (self, tokens, t, accepts_run, &shape);

              /* Right after a card (in this text, or this speaker's last
               * final): four digits that read as MMYY are its expiry date,
               * three or four others its security code. */
              if (cue == CUE_NONE && (n == 3 || n == 4) && after_card (tokens, found, t, tail, leading_run && r == 0))
                cue = n == 4 && valid_expiry (digits) ? CUE_EXPIRY : CUE_SECURITY_CODE;

              /* Digits going on from this speaker's last final, which
               * ended in digits (a card read a group an utterance, with no
               * cue): masked once the two make eight, a card's length so
               * far. */
              if (cue == CUE_NONE && r == 0 && t == run->first && leading_run && tail->digits->len > 0 &&
                  tail->digits->len + n >= CONTINUED_CARD_DIGITS)
                cue = CUE_CARD;

              /* A partial hypothesis shows a long run masked until the
               * final says what it is: it may be a card still being read. */
              if (cue == CUE_NONE && !is_final && n >= PARTIAL_MASK_DIGITS)
                cue = CUE_CARD;
              switch (cue)
                {
                case CUE_CARD: best = AC_REDACTION_CARD; break;
                case CUE_SECURITY_CODE: best = AC_REDACTION_SECURITY_CODE; break;
                case CUE_SSN: best = AC_REDACTION_SSN; break;
                case CUE_BANK: best = AC_REDACTION_BANK_ACCOUNT; break;
                case CUE_PHONE: best = AC_REDACTION_PHONE; break;
                case CUE_EXPIRY:
                  if (!valid_expiry (digits))
                    continue;
                  best = AC_REDACTION_EXPIRY_DATE;
                  break;
                case CUE_BIRTH: best = AC_REDACTION_DATE_OF_BIRTH; break;
                case CUE_OTHER:
                  /* an order number: left alone, and so is the rest */
                  best_end = G_MAXUINT - 1;
                  break;
                case CUE_EMAIL:
                case CUE_NONE:
                default:
                  continue;
                }
              if (best_end == G_MAXUINT - 1)
                break;
              best_end = end;
              break;
            }

          if (best_end == G_MAXUINT - 1)
            break;
          if (best_end == G_MAXUINT)
            {
              t++;
              continue;
            }

          mark (tokens, found, best, t, best_end, g_strdup (masks[best]));
          t = best_end + 1;
        }
    }
}

/* Dates after a cue for a date of birth or an expiry date, and a date said
 * right after a card number. */
static void
find_dates (AcRedactor *self,
            GArray     *tokens,
            GArray     *found,
            Tail       *tail)
{
  gboolean after_card = tail->saw_card;

  for (guint i = 0; i <= tokens->len; i++)
    {
      Token *token = i < tokens->len ? &g_array_index (tokens, Token, i) : NULL;
      guint first, last;
      AcRedactionCategory category;
      guint from, reach;

      if (token != NULL && (token->cue == CUE_BIRTH || token->cue == CUE_EXPIRY))
        {
          category = token->cue == CUE_BIRTH ? AC_REDACTION_DATE_OF_BIRTH : AC_REDACTION_EXPIRY_DATE;
          from = i + token->cue_len;
          reach = 8;
        }
      else if (i == 0 && tokens->len > 0)
        {
          /* A cue from an earlier final ("and your date of birth?"), or a
           * card read in this channel's last final. */
          CueKind kind = CUE_NONE;

          for (guint c = self->cues->len; c-- > 0;)
            {
              CueKind k = g_array_index (self->cues, Cue, c).kind;

              if (k == CUE_BIRTH || k == CUE_EXPIRY)
                {
                  kind = k;
                  break;
                }
              if (k != CUE_NONE)
                break;
            }
          if (kind == CUE_NONE && !after_card)
            continue;
          for (guint k = 0; k < tokens->len && kind != CUE_NONE; k++)
            if (g_array_index (tokens, Token, k).cue != CUE_NONE)
              kind = CUE_OTHER;
          if (kind == CUE_OTHER)
            continue;
          category = kind == CUE_BIRTH ? AC_REDACTION_DATE_OF_BIRTH : AC_REDACTION_EXPIRY_DATE;
          from = 0;
          reach = kind == CUE_NONE ? 2 : 8;
        }
      else if (token != NULL && token->span >= 0 &&
               g_array_index (found, Found, token->span).category == AC_REDACTION_CARD &&
               (i + 1 == tokens->len || g_array_index (tokens, Token, i + 1).span != token->span))
        {
          category = AC_REDACTION_EXPIRY_DATE;
          from = i + 1;
          reach = 2;
        }
      else
        continue;

      if (from < tokens->len && find_date (tokens, from, reach, &first, &last) &&
          tokens_free (tokens, first, last))
        {
          /* a bare number right after a card is an expiry only if it
           * reads as one: a month, or MM YY */
          if (reach == 2)
            {
              gboolean month = FALSE;

              for (guint k = first; k <= last; k++)
                month |= g_array_index (tokens, Token, k).kind == TOKEN_MONTH ||
                         g_array_index (tokens, Token, k).kind == TOKEN_DATE ||
                         g_array_index (tokens, Token, k).kind == TOKEN_WEAK_ZERO;
              if (!month)
                continue;
            }
          mark (tokens, found, category, first, last, g_strdup (masks[category]));
        }
    }
}

static gint64
token_time (const Token *token,
            gsize        text_len,
            gint64       start_ms,
            gint64       end_ms,
            gboolean     end)
{
  if ((end ? token->end_ms : token->start_ms) >= 0)
    return end ? token->end_ms : token->start_ms;
  if (start_ms < 0 || end_ms < start_ms || text_len == 0)
    return start_ms;
  return start_ms + (end_ms - start_ms) * (gint64) (end ? token->end : token->start) / (gint64) text_len;
}

static void
ac_redactor_finalize (GObject *object)
{
  AcRedactor *self = AC_REDACTOR (object);

  g_array_unref (self->cues);
  for (guint i = 0; i < MAX_CHANNELS; i++)
    g_string_free (self->tails[i].digits, TRUE);

  G_OBJECT_CLASS (ac_redactor_parent_class)->finalize (object);
}

static void
ac_redactor_class_init (AcRedactorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ac_redactor_finalize;
}

static void
ac_redactor_init (AcRedactor *self)
{
  for (guint i = 0; i < AC_REDACTION_N_CATEGORIES; i++)
    self->enabled[i] = TRUE;
  self->cues = g_array_new (FALSE, FALSE, sizeof (Cue));
  for (guint i = 0; i < MAX_CHANNELS; i++)
    self->tails[i].digits = g_string_new (NULL);
}

/**
 * ac_redactor_new:
 *
 * Creates a redactor for one call, every category on.
 *
 * Returns: (transfer full): a new #AcRedactor
 */
AcRedactor *
ac_redactor_new (void)
{
  return g_object_new (AC_TYPE_REDACTOR, NULL);
}

/**
 * ac_redactor_set_category_enabled:
 * @self: a #AcRedactor
 * @category: what to find
 * @enabled: whether to mask it
 *
 * Turns a category on or off; cards and security codes stay on
 * (ac_redaction_category_is_required()).
 */
void
ac_redactor_set_category_enabled (AcRedactor          *self,
                                  AcRedactionCategory  category,
                                  gboolean             enabled)
{
  g_return_if_fail (AC_IS_REDACTOR (self));
  g_return_if_fail (category < AC_REDACTION_N_CATEGORIES);

  self->enabled[category] = enabled || ac_redaction_category_is_required (category);
}

/**
 * ac_redactor_get_category_enabled:
 * @self: a #AcRedactor
 * @category: a category
 *
 * Returns: whether @category is masked
 */
gboolean
ac_redactor_get_category_enabled (AcRedactor          *self,
                                  AcRedactionCategory  category)
{
  g_return_val_if_fail (AC_IS_REDACTOR (self), TRUE);
  g_return_val_if_fail (category < AC_REDACTION_N_CATEGORIES, TRUE);

  return self->enabled[category];
}

/**
 * ac_redactor_reset:
 * @self: a #AcRedactor
 *
 * Forgets what the call said: for the next call.
 */
void
ac_redactor_reset (AcRedactor *self)
{
  g_return_if_fail (AC_IS_REDACTOR (self));

  g_array_set_size (self->cues, 0);
  self->n_finals = 0;
  for (guint i = 0; i < MAX_CHANNELS; i++)
    {
      g_string_truncate (self->tails[i].digits, 0);
      self->tails[i].card = self->tails[i].saw_card = FALSE;
    }
  self->has_run = FALSE;
}

/**
 * ac_redactor_redact:
 * @self: a #AcRedactor
 * @channel: who spoke: 0 the customer, 1 the agent
 * @text: a hypothesis, UTF-8
 * @start_ms: when it starts on the call's clock, in ms, or -1
 * @end_ms: when it ends, in ms, or -1
 * @word_times: (array length=n_words) (nullable): each word's start and end
 *   in ms, two per word, if the engine gave them: used when they are as many
 *   as @text's words (split at white space); otherwise times are spread
 *   evenly over the utterance
 * @n_words: how many words @word_times has
 * @is_final: whether it is a final hypothesis: finals are remembered (their
 *   cues and trailing digits); partial ones are not
 * @spans: (out) (optional) (transfer full) (element-type AcRedactionSpan):
 *   where the masks are, in order
 *
 * Masks the personal data in @text.  Text that is not valid UTF-8 is read
 * with its invalid bytes replaced, so nothing of it comes back unmasked.
 * Linear in the length of @text.
 *
 * Returns: (transfer full): the masked text
 */
char *
ac_redactor_redact (AcRedactor    *self,
                    guint          channel,
                    const char    *text,
                    gint64         start_ms,
                    gint64         end_ms,
                    const gint64  *word_times,
                    guint          n_words,
                    gboolean       is_final,
                    GArray       **spans)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) out_spans = NULL;
  GString *masked;
  Tail *tail;
  gboolean leading_run = FALSE;
  gsize len, pos = 0;
  guint n_chars = 0;

  g_return_val_if_fail (AC_IS_REDACTOR (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  len = strlen (valid);
  tail = &self->tails[MIN (channel, MAX_CHANNELS - 1)];

  if (is_final)
    forget_old_cues (self, start_ms);
  if (tail->digits->len > 0 &&
      (self->n_finals - tail->final_no > 2 ||
       (start_ms >= 0 && tail->end_ms >= 0 && start_ms - tail->end_ms > TAIL_WINDOW_MS)))
    {
      g_string_truncate (tail->digits, 0);
      tail->card = FALSE;
    }

  tokens = tokenize (valid);
  if (word_times != NULL && n_words == tokens->len)
    for (guint i = 0; i < tokens->len; i++)
      {
        g_array_index (tokens, Token, i).start_ms = word_times[2 * i];
        g_array_index (tokens, Token, i).end_ms = word_times[2 * i + 1];
      }

  find_cues (tokens);
  resolve_digits (self, tokens);
  runs = find_runs (tokens);

  /* Digits at the very start continue the channel's last final. */
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->is_digit)
        {
          leading_run = TRUE;
          break;
        }
      if (token->kind != TOKEN_FILLER && !g_str_equal (token->norm, "and") && !g_str_equal (token->norm, "then"))
        break;
    }

  found = g_array_new (FALSE, FALSE, sizeof (Found));
  find_emails (self, tokens, found);
  find_ibans (tokens, found);
  find_cards (tokens, runs, tail, leading_run, found);
  find_dates (self, tokens, found, tail);
  find_numbers (self, tokens, runs, tail, leading_run, is_final, found);

  /* The masked text, and the spans in characters of it. */
  masked = g_string_sized_new (len);
  out_spans = g_array_new (FALSE, FALSE, sizeof (AcRedactionSpan));
  self->has_run = FALSE;
  self->run_digits = 0;

  for (guint r = 0; r < runs->len; r++)
    {
      Run *run = &g_array_index (runs, Run, r);
      Token *first = &g_array_index (tokens, Token, run->first);
      Token *last = &g_array_index (tokens, Token, run->last);

      if (run->digits->len >= self->run_digits)
        {
          self->has_run = TRUE;
          self->run_digits = run->digits->len;
          self->run_start_ms = token_time (first, len, start_ms, end_ms, FALSE);
          self->run_end_ms = token_time (last, len, start_ms, end_ms, TRUE);
        }
    }

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);
      Found *f;
      guint last;
      AcRedactionSpan span;

      if (token->span < 0)
        continue;
      f = &g_array_index (found, Found, token->span);
      for (last = i; last + 1 < tokens->len && g_array_index (tokens, Token, last + 1).span == token->span; last++)
        ;
      if (!self->enabled[f->category])
        {
          i = last;
          continue;
        }

      n_chars += g_utf8_strlen (valid + pos, token->start - pos);
      g_string_append_len (masked, valid + pos, token->start - pos);

      span.category = f->category;
      span.start = n_chars;
      span.end = n_chars + g_utf8_strlen (f->label, -1);
      span.start_ms = token_time (token, len, start_ms, end_ms, FALSE);
      span.end_ms = token_time (&g_array_index (tokens, Token, last), len, start_ms, end_ms, TRUE);
      g_array_append_val (out_spans, span);

      g_string_append (masked, f->label);
      n_chars = span.end;
      pos = g_array_index (tokens, Token, last).end;
      i = last;
    }
  g_string_append_len (masked, valid + pos, len - pos);

  if (is_final)
    {
      gboolean card = FALSE;

      self->n_finals++;
      for (guint i = 0; i < tokens->len; i++)
        {
          Token *token = &g_array_index (tokens, Token, i);

          if (token->cue != CUE_NONE)
            remember_cue (self, token->cue, end_ms);
        }
      for (guint i = 0; i < found->len; i++)
        card |= g_array_index (found, Found, i).category == AC_REDACTION_CARD;

      /* The trailing run, for the same channel's next final. */
      {
        Run *run = runs->len > 0 ? &g_array_index (runs, Run, runs->len - 1) : NULL;
        gboolean trailing = run != NULL;

        for (guint i = run != NULL ? run->last + 1 : 0; trailing && i < tokens->len; i++)
          trailing = g_array_index (tokens, Token, i).kind == TOKEN_FILLER;

        if (!trailing)
          {
            g_string_truncate (tail->digits, 0);
            tail->card = FALSE;
          }
        else
          {
            Token *last = &g_array_index (tokens, Token, run->last);
            gboolean last_is_card = last->span >= 0 &&
                                    g_array_index (found, Found, last->span).category == AC_REDACTION_CARD;
            gboolean whole = runs->len == 1 && leading_run;

            if (!whole)
              g_string_truncate (tail->digits, 0);
            g_string_append (tail->digits, run->digits->str);
            if (tail->digits->len > 19)
              g_string_erase (tail->digits, 0, tail->digits->len - 19);
            /* a whole card ends it: what follows is not more of it */
            tail->card = last_is_card && strstr (g_array_index (found, Found, last->span).label, "••••") == NULL;
            if (last_is_card && !tail->card)
              g_string_truncate (tail->digits, 0);
          }
        tail->final_no = self->n_finals;
        tail->end_ms = end_ms;
        tail->saw_card = card;
      }
    }

  for (guint i = 0; i < found->len; i++)
    g_free (g_array_index (found, Found, i).label);

  if (spans != NULL)
    *spans = g_steal_pointer (&out_spans);

  return g_string_free (masked, FALSE);
}

/**
 * ac_redact_typed_text:
 * @text: (nullable): what an agent typed: notes, a ticket's description
 *
 * Masks the personal data in text typed into the app, every category on,
 * as one final utterance on its own: a card number an agent types into
 * the notes is kept no more than one a customer reads out.
 *
 * Returns: (transfer full) (nullable): the masked text, or %NULL for %NULL
 */
char *
ac_redact_typed_text (const char *text)
{
  g_autoptr(AcRedactor) redactor = NULL;

  if (text == NULL)
    return NULL;
  redactor = ac_redactor_new ();
  return ac_redactor_redact (redactor, 0, text, -1, -1, NULL, 0, TRUE, NULL);
}

/**
 * ac_redactor_get_digit_run:
 * @self: a #AcRedactor
 * @start_ms: (out) (optional): when the longest run of digits in the last
 *   text redacted started, in ms on the call's clock (-1 if unknown)
 * @end_ms: (out) (optional): when it ended
 * @n_digits: (out) (optional): how many digits it read
 *
 * Whether the last text redacted read out digits, masked or not: the
 * recorder leaves a card's digits out of the recording from the first one
 * on, before the redactor knows they are a card.
 *
 * Returns: whether it had any
 */
gboolean
ac_redactor_get_digit_run (AcRedactor *self,
                           gint64     *start_ms,
                           gint64     *end_ms,
                           guint      *n_digits)
{
  g_return_val_if_fail (AC_IS_REDACTOR (self), FALSE);

  if (start_ms != NULL)
    *start_ms = self->has_run ? self->run_start_ms : -1;
  if (end_ms != NULL)
    *end_ms = self->has_run ? self->run_end_ms : -1;
  if (n_digits != NULL)
    *n_digits = self->has_run ? self->run_digits : 0;
  return self->has_run;
}
