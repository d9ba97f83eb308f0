#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Draw how the engine's and the address-space layer's costs grow with the
work, as the SVG figures of Documentation/performance.rst (`make plots`):

  perf-map-unmap.svg   map and unmap ns per page against the size mapped,
                       one curve per page size (out/bench sweep)
  perf-translate.svg   random translations against the working set, with
                       the bare 4-load walk (the machine's floor)
                       (out/bench sweep)
  perf-faults.svg      lazy 4 KiB faults per second against threads
                       (out/as_bench -f ept-4 threads)

It runs the benchmarks in their CSV mode (-c) at nice 10, or reads their
saved output (--from). matplotlib comes from Debian's python3-matplotlib,
installed with apt-get when missing (as root).

usage: bench-plots.py [--reps N] [--out DIR] [--save DIR] [--from DIR]
"""
import argparse
import csv
import importlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
RUNS = {
    'bench': ['bench', 'sweep'],
    'as_bench': ['as_bench', '-f', 'ept-4', 'threads'],
}


def need_matplotlib():
    """Import matplotlib, or install Debian's and run again under the
    Debian python3 that it is for (the first python3 in PATH may be
    another one)."""
    try:
        importlib.import_module('matplotlib')
        return
    except ImportError:
        pass
    q = subprocess.run(['dpkg-query', '-W', '-f=${Status}',
                        'python3-matplotlib'], capture_output=True, text=True)
    if 'ok installed' not in q.stdout:
        if os.geteuid() != 0:
            sys.exit('matplotlib missing: apt-get install python3-matplotlib '
                     '(or run this as root)')
        print('installing python3-matplotlib', file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
        subprocess.run(['apt-get', 'update', '-qq'], check=True, env=env)
        subprocess.run(['apt-get', 'install', '-y', '-qq',
                        '--no-install-recommends', 'python3-matplotlib'],
                       check=True, env=env, stdout=subprocess.DEVNULL)
    deb = '/usr/bin/python3'
    if os.path.realpath(sys.executable) != os.path.realpath(deb):
        os.execv(deb, [deb, os.path.abspath(__file__)] + sys.argv[1:])
    sys.exit('python3-matplotlib is installed but cannot be imported')


def run(name, bindir, reps):
    """The CSV output of one benchmark run."""
    cmd = ['nice', '-n', '10', os.path.join(bindir, RUNS[name][0]), '-c',
           '-r', str(reps)] + RUNS[name][1:]
    print('running', ' '.join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, capture_output=True,
                          text=True).stdout


def parse(text):
    """{(format, benchmark): [(x, min, median, unit)]} of the CSV rows."""
    rows = [r for r in csv.reader(l for l in text.splitlines()
                                  if l and not l.startswith('#'))]
    if not rows or rows[0] != ['format', 'benchmark', 'x', 'min', 'median',
                               'unit']:
        sys.exit('not the CSV output of a benchmark (-c)')
    series = {}
    for fmt, what, x, mn, med, unit in rows[1:]:
        series.setdefault((fmt, what), []).append(
            (float(x) if x else None, float(mn), float(med), unit))
    return series


def curve(series, fmt, what):
    pts = sorted(p for p in series.get((fmt, what), []) if p[0] is not None)
    if not pts:
        sys.exit(f'no series "{what}" ({fmt}) in the benchmark output')
    return [p[0] for p in pts], [p[1] for p in pts]


def size_ticks(ax, lo, hi):
    names = ['', 'K', 'M', 'G', 'T']
    ticks = [1 << s for s in range(lo, hi + 1, 2 if hi - lo > 12 else 1)]
    ax.set_xscale('log', base=2)
    ax.set_xticks(ticks)
    ax.set_xticklabels([f'{t >> (10 * (s // 10))}{names[s // 10]}'
                        for t, s in ((t, t.bit_length() - 1) for t in ticks)],
                       fontsize=7)
    ax.minorticks_off()


def cache_kib(level):
    """The size of this machine's level-@level data cache, or None."""
    base = '/sys/devices/system/cpu/cpu0/cache'
    try:
        for idx in sorted(os.listdir(base)):
            d = os.path.join(base, idx)
            with open(os.path.join(d, 'level')) as f:
                lv = int(f.read())
            with open(os.path.join(d, 'type')) as f:
                ty = f.read().strip()
            if lv == level and ty in ('Data', 'Unified'):
                with open(os.path.join(d, 'size')) as f:
                    return int(f.read().strip().rstrip('K'))
    except (OSError, ValueError):
        pass
    return None


def save(plt, fig, path):
    fig.tight_layout()
    fig.savefig(path, format='svg', metadata={'Date': None})
    plt.close(fig)
    print('wrote', os.path.relpath(path, TOP), file=sys.stderr)


def plot_map(plt, s, out):
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for lvl, (ps, color) in enumerate((('4K', 'C0'), ('2M', 'C1'),
                                       ('1G', 'C2'))):
        for op, style in (('map', '-'), ('unmap', '--')):
            x, y = curve(s, 'ept-4', f'{op}, {ps} pages')
            ax.plot(x, y, style, color=color, marker='o', markersize=2.5,
                    linewidth=1.2, label=f'{op}, {ps} pages')
    size_ticks(ax, 12, 36)
    ax.set_yscale('log')
    ax.set_xlabel('size mapped by one call (bytes)')
    ax.set_ylabel('ns per page (min)')
    ax.set_title('EPT-4: map / unmap cost per page against size', fontsize=9)
    ax.grid(True, which='major', linewidth=0.3)
    ax.legend(fontsize=7, ncol=3)
    save(plt, fig, os.path.join(out, 'perf-map-unmap.svg'))


def plot_translate(plt, s, out):
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for what, label, style in (
            ('translate, 4K-mapped', 'axpt_translate(), 4K-mapped', 'C0-'),
            ('translate batch of 512, 4K-mapped',
             'axpt_translate_batch() of 512, 4K-mapped', 'C1-'),
            ('bare 4-load walk (floor), 4K-mapped',
             'bare 4-load walk (floor), 4K-mapped', 'k--'),
            ('translate, 2M-mapped', 'axpt_translate(), 2M-mapped', 'C2-')):
        x, y = curve(s, 'ept-4', what)
        ax.plot(x, y, style, marker='o', markersize=2.5, linewidth=1.2,
                label=label)
    top = int(max(curve(s, 'ept-4', 'translate, 4K-mapped')[0])).bit_length() - 1
    size_ticks(ax, 16, top)
    # Where the 4 KiB leaf tables the walks touch (1/512 of the working
    # set) outgrow this machine's L1d and L2.
    for lv in (1, 2):
        kib = cache_kib(lv)
        if kib:
            ax.axvline(kib * 1024 * 512, color='grey', linewidth=0.6,
                       linestyle=':')
            ax.annotate(f'leaf tables = L{lv}', (kib * 1024 * 512, 0.03),
                        xycoords=('data', 'axes fraction'), fontsize=6,
                        ha='right', va='bottom', rotation=90, color='grey')
    ax.set_yscale('log')
    ax.set_xlabel('working set: random addresses in the first ... (bytes)')
    ax.set_ylabel('ns per translation (min)')
    ax.set_title('EPT-4: random translations against the working set',
                 fontsize=9)
    ax.grid(True, linewidth=0.3)
    ax.legend(fontsize=7)
    save(plt, fig, os.path.join(out, 'perf-translate.svg'))


def plot_faults(plt, s, out):
    fig, ax = plt.subplots(figsize=(5.2, 3.4))
    for fmt, what, label, style in (
            ('ept-4', 'lazy fault 64Ki x 4K', 'lazy 4K faults, zeroed frames',
             'C0-'),
            ('ept-4', '(diag) unzeroed', 'frames not zeroed', 'C1-'),
            ('ept-4', '(diag) unzeroed, own spaces',
             'not zeroed, a space per thread', 'C2-'),
            ('ept-4', '(control) engine alone',
             'engine alone (query + map)', 'C3-')):
        x, y = curve(s, fmt, what)
        mps = [1e3 / v for v in y]	# ns per fault (wall) -> M faults/s
        line, = ax.plot(x, mps, style, marker='o', label=label)
        ax.plot([x[0], x[-1]], [mps[0], mps[0] * x[-1] / x[0]], ':',
                color=line.get_color(), linewidth=0.8)
    ax.set_xticks([1, 2])
    ax.set_xlim(0.8, 2.2)
    ax.set_yscale('log')
    ax.set_xlabel('threads (2 cores; dotted: linear scaling)')
    ax.set_ylabel('million faults per second (min)')
    ax.set_title('EPT-4: fault throughput against threads', fontsize=9)
    ax.grid(True, which='both', linewidth=0.3)
    ax.legend(fontsize=7)
    save(plt, fig, os.path.join(out, 'perf-faults.svg'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--bin', default=os.path.join(HERE, 'out'))
    ap.add_argument('--out', default=os.path.join(TOP, 'Documentation'))
    ap.add_argument('--save', help='keep the CSV output in this directory')
    ap.add_argument('--from', dest='src',
                    help='read bench.csv and as_bench.csv from this '
                    'directory instead of running the benchmarks')
    args = ap.parse_args()
    need_matplotlib()
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    plt.rcParams['svg.fonttype'] = 'none'	# text as text: small files
    plt.rcParams['svg.hashsalt'] = 'axaddrspace'

    data = {}
    for name in RUNS:
        if args.src:
            with open(os.path.join(args.src, name + '.csv')) as f:
                text = f.read()
        else:
            text = run(name, args.bin, args.reps)
        if args.save:
            os.makedirs(args.save, exist_ok=True)
            with open(os.path.join(args.save, name + '.csv'), 'w') as f:
                f.write(text)
        data[name] = parse(text)
    plot_map(plt, data['bench'], args.out)
    plot_translate(plt, data['bench'], args.out)
    plot_faults(plt, data['as_bench'], args.out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
