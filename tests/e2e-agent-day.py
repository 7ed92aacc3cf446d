#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, an agent's day on a small screen, from the keyboard alone:
# the real binary in a 1024×600 window, in the language given, driven with
# key presses over AT-SPI (the accessibility tree is only read, to check).
# Two calls back to back: the first from a stored customer's number (their
# profile pops), asking a supervisor, a ticket filed with Ctrl+N, Ready
# refused without a disposition, one chosen with the arrows; the second
# with no caller (no customer on screen, none stored).  Then the shortcuts
# window, and what the store holds for each call.  A screenshot of each
# state goes to the folder given, to be looked at.  Prints TAP.
#
# Usage: e2e-agent-day.py AGENT-CONSOLE LOCALEDIR LANGUAGE SCREENSHOT-DIR [dark]
# Needs Debian's python3-pyatspi, ImageMagick's import and an X display
# with a D-Bus session (build-aux/headless).

import gettext
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

from atspilib import (TIMEOUT, find, find_app, find_named, focused, focused_all, mnemonic, press, text_of,
                      type_text,
                      wait_for)
from taplib import finish, tap

WIDTH, HEIGHT = 1024, 600
CUSTOMERS = ("name,account_number,account_type,phone,status,risk_level\n"
             "Ada Lovelace,ACC-1,CHECKING,+1 555 123 4567,ACTIVE,LOW\n")


def main():
    binary, localedir, language, shots = sys.argv[1:5]
    dark = len(sys.argv) > 5 and sys.argv[5] == "dark"
    translation = gettext.translation("agent-console", localedir, languages=[language],
                                      fallback=language == "en")
    T = translation.gettext
    C = translation.pgettext  # msgctxt, msgid

    def plain(text):  # a label as shown, without its mnemonic
        return T(text).replace("_", "")

    home = tempfile.mkdtemp(prefix="ac-e2e-day-")
    config = os.path.join(home, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w", encoding="utf-8") as f:
        f.write(f"[io/github/agentconsole/AgentConsole]\nwindow-width={WIDTH}\nwindow-height={HEIGHT}\n")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=config,
               GSETTINGS_BACKEND="keyfile", AC_LOCALEDIR=localedir, LANGUAGE=language)
    if dark:
        env["ADW_DEBUG_COLOR_SCHEME"] = "prefer-dark"
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    os.makedirs(shots, exist_ok=True)
    tag = f"{language}{'-dark' if dark else ''}"

    def screenshot(name):
        path = os.path.join(shots, f"{tag}-{name}.png")
        subprocess.run(["import", "-window", "root", "-crop", f"{WIDTH}x{HEIGHT}+0+0", "+repage", path],
                       check=True, timeout=30)

    csv = os.path.join(home, "customers.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(CUSTOMERS)
    imported = subprocess.run([binary, "--import-customers", csv], env=env, capture_output=True,
                              text=True, timeout=60)
    tap(imported.returncode == 0, "the customers are imported", imported.stdout + imported.stderr)

    proc = subprocess.Popen([binary, "--caller", "+1 (555) 123-4567"], env=env)
    frame = None
    try:
        app = find_app()
        frame = wait_for("the main window", lambda: find(app, "frame", plain("Agent Console")))

        def state():
            button = find(frame, "push button", plain("Agent State"))
            return button.description if button is not None else None

        def in_state(name):
            return wait_for(f"the state {name}", lambda: state() == plain(name))

        def focus_name():
            node = focused(frame)
            return node.name if node is not None else None

        def has_focus(role=None, name=None):
            return any((role is None or node.getRoleName() in role) and (name is None or node.name == name)
                       for node in focused_all(frame))

        extents = frame.queryComponent().getExtents(0)
        tap(extents.width <= WIDTH and extents.height <= HEIGHT,
            f"the window fits {WIDTH}×{HEIGHT}", f"{extents.width}×{extents.height}")
        in_state("Available")
        time.sleep(2)  # the speech engine loads
        screenshot("1-available")

        # Call 1: the customer's number pops their profile.
        press("Control", "l")
        in_state("On Call")
        popped = wait_for("the screen pop", lambda: find(frame, "label", "Ada Lovelace"))
        summary = find_named(frame, f"{C('customer value', 'Checking account')} · {C('customer value', 'Active')}")
        tap(popped is not None and summary is not None,
            "Ctrl+L starts the call; the caller's profile pops, its values in the agent's language")
        press("Control", "Shift", "s")
        note = wait_for("the request noted", lambda: find_named(frame, T(
            "No contact center is connected: your request is in the call’s notes")))
        tap(note is not None, "Ctrl+Shift+S asks a supervisor; alone, it is noted on the call")
        screenshot("2-on-call")

        press("Control", "l")
        in_state("After-Call Work")
        on_list = wait_for("the keyboard on the dispositions",
                           lambda: focused(frame) is not None and focused(frame).getRoleName() == "list item")
        tap(on_list, "Ctrl+L ends the call; the keyboard is on the dispositions", f"focus: {focus_name()!r}")
        screenshot("3-wrap-up")

        # A ticket from the keyboard: Ctrl+N lands on its title.
        press("Control", "n")
        title = wait_for("the ticket's title", lambda: find(frame, "entry", plain("_Title")) or
                         find(frame, "text", plain("_Title")))
        time.sleep(0.5)
        press("Control", "a")
        type_text("Card blocked abroad")
        typed = wait_for("the title typed", lambda: text_of(title) == "Card blocked abroad", timeout=5)
        tap(typed, "Ctrl+N opens a ticket with the keyboard on its title", text_of(title))
        press("Alt", mnemonic(T("_File Ticket")))
        filed = wait_for("the filed ticket", lambda: find_named(frame, "TKT-000001"))
        tap(filed is not None and wait_for("the keyboard on Open Tickets",
                                           lambda: has_focus(name=plain("_Open Tickets"))),
            "Ctrl+N, a title, Alt+F files the ticket; the keyboard stays on the page")
        screenshot("4-ticket-filed")

        # Ready without a disposition is refused, and leads back to them.
        press("Control", "Return")
        time.sleep(1)
        refused = state() == plain("After-Call Work")
        wait_for("the keyboard back on the dispositions",
                 lambda: focused(frame) is not None and focused(frame).getRoleName() == "list item")
        tap(refused, "Ctrl+Enter without a disposition stays in After-Call Work and asks for one")
        screenshot("5-disposition-asked")
        press("Home")
        press("space")
        press("Control", "Return")
        in_state("Available")
        tap(True, "Space chooses the first disposition; Ctrl+Enter: Available for the next call")

        # Call 2: no caller, so no customer.
        press("Control", "l")
        in_state("On Call")
        caller = wait_for("the call's caller", lambda: find(frame, "label", T("Unknown Caller")))
        no_customer = find(frame, "label", plain("No Customer")) is not None
        tap(caller is not None and no_customer,
            "the next call, with no caller number, starts with an unknown caller and no customer")
        screenshot("6-second-call")
        press("Control", "l")
        in_state("After-Call Work")
        wait_for("the keyboard on the dispositions",
                 lambda: focused(frame) is not None and focused(frame).getRoleName() == "list item")
        press("Home")
        press("Down")
        chosen = focus_name()
        press("space")
        press("Control", "Return")
        in_state("Available")
        tap(chosen == C("disposition", "Follow-up needed"), "Down, Space chooses the next disposition",
            f"focus was on {chosen!r}")
        screenshot("7-second-call-done")

        # The shortcuts window lists the keys just used.
        press("Control", "Shift", "slash")
        shortcuts = wait_for("the shortcuts window", lambda: find(app, "frame", T("Keyboard Shortcuts")))
        ready = wait_for("Ready in the shortcuts window", lambda: find_named(
            shortcuts, C("shortcut window", "Ready for the next call (after-call work done)")))
        tap(ready is not None, "Ctrl+? opens the shortcuts window, listing Ready for Next Call")
        screenshot("8-shortcuts")
        press("Escape")

        press("Control", "q")
        try:
            code = proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        tap(code == 0, "Ctrl+Q quits cleanly", f"exit status: {code}")
    except Exception as error:  # report, don't hide, what went wrong
        tap(False, "the agent's day", f"{type(error).__name__}: {error}\nfocused: " +
            ", ".join(f"{n.getRoleName()} {n.name!r}" for n in focused_all(frame)))
        try:
            screenshot("failed")
        except Exception:
            pass
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    # What the store holds for each call.
    db = sqlite3.connect(os.path.join(home, "data", "agent-console", "agent-console.db"))
    rows = db.execute("SELECT v.id, c.name, v.disposition, coalesce(v.wrap_up_notes, ''), "
                      "(SELECT count(*) FROM tickets t WHERE t.conversation_id = v.id) "
                      "FROM conversations v LEFT JOIN customers c ON c.id = v.customer_id "
                      "ORDER BY v.start_time").fetchall()
    db.close()
    tap(len(rows) == 2, "two calls are stored", rows)
    if len(rows) == 2:
        first, second = rows
        tap(first[1] == "Ada Lovelace" and first[2] == "RESOLVED" and first[4] == 1 and
            T("Asked a supervisor for help at %s").split("%s")[0] in first[3],
            "the first call: Ada, Resolved, the ticket, the request in its notes", first)
        tap(second[1] is None and second[2] == "FOLLOW_UP" and second[4] == 0,
            "the second call: no customer, Follow-up needed, no ticket", second)
    finish()


if __name__ == "__main__":
    main()
