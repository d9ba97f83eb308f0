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
# binaries then run in turns, ROUNDS times (default 8; the first of each
# pair alternates), under nice -n -10. Each figure is the minimum over the
# rounds of each run's minimum; the table gives both and the change in %.
#
# Control: the engine bench's "bare 4-load walk" row is the same loop in
# both builds (the NEW tree's copy replaces the OLD tree's, if they
# differ), so it should agree within a few percent; the script says by how
# much it differs. If it does not agree, the machine was too busy or the
# layout still matters: do not trust differences of that size.
#
# Environment: ALIGN (layout flags), BENCH_CFLAGS (default "-O2 -g"),
# CC. The load average before and after is printed.
set -euo pipefail

bench=bench
args="-r 7 -s 0 ops"
scratch=
while getopts "b:a:k:" opt; do
	case $opt in
	b) bench=$OPTARG ;;
	a) args=$OPTARG ;;
	k) scratch=$OPTARG ;;
	*) sed -n '5,7p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { sed -n '5,7p' "$0" >&2; exit 2; }
old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
rounds=${3:-8}
align=${ALIGN:--falign-functions=64 -falign-loops=64 -falign-jumps=64}
cflags="${BENCH_CFLAGS:--O2 -g} $align"
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
	python3 - "$scratch/old/$tt/bench.c" "$scratch/new/$tt/bench.c" <<'EOF'
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
EOF
	echo "# control: the OLD tree's bench_bare_walk() replaced by the NEW tree's"
fi
for t in old new; do
	make -s -C "$scratch/$t/$tt" OUT="$scratch/$t/out" \
		BENCH_CFLAGS="$cflags" "$scratch/$t/out/$bench" >&2
done

log=$scratch/runs.log
: > "$log"
echo "# $bench $args, $rounds rounds, layout: $align"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
	order="old new"
	[ $((r % 2)) -eq 0 ] && order="new old"
	for t in $order; do
		echo "### $t round $r" >> "$log"
		# shellcheck disable=SC2086
		nice -n -10 "$scratch/$t/out/$bench" $args >> "$log" 2>&1
	done
done
echo "# load after:  $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$log" <<'EOF'
import re, sys, collections
best = collections.defaultdict(dict)
order = []
cur = None
for line in open(sys.argv[1]):
    m = re.match(r'### (old|new) round', line)
    if m:
        cur = m.group(1)
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
    if key not in best['old'] and key not in best['new']:
        order.append(key)
    best[cur][key] = min(best[cur].get(key, float('inf')), mn)
print(f"{'format':9s} {'benchmark':44s} {'old':>9s} {'new':>9s} {'unit':9s} change")
ctl = []
for key in order:
    o, n = best['old'].get(key), best['new'].get(key)
    if o is None or n is None or o == 0:
        continue
    d = (n - o) / o * 100
    flag = ' *' if d > 5 else ''
    print(f"{key[0]:9s} {key[1][:44]:44s} {o:9.2f} {n:9.2f} {key[2]:9s} {d:+6.1f}%{flag}")
    if key[1].startswith('bare 4-load walk'):
        ctl.append(abs(d))
if ctl:
    print(f"# control (bare walk, same code in both): differs by up to {max(ctl):.1f}%")
print("# * : more than 5% slower")
EOF
