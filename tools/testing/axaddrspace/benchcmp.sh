#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Wall-clock comparison of the benchmarks of two source trees.
#
# usage: benchcmp.sh [-b bench|as_bench] [-a "bench args"] [-k scratch]
#                    OLD_TREE NEW_TREE [rounds]
#
# Both trees are copied to a scratch directory (the trees themselves are
# never written to) and their benchmark is built there the same way, with
# the code layout pinned: functions, loops and jump targets aligned to 64
# bytes (ALIGN overrides the flags), so that where a hot loop happens to
# fall in the binary does not decide a memory-bound figure. The two
# binaries then run in turns, ROUNDS times (default 8; the order of each
# round alternates), under nice -n -10. Each figure is the minimum over
# the rounds of each run's minimum; the table gives both and the change
# in %.
#
# Several layouts: LAYOUTS="64 128 256" builds each tree once per function
# alignment (loops and jumps stay at 64), which moves where each function
# starts relative to larger boundaries, and runs all the builds in turns.
# A tree's figure is then that of its best layout, and the spread (how
# far its worst layout is from its best) is printed next to it.
#
# Control: the engine bench's "bare 4-load walk" row is the same loop in
# both builds (the NEW tree's copy replaces the OLD tree's, if they
# differ), so it should agree within a few percent; the script says by how
# much it differs. If it does not agree, the machine was too busy or the
# layout still matters: do not trust differences of that size. A run
# whose floor is under 85% of the median floor of all runs (the machine's
# fast mode, performance.rst) is left out, and the script says which.
#
# Environment: ALIGN (the flags of the one pinned layout), LAYOUTS,
# BENCH_CFLAGS (default "-O2 -g"), CC. The load average before and after
# is printed.
set -euo pipefail

bench=bench
args="-r 7 -s 0 ops"
scratch=
while getopts "b:a:k:" opt; do
	case $opt in
	b) bench=$OPTARG ;;
	a) args=$OPTARG ;;
	k) scratch=$OPTARG ;;
	*) sed -n '6,7p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { sed -n '6,7p' "$0" >&2; exit 2; }
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
rounds=${3:-8}
layouts=${LAYOUTS:-pinned}
align=${ALIGN:--falign-functions=64 -falign-loops=64 -falign-jumps=64}
if [ -z "$scratch" ]; then
	scratch=$(mktemp -d)
	trap 'rm -rf "$scratch"' EXIT
fi
tt=tools/testing/axaddrspace

# The parts of a tree the userspace build reads, without its out/.
copy_tree() {
	rm -rf "$2"
	mkdir -p "$2"
	tar -C "$1" --exclude="./$tt/out" -cf - ./axaddrspace ./arch ./include \
		"./$tt" | tar -C "$2" -xf -
}

# The text of bench_bare_walk() in a bench.c, up to its closing brace.
floor_of() {
	awk '/^static .*double bench_bare_walk\(/ { on = 1 }
	     on { print } on && /^}/ { exit }' "$1"
}

copy_tree "$old" "$scratch/old"
copy_tree "$new" "$scratch/new"
if [ "$bench" = bench ] &&
   [ "$(floor_of "$scratch/old/$tt/bench.c")" != "$(floor_of "$scratch/new/$tt/bench.c")" ]; then
	python3 - "$scratch/old/$tt/bench.c" "$scratch/new/$tt/bench.c" <<'PYEOF'
import re, sys
def span(s):
    m = re.search(r'^static [^\n]*double bench_bare_walk\(', s, re.M)
    end = s.index('\n}\n', m.start()) + 3
    return m.start(), end
old = open(sys.argv[1]).read()
new = open(sys.argv[2]).read()
a, b = span(old)
c, d = span(new)
body = new[c:d]
if 'noinline' in body and 'define noinline' not in old:
    body = '#include <linux/compiler.h>\n' + body
open(sys.argv[1], 'w').write(old[:a] + body + old[b:])
PYEOF
	echo "# control: the OLD tree's bench_bare_walk() replaced by the NEW tree's"
fi

# The harness's stand-in for the kernel's per-CPU allocator is not the
# code under comparison, but its cost is in create+destroy: both builds
# use the NEW tree's.
for f in percpu.c include/linux/percpu.h; do
	if ! cmp -s "$scratch/old/$tt/$f" "$scratch/new/$tt/$f"; then
		cp "$scratch/new/$tt/$f" "$scratch/old/$tt/$f"
		echo "# harness: the OLD tree's $f replaced by the NEW tree's"
	fi
done

builds=
for l in $layouts; do
	flags=$align
	[ "$l" = pinned ] ||
		flags="-falign-functions=$l -falign-loops=64 -falign-jumps=64"
	for t in old new; do
		make -s -C "$scratch/$t/$tt" OUT="$scratch/$t/out-$l" \
			BENCH_CFLAGS="${BENCH_CFLAGS:--O2 -g} $flags" BENCH_LAYOUT= \
			"$scratch/$t/out-$l/$bench" >&2
		builds="$builds $t-$l"
	done
done
# shellcheck disable=SC2086
rev=$(printf '%s\n' $builds | tac | tr '\n' ' ')

log=$scratch/runs.log
: > "$log"
echo "# $bench $args, $rounds rounds, layouts: $layouts"
[ "$layouts" = pinned ] && echo "# layout flags: $align"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
	order=$builds
	[ $((r % 2)) -eq 0 ] && order=$rev
	for b in $order; do
		echo "### $b round $r" >> "$log"
		# shellcheck disable=SC2086
		nice -n -10 "$scratch/${b%%-*}/out-${b#*-}/$bench" $args >> "$log" 2>&1
	done
done
echo "# load after:  $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$log" <<'PYEOF'
import re, sys, collections, statistics
# every run's rows: (tree, layout, round) -> {row: its min}
runs = collections.defaultdict(dict)
order = []
cur = None
for line in open(sys.argv[1]):
    m = re.match(r'### (old|new)-(\S+) round (\d+)', line)
    if m:
        cur = m.groups()
        continue
    p = line.split()
    if len(p) < 5 or not re.match(r'^(ept|npt|s2|sv)', p[0]):
        continue
    try:
        mn = float(p[-3])
        float(p[-2])
    except ValueError:
        continue
    key = (p[0], ' '.join(p[1:-3]), p[-1])
    if key not in order:
        order.append(key)
    runs[cur][key] = mn


# The machine's fast mode (performance.rst): a process whose floor is well
# under the others' makes every memory-bound row of its run look faster.
# Such runs are left out, whichever tree they were of.
def floor(rows):
    v = [x for k, x in rows.items() if k[1].startswith('bare 4-load walk')]
    return min(v) if v else None


floors = [f for f in (floor(r) for r in runs.values()) if f]
out = set()
if floors:
    med = statistics.median(floors)
    out = {k for k, r in runs.items() if floor(r) and floor(r) < 0.85 * med}
    if out:
        print(f"# {len(out)} of {len(runs)} runs left out, floor under 85% "
              f"of the median {med:.2f} ns (fast mode): "
              + ' '.join(f'{t}-{l}#{r}' for t, l, r in sorted(out)))
# best[tree][layout][row]: the minimum over the rounds of each run's minimum
best = collections.defaultdict(lambda: collections.defaultdict(dict))
for k, rows in runs.items():
    if k in out:
        continue
    d = best[k[0]][k[1]]
    for key, mn in rows.items():
        d[key] = min(d.get(key, float('inf')), mn)
nlay = len(best['old'])

def pick(tree, key):
    v = [d[key] for d in best[tree].values() if key in d]
    return (min(v), max(v) / min(v) * 100 - 100) if v else (None, 0)

hdr = f"{'format':9s} {'benchmark':44s} {'old':>9s} {'new':>9s} {'unit':9s} change"
print(hdr + ("    spread old  new" if nlay > 1 else ""))
ctl = []
for key in order:
    (o, so), (n, sn) = pick('old', key), pick('new', key)
    if o is None or n is None or o == 0:
        continue
    d = (n - o) / o * 100
    flag = ' *' if d > 5 else '  '
    extra = f"   {so:5.1f}% {sn:5.1f}%" if nlay > 1 else ""
    print(f"{key[0]:9s} {key[1][:44]:44s} {o:9.2f} {n:9.2f} {key[2]:9s} "
          f"{d:+6.1f}%{flag}{extra}")
    if key[1].startswith('bare 4-load walk'):
        ctl.append(abs(d))
if ctl:
    print(f"# control (bare walk, same code in both): differs by up to {max(ctl):.1f}%")
print("# * : more than 5% slower")
PYEOF
