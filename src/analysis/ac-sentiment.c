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
 * Cues also carry flags for rules that combine them: a praising opening
 * on a failure, or praise for a harm, is irony, and VADER's positive
 * words then count against; lost access with a deadline, minutes left
 * with any failure, or someone vulnerable let down is urgent; a failure
 * the caller says is fixed is no complaint; asking or reporting (“can
 * you tell me…”, “i'd like to report a missing card”) sets aside the
 * cues and words that would otherwise read as a complaint.
 *
 * The label then follows VADER's convention on the compound score
 * (≥ 0.05 positive, ≤ −0.05 negative, else neutral), with urgent taking
 * over as above unless the utterance is clearly positive (compound ≥ 0.5).
 * The weights were set by reading contact-center language, checked on
 * `tests/data/contact-center-dev.tsv` (322 utterances from many kinds of
 * business); accuracy is measured on utterances never used for that
 * (two held-out sets and a fixture written by someone else: README).
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

/* What a cue says about the utterance beyond its own weights, for the
 * rules that combine cues (see ac_sentiment_analyze()). */
typedef enum
{
  CUE_FAILURE   = 1 << 0, /* something went wrong for the caller */
  CUE_ACCESS    = 1 << 1, /* they cannot get in, pay or use it */
  CUE_DEADLINE  = 1 << 2, /* and time is short */
  CUE_VULNERABLE = 1 << 3, /* someone's health or safety hangs on it */
  CUE_OPENER    = 1 << 4, /* a positive word opening the utterance */
  CUE_IRONIC    = 1 << 5, /* praise that means the opposite */
  CUE_ASKING    = 1 << 6, /* a question or a request for information */
  CUE_NOT_ASKED = 1 << 7, /* its valence counts only when not asking */
  CUE_RESOLVED  = 1 << 8, /* the problem is fixed, or the caller is pleased */
  CUE_IMMINENT  = 1 << 9, /* minutes or hours left */
  CUE_MILD      = 1 << 10, /* a hint of trouble, not a failure by itself */
} CueFlags;

typedef struct
{
  const char *name;
  const char *pattern;
  double      valence;
  int         intent;   /* AcIntent, or -1 */
  double      anger, fear, sadness, joy;
  Urgency     urgency;
  CueFlags    flags;
} Cue;

#define NO_INTENT (-1)

/* Patterns match whole words of the lowercased utterance, apostrophes
 * optional, as speech recognisers write them either way. */
static const Cue cues[] = {
  /* Waiting: VADER hears nothing wrong in “on hold for forty minutes”. */
  { "waiting", "\\b(on hold|been (waiting|holding)|waiting (on|for) (the|this|a|my)? ?(line|call|reply|answer|response|hours?|days?|weeks?|months?|ages)|hold(ing)? (for|forever)|(hours?|ages|forever) (on|to get through)|on the (phone|line) for)\\b",
    -1.8, AC_INTENT_COMPLAINT, 0.4, 0, 0.2, 0, URGENT_NO, CUE_FAILURE },
  { "long time", "\\b(for|over|than|about|nearly|almost) (an|a|one|two|three|four|five|six|\\w+ty|\\w+teen) (hour|hours|day|days|week|weeks|month|months)\\b|\\b(weeks|months|ages|forever) (ago|now)\\b|\\bgoing on for\\b|\\b(it'?s|it has|that'?s) (now )?been (\\w+ ){1,2}(days?|weeks?|months?)\\b",
    -1.0, NO_INTENT, 0.3, 0, 0.2, 0, URGENT_NO },
  /* Repetition. */
  { "calling again", "\\b(second|third|fourth|fifth|sixth|\\w+th) time\\b|\\b(called|rung|rang|phoned|explained|told (you|them)|asked)( \\w+)? (again|twice|(two|three|four|five|several|many|so many|\\w+) times)\\b|\\b(already|keep) (called|calling|explained|explaining|told|telling|asked|asking)\\b|\\bagain and again\\b|\\bover and over\\b",
    -1.6, AC_INTENT_COMPLAINT, 0.5, 0, 0.2, 0, URGENT_NO, CUE_FAILURE },
  { "passed around", "\\b(transferred|passed|bounced|pushed) (around|from one|back and forth|between)\\b|\\bone department to another\\b",
    -1.4, AC_INTENT_COMPLAINT, 0.5, 0, 0, 0, URGENT_NO, CUE_FAILURE },
  /* Nothing happened. */
  { "not resolved", "\\b(still (not|no|isn'?t|hasn'?t|haven'?t|doesn'?t|don'?t|broken|waiting|nothing|nobody)|nothing (has )?(happened|changed|was done)|no (one|body) (has )?(called|helped|answered|got back|came|turned up|fixed)|nobody (ever )?(calls?|called|helped|answered|got back|came|fixed)|never (got|received|arrived|came|turned up|heard|called)|(didn'?t|did not|haven'?t|hasn'?t|have not|has not) (arrive|receive|received|get|heard|come|turn up|call)|no (response|reply|answer|call back|callback)|(promised|told) .*(would|it would|they'?d))\\b",
    -2.0, AC_INTENT_COMPLAINT, 0.4, 0, 0.3, 0, URGENT_NO, CUE_FAILURE },
  { "not working", "\\b(not working|doesn'?t work|don'?t work|isn'?t working|stopped working|won'?t (work|start|turn on|connect|load)|keeps? (dropping|crashing|freezing|failing|cutting out|disconnecting|going off)|(crashes|freezes|fails|drops) (every|all the)|(is|it'?s|was|line'?s?|line is) (dead|down|broken|offline)|(still|been) (broken|offline|down)|no (signal|service|internet|connection|power)|went dead|disconnected|(electricity|power|heating|gas|water|phone|internet|broadband|wifi)('s| is| has been| was| went)? (off|out|cut off)|power cut|lost power|no (heating|heat|hot water)|(jammed|stuck|seized)|(won'?t|doesn'?t|didn'?t|will not) (load|open|accept|go through|let me|upload|connect|process)|making a (funny|strange|weird|odd|loud|horrible) (noise|sound|smell))\\b",
    -1.4, AC_INTENT_SUPPORT, 0.3, 0, 0.2, 0, URGENT_NO, CUE_FAILURE },
  /* Money. */
  { "charged wrongly", "\\b(charged|billed) (me )?(twice|double|two times|again|too much|for nothing)|double (charged|billed|charge)|overcharg\\w*|(higher|more) than (what )?(i was|we were|you) (quoted|told|promised)|wrong (amount|bill|charge)\\b",
    -1.8, AC_INTENT_BILLING, 0.5, 0, 0, 0, URGENT_NO, CUE_FAILURE },
  { "billing", "\\b(bill|bills|billed|billing|charge|charges|charged|invoice|refund|refunds|payment|payments|pay|paid|fee|fees|direct debit|statement|balance|price|cost|costs|debit)\\b",
    0, AC_INTENT_BILLING, 0, 0, 0, 0, URGENT_NO },
  /* Leaving. */
  { "cancellation", "\\b(cancel\\w* (my |the |our |this |your )?(\\w+ )?(account|contract|subscription|membership|policy|service|plan|broadband|package|direct debit|everything|the lot|it all)|cancel\\w*$|close (my|the) account|terminate|termination|leave (you|your company)|leaving (you|today)|switch(ing)? (provider|to another|to someone)|done with you|take my business)\\b",
    -1.0, AC_INTENT_CANCELLATION, 0.4, 0, 0.1, 0, URGENT_NO, CUE_NOT_ASKED },
  { "cancel", "\\bcancel\\w*\\b",
    0, AC_INTENT_CANCELLATION, 0, 0, 0, 0, URGENT_NO },
  { "leaving now", "\\b(cancel\\w*|clos(e|ing) (my|the|our|this|all)|leaving|leave (you|your)|terminate|done with)\\b.*\\b(today|now|immediately|right away|this minute)\\b|\\b(today|now|immediately)\\b.*\\b(cancel\\w*|close my|leaving)\\b",
    -0.5, AC_INTENT_CANCELLATION, 0.5, 0, 0, 0, URGENT_IF_NEGATIVE, CUE_NOT_ASKED },
  /* Fraud and account security: urgent whatever else is said. */
  { "fraud", "\\b(fraud\\w*|scam\\w*|stolen|steal\\w*|hack\\w*|identity theft|phishing|compromised|unauthori[sz]ed|(didn'?t|did not|don'?t|do not|never) (make|authori[sz]e|recogni[sz]e|recogni[sz]ed|order)|(someone|somebody|a stranger)('?s| has| had)? (been )?(ordered|opened|bought|applied|taken out|taking|took|withdrawing|spending|used|using|is using|logged|accessed|took|taken|changed|called pretending|pretending)|pretending to be|asking for my (pin|password|code)|transfers? i (don'?t|didn'?t) recogni[sz]e|(that|it|those|these|this)( is|'s|'re| are| was| were)? not (mine|me)|(wasn'?t|was not) me|sim (swap\\w*|moved|changed|transferred)|clon\\w*|skimm\\w*|(loan|credit|account|card|mortgage|finance)\\b.*\\b(never|didn\'?t|did not) (apply|applied|open|opened|take out|took out)|(moved|ported|transferred) to (another|a new|a different) sim|fake (account|website|site|email|text|call|invoice)|turn(s|ed)? out to be (a )?(fake|scam)|(from|be from|from your) (the |your )?(fraud|security) team)\\b",
    -2.5, AC_INTENT_FRAUD, 0.3, 0.8, 0.2, 0, URGENT_ALWAYS },
  /* Safety. */
  { "safety", "\\b(gas (smell|leak)|smell(s|ing)? (of )?gas|fire|smoke|flood\\w*|sparks?|sparking|(smell(s|ing)? (of )?|smells like )burning|burning smell|carbon monoxide|water('s| is)? (pouring|gushing|leaking|coming|flooding) (out|in|through|from|everywhere)|(pouring|gushing) (out of|through|from)|broken down on (the )?(motorway|highway|road|hard shoulder)|stranded|(it'?s|i'?m|we'?re) freezing|freezing cold|below freezing|stuck in (the|a) (lift|elevator)|trapped|emergency|injur\\w*|medical|unsafe|danger\\w*|(has |have |just )?(fallen|collapsed)|fell (over|down)|unconscious|can'?t breathe|bleeding|chest pain)\\b",
    -2.0, AC_INTENT_SUPPORT, 0, 0.8, 0.3, 0, URGENT_ALWAYS },
  /* Legal threats. */
  { "legal threat", "\\b(lawyer|solicitor|attorney|sue|suing|legal action|court|regulator|ombudsman|trading standards|police|report (you|this))\\b",
    -2.0, AC_INTENT_COMPLAINT, 0.8, 0, 0, 0, URGENT_ALWAYS },
  /* Losing money or business now. */
  { "losing out", "\\b((losing|lost|losing us) (all )?(the |our |my )?(\\w+ )?(money|customers|business|orders|sales|bookings)|(my |our )?customers can'?t (pay|order|book|get)|wrong account|money (is )?gone|took (my )?money)\\b",
    -1.8, AC_INTENT_BILLING, 0.4, 0.6, 0.3, 0, URGENT_ALWAYS },
  /* What happened, rather than how the caller feels about it: the
   * visit, delivery or call that did not come, came late or came wrong;
   * what was done without asking; what was taken or not given. */
  { "service failure", "\\b((was|were|is|are|been) (supposed|meant|due|scheduled|booked|promised) to|(didn'?t|did not|never|failed to|doesn'?t|won'?t) (show|turn|come|ring|call|get back|arrive|deliver)|no[- ]show|(turned up|arrived|came|delivered|got here|showed up) (a |an |\\w+ )?(\\w+ )?(days?|hours?|minutes?|weeks?)? ?late|(an?|\\w+) (hours?|days?|weeks?) late|(is|are|was|were|running|been|it'?s|order'?s) (very |really |so |still |\\w+ (hours?|days?|minutes?) )?late\\b|arrived (cold|broken|damaged|open|late|empty)|(sent|gave|delivered|given|brought|charged|billed|put) (me |us )?(the |a |an )?wrong|someone else'?s|when (i|we) (ordered|asked for|booked|paid for)|without (any )?(asking|telling|warning|notice|any notice|my (permission|consent|knowledge)|anyone telling|doing anything|finishing|fixing|\\w+ing (me|us|anyone|it))|(no one|nobody|without anyone) (told|telling|informed|warned|letting)|nobody told|nothing (here|there|inside|in the box|came)|(took|taken|taking|charged|charging|billed|billing) .*after i (cancel\\w*|left|closed)|i'?ve never (borrowed|ordered|signed|used|had)|never (signed up|ordered|asked for|agreed to|borrowed)|(but|even though|although) i (paid|cancel\\w*|returned|sent)|(isn'?t|is not|wasn'?t|not) on (the|my) (bill|invoice|statement)|(hasn'?t|haven'?t|has not|have not|hadn'?t) (been )?(updated|moved|changed|arrived|come|fixed|sorted|done|collected|repaired|refunded|processed|answered)|keep (saying|telling|promising|sending)|never happens|gave (our|my|the) (room|table|seat|slot|booking) away|(cut|cutting|cuts) (me |us )?off|(start|do|go through) (it |this |the whole thing )?(all )?over again|back to square one|waste of (my |our )?time|(had|have|having) to (miss|take) (work|a day|time off|the day off)|took the day off|(didn'?t|did not|don'?t|doesn'?t|couldn'?t|can'?t) (have|find) (our|my|the|any) (reservation|booking|record|order|details|appointment)|no (record|trace) of|(way |far |much )?too (high|expensive)|(way|far) (more|higher) than|double[- ]?(booked|charged|billed)|paid for (a |an |the )?\\w+( \\w+)? (and|but) (still |then |i )?(waited|got|didn'?t|never|it)|(tells?|telling|told) (me|us) nothing|(gone|lost|broken|down|off|late|cancell?ed|delayed|wrong|missing|crashed|failed|stuck|dead|back) again|(gone|sent|went) back\\b.*\\bagain|(paying|paid|pay) for .* (and|but) (only )?(getting|got|get|receiving)|nothing like (what|the)|(round|around) in circles|runaround|(speak|talk) to (someone|somebody|anyone) (more )?(senior|higher up|in charge)|(speak|talk) to (a|your|the) (manager|supervisor)|charge ?back|dispute (the|this|a) (charge|payment|transaction)|(you|they|he|she|someone|somebody|we were|i was|i'?d been) (promised|assured|guaranteed)|(flight|train|bus|class|appointment|booking|order|reservation|event|show|lesson|delivery|operation|surgery|connection)('?s| was| has been| is| got| been)? (cancell?ed|delayed|postponed|moved|overbooked)|(i|we) ('?ve |have |had )?already (paid|sent|returned|cancell?ed|done|told|given)|(charged|billed|invoiced|charging|billing) .*\\b(i|we) (never|didn'?t|did not|haven'?t|have not|wasn'?t)|even though|left (a |the )?(mess|rubbish|rubble|debris)|(asked|paid|ordered|booked|requested) for .* (and|but) (only |still )?(got|get|getting|received|they gave)|marked (as )?\\w+ (when|but|and|even though)|(double|twice|triple|three times) (what|the)|run out|ran out|running out|all over the (floor|garden|house|place|kitchen|carpet))\\b",
    -1.6, AC_INTENT_COMPLAINT, 0.4, 0, 0.2, 0, URGENT_NO, CUE_FAILURE },
  /* Damaged, lost or wrong: bad news unless the caller is only asking or
   * reporting it (VADER rates some of these words already). */
  { "damaged or wrong", "\\b(broken|cracked|damaged|ruined|smashed|dented|torn|soaked|missing|lost|deleted|wiped|gone missing|wrong (item|size|colou?r|order|address|person|room|one|part|name|date|time))\\b",
    -0.6, AC_INTENT_COMPLAINT, 0.2, 0, 0.2, 0, URGENT_NO, CUE_FAILURE | CUE_NOT_ASKED },
  /* What the caller demands back. */
  { "demand", "\\b((i|we)( want| need| expect| demand| would like|'?d like| am owed|'?m owed)( a| an| the| my| our| some)? (full |proper |complete |whole )?(refund|money back|compensation|deposit back|reimburs\\w*|apology|goodwill)|(give|send|pay|refund) (me|us) (back )?(my|our|the|a)? ?(money|refund|deposit|cash)|(give|send|pay) (me|us) back|refund (me|us)|not (a|just a|just) (voucher|credit note|part)|i want (it|this|them) (fixed|sorted|replaced|refunded))\\b",
    -1.6, AC_INTENT_BILLING, 0.5, 0, 0.1, 0, URGENT_NO, CUE_FAILURE },
  /* Leaving, threatened or weighed: not yet today. */
  { "threat to leave", "\\b((switch\\w*|mov\\w*|tak\\w*|go\\w*|transfer\\w*) (my |our |all my |all our )?(business|account|accounts|custom|money|mortgage|savings)? ?(elsewhere|somewhere else|to (another|a different|a competitor|your competitor))|(thinking|considering) (of |about )?(leaving|switching|cancell?ing|closing|moving|taking)|one more (mistake|time|problem|error)|last chance|(or|otherwise|else) i'?ll (leave|cancel|switch|go|close)|if (you|this|it|that|nobody|no one|my \\w+) (can'?t|cannot|don'?t|doesn'?t|isn'?t|is not|won'?t|aren'?t|calls?|rings?)\\b.*\\b(i'?ll|i will|i'?m|we'?ll|we will|we'?re) (\\w+ )?(leav|switch|cancel|clos|mov|tak|go|report|call))",
    -1.5, AC_INTENT_CANCELLATION, 0.5, 0, 0, 0, URGENT_NO, CUE_FAILURE },
  /* Cut off from the account, the money or the service. */
  { "lost access", "\\b((can'?t|cannot|can not|unable to|not able to|couldn'?t|won'?t let me|will not let me|doesn'?t let me) (get (into|in|back in|on|access)|access|log ?in|log ?on|sign ?in|open|submit|pay|use|buy|withdraw|get (my )?money|load|make (a |the )?payment|get through|book)|locked (myself |me |us )?out|(won'?t|doesn'?t|will not|can'?t|cannot) (upload|submit|send|go through|process)|(account|card|access|login|profile|funds|money)('?s| is| has| was| got)?( been)? (locked|frozen|blocked|suspended|closed|declined|cancell?ed|disabled|held|stuck)|(declined|bounced|rejected)|(swallowed|eaten|retained|kept) by (the|your) (machine|atm|cash machine)|(codes?|texts?|verification|one time|otp|passcode)\\b.*\\b(not|aren'?t|isn'?t|never|don'?t|doesn'?t|won'?t) (arriv\\w*|com\\w*|work\\w*|show\\w*)|(funds|money|payment|deposit|mortgage|pension|wages|salary)\\b.*\\b(hasn'?t|haven'?t|not|never|still not) (been )?(released|transferred|paid|sent|arrived|cleared|come through)|(hasn'?t|haven'?t|not|never|still not) (been )?(released|transferred|paid|sent|cleared) (the |my |our )?(funds|money|payment|deposit|mortgage|pension|wages|salary))\\b",
    -1.4, AC_INTENT_SUPPORT, 0.3, 0.3, 0.1, 0, URGENT_NO, CUE_ACCESS },
  /* Pressure: little time, or no other way.  Urgent with lost access,
   * else only pressure. */
  { "pressure", "\\b(today|tonight|this (morning|afternoon|evening)|tomorrow|by (tonight|midnight|noon|lunchtime|\\w+ ?o'?clock|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d+)|before (\\w+ ){0,3}(tomorrow|tonight|midnight|noon|five|six|surgery|my flight|the flight|the deadline|it closes|completion|the sale)|in (an|one|two|three|four|five|ten|twenty|thirty|forty|\\w+|\\d+) (hours?|minutes?)|deadline|due (today|now|this|tomorrow|in|at)|(closes|leaves|starts|departs|expires|completes) (today|tonight|tomorrow|in|at)|any minute|(my )?only (card|account|phone|way)|no other (card|way|account))\\b",
    0, NO_INTENT, 0, 0.3, 0, 0, URGENT_NO, CUE_DEADLINE },
  /* Minutes or hours left: with any failure, urgent. */
  { "imminent", "\\b(in (an|one|two|three|four|five|ten|twenty|thirty|forty|a few|\\w+|\\d+) (hours?|minutes?)|any minute|(leaves|closes|departs|boards|starts) in|(gate|boarding|check[- ]?in) (closes|is closing))\\b",
    0, NO_INTENT, 0, 0.3, 0, 0, URGENT_NO, CUE_IMMINENT },
  /* Someone's health, safety or livelihood rides on it. */
  { "vulnerable", "\\b(elderly|disabled|disability|wheelchair|vulnerable|pregnant|newborn|baby|oxygen|nebuli[sz]er|dialysis|insulin|alarm pendant|pendant alarm|personal alarm|(kids|children|child|baby)( is| are|\'s|\'re)? (inside|in the (car|back|house)|locked|trapped|alone)|carer|epipen|inhaler|life support|medication|medicine|hospital)\\b",
    0, NO_INTENT, 0, 0.4, 0.2, 0, URGENT_NO, CUE_VULNERABLE },
  /* Praise that means its opposite: thanks for a harm, love for what
   * never happens, “great … not”, an opening “brilliant, another …”. */
  { "irony", "\\b((thanks?|thank you|cheers)( a lot| very much| so much)? for (nothing|losing|cutting|ignoring|wasting|keeping|leaving|hanging up|making me|messing|ruining|breaking|charging|overcharging|cancell?ing|the (wait|runaround))|(i )?(just )?love (how|that|it when|being)\\b.*\\b(never|nobody|no one|always|again|not|can'?t|won'?t|hold|waiting|ignored|have to|had to|got to)|(great|brilliant|wonderful|lovely|fantastic|perfect|fab|super|excellent|marvell?ous|terrific|nice)(\\s+\\w+){0,4}\\s+not\\s*$|(really |so )?(appreciate|love|enjoy|enjoyed) (being|getting) (left|kept|ignored|charged|passed|cut|put|hung)|just what i (needed|wanted)|^(oh |well |yeah |ah )*(great|brilliant|wonderful|lovely|fantastic|perfect|marvell?ous|super|terrific|excellent|fab|nice)(\\s+\\w+)?\\s+(another|yet another)\\b)",
    -1.0, AC_INTENT_COMPLAINT, 0.6, 0, 0.1, 0, URGENT_NO, CUE_IRONIC },
  { "praise opening", "^(oh |well |yeah |ah )*(great|brilliant|wonderful|lovely|fantastic|perfect|marvell?ous|super|terrific|excellent|fab|nice)\\b",
    0, NO_INTENT, 0, 0, 0, 0, URGENT_NO, CUE_OPENER },
  /* Kindness and relief VADER does not rate. */
  { "kindness", "\\b((very|so|really|that'?s|how) kind( of you)?|kind of you|good of you|you'?re a (star|gem|lifesaver|legend|diamond)|lifesaver|weight off my mind|(so|really|very) relieved|(put|set) my mind at (rest|ease)|(you'?ve|you have|actually|really|finally) helped|first time anyone|(polite|courteous|friendly|professional|efficient)|(was|were|arrived|came|here) on time|(been|so|very|really) patient)\\b",
    1.5, NO_INTENT, 0, 0, 0, 0.6, URGENT_NO, CUE_RESOLVED },
  /* Basic needs cut off: urgent whatever else is said. */
  { "basic needs", "\\b(evict\\w*|repossess\\w*|bailiffs?|homeless|(can'?t|cannot|unable to|no money to) (buy|afford|get) (food|medicine|medication|nappies|formula|groceries)|(need|needs) (the|my|his|her) (medicine|medication|insulin|oxygen|inhaler) (today|tonight|now|delivered))\\b",
    -1.5, AC_INTENT_SUPPORT, 0, 0.8, 0.3, 0, URGENT_ALWAYS },
  /* A statement that something did not happen, is not there or will
   * not work: mild trouble (“the bus didn't stop”, “it isn't here”),
   * unless the caller is only asking, or it is an idiom. */
  { "unmet", "\\b(didn'?t|did not|never|isn'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|hadn'?t|won'?t|wouldn'?t|couldn'?t|doesn'?t|don'?t|can'?t|cannot|not (here|there|working|arrived|received|fixed))\\b(?! (know|worry|mind|matter|need|think|want|have to|thank|complain|hesitate|remember|understand|be long|believe|care|like to|usually|often|normally|want to|recogni[sz]e|catch|speak|mean|use|expect|have (a|an|any|much) (problem|issue|choice)))",
    -0.9, NO_INTENT, 0.1, 0, 0.1, 0, URGENT_NO, CUE_MILD | CUE_NOT_ASKED },
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
  { "resolved", "\\b((that|this|it|you)( has| have|'?ve)? (fixed|sorted|solved|resolved) (it|that|the problem|everything)|(sorted|fixed|solved|resolved) now|that'?s sorted|(working|works) (now|again|perfectly)|can (log in|get in|connect) (again|now)|showed up|came through|thanks for (fixing|sorting|sending|helping|getting|finding|calling|ringing|staying|being so)|(is|are|'?s) (open|back on|working) again|(letting|let) me in now|all good|all (done|sorted|set)|made my day|been a star|easier than)\\b",
    1.8, NO_INTENT, 0, 0, 0, 0.7, URGENT_NO, CUE_RESOLVED },
  { "joy", "\\b(happy|glad|delighted|pleased|wonderful|brilliant|lovely|perfect|excellent|great|awesome|fantastic|impressed)\\b",
    0, NO_INTENT, 0, 0, 0, 0.6, URGENT_NO },
  /* What callers want. */
  { "purchase", "\\b(buy|buying|purchase|order(ing)? (a|another|the|new)|upgrade|sign up|subscribe|new (phone|plan|line|contract)|add (a|another) line|book (an|a)|how much (is|does|for))\\b",
    0, AC_INTENT_PURCHASE, 0, 0, 0, 0, URGENT_NO },
  { "support", "\\b(help|problem|issue|error|fix|reset|log ?in|password|set ?up|install|technician|engineer|router|broadband|internet|app|website)\\b",
    0, AC_INTENT_SUPPORT, 0, 0, 0, 0, URGENT_NO },
  { "question", "^(what|when|where|why|how|who|which|can (you|i)|could (you|i)|do (you|i)|does|is (there|it|that)|are (there|you)|will|would|should|may i)\\b",
    0, AC_INTENT_QUESTION, 0, 0, 0, 0, URGENT_NO, CUE_ASKING },
  { "asking", "\\b(can|could|would) you (please )?(confirm|check|tell me|let me know|explain)|(i'?d like|i want|i need) to (know|check|confirm|ask|report|return|replace|exchange|change|move|rebook|book)|(i'?m )?(calling|ringing|phoning) (about|regarding|to (ask|check|book|confirm|arrange|cancel|change|move|rebook|report))|^(please )?(can|could) (you|i)\\b|\\b(can|could|would|will|do|should) (i|we|you|someone|somebody) (still |please |just )?(pay|have|get|use|do|book|change|send|text|drop|add|tell|check|help|call|email)\\b|\\bhow do (i|we)\\b|\\bwhether\\b|\\bwhich (one|plan|tariff)\\b",
    0, NO_INTENT, 0, 0, 0, 0, URGENT_NO, CUE_ASKING },
};

/* Words VADER rates that carry no feeling in a service call: transactions
 * (“pay”, “credit”, “block the card”, “stop the payment”), requests (“i'd
 * like to”, “can you help”, “please”) and the acknowledgements of a
 * dialogue (“yes”, “no”, “okay”, “sure”).  The cues judge the phrases
 * they appear in (“charged twice”, “cancel … today”). */
static const char * const neutral_words[] = {
  "pay", "paid", "credit", "charged", "cancel", "block", "blocked", "stop", "stopped",
  "help", "please", "free", "promised", "promise", "like", "want", "yes", "no", "ok",
  "okay", "sure", "fine", "number", "charges",
};

/* What is reported rather than complained of, when the caller is asking. */
static const char * const reported_words[] = {
  "broken", "missing", "lost", "wrong", "damaged", "cracked", NULL,
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
      g_autofree gboolean *matched = g_new0 (gboolean, G_N_ELEMENTS (cues));
      CueFlags flags = strchr (valid, '?') != NULL ? CUE_ASKING : 0;

      for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
        if ((matched[i] = g_regex_match (regexes[i], spoken, 0, NULL)))
          flags |= cues[i].flags;

      /* Irony: praise that means the opposite, or a praising opening on
       * bad news (“brilliant, the parcel's gone back again”): VADER's
       * positive words count against. */
      if ((flags & CUE_IRONIC) || ((flags & CUE_OPENER) && (flags & CUE_FAILURE) && !(flags & CUE_RESOLVED)))
        {
          for (guint i = 0; i < valences->len; i++)
            if (g_array_index (valences, double, i) > 0)
              g_array_index (valences, double, i) *= -1;
          if (!(flags & CUE_IRONIC))
            g_ptr_array_add (found, (gpointer) "irony");
        }

      /* Reporting or asking about a lost, broken or wrong thing (“i'd
       * like to report a missing card”) is not a complaint by itself:
       * VADER's rating of those words is set aside, unless something
       * else went wrong too. */
      if ((flags & CUE_ASKING) && !(flags & (CUE_IRONIC | CUE_ACCESS)))
        {
          gboolean other_failure = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
            other_failure |= matched[i] && (cues[i].flags & CUE_FAILURE) && !(cues[i].flags & CUE_NOT_ASKED);
          for (guint i = 0; !other_failure && i < words->len && i < valences->len; i++)
            {
              g_autofree char *word = g_utf8_strdown (words->pdata[i], -1);

              if (g_strv_contains (reported_words, word))
                g_array_index (valences, double, i) = 0;
            }
        }

      for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
        {
          const Cue *cue = &cues[i];

          if (!matched[i])
            continue;

          g_ptr_array_add (found, (gpointer) cue->name);
          /* thanks and praise do not count twice when they are ironic */
          /* a failure that is fixed now is not a complaint */
          if (cue->valence != 0 && !((cue->flags & CUE_NOT_ASKED) && (flags & CUE_ASKING)) &&
              !(cue->valence > 0 && (flags & CUE_IRONIC)) &&
              !(cue->valence < 0 && (cue->flags & (CUE_FAILURE | CUE_MILD)) && (flags & CUE_RESOLVED) &&
                !(flags & CUE_IRONIC)))
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

      /* Cut off with time running out, or someone vulnerable let down:
       * urgent, as fraud and safety are. */
      if (((flags & CUE_ACCESS) && (flags & CUE_DEADLINE)) ||
          ((flags & CUE_IMMINENT) && (flags & (CUE_FAILURE | CUE_ACCESS))) ||
          ((flags & CUE_VULNERABLE) && (flags & (CUE_FAILURE | CUE_ACCESS))))
        urgent_always = TRUE;
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

