#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: the whole test pipeline (see Documentation/testing.rst).
# Runs every step even after a failure, prints each step's result and time,
# and ends with "N passed, N failed" over all test cases. Exits non-zero if
# anything failed or did not run.
#
#   AXA_BREAK=kunit|selftest|warn|lockup|leak
#                                   negative controls: build with a failing
#                                   KUnit case / selftest / a WARN at init /
#                                   an RCU stall and a soft lockup in KUnit /
#                                   a kmalloc leaked at init (kmemleak)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

case ${AXA_BREAK:-} in
"") ;;
kunit) export AXA_EXTRA_CFLAGS=-DAXA_BREAK_KUNIT ;;
selftest) export AXA_EXTRA_CFLAGS=-DAXA_BREAK_SELFTEST ;;
warn) export AXA_EXTRA_CFLAGS=-DAXA_BREAK_WARN ;;
lockup) export AXA_EXTRA_CFLAGS=-DAXA_BREAK_LOCKUP ;;
leak) export AXA_EXTRA_CFLAGS=-DAXA_BREAK_LEAK ;;
*) echo "AXA_BREAK must be kunit, selftest, warn, lockup or leak" >&2; exit 2 ;;
esac

t0=$(axa_now)
summary=()
setup_failed=0

# run_step <name> <title> <command...>: a step with test results records
# them itself (axa_result); one that fails without doing so counts as one
# failed case, so nothing can fail silently.
run_step() {
	local name=$1 title=$2 t rc=0 verdict
	shift 2
	echo
	echo "==> $title"
	t=$(axa_now)
	if [ "$setup_failed" -ne 0 ]; then
		echo "not run: an earlier setup step failed"
		rc=1
	else
		"$@" || rc=$?
	fi
	if [ "$rc" -ne 0 ] && [ ! -e "$AXA_OUT/results/$name" ]; then
		axa_result "$name" 0 1
	fi
	verdict=PASS
	[ "$rc" -eq 0 ] || verdict=FAIL
	echo "<== $verdict: $title ($(axa_since "$t")s)"
	summary+=("$(printf '%-4s %7ss  %s' "$verdict" "$(axa_since "$t")" "$title")")
	return "$rc"
}

# Setup: packages, kernel source, Debian kernels. Nothing can be tested
# without them, so their failure stops the test steps from running.
setup() {
	run_step "$@" || setup_failed=1
}

rm -rf "$AXA_OUT"
mkdir -p "$AXA_OUT/results"
[ -n "${AXA_EXTRA_CFLAGS:-}" ] && echo "negative control: AXA_EXTRA_CFLAGS=$AXA_EXTRA_CFLAGS"

setup deps "packages" "$AXA_SCRIPTS/deps.sh"
if [ "$setup_failed" -eq 0 ]; then
	# One pipeline per cache at a time: they share build dirs.
	mkdir -p "$(axa_cache_dir)"
	exec 9> "$(axa_cache_dir)/.lock"
	flock 9
fi
setup ksrc "kernel source (cached)" "$AXA_SCRIPTS/ksrc.sh"
setup deb-amd64 "Debian 6.12 amd64 kernel + headers (cached)" "$AXA_SCRIPTS/debkernel.sh" amd64
setup deb-arm64 "Debian 6.12 arm64 kernel + headers (cached)" "$AXA_SCRIPTS/debkernel.sh" arm64

run_step harness "engine in userspace (ASan/UBSan harness)" "$AXA_SCRIPTS/harness.sh" || true
run_step fuzz "engine fuzzing, 60 s (libFuzzer, ASan/UBSan)" "$AXA_SCRIPTS/fuzz.sh" || true
run_step kunit-um "KUnit, UML with KASAN and lockdep" "$AXA_SCRIPTS/kunit.sh" um || true
run_step kunit-arm64 "KUnit, arm64 QEMU at EL2, 2 vCPUs" "$AXA_SCRIPTS/kunit.sh" arm64 || true
run_step kunit-riscv "KUnit, riscv64 QEMU with H extension, 2 vCPUs" "$AXA_SCRIPTS/kunit.sh" riscv || true
run_step kunit-x86_64 "KUnit, x86_64 QEMU, 2 vCPUs, KASAN and lockdep" "$AXA_SCRIPTS/kunit.sh" x86_64 || true
run_step vm-amd64 "module + selftests on Debian 6.12 amd64 (QEMU)" "$AXA_SCRIPTS/vmtest.sh" amd64 || true
run_step vm-debug "module + selftests on an x86_64 debug kernel (KASAN, lockdep, kmemleak)" \
	"$AXA_SCRIPTS/vmtest.sh" debug || true
run_step svm-amd64 "sample consumer: axvcpu_svm runs axvmm guests on the module's NPT (QEMU, 4- and 5-level)" "$AXA_SCRIPTS/svmtest.sh" || true
run_step vm-arm64 "module + selftests on Debian 6.12 arm64 (QEMU)" "$AXA_SCRIPTS/vmtest.sh" arm64 || true
# Hardware oracle (Documentation/oracle.rst): Arm stage 2 and RISC-V run in
# the KUnit steps above; AMD NPT needs an x86_64 kernel of its own; the
# negative controls must be detected by every backend.
oracle_npt() {
	local log=$AXA_OUT/oracle-npt.log rc=0
	"$AXA_SCRIPTS/oracle.sh" --arch x86_64 "$(axa_cache_dir)" "$(axa_ksrc)" \
		| tee "$log" || rc=1
	read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$log")
	axa_result oracle-npt "${p:-0}" "${f:-1}"
	return "$rc"
}
oracle_negative() {
	local log=$AXA_OUT/oracle-negative.log rc=0
	"$AXA_SCRIPTS/oracle.sh" --negative "$(axa_cache_dir)" "$(axa_ksrc)" \
		| tee "$log" || rc=1
	read -r d m < <(sed -n 's/^negative control: \([0-9]*\) detected, \([0-9]*\) missed/\1 \2/p' "$log")
	axa_result oracle-negative "${d:-0}" "${m:-1}"
	return "$rc"
}
run_step oracle-npt "hardware oracle: AMD NPT under x86_64 QEMU (5- and 4-level)" oracle_npt || true
run_step oracle-negative "hardware oracle negative controls (must be detected)" oracle_negative || true
run_step lint "checkpatch, kernel-doc, sparse, W=1" "$AXA_SCRIPTS/lint.sh" || true
run_step install "make install/uninstall and DKMS against the Debian 6.12 amd64 headers" \
	"$AXA_SCRIPTS/installtest.sh" || true
run_step docs "documentation build (Sphinx with kernel-doc, warnings are errors)" \
	"$AXA_SCRIPTS/docs.sh" --check || true

echo
echo "==> summary (logs in $AXA_OUT, total $(axa_since "$t0")s)"
printf '%s\n' "${summary[@]}"
pass=0
fail=0
for f in "$AXA_OUT"/results/*; do
	read -r p x _ < "$f"
	pass=$((pass + p))
	fail=$((fail + x))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
