/* ac-audio-devices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-audio-devices"

#include "config.h"

#include <gst/gst.h>

#include "ac-audio-devices.h"

/**
 * ac_audio_device_free:
 * @device: (transfer full): an #AcAudioDevice
 *
 * Frees @device.
 */
void
ac_audio_device_free (AcAudioDevice *device)
{
  if (device == NULL)
    return;

  g_free (device->source);
  g_free (device->label);
  g_free (device);
}

static char *
device_source_name (GstDevice *device)
{
  g_autoptr(GstStructure) props = gst_device_get_properties (device);
  char *name = NULL;

  /* PulseAudio devices (also PipeWire's PulseAudio server) carry the name
   * pulsesrc's “device” property wants. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (device), "internal-name"))
    g_object_get (device, "internal-name", &name, NULL);

  if (name == NULL && props != NULL)
    name = g_strdup (gst_structure_get_string (props, "node.name"));

  return name;
}

/**
 * ac_audio_devices_list:
 *
 * Lists the audio inputs GStreamer's device monitor finds — microphones
 * and the monitors of output devices — in the order it reports them.
 * Only devices that pulsesrc can open by name are listed.  GStreamer must
 * be initialised.  This probes the sound server synchronously.
 *
 * Returns: (transfer full) (element-type AcAudioDevice): the devices;
 *   empty if there is no sound server
 */
GPtrArray *
ac_audio_devices_list (void)
{
  g_autoptr(GstDeviceMonitor) monitor = gst_device_monitor_new ();
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) ac_audio_device_free);
  GList *devices;

  gst_device_monitor_add_filter (monitor, "Audio/Source", NULL);
  devices = gst_device_monitor_get_devices (monitor);

  for (GList *l = devices; l != NULL; l = l->next)
    {
      GstDevice *device = l->data;
      g_autoptr(GstStructure) props = gst_device_get_properties (device);
      g_autofree char *source = device_source_name (device);
      const char *klass;
      AcAudioDevice *info;

      if (source == NULL)
        continue;

      info = g_new0 (AcAudioDevice, 1);
      info->source = g_steal_pointer (&source);
      info->label = gst_device_get_display_name (device);
      klass = props ? gst_structure_get_string (props, "device.class") : NULL;
      info->is_monitor = g_strcmp0 (klass, "monitor") == 0 ||
                         g_str_has_suffix (info->source, ".monitor");
      g_ptr_array_add (result, info);
    }

  g_list_free_full (devices, gst_object_unref);

  return result;
}
