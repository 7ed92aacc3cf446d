#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end: the real agent-console binary, driven over AT-SPI the way a
# screen reader user would: find the window and the listen button by
# accessible name, change the agent state through the header's menu, start
# and stop a call, replay the sample call and read its transcript, and quit
# with the window's Close button.  Prints TAP.
#
# Usage: e2e-window.py PATH-TO-AGENT-CONSOLE
# Needs Debian's python3-pyatspi and an X display with a D-Bus session
# (build-aux/headless).

import os
import subprocess
import sys
import time

import pyatspi

from atspilib import (TIMEOUT, choose_disposition, choose_state, click, clickable, enabled, find, find_named, name_of,
                      state_label, wait_for)
from taplib import finish, tap


def main():
    binary = sys.argv[1]
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)

    # The sample knowledge base, for the Suggestions page.
    knowledge = os.path.join(os.path.dirname(os.environ.get("AC_SAMPLES_DIR", ".")), "knowledge")
    imported = subprocess.run([binary, "--import-knowledge", knowledge], env=env, capture_output=True, text=True,
                              timeout=60)
    tap(imported.returncode == 0, "the sample knowledge base is imported", imported.stdout + imported.stderr)

    app_proc = subprocess.Popen([binary], env=env)
    try:
        app = wait_for("the app on the accessibility bus",
                       lambda: next((a for a in pyatspi.Registry.getDesktop(0)
                                     if a is not None and a.name == "agent-console"), None))
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))
        tap(True, "the window appears on the accessibility bus")

        listen = wait_for("the listen button", lambda: find(frame, "push button", "Start Listening"))
        tap(listen is not None, "the Start Listening button is found by name")

        tap(state_label(frame) == "Available", "the agent starts Available",
            f"state: {state_label(frame)!r}")

        tap(choose_state(app, frame, "Break"), "choosing Break in the state menu changes the header")
        tap(choose_state(app, frame, "Available"), "choosing Available in the state menu changes it back")

        # The call uses the default devices, which build-aux/headless's
        # PulseAudio null sinks provide.
        click(find(frame, "push button", "Start Listening"))
        ok = wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        tap(ok, "Start Listening puts the agent On Call")
        stop = wait_for("the Stop Listening button", lambda: find(frame, "push button", "Stop Listening"))
        click(stop)
        ok = wait_for("After-Call Work", lambda: state_label(frame) == "After-Call Work")
        tap(ok, "Stop Listening puts the agent in After-Call Work")

        # No disposition is preset: Ready asks for one first.
        click(wait_for("the Ready button", lambda: find(frame, "push button", "Ready for Next Call")))
        time.sleep(1)
        tap(state_label(frame) == "After-Call Work", "Ready without a disposition stays in After-Call Work",
            f"state: {state_label(frame)!r}")
        choose_disposition(frame)
        click(wait_for("the Ready button", lambda: find(frame, "push button", "Ready for Next Call")))
        ok = wait_for("the Available state", lambda: state_label(frame) == "Available")
        tap(ok, "Ready for Next Call with a disposition makes the agent Available again")

        # The sample call, replayed live: both speakers' words appear as
        # transcript rows a screen reader can read.
        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call"))))
        ok = wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        # Names are read at once: the list recycles its rows as it scrolls.
        agent = wait_for("an agent row", lambda: name_of(frame, "Agent at 0:00"), timeout=30)
        customer = wait_for("a customer row", lambda: name_of(frame, "Customer at 0:01"),
                            timeout=30)
        tap(ok and agent and customer, "Replay Sample Call shows both speakers' words live",
            f"{agent!r}\n{customer!r}")

        # Suggestions follow what the customer says.
        click(wait_for("the Suggestions page", lambda: find(frame, "page tab", "Suggestions") or
                       find(frame, "toggle button", "Suggestions")))
        why = wait_for("a suggestion", lambda: find_named(frame, "Suggested for: "), timeout=40)
        tap(why is not None, "the Suggestions page shows articles for what the customer said",
            why.name if why else "")
        click(wait_for("the Stop Listening button",
                       lambda: find(frame, "push button", "Stop Listening")))
        wait_for("After-Call Work", lambda: state_label(frame) == "After-Call Work")
        suggested = wait_for("the suggested disposition", lambda: find_named(frame, "Suggested: "), timeout=10)
        tap(suggested is not None, "the wrap-up is drafted: a disposition is suggested, none chosen",
            suggested.name if suggested else "")
        choose_disposition(frame)
        click(wait_for("the Ready button", lambda: find(frame, "push button", "Ready for Next Call")))
        wait_for("the Available state", lambda: state_label(frame) == "Available")

        click(find(frame, "push button", "Close"))
        try:
            code = app_proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        tap(code == 0, "closing the window quits the app cleanly", f"exit status: {code}")
    except Exception as error:  # report, don't hide, what went wrong
        tap(False, "end-to-end run", f"{type(error).__name__}: {error}")
    finally:
        if app_proc.poll() is None:
            app_proc.kill()
            app_proc.wait()

    finish()


if __name__ == "__main__":
    main()
