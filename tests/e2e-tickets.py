#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, over AT-SPI, on the embedded store: customers imported with
# --import-customers; the agent searches one; a replayed call from a known
# number pops that customer; in wrap-up, Create Ticket drafts a ticket for
# them, which is filed and found in the ticket list — and is still there
# after the app is restarted.  Prints TAP.
#
# Usage: e2e-tickets.py PATH-TO-AGENT-CONSOLE
# Needs Debian's python3-pyatspi and an X display with a D-Bus session
# (build-aux/headless).

import os
import subprocess
import sys
import tempfile

from atspilib import (TIMEOUT, choose_disposition, click, clickable, dump, enabled, find, find_app, find_named,
                      state_label,
                      text_of, type_into, wait_for)
from taplib import finish, tap

CUSTOMERS = ("name,account_number,account_type,phone,balance\n"
             "Ada Lovelace,ACC-1,CHECKING,+1 555 123 4567,1234.50\n"
             "Adam Smith,ACC-2,SAVINGS,+44 20 7946 0001,-20\n")


def quit_app(frame, proc):
    click(find(frame, "push button", "Close"))
    try:
        return proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None


def main():
    binary = sys.argv[1]
    home = tempfile.mkdtemp(prefix="ac-e2e-tickets-")
    env = dict(os.environ, XDG_DATA_HOME=home)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)

    csv = os.path.join(home, "customers.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(CUSTOMERS)
    imported = subprocess.run([binary, "--import-customers", csv], env=env,
                              capture_output=True, text=True, timeout=60)
    tap(imported.returncode == 0, "--import-customers fills the store", imported.stdout + imported.stderr)

    proc = subprocess.Popen([binary, "--caller", "+1 (555) 123-4567"], env=env)
    title = None
    try:
        app = find_app()
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))

        # The agent opens the sidebar and looks a customer up.
        click(wait_for("the sidebar button", lambda: find(frame, "push button", "Show Sidebar")
                       or find(frame, "toggle button", "Show Sidebar")))
        search = wait_for("the customer search", lambda: find(frame, "entry", "Search Customers"))
        type_into(search, "adam")
        row = wait_for("a search result", lambda: find_named(frame, "Adam Smith"))
        tap(row is not None, "searching customers finds them as the agent types")
        type_into(search, "")

        # A call from Ada's number pops her profile.
        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call"))))
        wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        popped = wait_for("the screen pop", lambda: find(frame, "label", "Ada Lovelace"))
        tap(popped is not None, "a call from a stored number pops the customer")
        wait_for("a customer row", lambda: find_named(frame, "Customer at 0:0"), timeout=30)
        click(wait_for("Stop Listening", lambda: find(frame, "push button", "Stop Listening")))
        wait_for("After-Call Work", lambda: state_label(frame) == "After-Call Work")

        # Wrap-up: Create Ticket drafts one for Ada.
        click(wait_for("Create Ticket", lambda: find(frame, "push button", "Create Ticket")))
        title_field = wait_for("the ticket's title", lambda: find(frame, "entry", "Title") or find(frame, "text", "Title"))
        title = text_of(title_field)
        tap(title.endswith(": Ada Lovelace"), "Create Ticket drafts a ticket for the customer on the line",
            f"title: {title!r}")

        click(find(frame, "push button", "File Ticket"))
        filed = wait_for("the filed ticket", lambda: find_named(frame, "TKT-000001"))
        tap(filed is not None, "the ticket is filed as TKT-000001", filed.name if filed else "")

        click(find(frame, "push button", "Open Tickets"))
        tickets = wait_for("the Tickets window", lambda: find(app, "frame", "Tickets"))
        listed = wait_for("the ticket in the list", lambda: find_named(tickets, title))
        tap(listed is not None, "the new ticket is in the ticket list")
        click(find(tickets, "push button", "Close"))

        choose_disposition(frame)
        click(wait_for("Ready for Next Call", lambda: find(frame, "push button", "Ready for Next Call")))
        wait_for("Available", lambda: state_label(frame) == "Available")
        code = quit_app(frame, proc)
        tap(code == 0, "the app quits cleanly", f"exit status: {code}")

        # Restarted: the ticket is still there.
        proc = subprocess.Popen([binary], env=env)
        app = find_app()
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))
        click(wait_for("the main menu", lambda: clickable(frame, "push button", "Main Menu")))
        click(wait_for("the Tickets item", lambda: find(app, "menu item", "Tickets")))
        tickets = wait_for("the Tickets window", lambda: find(app, "frame", "Tickets"))
        listed = wait_for("the ticket in the list", lambda: find_named(tickets, title))
        tap(listed is not None, "the ticket survives a restart")
        click(find(tickets, "push button", "Close"))
        code = quit_app(frame, proc)
        tap(code == 0, "the restarted app quits cleanly", f"exit status: {code}")
    except Exception as error:  # report, don't hide, what went wrong
        detail = f"{type(error).__name__}: {error}"
        try:
            detail += "\n" + dump(find_app())
        except Exception:
            pass
        tap(False, "end-to-end run", detail)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    finish()


if __name__ == "__main__":
    main()
