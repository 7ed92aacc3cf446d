/* ac-streaming-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-streaming-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ac-streaming-engine.h"

/**
 * AcStreamingEngine:
 *
 * The part every speech service spoken to over WebSocket shares: one
 * stream per channel, on a worker thread of the engine's own (its
 * #GMainContext runs the libsoup session), so that the capture threads
 * that give the audio never wait for the network.  Subclasses speak the
 * protocol (the vfuncs of #AcStreamingEngineClass).
 *
 * Nothing said is lost to the network: a channel keeps the audio it has
 * given that no final hypothesis covers yet, and when the connection
 * drops, it reconnects with exponential backoff and full jitter (a random
 * wait up to base × 2^attempt, at most the cap; AWS Architecture Blog,
 * “Exponential Backoff And Jitter”, 2015) and sends that audio again, so
 * the words the dropped stream had not finalised are heard on the new
 * one.  A service's times count from the start of its stream; the stream
 * adds where on the call that stream started (ac_stream_get_offset_ms()).
 *
 * ac_speech_engine_finish() asks the service for its last hypotheses and
 * waits for the stream to close, at most the finish timeout (10 s); a
 * service silent that long fails the channel if audio is left that no
 * final covers, so that another engine can hear it.
 * A service that refuses the handshake with 401 or 403 (the key), or 402 or
 * 429 (the account's quota), fails the channel: the next
 * ac_speech_engine_process() says so, and [class@FallbackEngine] hears the
 * rest on this computer — and, where the failure can pass (out of reach,
 * 429), tries the service again from ac_streaming_engine_get_retry_time()
 * (a 429's `Retry-After`, RFC 9110 §10.2.3, else the retry interval) with
 * ac_streaming_engine_resume().
 *
 * While no audio flows on an open stream (the capture stopped, a device
 * failed) the engine tells the service the stream is still wanted every
 * keep-alive interval (5 s), for services that close idle streams
 * (Deepgram closes after about 10 s without audio).
 *
 * Each hypothesis records the engine's name and model
 * (ac_utterance_set_engine()).  The language can change during a call
 * (ac_speech_engine_set_language(): a customer's preferred language): the
 * open streams reconnect with it and the audio no final covers is heard
 * again.
 */

#define BYTES_PER_SAMPLE   2
#define MAX_CHUNK_SAMPLES  (AC_SPEECH_SAMPLE_RATE / 2)  /* 0.5 s a frame */
#define MAX_FRAME_BYTES    (1024 * 1024)
#define HTTP_TOO_MANY_REQUESTS 429   /* RFC 6585; libsoup 3.2 has no name for it */

struct _AcStream
{
  AcStreamingEngine       *engine;        /* not owned: it owns the stream */
  guint                    channel;

  /* Under the engine's lock: given by process(), read by the worker. */
  GArray                  *audio;         /* gint16 not covered by a final */
  guint64                  audio_base;    /* call-clock sample of audio[0] */
  guint64                  n_given;       /* samples given since start */
  gboolean                 flush_queued;
  gboolean                 finishing;     /* finish() asked for the end */
  gboolean                 finished;      /* the service closed after it */
  GError                  *error;         /* fatal: the key refused */
  gint64                   retry_time;    /* with an error: monotonic µs from
                                           * which to try again, -1 never */
  guint                    generation;    /* start() counts calls */

  /* The worker's alone. */
  SoupWebsocketConnection *ws;
  GCancellable            *connecting;
  GSource                 *retry;
  guint64                  stream_base;   /* call-clock sample at the socket's 0 */
  guint64                  sent;          /* call-clock sample sent up to */
  guint                    attempts;
  gint64                   down_since;    /* monotonic µs, 0 while connected */
  guint                    n_connections;
  gboolean                 closing_sent;
  gint64                   last_sent;     /* monotonic µs of the last frame */
  gboolean                 trying;        /* resumed: one attempt, no retries */
  gint64                   received;      /* monotonic µs of the last frame in */
};

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupSession  *session;      /* the worker's */
  GMutex        lock;
  GCond         changed;
  AcStream      streams[2];
  guint         backoff_base_ms;
  guint         backoff_cap_ms;
  guint         finish_timeout_ms;
  guint         unreachable_ms;
  guint         keep_alive_ms;
  guint         retry_interval_ms;
  GSource      *ticker;       /* the keep-alives */
  char         *model;        /* under the lock */
  char         *language;
  char         *url;          /* the service's; set before the first call */
  char         *key;          /* wiped when let go */
  gboolean      allow_insecure;
} AcStreamingEnginePrivate;

static void ac_streaming_engine_speech_init (AcSpeechEngineInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (AcStreamingEngine, ac_streaming_engine, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (AcStreamingEngine)
                                  G_IMPLEMENT_INTERFACE (AC_TYPE_SPEECH_ENGINE,
                                                         ac_streaming_engine_speech_init))

#define PRIV(self) ((AcStreamingEnginePrivate *) ac_streaming_engine_get_instance_private (self))

static void connect_stream (AcStream *stream);

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
samples_to_ms (guint64 samples)
{
  return (gint64) (samples * 1000 / AC_SPEECH_SAMPLE_RATE);
}

/* --------------------------------------------------------------- worker */

static gpointer
run_worker (gpointer data)
{
  AcStreamingEnginePrivate *priv = data;

  g_main_context_push_thread_default (priv->context);
  priv->session = soup_session_new ();
  g_main_loop_run (priv->loop);
  g_clear_object (&priv->session);
  /* What the closed sockets still had to say. */
  while (g_main_context_iteration (priv->context, FALSE))
    ;
  g_main_context_pop_thread_default (priv->context);
  return NULL;
}

static void
invoke (AcStream    *stream,
        GSourceFunc  func)
{
  g_main_context_invoke (PRIV (stream->engine)->context, func, stream);
}

static void
drop_socket (AcStream *stream)
{
  if (stream->ws == NULL)
    return;
  g_signal_handlers_disconnect_by_data (stream->ws, stream);
  if (soup_websocket_connection_get_state (stream->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (stream->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&stream->ws);
}

/* The audio given and not sent yet, sent in chunks; then, once the call's
 * audio has ended, the protocol's end-of-stream. */
static gboolean
flush (gpointer data)
{
  AcStream *stream = data;
  AcStreamingEngine *self = stream->engine;
  AcStreamingEnginePrivate *priv = PRIV (self);
  gboolean finishing;

  for (;;)
    {
      g_autofree gint16 *chunk = NULL;
      gsize n = 0;

      g_mutex_lock (&priv->lock);
      stream->flush_queued = FALSE;
      finishing = stream->finishing;
      if (stream->error != NULL)
        {
          g_mutex_unlock (&priv->lock);
          return G_SOURCE_REMOVE;
        }
      if (stream->ws != NULL && stream->sent < stream->audio_base + stream->audio->len)
        {
          guint64 from = MAX (stream->sent, stream->audio_base);

          n = MIN ((gsize) (stream->audio_base + stream->audio->len - from), (gsize) MAX_CHUNK_SAMPLES);
          chunk = g_memdup2 (&g_array_index (stream->audio, gint16, from - stream->audio_base),
                             n * BYTES_PER_SAMPLE);
          stream->sent = from + n;
        }
      g_mutex_unlock (&priv->lock);

      if (stream->ws == NULL)
        {
          if (stream->connecting == NULL && stream->retry == NULL)
            connect_stream (stream);
          return G_SOURCE_REMOVE;
        }
      if (n == 0)
        break;
      AC_STREAMING_ENGINE_GET_CLASS (self)->send_audio (self, stream, chunk, n);
      stream->last_sent = g_get_monotonic_time ();
    }

  if (finishing && !stream->closing_sent)
    {
      stream->closing_sent = TRUE;
      AC_STREAMING_ENGINE_GET_CLASS (self)->closing (self, stream);
    }
  return G_SOURCE_REMOVE;
}

/* The channel cannot go on (the worker, the lock not held): the next
 * process() says why; @retry_after_ms is when the service may be tried
 * again, -1 never (the key refused). */
static void
fail_stream (AcStream *stream,
             gint64    retry_after_ms,
             GError   *error)
{
  AcStreamingEnginePrivate *priv = PRIV (stream->engine);

  g_mutex_lock (&priv->lock);
  g_clear_error (&stream->error);
  stream->error = error;
  stream->retry_time = retry_after_ms < 0 ? -1
                                          : g_get_monotonic_time () + retry_after_ms * G_TIME_SPAN_MILLISECOND;
  g_cond_broadcast (&priv->changed);
  g_mutex_unlock (&priv->lock);
}

static gboolean
retry_now (gpointer data)
{
  AcStream *stream = data;

  g_clear_pointer (&stream->retry, g_source_unref);
  connect_stream (stream);
  return G_SOURCE_REMOVE;
}

/* The next attempt after a random wait up to base × 2^attempts (at most
 * the cap): full jitter. */
static void
schedule_retry (AcStream *stream)
{
  AcStreamingEnginePrivate *priv = PRIV (stream->engine);
  guint64 ceiling = (guint64) priv->backoff_base_ms << MIN (stream->attempts, 16u);
  guint wait_ms;

  if (stream->retry != NULL)
    return;

  /* Down too long: the channel fails, for whoever can hear it instead. */
  if (stream->down_since == 0)
    stream->down_since = g_get_monotonic_time ();
  else if (g_get_monotonic_time () - stream->down_since >= (gint64) priv->unreachable_ms * G_TIME_SPAN_MILLISECOND)
    {
      fail_stream (stream, priv->retry_interval_ms,
                   g_error_new (AC_SPEECH_ERROR, AC_SPEECH_ERROR_UNREACHABLE,
                                _("The speech service cannot be reached")));
      return;
    }
  ceiling = MIN (ceiling, (guint64) priv->backoff_cap_ms);
  wait_ms = ceiling > 0 ? (guint) g_random_int_range (0, (gint32) ceiling + 1) : 0;
  stream->attempts++;
  g_debug ("Channel %u: reconnecting in %u ms (attempt %u)", stream->channel, wait_ms, stream->attempts);

  stream->retry = g_timeout_source_new (wait_ms);
  g_source_set_callback (stream->retry, retry_now, stream, NULL);
  g_source_set_static_name (stream->retry, "[agent-console] speech reconnect");
  g_source_attach (stream->retry, priv->context);
}

static void
on_message (SoupWebsocketConnection *ws,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            AcStream                *stream)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);
  g_autofree char *text = NULL;

  stream->received = g_get_monotonic_time ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  text = g_strndup (data, length);
  AC_STREAMING_ENGINE_GET_CLASS (stream->engine)->received (stream->engine, stream, text, strlen (text));
}

static void
on_closed (SoupWebsocketConnection *ws,
           AcStream                *stream)
{
  AcStreamingEnginePrivate *priv = PRIV (stream->engine);
  gushort code = soup_websocket_connection_get_close_code (ws);
  gboolean done;

  g_debug ("Channel %u: the stream closed (code %u)", stream->channel, code);
  g_signal_handlers_disconnect_by_data (ws, stream);
  g_clear_object (&stream->ws);

  /* The end only if the service ended it as asked: a failure after the
   * end-of-stream (1011) still owes the last words. */
  g_mutex_lock (&priv->lock);
  done = stream->finishing && stream->closing_sent && code == SOUP_WEBSOCKET_CLOSE_NORMAL;
  if (done)
    stream->finished = TRUE;
  g_cond_broadcast (&priv->changed);
  g_mutex_unlock (&priv->lock);

  /* Closed before its end: the audio no final covers is sent again. */
  if (!done)
    {
      stream->closing_sent = FALSE;
      schedule_retry (stream);
    }
}

static void
on_error (SoupWebsocketConnection *ws,
          GError                  *error,
          AcStream                *stream)
{
  g_debug ("Channel %u: the speech service's stream failed: %s", stream->channel, error->message);
}

/* How long a 429 asks to wait: its Retry-After in seconds or as a date
 * (RFC 9110 §10.2.3), else @fallback_ms. */
static gint64
retry_after_ms (SoupMessage *msg,
                gint64       fallback_ms)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return fallback_ms;
  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return (gint64) seconds * 1000;
  if ((when = soup_date_time_new_from_http_string (value)) == NULL)
    return fallback_ms;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (when, now) / G_TIME_SPAN_MILLISECOND, 0);
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AcStream *stream = user_data;
  AcStreamingEnginePrivate *priv;
  g_autoptr(GError) error = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  SoupWebsocketConnection *ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  guint status = msg != NULL ? soup_message_get_status (msg) : 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  priv = PRIV (stream->engine);
  g_clear_object (&stream->connecting);

  if (ws == NULL)
    {
      /* The key refused, or the account out of quota: no retry will do. */
      if (status == HTTP_TOO_MANY_REQUESTS)
        {
          fail_stream (stream, retry_after_ms (msg, priv->retry_interval_ms),
                       g_error_new (AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                                    _("The speech service refused the call: too many requests for the account "
                                      "(HTTP %u)"), status));
          return;
        }
      if (status == SOUP_STATUS_PAYMENT_REQUIRED)
        {
          fail_stream (stream, -1,
                       g_error_new (AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                                    _("The speech service refused the call: the account is out of quota (HTTP %u)"),
                                    status));
          return;
        }
      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          fail_stream (stream, -1,
                       g_error_new (AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                                    _("The speech service refused the key (HTTP %u)"), status));
          return;
        }
      g_debug ("Channel %u: cannot reach the speech service: %s", stream->channel, error->message);
      /* Tried again after a failure: still out of reach, for now. */
      if (stream->trying)
        {
          stream->trying = FALSE;
          fail_stream (stream, priv->retry_interval_ms,
                       g_error_new (AC_SPEECH_ERROR, AC_SPEECH_ERROR_UNREACHABLE,
                                    _("The speech service cannot be reached")));
          return;
        }
      schedule_retry (stream);
      return;
    }

  stream->ws = ws;
  stream->trying = FALSE;
  stream->last_sent = g_get_monotonic_time ();
  g_mutex_lock (&priv->lock);
  stream->n_connections++;
  g_mutex_unlock (&priv->lock);
  stream->attempts = 0;
  stream->down_since = 0;
  stream->closing_sent = FALSE;
  soup_websocket_connection_set_max_incoming_payload_size (ws, MAX_FRAME_BYTES);
  soup_websocket_connection_set_keepalive_interval (ws, 0);
  g_signal_connect (ws, "message", G_CALLBACK (on_message), stream);
  g_signal_connect (ws, "closed", G_CALLBACK (on_closed), stream);
  g_signal_connect (ws, "error", G_CALLBACK (on_error), stream);

  /* The new stream's time 0 is the first sample no final covers. */
  g_mutex_lock (&priv->lock);
  stream->stream_base = stream->audio_base;
  stream->sent = stream->audio_base;
  g_mutex_unlock (&priv->lock);

  AC_STREAMING_ENGINE_GET_CLASS (stream->engine)->opened (stream->engine, stream);
  g_signal_emit (stream->engine, signals[CONNECTED], 0, stream->channel);
  flush (stream);
}

static void
connect_stream (AcStream *stream)
{
  AcStreamingEngine *self = stream->engine;
  AcStreamingEnginePrivate *priv = PRIV (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  if (stream->ws != NULL || stream->connecting != NULL)
    return;

  msg = AC_STREAMING_ENGINE_GET_CLASS (self)->handshake (self, stream->channel, &error);
  if (msg == NULL)
    {
      fail_stream (stream, -1, g_steal_pointer (&error));
      return;
    }

  stream->connecting = g_cancellable_new ();
  soup_session_websocket_connect_async (priv->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        stream->connecting, on_connected, stream);
}

/* Open streams with nothing sent for the keep-alive interval say they are
 * still wanted. */
static gboolean
tick (gpointer data)
{
  AcStreamingEngine *self = data;
  AcStreamingEnginePrivate *priv = PRIV (self);
  AcStreamingEngineClass *klass = AC_STREAMING_ENGINE_GET_CLASS (self);
  gint64 now = g_get_monotonic_time ();

  if (klass->keep_alive == NULL)
    return G_SOURCE_CONTINUE;
  for (guint c = 0; c < G_N_ELEMENTS (priv->streams); c++)
    {
      AcStream *stream = &priv->streams[c];

      if (stream->ws != NULL && !stream->closing_sent &&
          now - stream->last_sent >= (gint64) priv->keep_alive_ms * G_TIME_SPAN_MILLISECOND)
        {
          g_debug ("Channel %u: no audio for %u ms, keeping the stream alive", c, priv->keep_alive_ms);
          klass->keep_alive (self, stream);
          stream->last_sent = now;
        }
    }
  return G_SOURCE_CONTINUE;
}

/* The settings of the stream changed (its language): a new one, which
 * hears again what the old one had not finalised. */
static gboolean
reconnect (gpointer data)
{
  AcStream *stream = data;

  if (stream->ws == NULL && stream->connecting == NULL)
    return G_SOURCE_REMOVE;
  if (stream->connecting != NULL)
    g_cancellable_cancel (stream->connecting);
  g_clear_object (&stream->connecting);
  drop_socket (stream);
  stream->closing_sent = FALSE;
  connect_stream (stream);
  return G_SOURCE_REMOVE;
}

/* A new call on the channel: the last one's stream goes. */
static gboolean
restart (gpointer data)
{
  AcStream *stream = data;

  if (stream->connecting != NULL)
    g_cancellable_cancel (stream->connecting);
  g_clear_object (&stream->connecting);
  if (stream->retry != NULL)
    g_source_destroy (stream->retry);
  g_clear_pointer (&stream->retry, g_source_unref);
  drop_socket (stream);
  stream->trying = FALSE;
  stream->attempts = 0;
  stream->down_since = 0;
  stream->closing_sent = FALSE;
  stream->sent = stream->stream_base = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
quit_worker (gpointer data)
{
  AcStreamingEngine *self = data;
  AcStreamingEnginePrivate *priv = PRIV (self);

  for (guint c = 0; c < G_N_ELEMENTS (priv->streams); c++)
    restart (&priv->streams[c]);
  if (priv->ticker != NULL)
    g_source_destroy (priv->ticker);
  g_clear_pointer (&priv->ticker, g_source_unref);
  g_main_loop_quit (priv->loop);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------- AcSpeechEngine */

static void
engine_start (AcSpeechEngine *engine,
              guint           channel)
{
  AcStreamingEngine *self = AC_STREAMING_ENGINE (engine);
  AcStreamingEnginePrivate *priv = PRIV (self);
  AcStream *stream;

  if (channel >= G_N_ELEMENTS (priv->streams))
    return;
  stream = &priv->streams[channel];

  g_mutex_lock (&priv->lock);
  g_array_set_size (stream->audio, 0);
  stream->audio_base = stream->n_given = 0;
  stream->finishing = stream->finished = FALSE;
  g_clear_error (&stream->error);
  stream->retry_time = 0;
  stream->generation++;
  g_mutex_unlock (&priv->lock);

  invoke (stream, restart);
}

static gboolean
engine_process (AcSpeechEngine  *engine,
                guint            channel,
                const gint16    *samples,
                gsize            n_samples,
                GError         **error)
{
  AcStreamingEngine *self = AC_STREAMING_ENGINE (engine);
  AcStreamingEnginePrivate *priv = PRIV (self);
  AcStream *stream;
  gboolean queue;

  if (channel >= G_N_ELEMENTS (priv->streams))
    return TRUE;
  stream = &priv->streams[channel];

  g_mutex_lock (&priv->lock);
  if (stream->error != NULL)
    {
      g_propagate_error (error, g_error_copy (stream->error));
      g_mutex_unlock (&priv->lock);
      return FALSE;
    }
  g_array_append_vals (stream->audio, samples, n_samples);
  stream->n_given += n_samples;
  queue = !stream->flush_queued;
  stream->flush_queued = TRUE;
  g_mutex_unlock (&priv->lock);

  if (queue)
    invoke (stream, flush);
  return TRUE;
}

static gboolean
finish_now (gpointer data)
{
  AcStream *stream = data;
  AcStreamingEnginePrivate *priv = PRIV (stream->engine);
  gboolean nothing;

  g_mutex_lock (&priv->lock);
  /* Nothing was ever said on the channel: no stream to end. */
  nothing = stream->n_given == 0 && stream->ws == NULL;
  if (nothing)
    {
      stream->finished = TRUE;
      g_cond_broadcast (&priv->changed);
    }
  g_mutex_unlock (&priv->lock);

  if (!nothing)
    flush (stream);
  return G_SOURCE_REMOVE;
}

static gboolean
engine_finish (AcSpeechEngine  *engine,
               guint            channel,
               GError         **error)
{
  AcStreamingEngine *self = AC_STREAMING_ENGINE (engine);
  AcStreamingEnginePrivate *priv = PRIV (self);
  AcStream *stream;
  gint64 deadline;

  if (channel >= G_N_ELEMENTS (priv->streams))
    return TRUE;
  stream = &priv->streams[channel];

  g_mutex_lock (&priv->lock);
  stream->finishing = TRUE;
  g_mutex_unlock (&priv->lock);
  invoke (stream, finish_now);

  deadline = g_get_monotonic_time () + (gint64) priv->finish_timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_mutex_lock (&priv->lock);
  while (!stream->finished && stream->error == NULL)
    if (!g_cond_wait_until (&priv->changed, &priv->lock, deadline))
      {
        /* A silent peer: what it had not finalised is someone else's to
         * hear ([class@FallbackEngine]). */
        g_message ("Channel %u: the speech service did not end its stream within %u ms",
                   channel, priv->finish_timeout_ms);
        if (stream->error == NULL && stream->audio->len > 0)
          {
            stream->error = g_error_new (AC_SPEECH_ERROR, AC_SPEECH_ERROR_UNREACHABLE,
                                         _("The speech service did not answer"));
            stream->retry_time = -1;
          }
        break;
      }
  if (stream->error != NULL)
    {
      g_propagate_error (error, g_error_copy (stream->error));
      g_mutex_unlock (&priv->lock);
      return FALSE;
    }
  g_mutex_unlock (&priv->lock);
  return TRUE;
}

static gboolean
finalize_now (gpointer data)
{
  AcStream *stream = data;
  AcStreamingEngineClass *klass = AC_STREAMING_ENGINE_GET_CLASS (stream->engine);

  /* After the audio given so far. */
  flush (stream);
  if (stream->ws != NULL && klass->finalize != NULL)
    klass->finalize (stream->engine, stream);
  return G_SOURCE_REMOVE;
}

static void
engine_hold (AcSpeechEngine *engine,
             guint           channel)
{
  AcStreamingEnginePrivate *priv = PRIV (AC_STREAMING_ENGINE (engine));

  if (channel < G_N_ELEMENTS (priv->streams))
    invoke (&priv->streams[channel], finalize_now);
}

static gboolean
engine_set_language (AcSpeechEngine  *engine,
                     const char      *language,
                     GError         **error)
{
  AcStreamingEngine *self = AC_STREAMING_ENGINE (engine);
  AcStreamingEngineClass *klass = AC_STREAMING_ENGINE_GET_CLASS (self);
  AcStreamingEnginePrivate *priv = PRIV (self);
  gboolean changed;

  if (language != NULL && language[0] == '\0')
    language = NULL;
  if (language != NULL && klass->check_language != NULL && !klass->check_language (self, language, error))
    return FALSE;

  g_mutex_lock (&priv->lock);
  changed = g_strcmp0 (priv->language, language) != 0;
  g_free (priv->language);
  priv->language = g_strdup (language);
  g_mutex_unlock (&priv->lock);

  if (changed)
    for (guint c = 0; c < G_N_ELEMENTS (priv->streams); c++)
      invoke (&priv->streams[c], reconnect);
  return TRUE;
}

static void
ac_streaming_engine_speech_init (AcSpeechEngineInterface *iface)
{
  iface->start = engine_start;
  iface->process = engine_process;
  iface->finish = engine_finish;
  iface->set_language = engine_set_language;
  iface->hold = engine_hold;
}

/* ----------------------------------------------------------- the class */

static void
default_send_audio (AcStreamingEngine *self,
                    AcStream          *stream,
                    const gint16      *samples,
                    gsize              n_samples)
{
  g_autofree gint16 *le = g_memdup2 (samples, n_samples * BYTES_PER_SAMPLE);

  for (gsize i = 0; i < n_samples; i++)
    le[i] = GINT16_TO_LE (le[i]);
  ac_stream_send_binary (stream, le, n_samples * BYTES_PER_SAMPLE);
}

static void
ac_streaming_engine_dispose (GObject *object)
{
  AcStreamingEngine *self = AC_STREAMING_ENGINE (object);
  AcStreamingEnginePrivate *priv = PRIV (self);

  if (priv->thread != NULL)
    {
      g_main_context_invoke (priv->context, quit_worker, self);
      g_thread_join (g_steal_pointer (&priv->thread));
    }

  G_OBJECT_CLASS (ac_streaming_engine_parent_class)->dispose (object);
}

static void
ac_streaming_engine_finalize (GObject *object)
{
  AcStreamingEngine *self = AC_STREAMING_ENGINE (object);
  AcStreamingEnginePrivate *priv = PRIV (self);

  for (guint c = 0; c < G_N_ELEMENTS (priv->streams); c++)
    {
      g_array_unref (priv->streams[c].audio);
      g_clear_error (&priv->streams[c].error);
    }
  g_clear_pointer (&priv->loop, g_main_loop_unref);
  g_clear_pointer (&priv->context, g_main_context_unref);
  g_free (priv->url);
  g_free (priv->model);
  g_free (priv->language);
  if (priv->key != NULL)
    memset (priv->key, 0, strlen (priv->key));
  g_free (priv->key);
  g_mutex_clear (&priv->lock);
  g_cond_clear (&priv->changed);

  G_OBJECT_CLASS (ac_streaming_engine_parent_class)->finalize (object);
}

static void
ac_streaming_engine_class_init (AcStreamingEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ac_streaming_engine_dispose;
  object_class->finalize = ac_streaming_engine_finalize;
  klass->send_audio = default_send_audio;

  /**
   * AcStreamingEngine::connected:
   * @self: the engine
   * @channel: 0 customer, 1 agent
   *
   * A stream of the channel is open (the first, or one after a
   * reconnection or ac_streaming_engine_resume()).  Emitted on the
   * engine's worker thread.
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
ac_streaming_engine_init (AcStreamingEngine *self)
{
  AcStreamingEnginePrivate *priv = PRIV (self);

  g_mutex_init (&priv->lock);
  g_cond_init (&priv->changed);
  priv->backoff_base_ms = 250;
  priv->backoff_cap_ms = 8000;
  priv->finish_timeout_ms = 10000;
  priv->unreachable_ms = 10000;
  priv->keep_alive_ms = 5000;
  priv->retry_interval_ms = 15000;
  for (guint c = 0; c < G_N_ELEMENTS (priv->streams); c++)
    {
      priv->streams[c].engine = self;
      priv->streams[c].channel = c;
      priv->streams[c].audio = g_array_new (FALSE, FALSE, sizeof (gint16));
    }
  priv->context = g_main_context_new ();
  priv->loop = g_main_loop_new (priv->context, FALSE);
  priv->ticker = g_timeout_source_new (500);
  g_source_set_callback (priv->ticker, tick, self, NULL);
  g_source_set_static_name (priv->ticker, "[agent-console] speech keep-alive");
  g_source_attach (priv->ticker, priv->context);
  priv->thread = g_thread_new ("ac-speech-stream", run_worker, priv);
}

/**
 * ac_streaming_engine_set_service:
 * @self: an #AcStreamingEngine
 * @url: the service's WebSocket address
 * @key: (nullable): its API key, kept in memory only and wiped when the
 *   engine goes
 * @allow_insecure: allow `ws://` to another computer
 *
 * Where the engine's service is, for ac_streaming_engine_new_request();
 * for subclasses, once, when they are made.
 */
void
ac_streaming_engine_set_service (AcStreamingEngine *self,
                                 const char        *url,
                                 const char        *key,
                                 gboolean           allow_insecure)
{
  AcStreamingEnginePrivate *priv;

  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));

  priv = PRIV (self);
  g_free (priv->url);
  priv->url = g_strdup (url);
  g_free (priv->key);
  priv->key = g_strdup (key);
  priv->allow_insecure = allow_insecure;
}

/**
 * ac_streaming_engine_get_url:
 * @self: an #AcStreamingEngine
 *
 * Returns: (transfer none) (nullable): the service's address
 */
const char *
ac_streaming_engine_get_url (AcStreamingEngine *self)
{
  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (self), NULL);

  return PRIV (self)->url;
}

/**
 * ac_streaming_engine_set_model:
 * @self: an #AcStreamingEngine
 * @model: (nullable): the service's model, as it names them; %NULL or
 *   empty for its default
 *
 * For subclasses, when they are made.
 */
void
ac_streaming_engine_set_model (AcStreamingEngine *self,
                               const char        *model)
{
  AcStreamingEnginePrivate *priv;

  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  g_free (priv->model);
  priv->model = model != NULL && model[0] != '\0' ? g_strdup (model) : NULL;
  g_mutex_unlock (&priv->lock);
}

/**
 * ac_streaming_engine_dup_model:
 * @self: an #AcStreamingEngine
 *
 * Returns: (transfer full) (nullable): the model set, %NULL for the
 *   service's default
 */
char *
ac_streaming_engine_dup_model (AcStreamingEngine *self)
{
  AcStreamingEnginePrivate *priv;
  char *model;

  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (self), NULL);

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  model = g_strdup (priv->model);
  g_mutex_unlock (&priv->lock);
  return model;
}

/**
 * ac_streaming_engine_dup_language:
 * @self: an #AcStreamingEngine
 *
 * Returns: (transfer full) (nullable): the language the streams are opened
 *   with (ac_speech_engine_set_language()), %NULL for the service's default
 */
char *
ac_streaming_engine_dup_language (AcStreamingEngine *self)
{
  AcStreamingEnginePrivate *priv;
  char *language;

  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (self), NULL);

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  language = g_strdup (priv->language);
  g_mutex_unlock (&priv->lock);
  return language;
}

/**
 * ac_streaming_engine_set_keep_alive_interval:
 * @self: an #AcStreamingEngine
 * @interval_ms: how long an open stream may go without a frame before the
 *   engine sends the service's keep-alive, in ms (5000 by default:
 *   Deepgram closes a stream after about 10 s without audio and asks for
 *   a KeepAlive every 3 to 5 s)
 */
void
ac_streaming_engine_set_keep_alive_interval (AcStreamingEngine *self,
                                             guint              interval_ms)
{
  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));

  PRIV (self)->keep_alive_ms = interval_ms;
}

/**
 * ac_streaming_engine_set_retry_interval:
 * @self: an #AcStreamingEngine
 * @interval_ms: how long after a channel failed for a passing reason (out
 *   of reach; a 429 without `Retry-After`) its service may be tried again,
 *   in ms (15000 by default)
 */
void
ac_streaming_engine_set_retry_interval (AcStreamingEngine *self,
                                        guint              interval_ms)
{
  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));

  PRIV (self)->retry_interval_ms = interval_ms;
}

/**
 * ac_streaming_engine_get_retry_time:
 * @self: an #AcStreamingEngine
 * @channel: 0 customer, 1 agent
 *
 * Returns: for a failed channel, the monotonic time (g_get_monotonic_time(),
 *   µs) from which its service may be tried again with
 *   ac_streaming_engine_resume(); -1 for never this call (the key or the
 *   account refused); 0 if the channel has not failed
 */
gint64
ac_streaming_engine_get_retry_time (AcStreamingEngine *self,
                                    guint              channel)
{
  AcStreamingEnginePrivate *priv;
  gint64 when;

  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (self), -1);
  g_return_val_if_fail (channel < 2, -1);

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  when = priv->streams[channel].error != NULL ? priv->streams[channel].retry_time : 0;
  g_mutex_unlock (&priv->lock);
  return when;
}

static gboolean
resume_now (gpointer data)
{
  AcStream *stream = data;

  restart (stream);
  stream->trying = TRUE;
  connect_stream (stream);
  return G_SOURCE_REMOVE;
}

/**
 * ac_streaming_engine_resume:
 * @self: an #AcStreamingEngine
 * @channel: 0 customer, 1 agent
 * @start_ms: where on the call @samples start, in ms
 * @samples: (array length=n_samples) (nullable): audio another engine has
 *   not finalised, 16-bit mono at [const@SPEECH_SAMPLE_RATE]
 * @n_samples: how many
 *
 * Takes a failed channel back from @start_ms: its failure is forgotten, a
 * new stream opens at once and hears @samples, then what
 * ac_speech_engine_process() gives next.  If the service still cannot be
 * reached the channel fails again as before.
 */
void
ac_streaming_engine_resume (AcStreamingEngine *self,
                            guint              channel,
                            gint64             start_ms,
                            const gint16      *samples,
                            gsize              n_samples)
{
  AcStreamingEnginePrivate *priv;
  AcStream *stream;

  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));
  g_return_if_fail (channel < 2);
  g_return_if_fail (samples != NULL || n_samples == 0);

  priv = PRIV (self);
  stream = &priv->streams[channel];
  g_mutex_lock (&priv->lock);
  g_array_set_size (stream->audio, 0);
  g_array_append_vals (stream->audio, samples, n_samples);
  stream->audio_base = (guint64) MAX (start_ms, 0) * AC_SPEECH_SAMPLE_RATE / 1000;
  stream->n_given += n_samples;
  stream->finishing = stream->finished = FALSE;
  g_clear_error (&stream->error);
  stream->retry_time = 0;
  g_mutex_unlock (&priv->lock);

  invoke (stream, resume_now);
}

/**
 * ac_streaming_engine_new_request:
 * @self: an #AcStreamingEngine
 * @query: (nullable): the stream's settings, an encoded query string
 *   added to the service's address
 * @key_prefix: (nullable): what goes before the key in the
 *   `Authorization` header (`Token ` for Deepgram, `""` for the key
 *   alone); %NULL for a service without a key
 * @missing_key: (nullable): the sentence for a key that is needed and
 *   missing
 * @error: return location for an %AC_SPEECH_ERROR
 *
 * The handshake most services want: the address checked
 * (ac_speech_check_url()), the query added, the key in `Authorization`.
 *
 * Returns: (transfer full): the request, or %NULL with an error
 */
SoupMessage *
ac_streaming_engine_new_request (AcStreamingEngine  *self,
                                 const char         *query,
                                 const char         *key_prefix,
                                 const char         *missing_key,
                                 GError            **error)
{
  AcStreamingEnginePrivate *priv = PRIV (self);
  g_autofree char *uri = NULL;
  g_autofree char *authorization = NULL;
  SoupMessage *msg;

  if (!ac_speech_check_url (priv->url, priv->allow_insecure, error))
    return NULL;
  if (key_prefix != NULL && (priv->key == NULL || priv->key[0] == '\0'))
    {
      g_set_error_literal (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED, missing_key);
      return NULL;
    }

  uri = query != NULL ? g_strconcat (priv->url, strchr (priv->url, '?') != NULL ? "&" : "?", query, NULL)
                      : g_strdup (priv->url);
  if ((msg = soup_message_new (SOUP_METHOD_GET, uri)) == NULL)
    {
      g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                   _("“%s” is not a speech service’s address (wss://…)"), priv->url);
      return NULL;
    }
  if (key_prefix != NULL)
    {
      authorization = g_strconcat (key_prefix, priv->key, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }
  return msg;
}

/**
 * ac_speech_json_number:
 * @object: (nullable): a service's JSON object
 * @name: a member
 * @fallback: what a missing or non-number member is
 *
 * Returns: the member as a number (integers too), or @fallback
 */
double
ac_speech_json_number (JsonObject *object,
                       const char *name,
                       double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_double (node);
  return fallback;
}

/**
 * ac_speech_json_array:
 * @object: (nullable): a service's JSON object
 * @name: a member
 *
 * Returns: (transfer none) (nullable): the member if it is an array
 */
JsonArray *
ac_speech_json_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * ac_streaming_engine_set_backoff:
 * @self: an #AcStreamingEngine
 * @base_ms: the first reconnection's longest wait, in ms (250 by default)
 * @cap_ms: the longest wait of any, in ms (8000 by default)
 */
void
ac_streaming_engine_set_backoff (AcStreamingEngine *self,
                                 guint              base_ms,
                                 guint              cap_ms)
{
  AcStreamingEnginePrivate *priv;

  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  priv->backoff_base_ms = base_ms;
  priv->backoff_cap_ms = MAX (cap_ms, base_ms);
  g_mutex_unlock (&priv->lock);
}

/**
 * ac_streaming_engine_set_finish_timeout:
 * @self: an #AcStreamingEngine
 * @timeout_ms: how long ac_speech_engine_finish() waits for the service's
 *   last hypotheses, in ms (10000 by default)
 */
void
ac_streaming_engine_set_finish_timeout (AcStreamingEngine *self,
                                        guint              timeout_ms)
{
  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));

  PRIV (self)->finish_timeout_ms = timeout_ms;
}

/**
 * ac_streaming_engine_set_unreachable_timeout:
 * @self: an #AcStreamingEngine
 * @timeout_ms: how long a channel may stay without a connection before it
 *   fails with %AC_SPEECH_ERROR_UNREACHABLE, in ms (10000 by default)
 */
void
ac_streaming_engine_set_unreachable_timeout (AcStreamingEngine *self,
                                             guint              timeout_ms)
{
  g_return_if_fail (AC_IS_STREAMING_ENGINE (self));

  PRIV (self)->unreachable_ms = timeout_ms;
}

/**
 * ac_streaming_engine_dup_unfinished:
 * @self: an #AcStreamingEngine
 * @channel: 0 customer, 1 agent
 * @start_ms: (out): where on the call the audio starts, in ms
 *
 * The channel's audio that no final hypothesis covers yet: what another
 * engine must hear for nothing to be lost when this one cannot go on.
 *
 * Returns: (transfer full) (element-type gint16): the samples, 16-bit mono
 *   at [const@SPEECH_SAMPLE_RATE]
 */
GArray *
ac_streaming_engine_dup_unfinished (AcStreamingEngine *self,
                                    guint              channel,
                                    gint64            *start_ms)
{
  AcStreamingEnginePrivate *priv;
  GArray *copy;

  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (self), NULL);
  g_return_val_if_fail (channel < 2, NULL);

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint16), priv->streams[channel].audio->len);
  g_array_append_vals (copy, priv->streams[channel].audio->data, priv->streams[channel].audio->len);
  *start_ms = samples_to_ms (priv->streams[channel].audio_base);
  g_mutex_unlock (&priv->lock);
  return copy;
}

/**
 * ac_streaming_engine_get_n_connections:
 * @self: an #AcStreamingEngine
 * @channel: 0 customer, 1 agent
 *
 * Returns: how many streams the channel has opened since the engine was
 *   made (reconnections included)
 */
guint
ac_streaming_engine_get_n_connections (AcStreamingEngine *self,
                                       guint              channel)
{
  AcStreamingEnginePrivate *priv;
  guint n;

  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (self), 0);
  g_return_val_if_fail (channel < 2, 0);

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  n = priv->streams[channel].n_connections;
  g_mutex_unlock (&priv->lock);
  return n;
}

/**
 * ac_streaming_engine_get_received_time:
 * @self: an #AcStreamingEngine
 * @channel: 0 customer, 1 agent
 *
 * For measurements: when the frame being handled arrived.  Valid in a
 * [signal@SpeechEngine::hypothesis] handler, which runs on the engine's
 * worker thread while the frame that made the hypothesis is handled.
 *
 * Returns: the monotonic time (g_get_monotonic_time(), µs) the channel's
 *   last frame from the service arrived; 0 before any
 */
gint64
ac_streaming_engine_get_received_time (AcStreamingEngine *self,
                                       guint              channel)
{
  g_return_val_if_fail (AC_IS_STREAMING_ENGINE (self), 0);
  g_return_val_if_fail (channel < 2, 0);

  return PRIV (self)->streams[channel].received;
}

/**
 * ac_speech_check_url:
 * @url: a speech service's address
 * @allow_insecure: whether `ws://` may leave this computer
 * @error: return location for an %AC_SPEECH_ERROR
 *
 * A speech service's address is `wss://`: the call's audio is encrypted
 * on the way.  `ws://` is for this computer (127.0.0.1, ::1, localhost),
 * or anywhere with @allow_insecure — the backend's rule.
 *
 * Returns: whether @url may be used
 */
gboolean
ac_speech_check_url (const char  *url,
                     gboolean     allow_insecure,
                     GError     **error)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || host[0] == '\0' ||
      (g_strcmp0 (scheme, "ws") != 0 && g_strcmp0 (scheme, "wss") != 0))
    {
      g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                   _("“%s” is not a speech service’s address (wss://…)"), url != NULL ? url : "");
      return FALSE;
    }
  if (g_str_equal (scheme, "ws") && !allow_insecure &&
      !g_str_equal (host, "127.0.0.1") && !g_str_equal (host, "::1") && !g_str_equal (host, "localhost"))
    {
      g_set_error (error, AC_SPEECH_ERROR, AC_SPEECH_ERROR_FAILED,
                   _("The speech service’s address %s is not encrypted: use wss://, or allow unencrypted "
                     "connections"), url);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- AcStream */

/**
 * ac_stream_get_channel:
 * @stream: a stream
 *
 * Returns: its channel, 0 customer, 1 agent
 */
guint
ac_stream_get_channel (AcStream *stream)
{
  return stream->channel;
}

/**
 * ac_stream_get_offset_ms:
 * @stream: a stream
 *
 * Returns: where on the call the current socket's time 0 is, in ms: add
 *   it to the service's times
 */
gint64
ac_stream_get_offset_ms (AcStream *stream)
{
  return samples_to_ms (stream->stream_base);
}

/**
 * ac_stream_get_sent_ms:
 * @stream: a stream
 *
 * Returns: how much of the call the service has been sent, in ms on the
 *   call's clock: the end of what a partial hypothesis can cover
 */
gint64
ac_stream_get_sent_ms (AcStream *stream)
{
  return samples_to_ms (stream->sent);
}

/**
 * ac_stream_send_text:
 * @stream: a stream
 * @text: a text frame
 *
 * Sends @text if the stream is open.
 */
void
ac_stream_send_text (AcStream   *stream,
                     const char *text)
{
  if (stream->ws != NULL && soup_websocket_connection_get_state (stream->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (stream->ws, text);
}

/**
 * ac_stream_send_binary:
 * @stream: a stream
 * @data: (array length=size): the frame's bytes
 * @size: how many
 *
 * Sends a binary frame if the stream is open.
 */
void
ac_stream_send_binary (AcStream      *stream,
                       gconstpointer  data,
                       gsize          size)
{
  if (stream->ws != NULL && soup_websocket_connection_get_state (stream->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_binary (stream->ws, data, size);
}

/**
 * ac_stream_emit:
 * @stream: a stream
 * @utterance: a hypothesis of the stream's channel, its times on the
 *   call's clock (the service's plus ac_stream_get_offset_ms())
 *
 * Emits [signal@SpeechEngine::hypothesis].  A final hypothesis also lets
 * go of the audio it covers: what is sent again after a reconnection
 * starts after it.
 */
void
ac_stream_emit (AcStream    *stream,
                AcUtterance *utterance)
{
  AcStreamingEnginePrivate *priv = PRIV (stream->engine);

  if (ac_utterance_get_engine (utterance) == NULL)
    {
      AcStreamingEngineClass *klass = AC_STREAMING_ENGINE_GET_CLASS (stream->engine);
      g_autofree char *model = klass->dup_model != NULL ? klass->dup_model (stream->engine)
                                                       : ac_streaming_engine_dup_model (stream->engine);

      ac_utterance_set_engine (utterance, klass->name, model);
    }
  if (ac_utterance_get_is_final (utterance))
    {
      guint64 covered = (guint64) MAX (ac_utterance_get_end_ms (utterance), 0) * AC_SPEECH_SAMPLE_RATE / 1000;

      g_mutex_lock (&priv->lock);
      if (covered > stream->audio_base)
        {
          guint drop = (guint) MIN (covered - stream->audio_base, (guint64) stream->audio->len);

          g_array_remove_range (stream->audio, 0, drop);
          stream->audio_base += drop;
        }
      g_mutex_unlock (&priv->lock);
    }
  ac_speech_engine_emit_hypothesis (AC_SPEECH_ENGINE (stream->engine), utterance);
}

/**
 * ac_stream_close:
 * @stream: a stream
 *
 * Ends the stream from this side, normally (1000): for a protocol whose
 * service does not close when it has said everything (OpenAI's), once it
 * has.
 */
void
ac_stream_close (AcStream *stream)
{
  if (stream->ws != NULL && soup_websocket_connection_get_state (stream->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (stream->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}
