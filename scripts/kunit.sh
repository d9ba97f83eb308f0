#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the project's KUnit suites with kunit.py on one architecture:
#   kunit.sh um       UML with KASAN and lockdep (uniprocessor)
#   kunit.sh arm64    QEMU virt at EL2 (virtualization=on), cross-compiled
#   kunit.sh riscv    QEMU rv64 with the H extension, cross-compiled
#   kunit.sh x86_64   QEMU x86_64 with KASAN and lockdep
# The QEMU runs have 2 vCPUs under multi-threaded TCG (one host thread per
# vCPU), so the race suites really run in parallel; the run fails unless
# the kernel brought up both. Every kernel has the lockup, hang and RCU
# stall detectors of scripts/kunit/lockup*.config.
# Each arch keeps its own build dir in the cache, so reruns are incremental.
# Records passed/failed/skipped cases; any crash or kernel splat fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1
name=$arch	# build dir kunit/<name> in the cache
cpus=2		# vCPUs the kernel must bring up (QEMU configs: -smp 2)
debug=(--kconfig_add CONFIG_DEBUG_KERNEL=y
       --kconfig_add CONFIG_KASAN=y
       --kconfig_add CONFIG_PROVE_LOCKING=y
       --kconfig_add CONFIG_DEBUG_ATOMIC_SLEEP=y)
lockup=(--kunitconfig="$AXA_SCRIPTS/kunit/lockup.config"
	--kunitconfig="$AXA_SCRIPTS/kunit/lockup-smp.config")
case $arch in
um)
	cpus=1
	lockup=(--kunitconfig="$AXA_SCRIPTS/kunit/lockup.config")
	# Separate build dir from any plain UML build: switching configs in one
	# dir would rebuild the whole kernel every time.
	args=(--arch=um "${debug[@]}"
	      # kunit.py's UML default enables PCI over virtio, which WARNs
	      # at boot without a device ID; nothing here needs PCI.
	      --kconfig_add CONFIG_UML_PCI_OVER_VIRTIO=n)
	;;
arm64)
	args=(--arch=arm64 --cross_compile=aarch64-linux-gnu-
	      --qemu_config="$AXA_SCRIPTS/kunit/arm64_el2.py")
	;;
riscv)
	args=(--arch=riscv --cross_compile=riscv64-linux-gnu-
	      --qemu_config="$AXA_SCRIPTS/kunit/riscv_h.py")
	;;
x86_64)
	# Not kunit/x86_64: scripts/oracle.sh seeds its x86_64 build dirs
	# from that name, and a KASAN build is no use to them.
	name=x86_64-smp
	args=(--arch=x86_64 --qemu_config="$AXA_SCRIPTS/kunit/x86_64_smp.py"
	      "${debug[@]}"
	      # TCG has no PMU for the perf NMI watchdog.
	      --kconfig_add CONFIG_HARDLOCKUP_DETECTOR_PREFER_BUDDY=y)
	;;
*)
	echo "usage: $0 um|arm64|riscv|x86_64" >&2
	exit 2
	;;
esac

ksrc=$(axa_ksrc)
bdir=$(axa_cache_dir)/kunit/$name
out=$AXA_OUT/kunit-$arch
rm -rf "$out"
mkdir -p "$out" "$(dirname "$bdir")"
# No stale log of an earlier run if this one fails before booting.
rm -f "$bdir/test.log"

args+=(--kunitconfig="$AXA_REPO/axaddrspace" "${lockup[@]}" --build_dir="$bdir"
       --json="$out/results.json"
       # A WARN or oops fails the run; panic=-1 makes the QEMU guests exit
       # (-no-reboot) instead of hanging until the timeout.
       --kernel_args=panic_on_warn=1 --kernel_args=oops=panic --kernel_args=panic=-1
       --timeout=300)
for a in "${AXA_KUNIT_KARGS[@]}"; do
	args+=(--kernel_args="$a")
done
if [ -n "${AXA_EXTRA_CFLAGS:-}" ]; then
	args+=(--make_options "AXA_EXTRA_CFLAGS=$AXA_EXTRA_CFLAGS")
fi

rc=0
(cd "$ksrc" && python3 tools/testing/kunit/kunit.py run "${args[@]}") \
	> "$out/kunit.log" 2>&1 || rc=$?

# kunit.py's own report (verdicts, failed expectations), or why it failed.
if grep -q 'Starting KUnit Kernel' "$out/kunit.log"; then
	sed -n '/Starting KUnit Kernel/,$p' "$out/kunit.log" | grep -v 'Test results stored'
else
	tail -n 40 "$out/kunit.log"
fi

# KUnit itself does not fail on lockdep reports or on splats outside a test.
# "BUG: " covers soft lockups ("BUG: soft lockup - CPU#0 stuck for 11s!")
# and workqueue lockups; "INFO: " lockdep, hung tasks ("INFO: task ...
# blocked for more than 120 seconds.") and RCU stalls ("rcu: INFO: rcu_sched
# self-detected stall on CPU", "rcu: INFO: rcu_preempt detected stalls on
# CPUs/tasks:", expedited and RCU-tasks ones alike); hard lockups have
# their own line.
if [ -e "$bdir/test.log" ] &&
   grep -E 'BUG: |WARNING: |INFO: |Watchdog detected hard LOCKUP|Kernel panic|Oops|------------\[ cut here' \
	"$bdir/test.log" > "$out/splats.log"; then
	echo "kernel reported problems:"
	cat "$out/splats.log"
	rc=1
fi

# The race suites are only worth as much as the parallelism under them.
if [ "$cpus" -gt 1 ] && [ -e "$bdir/test.log" ] &&
   ! grep -qE "smp: Brought up [0-9]+ nodes?, $cpus CPUs" "$bdir/test.log"; then
	echo "the kernel did not bring up $cpus CPUs:"
	grep -E 'smp: |CPU[0-9]+' "$bdir/test.log" | head -n 10
	rc=1
fi

read -r pass fail skip < <(python3 "$AXA_SCRIPTS/count.py" kunit "$out/results.json" || echo "0 0 0")
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
	fail=1	# kunit.py failed without a failing case: build error, crash...
fi
if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
	echo "no test results"
	fail=1
fi
axa_result "kunit-$arch" "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
