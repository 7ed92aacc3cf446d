#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`agent-console --import-customers FILE.csv` into a real store file.

Usage: check-import-customers.py AGENT-CONSOLE
"""

import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import finish, tap  # noqa: E402

EXE = sys.argv[1]
HEADER = 'name,account_number,account_type,email,phone,balance,risk_level\n'


def run(home, text, name='customers.csv'):
    path = os.path.join(home, name)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'))
    return subprocess.run([EXE, '--import-customers', path], env=env, capture_output=True,
                          text=True)


def rows(home):
    db = sqlite3.connect(os.path.join(home, 'data', 'agent-console', 'agent-console.db'))
    try:
        return {r[0]: r[1:] for r in db.execute(
            'SELECT account_number, name, email, balance, risk_level FROM customers')}
    finally:
        db.close()


with tempfile.TemporaryDirectory() as home:
    out = run(home, HEADER +
              '"Ada Lovelace",ACC-1,CHECKING,ada@example.com,+1 555 123 4567,1234.56,LOW\n'
              '"O\'Brien, Pat",ACC-2,SAVINGS,pat@example,555,12,HIGH\n'
              '"broken ""quote,ACC-3,CHECKING,,,,\n'
              'Grace Hopper,ACC-4,BUSINESS,,,-50,MEDIUM\n'
              'Ada Again,ACC-1,CHECKING,,,,\n'
              '"Robert\'); DROP TABLE customers; --",ACC-5,CHECKING,,,,\n'
              'Too,Few,Fields\n'
              'Bad Balance,ACC-6,CHECKING,,,"1,5",LOW\n'
              'Bad Risk,ACC-7,CHECKING,,,,SEVERE\n')
    lines = out.stderr.splitlines()
    tap(out.returncode == 3, 'some rows left out: exit status 3', out.stdout + out.stderr)
    expected = [('customers.csv:3:', 'not an email address'), ('customers.csv:4:', 'bad quoting'),
                ('customers.csv:6:', 'already on line 2'), ('customers.csv:8:', '3 fields'),
                ('customers.csv:9:', 'balance'), ('customers.csv:10:', 'risk_level')]
    tap(len(lines) == len(expected) and
        all(line.endswith(what) or (where in line and what in line)
            for line, (where, what) in zip(lines, expected)),
        'each bad row reported with its line and why', out.stderr)
    stored = rows(home)
    tap(set(stored) == {'ACC-1', 'ACC-4', 'ACC-5'}, 'the good rows are imported, around the bad ones',
        repr(stored))
    tap(stored['ACC-5'][0] == "Robert'); DROP TABLE customers; --",
        'a hostile name is stored as text')
    tap('3 customers added, 0 updated, 6 rows left out, of 9.' in out.stdout, 'a summary', out.stdout)

    # Re-import updates by account number; a column left out keeps its value.
    out = run(home, 'account_number,name,account_type,balance\r\nACC-1,Ada King,CHECKING,99.5\r\n')
    stored = rows(home)
    tap(out.returncode == 0 and stored['ACC-1'] == ('Ada King', 'ada@example.com', '99.5', 'LOW'),
        're-import updates by account number and keeps what it does not name (CRLF lines)',
        out.stdout + out.stderr + repr(stored['ACC-1']))

    for text, what in (('', 'empty'), ('\ufeffname,account_number\nX,1\n', 'lacks the required columns'),
                       ('name,account_number,account_type,shoe_size\nX,1,CHECKING,9\n',
                        'columns customers do not have: shoe_size'),
                       # Found by fuzz-customer-import: an unnamed column read
                       # rows past the end of the column table.
                       ('name,account_number,account_type,\nX,1,CHECKING,\n',
                        'columns customers do not have: a column with no name')):
        out = run(home, text)
        tap(out.returncode == 1 and what in out.stderr, f'a file-level problem is refused: {what}',
            out.stderr)

    out = run(home, HEADER, name='missing.csv')
    os.unlink(os.path.join(home, 'missing.csv'))
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'))
    out = subprocess.run([EXE, '--import-customers', os.path.join(home, 'missing.csv')], env=env,
                         capture_output=True, text=True)
    tap(out.returncode == 1 and 'cannot read' in out.stderr, 'a missing file is refused', out.stderr)

with tempfile.TemporaryDirectory() as home:
    # A team starting out: 100,000 customers in one file, one transaction.
    big = [HEADER]
    for i in range(100000):
        big.append(f'Customer {i},BIG-{i:06d},CHECKING,c{i}@example.com,+44 20 7946 {i % 10000:04d},'
                   f'{i}.{i % 100:02d},LOW\n')
    out = run(home, ''.join(big), name='big.csv')
    tap(out.returncode == 0 and '100000 customers added' in out.stdout,
        '100,000 rows imported', out.stdout + out.stderr[-500:])
    db = sqlite3.connect(os.path.join(home, 'data', 'agent-console', 'agent-console.db'))
    n = db.execute("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH 'c4242'").fetchone()[0]
    db.close()
    tap(n == 1, 'the imported customers are in the full-text index')

finish()
