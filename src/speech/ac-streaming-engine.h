/* ac-streaming-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ac-speech-engine.h"

G_BEGIN_DECLS

/**
 * AcStream:
 *
 * One channel's connection to a speech service, as a streaming engine's
 * protocol sees it.  Owned by the engine; valid in the vfuncs it is given
 * to.
 */
typedef struct _AcStream AcStream;

#define AC_TYPE_STREAMING_ENGINE (ac_streaming_engine_get_type ())

G_DECLARE_DERIVABLE_TYPE (AcStreamingEngine, ac_streaming_engine, AC, STREAMING_ENGINE, GObject)

/**
 * AcStreamingEngineClass:
 * @parent_class: the parent class
 * @handshake: the WebSocket request that opens a channel's stream: the
 *   service's URL with its query and headers (the key); %NULL with an
 *   error if it cannot be made
 * @opened: the stream is open: send what the protocol sends first (a
 *   configuration message)
 * @send_audio: send samples (16-bit mono at [const@SPEECH_SAMPLE_RATE]);
 *   the default sends them as one binary frame of little-endian PCM
 * @received: a text frame from the service
 * @closing: the channel's audio has ended: ask the service for its last
 *   hypotheses (an end-of-stream message)
 * @keep_alive: (nullable): no audio has been sent for a while (the
 *   capture stopped, a device failed): tell the service the stream is
 *   still wanted, for a service that closes idle streams
 * @finalize: (nullable): the call is on hold: ask the service to finalise
 *   what it has heard, keeping the stream (Deepgram's `Finalize`)
 * @check_language: (nullable): whether the service transcribes a
 *   language (a BCP 47 tag); %NULL for a service that takes any
 * @dup_model: (nullable): the model the service uses with the current
 *   settings, for each utterance to record; the default is the model set
 * @name: the engine's name, as ac_speech_service_names() give them
 *
 * A speech service spoken to over WebSocket, one stream per channel.  The
 * vfuncs run on the engine's worker thread.
 */
struct _AcStreamingEngineClass
{
  GObjectClass parent_class;

  SoupMessage *(*handshake)  (AcStreamingEngine  *self,
                              guint               channel,
                              GError            **error);
  void         (*opened)     (AcStreamingEngine  *self,
                              AcStream           *stream);
  void         (*send_audio) (AcStreamingEngine  *self,
                              AcStream           *stream,
                              const gint16       *samples,
                              gsize               n_samples);
  void         (*received)   (AcStreamingEngine  *self,
                              AcStream           *stream,
                              const char         *text,
                              gsize               length);
  void         (*closing)    (AcStreamingEngine  *self,
                              AcStream           *stream);
  void         (*keep_alive) (AcStreamingEngine  *self,
                              AcStream           *stream);
  void         (*finalize)   (AcStreamingEngine  *self,
                              AcStream           *stream);
  gboolean     (*check_language) (AcStreamingEngine *self,
                                  const char        *language,
                                  GError           **error);
  char        *(*dup_model)  (AcStreamingEngine  *self);

  const char  *name;

  gpointer padding[3];
};

gboolean ac_speech_check_url               (const char        *url,
                                            gboolean           allow_insecure,
                                            GError           **error);
void     ac_streaming_engine_set_service   (AcStreamingEngine *self,
                                            const char        *url,
                                            const char        *key,
                                            gboolean           allow_insecure);
const char *ac_streaming_engine_get_url    (AcStreamingEngine *self);
void     ac_streaming_engine_set_model     (AcStreamingEngine *self,
                                            const char        *model);
char    *ac_streaming_engine_dup_model     (AcStreamingEngine *self);
char    *ac_streaming_engine_dup_language  (AcStreamingEngine *self);
void     ac_streaming_engine_set_keep_alive_interval (AcStreamingEngine *self,
                                                      guint              interval_ms);
void     ac_streaming_engine_set_retry_interval (AcStreamingEngine *self,
                                                 guint              interval_ms);
gint64   ac_streaming_engine_get_retry_time (AcStreamingEngine *self,
                                             guint              channel);
void     ac_streaming_engine_resume        (AcStreamingEngine *self,
                                            guint              channel,
                                            gint64             start_ms,
                                            const gint16      *samples,
                                            gsize              n_samples);
SoupMessage *ac_streaming_engine_new_request (AcStreamingEngine  *self,
                                              const char         *query,
                                              const char         *key_prefix,
                                              const char         *missing_key,
                                              GError            **error);
double   ac_speech_json_number              (JsonObject        *object,
                                             const char        *name,
                                             double             fallback);
JsonArray *ac_speech_json_array             (JsonObject        *object,
                                             const char        *name);
void     ac_streaming_engine_set_backoff   (AcStreamingEngine *self,
                                            guint              base_ms,
                                            guint              cap_ms);
void     ac_streaming_engine_set_finish_timeout (AcStreamingEngine *self,
                                                 guint              timeout_ms);
void     ac_streaming_engine_set_unreachable_timeout (AcStreamingEngine *self,
                                                      guint              timeout_ms);
GArray  *ac_streaming_engine_dup_unfinished (AcStreamingEngine *self,
                                             guint              channel,
                                             gint64            *start_ms);
guint    ac_streaming_engine_get_n_connections (AcStreamingEngine *self,
                                                guint              channel);
gint64   ac_streaming_engine_get_received_time (AcStreamingEngine *self,
                                                guint              channel);

guint    ac_stream_get_channel      (AcStream     *stream);
gint64   ac_stream_get_offset_ms    (AcStream     *stream);
gint64   ac_stream_get_sent_ms      (AcStream     *stream);
void     ac_stream_send_text        (AcStream     *stream,
                                     const char   *text);
void     ac_stream_send_binary      (AcStream     *stream,
                                     gconstpointer data,
                                     gsize         size);
void     ac_stream_emit             (AcStream     *stream,
                                     AcUtterance  *utterance);
void     ac_stream_close            (AcStream     *stream);

G_END_DECLS
