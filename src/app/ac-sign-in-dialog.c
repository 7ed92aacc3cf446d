/* ac-sign-in-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ac-sign-in-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ac-backend-client.h"
#include "ac-sign-in.h"
#include "ac-sign-in-dialog.h"

/**
 * AcSignInDialog:
 *
 * Signs the agent in to the contact center's backend: the server's
 * address (the last one used, as the default), the email address and
 * the password. The address's live-updates override, tenant and
 * unencrypted-connection choice come from Preferences → Backend.
 *
 * A refused sign-in says why and keeps what was typed; a sign-in that
 * worked emits [signal@SignInDialog::signed-in] and closes the dialog.
 * The password is never kept.
 */
struct _AcSignInDialog
{
  AdwWindow     parent_instance;

  AcSettings   *settings;
  GCancellable *cancellable;

  AdwEntryRow  *server_row;
  AdwEntryRow  *email_row;
  AdwEntryRow  *password_row;
  GtkWidget    *fields;
  GtkButton    *sign_in_button;
  GtkSpinner   *spinner;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (AcSignInDialog, ac_sign_in_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_blank (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return stripped[0] == '\0';
}

static void
on_changed (AcSignInDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button),
                            !is_blank (self->server_row) && !is_blank (self->email_row) &&
                            gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0' &&
                            !gtk_widget_get_visible (GTK_WIDGET (self->spinner)));
}

static void
set_busy (AcSignInDialog *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->fields, !busy);
  on_changed (self);
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AcSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ac_sign_in_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      if (g_error_matches (error, AC_BACKEND_ERROR, AC_BACKEND_ERROR_AUTH))
        {
          gtk_label_set_label (self->error_label, _("The email address or the password is not right"));
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      else
        gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  /* The password goes with the dialog. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_sign_in (AcSignInDialog *self)
{
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  ac_sign_in_async (self->settings,
                    gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                    ac_settings_get_websocket_url (self->settings),
                    ac_settings_get_tenant_id (self->settings),
                    ac_settings_get_backend_allow_insecure (self->settings),
                    gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                    self->cancellable, on_signed_in, g_object_ref (self));
}

static gboolean
ac_sign_in_dialog_close_request (GtkWindow *window)
{
  AcSignInDialog *self = AC_SIGN_IN_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (ac_sign_in_dialog_parent_class)->close_request (window);
}

static void
ac_sign_in_dialog_dispose (GObject *object)
{
  AcSignInDialog *self = AC_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ac_sign_in_dialog_parent_class)->dispose (object);
}

static void
ac_sign_in_dialog_class_init (AcSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ac_sign_in_dialog_dispose;
  window_class->close_request = ac_sign_in_dialog_close_request;

  /**
   * AcSignInDialog::signed-in:
   * @self: the dialog
   *
   * The agent is signed in: the tokens are in the keyring and the
   * settings point at the server. Emitted just before the dialog closes.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ac-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AcSignInDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, AcSignInDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, AcSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AcSignInDialog, fields);
  gtk_widget_class_bind_template_child (widget_class, AcSignInDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AcSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AcSignInDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ac_sign_in_dialog_init (AcSignInDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ac_sign_in_dialog_new:
 * @settings: the app's settings: the server and account last used fill
 *   the fields; a sign-in writes them back (see ac_sign_in_async())
 *
 * Returns: (transfer full): a new dialog, not yet shown
 */
AcSignInDialog *
ac_sign_in_dialog_new (AcSettings *settings)
{
  AcSignInDialog *self;
  const char *url;
  const char *account;

  g_return_val_if_fail (AC_IS_SETTINGS (settings), NULL);

  self = g_object_new (AC_TYPE_SIGN_IN_DIALOG, NULL);
  self->settings = g_object_ref (settings);
  url = ac_settings_get_backend_url (settings);
  account = ac_settings_get_backend_account (settings);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), account);

  /* Straight to what is missing. */
  if (url[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (account[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));

  return self;
}
