#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make bench-kernel`: the in-kernel benchmark suite (axaddrspace-bench)
# without KASAN or lockdep. Prints ns per operation; asserts no times.
#
#   bench-kernel.sh          UML, which runs kernel code natively with the
#                            real alloc_pages(). UML is uniprocessor: its
#                            2 fault threads run one after the other
#                            (overlap 0%), so no parallel speed-up.
#   RUNS=n bench-kernel.sh   (make bench-kernel RUNS=n) boot the suite n
#                            times and print every number of every line as
#                            the smallest and largest over the runs
#                            ("min..max"), then each run's load line
#   bench-kernel.sh --smp    (make bench-kernel SMP=1) x86_64 with 2 vCPUs
#                            under QEMU's multi-threaded TCG (one host
#                            thread per vCPU; needs 2 free host cores) for
#                            the 2-thread fault speed-up. TCG is an emulator,
#                            not KVM: its figures show how the kernel code
#                            scales under emulation, not native times, and
#                            are many times slower than UML's.
#
# The kernel is built at nice 10 (the machine may be shared); the suite
# then runs at normal priority, and the last line says how many host CPUs
# other processes kept busy meanwhile: with --smp on a 2-CPU host, any
# such load takes a vCPU's core and the 2-thread figures mean nothing.
# Build dirs stay in the cache (kunit/um-bench, kunit/x86_64-bench-smp),
# so warm runs only rebuild what changed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

case ${1:-} in
"")
	name=um-bench
	args=(--arch=um) ;;
--smp)
	name=x86_64-bench-smp
	args=(--arch=x86_64 --qemu_config="$AXA_SCRIPTS/kunit/x86_64_smp.py") ;;
*)
	echo "usage: $0 [--smp]" >&2
	exit 2 ;;
esac

"$AXA_SCRIPTS/deps.sh"
"$AXA_SCRIPTS/ksrc.sh" > /dev/null
ksrc=$(axa_ksrc)
bdir=$(axa_cache_dir)/kunit/$name
mkdir -p "$bdir"
args+=(--build_dir="$bdir" --kunitconfig="$AXA_REPO/axaddrspace/bench.kunitconfig")
# Host CPU time of everything but this script's children, in USER_HZ ticks:
# how busy the rest of the machine kept the cores the benchmark needs.
busy_ticks() {
	awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}
own_ticks() {
	awk '{print $16 + $17}' /proc/$$/stat
}
(cd "$ksrc" && nice -n 10 python3 tools/testing/kunit/kunit.py build \
	"${args[@]}" --jobs="$(nproc)") > "$bdir.log" 2>&1 ||
	{ tail -30 "$bdir.log"; exit 1; }
runs=${RUNS:-1}
case $runs in
''|*[!0-9]*|0) echo "RUNS must be a positive number" >&2; exit 2 ;;
esac
out=$bdir.runs
rm -rf "$out"
mkdir -p "$out"
for r in $(seq 1 "$runs"); do
	t0=$(axa_now) b0=$(busy_ticks) o0=$(own_ticks)
	(cd "$ksrc" && python3 tools/testing/kunit/kunit.py exec \
		"${args[@]}" --timeout=900 'axaddrspace-bench*') >> "$bdir.log" 2>&1 ||
		{ tail -30 "$bdir.log"; exit 1; }
	b1=$(busy_ticks) o1=$(own_ticks) secs=$(axa_since "$t0")
	grep -hE 'ns/op|faulting at once' "$bdir/test.log" > "$out/$r"
	awk -v t="$((b1 - b0 - (o1 - o0)))" -v s="$secs" -v n="$(nproc)" \
		-v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
		printf "run: %.1f s on %d host CPUs; other processes kept %.2f CPUs busy (load average %s)\n",
			s, n, (t > 0 ? t : 0) / 100 / s, l }' > "$out/$r.load"
done
if [ "$runs" = 1 ]; then
	cat "$out/1" "$out/1.load"
	exit 0
fi
# Line k of every run is the same figure: its numbers, min..max.
python3 - "$out" "$runs" <<'PY'
import re, sys
d, n = sys.argv[1], int(sys.argv[2])
runs = [open(f"{d}/{r}").read().splitlines() for r in range(1, n + 1)]
num = re.compile(r"[+-]?\d+(?:\.\d+)?")
for lines in zip(*runs):
    vals = [[m.group() for m in num.finditer(l)] for l in lines]
    if len({len(v) for v in vals}) != 1:
        print(lines[0])
        continue
    it = iter(zip(*vals))

    def span(m):
        col = next(it)
        lo = min(col, key=float)
        hi = max(col, key=float)
        return lo if float(lo) == float(hi) else f"{lo}..{hi}"
    print(num.sub(span, lines[0]))
PY
cat "$out"/*.load
