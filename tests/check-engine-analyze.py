#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# agent-console --engine=vosk --engine-url=URL --analyze CALL: the real
# binary sends a recorded call to the test speech server (a process,
# tests/test-speech-server.c, speaking the Vosk server protocol on
# 127.0.0.1) and prints the transcript it heard, with the words' times; a
# connection closed mid-utterance loses nothing; a refused key, an
# unknown engine, a missing or unencrypted remote address are clear errors.
# Prints TAP.
#
# Usage: check-engine-analyze.py AGENT-CONSOLE TEST-VOSK-SERVER

import json
import os
import subprocess
import sys
import tempfile
import wave

from taplib import finish, tap

WORDS = ["hello", "my", "card", "was", "stolen", "thank", "you", "goodbye"]
RATE = 16000


def spelled(text):
    """16 kHz mono PCM spelling the words as the test server reads them:
    a word is 300 ms of sample value 1000 × (its index + 1), 50 ms apart;
    “.” is 500 ms of silence, an utterance's end."""
    frames = bytearray()
    for token in text.split():
        if token == ".":
            frames += bytes(2 * RATE // 2)
            continue
        value = 1000 * (WORDS.index(token) + 1)
        frames += value.to_bytes(2, "little", signed=True) * (RATE * 3 // 10)
        frames += bytes(2 * RATE // 20)
    return bytes(frames)


def finals(run):
    flow = json.loads(run.stdout)["conversation_flow"]
    return [(turn["text"], turn["start_time"], turn["end_time"]) for turn in flow]


def analyze_on(binary, server_exe, engine, call):
    """--engine=ENGINE --analyze against the test server speaking that
    service's protocol, its key set in the keyring for the run and removed
    after; the finals heard."""
    key = f"{engine}-e2e-key-" + os.urandom(6).hex()
    server = subprocess.Popen([server_exe, f"--{engine}", key], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        url = server.stdout.readline().strip()
        subprocess.run([binary, f"--set-api-key={engine}"], input=key + "\n", capture_output=True, text=True,
                       timeout=60, check=True)
        run = subprocess.run([binary, f"--engine={engine}", f"--engine-url={url}", "--analyze", call, "--json"],
                             capture_output=True, text=True, timeout=120)
        subprocess.run([binary, f"--clear-api-key={engine}"], capture_output=True, timeout=60)
        return finals(run) if run.returncode == 0 else [run.stderr]
    finally:
        server.stdin.close()
        server.wait(timeout=30)


def main():
    binary, server_exe = sys.argv[1:3]
    tmp = tempfile.mkdtemp(prefix="ac-engine-analyze-")
    call = os.path.join(tmp, "call.wav")
    with wave.open(call, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(spelled("hello my card . was stolen ."))

    server = subprocess.Popen([server_exe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()

        def analyze(*extra):
            return subprocess.run([binary, "--engine=vosk", f"--engine-url={url}", *extra, "--analyze", call,
                                   "--json"], capture_output=True, text=True, timeout=120)

        run = analyze()
        tap(run.returncode == 0, "--engine=vosk --analyze transcribes the call on the speech server", run.stderr)
        heard = finals(run) if run.returncode == 0 else []
        texts = [text for text, _, _ in heard]
        tap(texts == ["hello my card", "was stolen"], "the server's finals, in order", heard)
        tap(len(heard) == 2 and abs(heard[0][1] - 0.0) < 0.05 and abs(heard[0][2] - 1.0) < 0.05
            and abs(heard[1][1] - 1.55) < 0.05, "on the call's clock, from the server's word times", heard)

        server.stdin.write("fail close\n")
        server.stdin.flush()
        server.stdout.readline()
        again = analyze()
        tap(again.returncode == 0 and finals(again) == heard,
            "a connection closed 1011 mid-call: reconnected, the same transcript", again.stderr)

        server.stdin.write("fail refuse\n")
        server.stdin.flush()
        server.stdout.readline()
        refused = analyze()
        tap(refused.returncode != 0 and "refused the key" in refused.stderr,
            "a refused key is said so", refused.stderr)
    finally:
        server.stdin.close()
        server.wait(timeout=30)

    # Deepgram: the key from the keyring only, set with --set-api-key.
    key = "dg-e2e-key-" + os.urandom(6).hex()
    server = subprocess.Popen([server_exe, "--deepgram", key], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        url = server.stdout.readline().strip()

        def deepgram(*extra):
            return subprocess.run([binary, "--engine=deepgram", f"--engine-url={url}", *extra, "--analyze", call,
                                   "--json"], capture_output=True, text=True, timeout=120)

        # Whatever another test left in the keyring goes first.
        subprocess.run([binary, "--clear-api-key=deepgram"], capture_output=True, timeout=60)
        keyless = deepgram()
        tap(keyless.returncode != 0 and "API key" in keyless.stderr, "Deepgram without a key says so",
            keyless.stderr)
        stored = subprocess.run([binary, "--set-api-key=deepgram"], input=key + "\n", capture_output=True,
                                text=True, timeout=60)
        tap(stored.returncode == 0 and key not in stored.stdout + stored.stderr,
            "--set-api-key keeps the key in the keyring, printing nothing of it", stored.stderr)
        run = deepgram()
        texts = [t for t, _, _ in finals(run)] if run.returncode == 0 else []
        tap(texts == ["Hello My Card", "Was Stolen"], "--engine=deepgram --analyze: Deepgram's finals, formatted",
            run.stderr + str(texts))
        leaked = [os.path.join(root, name) for top in (os.environ.get("HOME", tmp), tmp)
                  for root, _, names in os.walk(top) for name in names
                  if not name.endswith(".keyring") and key.encode() in open(os.path.join(root, name), "rb").read()]
        tap(not leaked and key not in run.stdout + run.stderr, "the key is in no file the app wrote, nor its output",
            leaked)
        cleared = subprocess.run([binary, "--clear-api-key=deepgram"], capture_output=True, text=True, timeout=60)
        again = deepgram()
        tap(cleared.returncode == 0 and again.returncode != 0 and "API key" in again.stderr,
            "--clear-api-key removes it", again.stderr)
    finally:
        server.stdin.close()
        server.wait(timeout=30)

    # OpenAI (resampled to 24 kHz, base64, its completed turns timed by
    # its speech events) and AssemblyAI (its formatted turns).
    for engine, expected in (("openai", [("hello my card", 0.0), ("was stolen", 1.55)]),
                             ("assemblyai", [("Hello my card.", 0.0), ("Was stolen.", 1.55)])):
        heard = analyze_on(binary, server_exe, engine, call)
        tap([t for t, _, _ in heard] == [t for t, _ in expected] and
            all(abs(start - want) < 0.05 for (_, start, _), (_, want) in zip(heard, expected)),
            f"--engine={engine} --analyze: its finals, on the call's clock", heard)

    unknown = subprocess.run([binary, "--engine=whisperer", "--analyze", call], capture_output=True, text=True,
                             timeout=60)
    tap(unknown.returncode != 0 and "whisperer" in unknown.stderr and "vosk" in unknown.stderr,
        "an unknown engine is named, with the known ones", unknown.stderr)
    no_url = subprocess.run([binary, "--engine=vosk", "--analyze", call], capture_output=True, text=True,
                            timeout=60)
    tap(no_url.returncode != 0 and "address" in no_url.stderr, "a speech server needs an address",
        no_url.stderr)
    plain = subprocess.run([binary, "--engine=vosk", "--engine-url=ws://speech.example.com/", "--analyze", call],
                           capture_output=True, text=True, timeout=60)
    tap(plain.returncode != 0 and "not encrypted" in plain.stderr,
        "ws:// to another computer is refused without --allow-insecure", plain.stderr)
    finish()


if __name__ == "__main__":
    main()
