#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end against a contact-center backend: the real agent-console
# binary beside the test backend (test-backend-server, a libsoup server on
# 127.0.0.1 speaking the contract), driven over AT-SPI.  The agent signs in
# through the header's "Signed out" button and the sign-in dialog; a call
# from a known number pops the server's customer; the sample call is
# replayed live while the server is restarted mid-call; the backend's
# escalation raises the banner and its sentiment reaches the timeline; the
# backend receives every final utterance once, in the order the app heard
# them; the wrap-up and a ticket filed in it reach the server; the Tickets
# window lists the server's tickets (a colleague's too); Sign Out in
# Preferences → Backend empties the keyring; no token is written outside the
# keyring.  Prints TAP.
#
# Usage: e2e-backend.py PATH-TO-AGENT-CONSOLE PATH-TO-TEST-BACKEND-SERVER
# Needs Debian's python3-pyatspi, an X display with a D-Bus session and
# gnome-keyring (build-aux/headless).

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from atspilib import (TIMEOUT, press, choose_disposition, click, clickable, dump, enabled, find, find_app, find_named,
                      state_label,
                      type_into, wait_for)
from taplib import finish, tap

CALLER = "+1 (555) 123-4567"   # Ada Lovelace's number on the test backend
EMAIL = "agent@example.com"    # the test backend's agent (ac-test-backend.h)
PASSWORD = "correct horse battery staple"


class Backend:
    """The test backend in its own process, one command per line."""

    def __init__(self, path):
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        first = self.proc.stdout.readline().split()
        assert first and first[0] == "URL", f"the test backend said {first!r}"
        self.url = first[1]

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


def find_description(node, text):
    """A node whose accessible description contains text."""
    if node is None:
        return None
    try:
        if text in (node.description or ""):
            return node
        children = list(node)
    except Exception:
        return None
    for child in children:
        found = find_description(child, text)
        if found is not None:
            return found
    return None


def field(node, title):
    return find(node, "entry", title) or find(node, "text", title) or find(node, "password text", title)


def header_says(frame, text):
    """The header's connection button, when it says text."""
    return find(frame, "push button", text)


def button(node, label):
    """A push button by its label; GTK 4.8 names one with a mnemonic by its
    label with the underline, then without (“Sign _Out Sign Out”)."""
    found = find(node, "push button", label)
    for i, char in enumerate(label):
        if found is None and char != " ":
            found = find(node, "push button", f"{label[:i]}_{label[i:]} {label}")
    return found


def file_on_server(url, title, customer_id):
    """A ticket filed by someone else, through the contract's REST API."""
    def post(path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(url.rstrip("/") + path, data=json.dumps(body).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)["data"]
    token = post("/auth/login", {"email": EMAIL, "password": PASSWORD})["token"]
    post("/tickets", {"title": title, "category": "CARD", "priority": "HIGH", "customerId": customer_id}, token)


def keyring_items():
    """The app's tokens in the keyring (secret-tool, libsecret's own)."""
    found = subprocess.run(["secret-tool", "search", "--all", "xdg:schema", "io.github.agentconsole.AgentConsole.Tokens"],
                           capture_output=True, text=True, check=False)
    return [line for line in (found.stdout + found.stderr).splitlines() if line.startswith("[/")]


def main():
    binary, server_path = sys.argv[1], sys.argv[2]
    home = tempfile.mkdtemp(prefix="ac-e2e-backend-")
    config = os.path.join(home, "config")
    data = os.path.join(home, "data")
    backend = Backend(server_path)

    # The team's server is set up (Preferences → Backend); nobody signed in.
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w", encoding="utf-8") as f:
        f.write("[io/github/agentconsole/AgentConsole]\n"
                "backend-mode='server'\n"
                f"backend-url='{backend.url}'\n")

    env = dict(os.environ, XDG_DATA_HOME=data, XDG_CONFIG_HOME=config, GSETTINGS_BACKEND="keyfile")
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    proc = subprocess.Popen([binary, "--caller", CALLER], env=env)
    try:
        app = find_app()
        frame = wait_for("the main window", lambda: find(app, "frame", "Agent Console"))

        # Sign in from the header, as an agent would on a new computer.
        signed_out = wait_for("Signed out in the header", lambda: header_says(frame, "Signed out"))
        tap(signed_out is not None, "with a server and no sign-in the header says Signed out")
        click(signed_out)
        dialog = wait_for("the sign-in dialog",
                          lambda: next((w for w in app if w is not None and w.name == "Sign In"), None))
        type_into(wait_for("the Email field", lambda: field(dialog, "Email")), EMAIL)
        type_into(wait_for("the Password field", lambda: field(dialog, "Password")), "wrong password")
        click(button(dialog, "Sign In"))
        refused = wait_for("the refusal", lambda: find_named(dialog, "The email address or the password"))
        tap(refused is not None, "a wrong password is refused in the dialog, which stays open")
        type_into(field(dialog, "Password"), PASSWORD)
        click(button(dialog, "Sign In"))
        connected = wait_for("Connected in the header", lambda: header_says(frame, "Connected"), timeout=30)
        tap(connected is not None, "signing in connects: the header says Connected")

        # A call from Ada's number: the server's customer pops.
        click(wait_for("the Replay Sample Call button",
                       lambda: enabled(find(frame, "push button", "Replay Sample Call"))))
        wait_for("the On Call state", lambda: state_label(frame) == "On Call")
        popped = wait_for("the screen pop", lambda: find(frame, "label", "Ada Lovelace"), timeout=30)
        tap(popped is not None, "a call from a known number pops the server's customer")

        # The call is on the server, created for that customer.
        def conversation():
            rows = backend.state()["conversations"]
            return next(iter(rows.items()), None) if len(rows) == 1 else None
        remote_id, row = wait_for("the conversation on the server", conversation, timeout=30)
        tap(row.get("customer_id") == "c-1", "the server's conversation is for the popped customer",
            json.dumps(row))

        # Transferred from the main menu: cold, to an agent named by email.
        click(clickable(frame, "push button", "Main Menu"))
        click(wait_for("the Transfer menu item", lambda: find(app, "menu item", "Transfer the Call…")))
        dialog = wait_for("the transfer dialog", lambda: find_named(app, "Transfer the Call"))
        dialog = wait_for("its window", lambda: next((w for w in app if w is not None and
                                                      find_named(w, "Transfer the Call") is not None and
                                                      w.name != "Agent Console"), None))
        type_into(wait_for("the agent's email", lambda: find(dialog, "text", "Or an Agent’s Email") or
                           find(dialog, "entry", "Or an Agent’s Email")), "ana@example.com")
        # Warm: the agent stays on the line (a cold one hands the call over
        # at once, and the server moves the agent to After-Call Work).
        press("Tab")
        press("space")
        time.sleep(1)
        press("Down")
        press("Return")
        time.sleep(1)
        shots = os.path.join(os.getcwd(), "tests", "screenshots")
        os.makedirs(shots, exist_ok=True)
        subprocess.run(["import", "-window", "root", "-crop", "1280x800+0+0", "+repage",
                        os.path.join(shots, "backend-transfer.png")], check=False, timeout=30)
        click(wait_for("Transfer", lambda: enabled(button(dialog, "Transfer"))))
        started = wait_for("the transfer started",
                           lambda: find_named(frame, "The transfer is started"), timeout=20)
        taken = backend.state().get("last_transfer", "")
        tap(started is not None and taken == f"{remote_id}||ana@example.com|WARM|",
            "Transfer the Call… sends the call's transfer to the server", taken)

        # The server goes away mid-call and comes back.
        wait_for("a first message on the server",
                 lambda: backend.state()["messages"].get(remote_id), timeout=40)
        tap(backend.ask("restart 3000") == "ok", "the server is restarted mid-call (3 s away)")

        # The backend's own analysis asks for an escalation: the banner.
        def customer_message():
            return any(m["speaker"] == "customer" for m in backend.state()["messages"].get(remote_id, []))
        wait_for("a customer message on the server", customer_message, timeout=60)
        tap(backend.ask(f"flag {remote_id}") == "ok", "the backend flags the customer's last message")
        banner = wait_for("the escalation banner",
                          lambda: find_named(frame, "The contact center’s analysis says this call needs attention"), timeout=45)
        tap(banner is not None, "the backend's escalationRequired raises the escalation banner",
            banner.name if banner else "")
        click(button(frame, "Acknowledge"))
        time.sleep(2)
        tap(find_named(frame, "No such escalation") is None and find_named(frame, "1 escalation waits") is None,
            "Acknowledge closes the banner; the escalation was stored with the call, so no error")

        # A supervisor joins the call's room and coaches: the agent sees who
        # listens and a note apart from the transcript.
        backend.ask('inject ' + remote_id + ' {"type":"agent_joined","data":{"agentId":"s-1"}}')
        listening = wait_for("a supervisor listening",
                             lambda: find_named(frame, "A supervisor is listening"), timeout=20)
        tap(listening is not None, "a supervisor joining the room shows 'A supervisor is listening'")
        backend.ask('inject ' + remote_id + ' {"type":"message_received","data":{"id":"coach-1","speaker":"supervisor",'
                    '"content":"Offer the retention discount","timestamp":"2026-12-05T10:00:00Z"}}')
        note = wait_for("the coaching note", lambda: find_named(frame, "Offer the retention discount"), timeout=20)
        transcript = find(frame, "list", "Transcript") or find(frame, "table", "Transcript")
        tap(note is not None and (transcript is None or find_named(transcript, "Offer the retention discount") is None),
            "the supervisor's coaching shows as a private note, not in the customer transcript")

        # The recording ends the call by itself.
        ok = wait_for("After-Call Work", lambda: state_label(frame) == "After-Call Work", timeout=120)
        tap(ok, "the replayed call ends with its recording")
        sent = wait_for("everything sent", lambda: header_says(frame, "Connected"), timeout=60)
        tap(sent is not None, "after the restart the app is Connected again")

        # Every final utterance, once, in the order the app heard them.
        db_path = os.path.join(data, "agent-console", "agent-console.db")

        def local_finals():
            with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
                call = db.execute("SELECT id FROM conversations ORDER BY start_time DESC LIMIT 1").fetchone()[0]
                return [f"{s}: {c}" for s, c in db.execute(
                    "SELECT speaker, content FROM messages WHERE conversation_id = ? ORDER BY rowid", (call,))]

        def same_messages():
            ours = local_finals()
            theirs = [f"{m['speaker']}: {m['content']}" for m in backend.state()["messages"].get(remote_id, [])]
            return (ours, theirs) if ours and ours == theirs else None
        try:
            ours, theirs = wait_for("the server to hold every final utterance", same_messages, timeout=60)
        except TimeoutError:
            ours = local_finals()
            theirs = [f"{m['speaker']}: {m['content']}" for m in backend.state()["messages"].get(remote_id, [])]
        tap(not any("retention discount" in line for line in ours),
            "the coaching note is not in the call's stored transcript", "\n".join(ours))
        tap(ours == theirs and len(ours) >= 5,
            "the backend received every final utterance exactly once, in order, despite the restart",
            f"app ({len(ours)}):\n" + "\n".join(ours) + f"\nserver ({len(theirs)}):\n" + "\n".join(theirs))

        # The backend's scores are on the timeline (its accessible description).
        scored = wait_for("the contact center's scores on the timeline",
                          lambda: find_description(frame, "The contact center scored"), timeout=20)
        tap(scored is not None, "the backend's sentiment updates are shown on the timeline",
            scored.description if scored else "")
        tap(find(frame, "label", "◇ Contact center") is not None,
            "the timeline's legend explains the contact center's marks")

        # Wrap-up: a ticket, then Ready; both reach the server.
        click(wait_for("Create Ticket", lambda: find(frame, "push button", "Create Ticket")))
        wait_for("the ticket form", lambda: find(frame, "push button", "File Ticket"))
        click(find(frame, "push button", "File Ticket"))
        wait_for("the filed ticket", lambda: find_named(frame, "TKT-"))
        choose_disposition(frame)
        click(wait_for("Ready for Next Call", lambda: find(frame, "push button", "Ready for Next Call")))
        wait_for("Available", lambda: state_label(frame) == "Available")

        def wrapped_up():
            state = backend.state()
            return state if state["tickets"] and state["conversations"][remote_id].get("disposition") else None
        state = wait_for("the ticket and the wrap-up on the server", wrapped_up, timeout=30)
        ticket = state["tickets"][0]
        tap(len(state["tickets"]) == 1 and ticket.get("conversation_id") == remote_id
            and ticket.get("customer_id") == "c-1",
            "the ticket filed in wrap-up is on the server, for the call and the customer", json.dumps(ticket))
        tap(state["conversations"][remote_id].get("disposition") == "RESOLVED",
            "the wrap-up's disposition is on the server's conversation",
            json.dumps(state["conversations"][remote_id]))
        tap(state["conversations"][remote_id].get("status") == "ENDED",
            "the call ended on the server the contract's way (POST /conversations/:id/end)",
            json.dumps(state["conversations"][remote_id]))

        # The agent's state went to the server as it changed: on call,
        # after-call work, available again (PUT /agents/me/state).
        states = wait_for("the agent's states on the server",
                          lambda: (lambda s: s if "AVAILABLE" in s.split("AFTER_CALL_WORK")[-1] else None)(
                              backend.state().get("agent_states", "")), timeout=10)
        lines = [line for line in (states or "").split("\n") if line]
        tap("ON_CALL" in lines and "AFTER_CALL_WORK" in lines
            and lines.index("ON_CALL") < lines.index("AFTER_CALL_WORK") < len(lines) - 1
            and lines[-1] == "AVAILABLE",
            "the agent's state reaches the server as it changes", repr(lines))

        # A colleague files a ticket for Ada on the server: signed in, the
        # Tickets window (showing Ada's, the customer just on the line) lists
        # the server's tickets, the one filed here once.
        file_on_server(backend.url, "Card blocked abroad", "c-1")
        click(wait_for("the main menu", lambda: clickable(frame, "push button", "Main Menu")))
        click(wait_for("the Tickets item", lambda: find(app, "menu item", "Tickets")))
        tickets = wait_for("the Tickets window", lambda: find(app, "frame", "Tickets"))
        counted = wait_for("the server's tickets", lambda: find_named(tickets, "2 tickets on the server"))
        tap(counted is not None and find(tickets, "list item", "Card blocked abroad") is not None
            and find(tickets, "list item", "General: Ada Lovelace") is not None,
            "the Tickets window lists the server's tickets, a colleague's too, and the one filed here once",
            dump(tickets))
        click(find(tickets, "push button", "Close"))

        # The server assigns the agent a call: /ws/notifications says so,
        # and the header follows.
        wait_for("Available", lambda: state_label(frame) == "Available")
        backend.ask("assign")
        on_call = wait_for("On Call from the server", lambda: state_label(frame) == "On Call", timeout=10)
        tap(on_call, "a state the server sets (a call assigned) reaches the header",
            f"the header says {state_label(frame)!r}")

        # Sign Out from Preferences → Backend (the header's button opens it).
        tap(len(keyring_items()) == 1, "signed in, the tokens are in the keyring (one item)",
            "\n".join(keyring_items()))
        wait_for("Connected", lambda: header_says(frame, "Connected"), timeout=30)
        click(header_says(frame, "Connected"))
        prefs = wait_for("Preferences", lambda: next((w for w in app if w is not None and w.name == "Preferences"),
                                                     None))
        click(wait_for("Sign Out", lambda: enabled(button(prefs, "Sign Out"))))
        signed_out = wait_for("Signed out in the header", lambda: header_says(frame, "Signed out"), timeout=20)
        tap(signed_out is not None, "Sign Out in Preferences → Backend: the header says Signed out")
        tap(not keyring_items(), "signing out removes the tokens from the keyring")
        click(find(prefs, "push button", "Close"))

        # Nothing waits: the window closes without asking.
        click(find(frame, "push button", "Close"))
        try:
            code = proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        tap(code == 0, "the app quits cleanly", f"exit status: {code}")

        # Tokens live in the keyring only: no JWT in the database or settings.
        leaked = []
        for root, _, files in os.walk(home):
            for name in files:
                with open(os.path.join(root, name), "rb") as f:
                    if b"eyJ" in f.read():
                        leaked.append(os.path.join(root, name))
        tap(not leaked, "no token in the database, the settings or any other file the app wrote",
            "\n".join(leaked))
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
        backend.close()

    finish()


if __name__ == "__main__":
    main()
