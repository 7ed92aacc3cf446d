/* ac-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ac-call-record-store.h"
#include "ac-customer-search.h"
#include "ac-ticket-desk.h"
#include "ac-backend-channel.h"
#include "ac-call-recorder.h"
#include "ac-card-pause.h"
#include "ac-call-session.h"
#include "ac-call-uploader.h"
#include "ac-customer-panel.h"
#include "ac-history-window.h"
#include "ac-store.h"
#include "ac-assistant.h"
#include "ac-support-client.h"
#include "ac-suggestions-panel.h"
#include "ac-ticket-form.h"
#include "ac-tickets-window.h"
#include "ac-sentiment-timeline.h"
#include "ac-transcriber.h"
#include "ac-transcript-view.h"
#include "ac-backend-sync.h"
#include "ac-window.h"
#include "ac-wrap-up-form.h"

G_BEGIN_DECLS

/* How many of the customer's latest calls the profile lists. */
#define AC_WINDOW_RECENT_CALLS 5

struct _AcWindow
{
  AdwApplicationWindow  parent_instance;

  AcSettings           *settings;
  AcAgentStatus        *status;
  gboolean              state_watched;   /* the state goes to the server */
  gboolean              state_sent_connected;
  AcAudioCapture       *capture;
  AcSpeechEngine       *engine;
  AcTranscriber        *transcriber;
  AcTranscript         *transcript;      /* of the current or last call */
  GSignalGroup         *transcript_signals;  /* follow the call shown */
  GSignalGroup         *escalation_signals;
  AcCallRecorder       *recorder;        /* of the current or last call */
  AcCardPause          *card_pause;      /* leaves card details out of it */
  AcEscalations        *escalations;     /* of the current or last call */
  AcStore              *store;           /* nullable */
  AcCallSession        *session;         /* the current or last call */
  AcCallRecordStore    *records;         /* keeps calls in the store; nullable */
  char                 *caller_number;   /* of the next or current call */
  AcCustomerSearch     *customers;       /* where customers are looked up */
  AcTicketDesk         *tickets;         /* where filed tickets go */
  char                 *replaying;       /* the recording's name, or NULL */
  GtkFileChooserNative *chooser;
  guint                 tick_source;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *agent_state_button;
  GtkImage             *agent_state_icon;
  GtkLabel             *agent_state_label;
  GtkLabel             *agent_state_timer;
  AdwFlap              *flap;
  GtkLabel             *caller_label;
  GtkLabel             *call_timer_label;
  GtkWidget            *meters;          /* the levels, shown on a call */
  GtkLevelBar          *customer_meter;
  GtkLevelBar          *agent_meter;
  GtkButton            *listen_button;
  AdwButtonContent     *listen_button_content;
  GtkButton            *wrap_up_button;
  GtkButton            *record_button;
  GtkButton            *hold_button;
  GtkStack             *transcript_stack;
  AdwStatusPage        *transcript_empty;
  GtkLabel             *transcript_status;
  AcTranscriptView     *transcript_view;
  GtkRevealer          *escalation_revealer;
  GtkRevealer          *card_pause_revealer;
  GtkRevealer          *coach_revealer;
  GtkLabel             *coach_label;
  GtkLabel             *listening_label;
  GtkLabel             *queue_label;
  GtkLabel             *escalation_label;
  GtkLabel             *escalation_count_label;
  GtkButton            *transfer_button;
  GtkStack             *sentiment_stack;
  GtkLabel             *customer_legend;
  GtkLabel             *agent_legend;
  GtkLabel             *backend_legend;
  AcSentimentTimeline  *sentiment_timeline;
  AcCustomerPanel      *customer_panel;
  AcSuggestionsPanel   *suggestions_panel;
  guint                 suggest_source;    /* the debounce of what was said */
  GCancellable         *suggest_cancellable;
  AcAssistant          *assistant;         /* the AI provider for this call, or NULL */
  GCancellable         *assistant_lookup;  /* its key, from the keyring */
  GCancellable         *summary_cancellable;
  GCancellable         *reply_cancellable;
  guint                 reply_source;      /* the debounce of a reply */
  GCancellable         *ticket_cancellable; /* a ticket's description */
  GPtrArray            *classify_pending;  /* AcUtterance: customer finals to analyse */
  guint                 classify_source;   /* the batch's wait */
  GCancellable         *classify_cancellable;
  AcSupportClient      *support;           /* the support service for this call, or NULL */
  GCancellable         *support_lookup;    /* its token, from the keyring */
  GCancellable         *support_cancellable;
  AcSupportAnswer      *support_answer;    /* what it last answered */
  AcSupportRoute       *support_route;     /* the route it recommends for the call */
  char                 *support_urgency;   /* what the route was asked with */
  gboolean              supervisor_asked;  /* on this call: it was escalated */
  AdwViewStack         *sidebar_stack;
  AdwViewStackPage     *wrap_up_page;
  AcWrapUpForm         *wrap_up_form;
  GPtrArray            *dispositions;    /* GStrv {code, label} */
  AcTicketForm         *ticket_form;
  AcTicketsWindow      *tickets_window;  /* weak, while open */
  char                 *last_ticket_id;  /* filed from this window */
  AcHistoryWindow      *history_window;  /* weak, while open */
  AdwHeaderBar         *header_bar;

  /* The backend, when the team has one (see ac-window-backend.c) */
  AcBackendSync        *sync;
  AcBackendChannel     *notifications;   /* the server's events for this agent */
  AcBackendChannel     *calls_channel;   /* this agent's calls, as the server has them */
  GHashTable           *call_queues;     /* server call id → its queue's name */
  AcCallUploader       *uploader;          /* streams calls through sync */
  gboolean              quit_confirmed;    /* despite changes waiting */
  GtkButton            *connection_button;  /* in the header */
  GtkLabel             *connection_label;
  guint                 connection_tick;
  GtkWidget            *floor_button;      /* in the header, for supervisors */
  GtkWindow            *floor_window;      /* weak, while open */
};

void     _ac_window_follow_language (AcWindow   *self,
                                     const char *language);
gboolean _ac_window_start_call          (AcWindow       *self,
                                         GError        **error);
void     _ac_window_end_call            (AcWindow       *self);
void     _ac_window_stop_recording      (AcWindow       *self);
void     _ac_window_call_init           (AcWindow       *self);
void     _ac_window_update_record_button (AcWindow      *self);
void     _ac_window_update_hold_button (AcWindow        *self);
void     _ac_window_toggle_hold        (AcWindow        *self);
void     _ac_window_update_timers       (AcWindow       *self);
void     _ac_window_ensure_transcriber  (AcWindow       *self);
void     _ac_window_begin_session       (AcWindow       *self);
void     _ac_window_audit               (AcWindow       *self,
                                         const char     *action,
                                         const char     *subject,
                                         const char     *detail);
void     _ac_window_screen_pop          (AcWindow       *self);
void     _ac_window_show_call           (AcWindow       *self);
void     _ac_window_class_actions_init  (AcWindowClass  *klass);
void     _ac_window_class_transfer_init (AcWindowClass  *klass);
void     _ac_window_update_transfer     (AcWindow       *self);
gboolean _ac_window_save_wrap_up        (AcWindow       *self,
                                         gboolean        timed_out);
void     _ac_window_acknowledge_escalations (AcWindow   *self);
void     _ac_window_tickets_init        (AcWindow       *self);
void     _ac_window_refresh_customer_activity (AcWindow *self);
void     _ac_window_tickets_dispose     (AcWindow       *self);
void     _ac_window_class_tickets_init  (AcWindowClass  *klass);
void     _ac_window_backend_begin_call  (AcWindow       *self);
void     _ac_window_backend_dispose     (AcWindow       *self);
gboolean _ac_window_backend_ask_before_quitting (AcWindow *self);
void     _ac_window_class_backend_init  (AcWindowClass  *klass);
void     _ac_window_reset_supervision   (AcWindow       *self);
void     _ac_window_update_call_queue   (AcWindow       *self);
void     _ac_window_assist_init         (AcWindow       *self);
void     _ac_window_assist_reset        (AcWindow       *self);
void     _ac_window_assist_heard        (AcWindow       *self);
void     _ac_window_assist_dispose      (AcWindow       *self);
void     _ac_window_assist_wrap_up      (AcWindow       *self);
void     _ac_window_assist_describe_ticket (AcWindow    *self);
void     _ac_window_class_assist_init   (AcWindowClass  *klass);

G_END_DECLS
