#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Test the module on Debian's 6.12 kernel of one arch in a VM:
#   vmtest.sh amd64|arm64
# or on the x86_64 debug kernel (KASAN, lockdep, kmemleak, lockup and stall
# detectors, fault injection), built first if not cached:
#   vmtest.sh debug
# insmod, every selftest, rmmod; records the selftest case counts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1
out=$AXA_OUT/vm-$arch
rm -rf "$out"
mkdir -p "$out"

rc=0
if [ "$arch" = debug ]; then
	"$AXA_SCRIPTS/debugkernel.sh" > "$out/kernel.log" 2>&1 || rc=$?
	grep -E '^debug kernel' "$out/kernel.log" || true
	if [ "$rc" -ne 0 ]; then
		tail -n 40 "$out/kernel.log"
		axa_result "vm-$arch" 0 1
		exit 1
	fi
fi
"$AXA_SCRIPTS/vm-image.sh" "$arch" > "$out/build.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
	cat "$out/build.log"
	axa_result "vm-$arch" 0 1
	exit 1
fi
"$AXA_SCRIPTS/vm-run.sh" "$arch" "$out/serial.log" || rc=$?
# Test verdicts and the guest's own report; the full log stays in $out.
tr -d '\r' < "$out/serial.log" | grep -E '^(ok |not ok |# (FAIL|PASSED|Totals)|# [^ ]+\.c:[0-9]+:|=== )' || true
case $rc in
0) ;;
1)
	echo "guest verdict: FAIL; its report:"
	tr -d '\r' < "$out/serial.log" |
		sed -n '/^=== \(kmemleak\|taint\)/,/^=== GUEST VERDICT/p' | head -n 120 || true
	;;
*)
	echo "no guest verdict (panic or timeout); reports, then the last lines:"
	tr -d '\r' < "$out/serial.log" |
		grep -aE 'BUG:|WARNING:|INFO:|LOCKUP|Kernel panic' | head -n 10 || true
	tail -n 40 "$out/serial.log"
	;;
esac

read -r pass fail skip < <(python3 "$AXA_SCRIPTS/count.py" tap "$out/serial.log")
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
	fail=1
fi
if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
	echo "no test results"
	fail=1
fi
axa_result "vm-$arch" "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
