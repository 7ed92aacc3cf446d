#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The supervisor's floor end to end: two instances of the real app, each
# with its own home, beside the test backend, driven over AT-SPI.  An agent
# (agent@example.com) replays the sample call from Ada Lovelace's number; a
# supervisor (supervisor@example.com) opens the Floor and sees the call on
# the wall, gets the server's escalation alert, opens the call from it and
# listens in (the agent's window says a supervisor is listening), sees the
# call's messages arrive live, coaches (the agent's window shows the note,
# apart from the transcript) and transfers the call to a queue (the server
# takes it; the agent goes to After-Call Work).  An agent is never offered
# the Floor.  Screenshots of both windows land in SCREENSHOTS.  Prints TAP.
#
# Usage: e2e-floor.py AGENT-CONSOLE TEST-BACKEND-SERVER SCREENSHOTS
# Needs python3-pyatspi, an X display with a D-Bus session and
# gnome-keyring (build-aux/headless).

import json
import os
import subprocess
import sys
import tempfile
import time

import pyatspi

from atspilib import click, clickable, enabled, find, find_named, state_label, type_into, wait_for
from taplib import finish, tap

CALLER = "+1 (555) 123-4567"   # Ada Lovelace's number on the test backend
AGENT = "agent@example.com"
SUPERVISOR = "supervisor@example.com"
PASSWORD = "correct horse battery staple"


class Backend:
    """The test backend in its own process, one command per line."""

    def __init__(self, path):
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().split()[1]

    def ask(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def state(self):
        return json.loads(self.ask("state"))

    def close(self):
        try:
            self.ask("quit")
        except (BrokenPipeError, ValueError):
            pass
        self.proc.wait(timeout=10)


def home_for(backend, email, binary):
    """A home of its own, its settings pointing at the server, signed in."""
    home = tempfile.mkdtemp(prefix="ac-e2e-floor-")
    config = os.path.join(home, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w", encoding="utf-8") as f:
        f.write("[io/github/agentconsole/AgentConsole]\n"
                "window-width=1024\nwindow-height=600\n"
                f"backend-mode='server'\nbackend-url='{backend.url}'\n")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=config,
               GSETTINGS_BACKEND="keyfile", AC_NON_UNIQUE="1")
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    signed = subprocess.run([binary, "--login", backend.url, "--email", email], env=env, input=PASSWORD + "\n",
                            text=True, capture_output=True, timeout=60)
    return env, signed.returncode == 0


def app_of(proc):
    """The app on the accessibility bus that is this process."""
    def found():
        for app in pyatspi.Registry.getDesktop(0):
            try:
                if app is not None and app.get_process_id() == proc.pid:
                    return app
            except Exception:
                continue
        return None
    return wait_for(f"the app of process {proc.pid}", found, timeout=60)


def button(node, label):
    """A push button by its label; GTK 4.8 names one with a mnemonic by its
    label with the underline, then without (“_Open Call Open Call”)."""
    found = find(node, "push button", label)
    for i, char in enumerate(label):
        if found is None and char != " ":
            found = find(node, "push button", f"{label[:i]}_{label[i:]} {label}")
    return found


def window(app, name):
    return wait_for(f"the window “{name}”", lambda: next((w for w in app if w is not None and w.name == name), None))


def other_window(app, not_names):
    return next((w for w in app if w is not None and w.name not in not_names), None)


def rows_of(node):
    """The rows of a list box or list view, as AT-SPI shows them."""
    found = []

    def walk(n):
        try:
            kids = [c for c in n if c is not None]
        except Exception:
            return
        if n.getRoleName() in ("list item", "table row") and kids:
            found.append(n)
        for c in kids:
            walk(c)
    walk(node)
    return found


def shot(directory, name):
    subprocess.run(["import", "-window", "root", "-crop", "1024x600+0+0", "+repage",
                    os.path.join(directory, name + ".png")], check=False, timeout=30)


def main():
    binary, server_path, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(shots, exist_ok=True)
    backend = Backend(server_path)
    agent_env, agent_in = home_for(backend, AGENT, binary)
    supervisor_env, supervisor_in = home_for(backend, SUPERVISOR, binary)
    tap(agent_in and supervisor_in, "the agent and the supervisor sign in, each in a home of their own")

    agent_proc = subprocess.Popen([binary, "--caller", CALLER], env=agent_env)
    supervisor_proc = subprocess.Popen([binary], env=supervisor_env)
    try:
        agent = app_of(agent_proc)
        supervisor = app_of(supervisor_proc)
        agent_frame = window(agent, "Agent Console")
        supervisor_frame = window(supervisor, "Agent Console")
        wait_for("the agent connected", lambda: find(agent_frame, "push button", "Connected"), timeout=30)
        wait_for("the supervisor connected", lambda: find(supervisor_frame, "push button", "Connected"), timeout=30)
        tap(find(agent_frame, "push button", "Floor") is None, "an agent is not offered the Floor")
        floor_button = wait_for("the Floor button", lambda: find(supervisor_frame, "push button", "Floor"))
        tap(floor_button is not None, "a supervisor is offered the Floor")

        # The agent takes the sample call from Ada's number.
        click(wait_for("Replay Sample Call", lambda: enabled(find(agent_frame, "push button", "Replay Sample Call")),
                       timeout=60))
        wait_for("On Call", lambda: state_label(agent_frame) == "On Call")

        def conversation():
            rows = backend.state()["conversations"]
            return next(iter(rows), None) if len(rows) == 1 else None
        call_id = wait_for("the call on the server", conversation, timeout=30)
        queue = wait_for("the call's queue", lambda: find_named(agent_frame, "Billing queue"), timeout=20)
        tap(queue is not None, "the agent's call carries its queue, as the server has it")

        # The supervisor's wall shows it.
        click(floor_button)
        floor = window(supervisor, "Floor")
        calls = wait_for("the live calls", lambda: find(floor, "tree table", "Live calls"))
        ada = wait_for("Ada's call on the wall", lambda: find_named(calls, "Ada Lovelace"), timeout=30)
        tap(ada is not None, "the supervisor sees the agent's call on the wall", ada.name if ada else "")
        agent_name = wait_for("its agent", lambda: find_named(calls, "Test Agent"), timeout=10)
        tap(agent_name is not None, "with its agent")
        shot(shots, "floor-wall")

        # The server escalates it: an alert, and the call opens from it.
        tap(backend.ask(f"escalate {call_id}") == "ok", "the server escalates the call")
        alerts_tab = wait_for("the Alerts view", lambda: find(floor, "page tab", "Alerts"))
        click(alerts_tab)
        alert = wait_for("the escalation alert", lambda: find_named(floor, "High: Escalation required") or
                         find_named(floor, "Critical: Escalation required"), timeout=20)
        tap(alert is not None, "the supervisor gets the escalation alert", alert.name if alert else "")
        shot(shots, "floor-alert")
        click(wait_for("Open Call", lambda: button(floor, "Open Call")))
        call_window = wait_for("the call's window", lambda: other_window(supervisor, ("Agent Console", "Floor")),
                               timeout=20)
        listening = wait_for("listening in", lambda: find_named(call_window, "Listening in"), timeout=20)
        tap(listening is not None, "the call opens from the alert and the supervisor listens in")
        told = wait_for("the agent told", lambda: find_named(agent_frame, "A supervisor is listening"), timeout=20)
        tap(told is not None, "the agent's window says a supervisor is listening")

        # Its messages arrive live.
        messages = wait_for("the transcript", lambda: find(call_window, "list", "Transcript") or
                            find(call_window, "list box", "Transcript"))
        before = len(rows_of(messages))
        more = wait_for("a new message", lambda: len(rows_of(messages)) > before, timeout=60)
        tap(more, "the supervisor sees the call's messages as they are said", f"{before} → {len(rows_of(messages))}")

        # Coaching: a note for the agent only.
        type_into(wait_for("the coaching box", lambda: find(call_window, "text", "Coaching note") or
                           find(call_window, "entry", "Coaching note")), "Offer the refund now")
        click(wait_for("Send to Agent", lambda: button(call_window, "Send to Agent")))
        note = wait_for("the note in the agent's window", lambda: find_named(agent_frame, "Offer the refund now"),
                        timeout=20)
        tap(note is not None, "the agent's window shows the supervisor's coaching")
        shot(shots, "floor-call")
        transcript = find(agent_frame, "list", "Transcript") or find(agent_frame, "table", "Transcript")
        tap(transcript is None or find_named(transcript, "Offer the refund now") is None,
            "the coaching is not in the agent's customer transcript")

        # A cold transfer to the first queue (Billing).
        click(clickable(call_window, "toggle button", "Transfer") or clickable(call_window, "push button", "Transfer"))
        # the popover's button has a mnemonic, the header's does not
        go = wait_for("the transfer's button", lambda: find(call_window, "push button", "_Transfer Transfer"))
        click(go)

        def transferred():
            return backend.state().get("last_transfer", "").startswith(f"{call_id}|q-billing||COLD|")
        tap(wait_for("the transfer on the server", transferred, timeout=20),
            "the supervisor transfers the call to a queue", backend.state().get("last_transfer", ""))
        acw = wait_for("After-Call Work", lambda: state_label(agent_frame) == "After-Call Work", timeout=30)
        tap(acw, "the server moves the agent to After-Call Work, and the agent's window follows")
    except Exception as error:  # noqa: BLE001 - reported as a failed test
        shot(shots, "floor-failed")
        tap(False, "end-to-end run", repr(error))
    finally:
        for proc in (agent_proc, supervisor_proc):
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        backend.close()
    finish()


if __name__ == "__main__":
    main()
