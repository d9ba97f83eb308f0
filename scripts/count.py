#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count test cases: prints "<passed> <failed> <skipped>".

  count.py kunit <kunit.py --json file>
  count.py tap <log>    top-level TAP lines of kselftest binaries
"""
import json
import re
import sys


def kunit(path):
    with open(path) as f:
        root = json.load(f)
    counts = [0, 0, 0]

    def walk(group):
        for case in group.get('test_cases', []):
            status = case.get('status', '')
            if status == 'PASS':
                counts[0] += 1
            elif status == 'SKIP':
                counts[2] += 1
            else:
                counts[1] += 1
        for sub in group.get('sub_groups', []):
            walk(sub)

    walk(root)
    return counts


def tap(path):
    counts = [0, 0, 0]
    line_re = re.compile(r'^(ok|not ok) \d+ .*?(# (SKIP|XFAIL).*)?$')
    with open(path, errors='replace') as f:
        for line in f:
            m = line_re.match(line.rstrip('\r\n'))
            if not m:
                continue
            if m.group(3):
                counts[2] += 1
            elif m.group(1) == 'ok':
                counts[0] += 1
            else:
                counts[1] += 1
    return counts


def main():
    kind, path = sys.argv[1], sys.argv[2]
    counts = kunit(path) if kind == 'kunit' else tap(path)
    print(*counts)


if __name__ == '__main__':
    main()
