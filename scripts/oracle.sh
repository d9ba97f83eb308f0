#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hardware oracle: run the axaddrspace-oracle KUnit suite under QEMU (TCG)
# for every format that has one, and print a report.
#
# Usage: scripts/oracle.sh [--negative] [--arch "arm64 riscv x86_64"] <cache-dir> <ksrc>
#
#   <cache-dir>  build dirs go to <cache-dir>/oracle-{pos,neg}-<arch> (kept: warm runs
#                rebuild only what changed); logs to <cache-dir>/oracle-logs.
#   <ksrc>       an extracted linux-source-6.12 tree. If drivers/axaddrspace
#                is not there yet, this repository is hooked in (symlink,
#                one Kconfig "source" line, one Makefile line).
#   --arch       the runs to do (default all): arm64 = Arm stage 2 at EL2,
#                riscv = G-stage with H, x86_64 = AMD NPT (booted twice:
#                5-level, then "no5lvl" for 4-level).
#   --negative   build with -DAXPT_ORACLE_BREAK (make AXA_EXTRA_CFLAGS=...;
#                one bit of every format's encoding swapped) and require
#                that the oracle suite FAILS with disagreements on every run.
#
# Needs: qemu-system-{aarch64,riscv64,x86_64}, opensbi, gcc-aarch64-linux-gnu,
# gcc-riscv64-linux-gnu, python3. Uses --jobs=$(nproc) (override: JOBS=).
#
# Output: each run's report lines, then "N passed, N failed" (test cases)
# and, with --negative, "negative control: N detected, N missed".
# Exit: 0 when everything passed (or, with --negative, every run detected
# the break), 1 otherwise.
set -uo pipefail

NEGATIVE=0
ARCHES="arm64 riscv x86_64"
while [ $# -gt 0 ]; do
	case $1 in
	--negative) NEGATIVE=1; shift ;;
	--arch) ARCHES=$2; shift 2 ;;
	-*) echo "unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -eq 2 ] || { sed -n '4,27p' "$0" >&2; exit 2; }
CACHE=$(readlink -f -m "$1")
KSRC=$(readlink -f "$2")
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/scripts/lib.sh"	# AXA_KUNIT_KARGS
JOBS=${JOBS:-$(nproc)}
LOGS=$CACHE/oracle-logs
mkdir -p "$CACHE" "$LOGS"

# Hook the repository into the kernel tree once.
if [ ! -e "$KSRC/drivers/axaddrspace" ]; then
	ln -s "$REPO" "$KSRC/drivers/axaddrspace"
	sed -i '$i source "drivers/axaddrspace/axaddrspace/Kconfig"' "$KSRC/drivers/Kconfig"
	echo 'obj-y += axaddrspace/' >> "$KSRC/drivers/Makefile"
fi

KCONF=(--kunitconfig="$REPO/axaddrspace/oracle/.kunitconfig")
# The negative build has its own dirs, so neither run rebuilds the other.
# The break is a test-build flag, not a Kconfig option of the product.
dir=pos
[ $NEGATIVE = 1 ] && KCONF+=(--make_options "AXA_EXTRA_CFLAGS=-DAXPT_ORACLE_BREAK") && dir=neg

passed=0 failed=0 skipped=0 detected=0 missed=0

# run <name> <arch> <qemu config> <qemu binary> <cross prefix> [kernel args]
run() {
	local name=$1 arch=$2 qcfg=$3 qemu=$4 cross=$5 kargs=${6:-}
	local ver log=$LOGS/$name.log t0 t1 p f s d a
	ver=$($qemu --version | head -1 | sed 's/.*version \([^ ]*\).*/\1/')
	# The lockup detectors of every KUnit kernel (as in kunit.sh, so the
	# seeded build dirs keep their config); they panic, and panic=-1 ends
	# the run then instead of at the timeout. The Arm and RISC-V configs
	# are SMP, the NPT one is not.
	local lockup=(--kunitconfig="$REPO/scripts/kunit/lockup.config")
	[ "$arch" != x86_64 ] && lockup+=(--kunitconfig="$REPO/scripts/kunit/lockup-smp.config")
	local args=(run --arch="$arch" --build_dir="$CACHE/oracle-$dir-$arch" "${KCONF[@]}"
		    "${lockup[@]}"
		    --qemu_config="$REPO/scripts/kunit/$qcfg" --jobs="$JOBS"
		    --timeout=900 --raw_output=kunit --kernel_args=panic=-1
		    --kernel_args="axaddrspace.oracle_emulator=QEMU-$ver")
	for a in "${AXA_KUNIT_KARGS[@]}"; do
		args+=(--kernel_args="$a")
	done
	args+=('axaddrspace-oracle')
	# A first build starts from a copy of a positive one (ours, or make
	# check's KUnit build of the same arch), so only the module and the
	# link are redone.
	local seed=$CACHE/oracle-pos-$arch
	[ -d "$seed" ] || seed=$CACHE/kunit/$arch
	if [ ! -d "$CACHE/oracle-$dir-$arch" ] && [ -d "$seed" ]; then
		mkdir -p "$CACHE/oracle-$dir-$arch"
		cp -a "$seed/." "$CACHE/oracle-$dir-$arch/"
	fi
	[ -n "$cross" ] && args+=(--cross_compile="$cross")
	[ -n "$kargs" ] && args+=(--kernel_args="$kargs")
	t0=$(date +%s)
	(cd "$KSRC" && ./tools/testing/kunit/kunit.py "${args[@]}") > "$log" 2>&1
	t1=$(date +%s)
	# Test cases are the KTAP results indented once inside the suite.
	p=$(grep -cE '^    ok [0-9]+ [^#]*$' "$log")
	s=$(grep -cE '^    ok [0-9]+ .*# SKIP' "$log")
	f=$(grep -cE '^    not ok [0-9]+' "$log")
	if ! grep -qE '^(    )?(not )?ok [0-9]+ axaddrspace-oracle' "$log"; then
		f=$((f + 1))	# no verdict: build or boot failure
		tail -20 "$log"
	fi
	d=$(grep -oE 'disagree=[0-9]+' "$log" | cut -d= -f2 | paste -sd+ | bc)
	echo "=== $name: QEMU $ver, ${p} passed, ${f} failed, ${s} skipped, $((t1 - t0)) s (log $log)"
	grep -E '# [a-z_]+: (oracle |quirk |FAIL )' "$log" | sed 's/^ *# /  /'
	grep -E 'DISAGREE' "$log" | sed 's/^ *# /  /' | head -6
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	if [ $NEGATIVE = 1 ]; then
		if [ "$f" -gt 0 ] && [ "${d:-0}" -gt 0 ]; then
			detected=$((detected + 1))
		else
			missed=$((missed + 1))
		fi
	fi
}

for a in $ARCHES; do
	case $a in
	arm64) run arm64-el2 arm64 arm64_el2.py qemu-system-aarch64 aarch64-linux-gnu- ;;
	riscv) run riscv-h riscv riscv_h.py qemu-system-riscv64 riscv64-linux-gnu- ;;
	x86_64)
		run x86_64-npt5 x86_64 x86_64_svm.py qemu-system-x86_64 ""
		run x86_64-npt4 x86_64 x86_64_svm.py qemu-system-x86_64 "" no5lvl ;;
	*) echo "unknown arch $a" >&2; exit 2 ;;
	esac
done

echo "$passed passed, $failed failed ($skipped skipped)"
if [ $NEGATIVE = 1 ]; then
	echo "negative control: $detected detected, $missed missed"
	[ $missed = 0 ] && [ $detected -gt 0 ]
	exit
fi
[ $failed = 0 ]
