#!/usr/bin/env python3
# check-hazard-log.py — every control in the hazard log names a test that exists
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-hazard-log.py HAZARD-LOG.md BUILD-DIR
#
# A control line looks like
#   - Control H01.1: what the control does. Test: `engine /engine/every-combination`
# and may name several tests, each in backticks as `MESON-TEST-NAME [SUBTEST-PATH]`.
# The meson test must exist in the build (meson-info/intro-tests.json); a
# subtest path must be one the test program lists with -l. A control with
# no test, a hazard with no control, or a name that does not resolve fails
# the check, so the log cannot promise a test the suite does not run.
# Prints TAP.
import json
import os
import re
import subprocess
import sys

CONTROL = re.compile(r'^\s*-\s+Control\s+(H\d+\.\d+):')
HAZARD = re.compile(r'^##\s+(H\d+)\b')
TEST_REF = re.compile(r'`([a-z0-9][a-z0-9_.-]*)(?:\s+(/[^`\s]+))?`')


def listed_paths(test, cache):
    """The subtest paths a GTest program lists, run as meson runs it."""
    name = test['name']
    if name not in cache:
        env = dict(os.environ)
        env.update(test.get('env') or {})
        # Listing names is no sanitizer check (each test runs under its own
        # options in its own pass). In the sanitizer build the slow malloc
        # unwinder can deadlock a GTK program whose threads exit while it
        # unwinds (build-aux/ci-sanitizers.sh), and a CI run once timed out
        # listing the window test that way; later options win in ASAN_OPTIONS.
        if env.get('ASAN_OPTIONS'):
            env['ASAN_OPTIONS'] += ':fast_unwind_on_malloc=1:detect_leaks=0'
        cache[name] = set()
        for attempt in (1, 2):
            try:
                out = subprocess.run(test['cmd'] + ['-l'], env=env, cwd=test.get('workdir') or None,
                                     capture_output=True, text=True, timeout=120)
                cache[name] = {line.strip() for line in out.stdout.splitlines() if line.startswith('/')}
                break
            except (OSError, subprocess.TimeoutExpired) as e:
                print(f'# could not list {name} (attempt {attempt}): {e}')
    return cache[name]


def main():
    log_path, build = sys.argv[1], sys.argv[2]
    with open(os.path.join(build, 'meson-info', 'intro-tests.json')) as f:
        tests = {t['name']: t for t in json.load(f)}
    # A control may wrap: its continuation lines are indented and end at the
    # next bullet, heading or blank line. Each entry keeps its first line's number.
    entries = []
    for n, raw in enumerate(open(log_path, encoding='utf-8').read().splitlines(), 1):
        if entries and raw.startswith('  ') and not raw.lstrip().startswith('- ') and entries[-1][1].strip():
            entries[-1] = (entries[-1][0], entries[-1][1] + ' ' + raw.strip())
        else:
            entries.append((n, raw))

    results = []           # (ok, description)
    cache = {}
    hazards = {}           # id -> number of controls
    current = None
    for n, line in entries:
        h = HAZARD.match(line)
        if h:
            current = h.group(1)
            if current in hazards:
                results.append((False, f'{current}: listed twice (line {n})'))
            hazards[current] = 0
            continue
        c = CONTROL.match(line)
        if not c:
            continue
        cid = c.group(1)
        if current is None or not cid.startswith(current + '.'):
            results.append((False, f'{cid}: not under its hazard heading (line {n})'))
            continue
        hazards[current] += 1
        tail = line.split('Test', 1)[1] if 'Test' in line else ''
        refs = TEST_REF.findall(tail)
        if not refs:
            results.append((False, f'{cid}: names no test (line {n})'))
            continue
        for name, path in refs:
            what = f'{cid}: {name}' + (f' {path}' if path else '')
            if name not in tests:
                results.append((False, f'{what}: no meson test of that name'))
            elif path and path not in listed_paths(tests[name], cache):
                results.append((False, f'{what}: the test has no such subtest'))
            else:
                results.append((True, what))
    for hid, count in hazards.items():
        if count == 0:
            results.append((False, f'{hid}: no control'))
    if not hazards:
        results.append((False, 'no hazards found in the log'))

    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} {what}')
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
