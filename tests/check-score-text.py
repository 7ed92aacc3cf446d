#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`agent-console --score-text`: one JSON object per line of standard input.

Usage: check-score-text.py AGENT-CONSOLE
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import finish, tap  # noqa: E402

EXE = sys.argv[1]
KEYS = ['text', 'neg', 'neu', 'pos', 'compound', 'label', 'intent', 'cues', 'emotions', 'risk',
        'escalation']


def score(data, *args):
    return subprocess.run([EXE, '--score-text', *args], input=data, capture_output=True)


out = score(b"my card was stolen and someone is using it\nthanks that fixed it\n\n\xff bad\r\n")
lines = out.stdout.decode('utf-8').splitlines()
rows = [json.loads(line) for line in lines]
tap(out.returncode == 0 and len(rows) == 4, 'one JSON object per input line, blank and broken lines too',
    out.stderr.decode())
tap(all(list(r) == KEYS for r in rows), 'every object has the documented members, in order')
tap(rows[0]['label'] == 'urgent' and rows[0]['intent'] == 'fraud' and 'fraud' in rows[0]['cues'],
    'fraud is urgent, with its intent and cue', lines[0])
tap(rows[1]['label'] == 'positive' and rows[1]['emotions']['joy'] > 0.5, 'thanks is positive, with joy',
    lines[1])
tap(rows[2]['label'] == 'neutral' and rows[2]['text'] == '', 'an empty line is neutral')
tap(rows[3]['text'] == '\ufffd bad', 'invalid UTF-8 is repaired and the CR dropped', lines[3])
tap(all(0 <= r['risk'] <= 1 and isinstance(r['escalation'], bool) for r in rows),
    'risk within 0..1, escalation a boolean')
tap(all(len(repr(r['neu'])) <= 6 for r in rows), 'numbers written in their shortest form', lines[1])

text = b"I've been on hold for forty minutes and nobody has helped me.\n"
cc = json.loads(score(text).stdout)
plain = json.loads(score(text, '--sentiment-model=vader').stdout)
tap(cc['label'] == 'negative' and plain['label'] == 'neutral' and plain['cues'] == [],
    '--sentiment-model=vader is plain VADER (neutral on waiting), the default is not')
tap(plain['compound'] == 0 and plain['neu'] == 1, 'plain VADER gives the reference scores')

out = score(b'hello\n', '--sentiment-model=bert')
tap(out.returncode == 2 and b'unknown sentiment model' in out.stderr and out.stdout == b'',
    'an unknown model is refused with exit status 2')

finish()
