#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run a benchmark of this directory several times and print its figures
as the reStructuredText tables of Documentation/performance.rst: one row
per benchmark line, one column per format, each cell the minimum over the
runs of the per-run minimum (and, with --median, the median of the
per-run medians).

usage: bench-table.py [--runs N] [--median] -- out/bench -r 7 ops
"""
import argparse
import re
import statistics
import subprocess
import sys

LINE = re.compile(r'^(\S+)\s+(.+?)\s+(-?[0-9.]+)\s+(-?[0-9.]+)\s+([^\d\s-]\S*.*)$')


def parse(text):
    """{(what, unit): {format: (min, median)}} and the formats in order."""
    rows, fmts = {}, []
    for line in text.splitlines():
        m = LINE.match(line)
        if not m or m.group(1) in ('format', 'load'):
            continue
        fmt, what, mn, med, unit = m.groups()
        if fmt not in fmts:
            fmts.append(fmt)
        rows.setdefault((what.strip(), unit.strip()), {})[fmt] = (
            float(mn), float(med))
    return rows, fmts


def cell(v):
    return f'{v:.3g}' if v < 100 else f'{v:.0f}'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--median', action='store_true')
    ap.add_argument('cmd', nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ['--'] else args.cmd
    if not cmd:
        ap.error('no benchmark command')
    runs, fmts = [], []
    for _ in range(args.runs):
        out = subprocess.run(cmd, check=True, capture_output=True,
                             text=True).stdout
        rows, f = parse(out)
        runs.append(rows)
        fmts += [x for x in f if x not in fmts]
    keys = []
    for rows in runs:
        keys += [k for k in rows if k not in keys]
    head = ['benchmark', 'unit'] + fmts
    body = []
    for what, unit in keys:
        r = [what, unit]
        for fmt in fmts:
            vals = [rows[(what, unit)][fmt] for rows in runs
                    if fmt in rows.get((what, unit), {})]
            if not vals:
                r.append('')
                continue
            s = cell(min(v[0] for v in vals))
            if args.median:
                s += ' / ' + cell(statistics.median(v[1] for v in vals))
            r.append(s)
        body.append(r)
    width = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    rule = ' '.join('=' * w for w in width)
    print(rule)
    print(' '.join(h.ljust(w) for h, w in zip(head, width)).rstrip())
    print(rule)
    for r in body:
        print(' '.join(c.ljust(w) for c, w in zip(r, width)).rstrip())
    print(rule)
    return 0


if __name__ == '__main__':
    sys.exit(main())
