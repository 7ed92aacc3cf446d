/* ac-redactor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AcRedactionCategory:
 * @AC_REDACTION_CARD: a payment card number (PAN), or part of one read
 *   after a card was asked for
 * @AC_REDACTION_SECURITY_CODE: a card security code (CVV, CVC, CSC)
 * @AC_REDACTION_EXPIRY_DATE: a card's expiry date
 * @AC_REDACTION_SSN: a US social security number
 * @AC_REDACTION_IBAN: an international bank account number
 * @AC_REDACTION_BANK_ACCOUNT: a bank account, routing number or sort code
 * @AC_REDACTION_EMAIL: an e-mail address, written or spoken
 * @AC_REDACTION_PHONE: a telephone number
 * @AC_REDACTION_DATE_OF_BIRTH: a date of birth
 *
 * What a redacted span held.  Cards and security codes are always
 * redacted (PCI DSS requirement 3.2: security codes may not be kept after
 * authorisation); the others can be turned off.
 */
typedef enum
{
  AC_REDACTION_CARD,
  AC_REDACTION_SECURITY_CODE,
  AC_REDACTION_EXPIRY_DATE,
  AC_REDACTION_SSN,
  AC_REDACTION_IBAN,
  AC_REDACTION_BANK_ACCOUNT,
  AC_REDACTION_EMAIL,
  AC_REDACTION_PHONE,
  AC_REDACTION_DATE_OF_BIRTH,
} AcRedactionCategory;

#define AC_REDACTION_N_CATEGORIES (AC_REDACTION_DATE_OF_BIRTH + 1)

/**
 * AcRedactionSpan:
 * @category: what was there
 * @start: where the mask starts in the masked text, in characters
 *   (Unicode code points, as Python and JavaScript count them)
 * @end: where it ends (exclusive), in characters
 * @start_ms: when the redacted words started, in ms on the call's clock,
 *   or -1 if unknown
 * @end_ms: when they ended, in ms, or -1
 *
 * One redacted stretch of an utterance.
 */
typedef struct
{
  AcRedactionCategory category;
  guint               start;
  guint               end;
  gint64              start_ms;
  gint64              end_ms;
} AcRedactionSpan;

const char *ac_redaction_category_to_string   (AcRedactionCategory  category);
gboolean    ac_redaction_category_from_string (const char          *string,
                                               AcRedactionCategory *category);
gboolean    ac_redaction_category_is_required (AcRedactionCategory  category);
const char *ac_redaction_category_get_label   (AcRedactionCategory  category);

#define AC_TYPE_REDACTOR (ac_redactor_get_type ())

G_DECLARE_FINAL_TYPE (AcRedactor, ac_redactor, AC, REDACTOR, GObject)

AcRedactor *ac_redactor_new                  (void);
void        ac_redactor_set_category_enabled (AcRedactor          *self,
                                              AcRedactionCategory  category,
                                              gboolean             enabled);
gboolean    ac_redactor_get_category_enabled (AcRedactor          *self,
                                              AcRedactionCategory  category);
void        ac_redactor_reset                (AcRedactor          *self);
char       *ac_redactor_redact               (AcRedactor          *self,
                                              guint                channel,
                                              const char          *text,
                                              gint64               start_ms,
                                              gint64               end_ms,
                                              const gint64        *word_times,
                                              guint                n_words,
                                              gboolean             is_final,
                                              GArray             **spans);
char       *ac_redact_typed_text             (const char          *text);
gboolean    ac_redactor_get_digit_run        (AcRedactor          *self,
                                              gint64              *start_ms,
                                              gint64              *end_ms,
                                              guint               *n_digits);

G_END_DECLS
