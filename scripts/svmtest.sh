#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The sample consumer end to end (Documentation/sample-consumer.rst):
# axaddrspace.ko, samples/axvcpu_svm/axvcpu_svm.ko and tools/axvmm with its
# guests, on Debian's 6.12 amd64 kernel under QEMU TCG (-cpu max: SVM with
# nested paging). NPT depth follows the host's paging mode, so it boots
# twice: with no5lvl (4-level NPT: every guest, mem64 with 4 KiB and 2 MiB
# leaves, and the negative control: a module build whose NPT leaves have
# two bits swapped must fail the protect guest) and with 5-level paging if
# the CPU has LA57 (hello and mem64).
#   svmtest.sh
# Records the TAP case counts of both boots as the step svm-amd64.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$AXA_OUT/svm-amd64
work=$AXA_REPO/build/svm
kh=$(axa_debheaders amd64)
rm -rf "$out"
mkdir -p "$out" "$work/bin"

build() {
	"$AXA_SCRIPTS/build-module.sh" "$kh" "$work/module" -s
	"$AXA_REPO/samples/axvcpu_svm/build.sh" "$kh" "$work/module" "$work/sample" -s
	# The negative control: every NPT leaf with RW and US swapped.
	AXA_EXTRA_CFLAGS=-DAXPT_ORACLE_BREAK \
		"$AXA_SCRIPTS/build-module.sh" "$kh" "$work/module-break" -s
	make -s -B -C "$AXA_REPO/tools/axvmm" OUTPUT="$work/bin/" LDFLAGS=-static

	local root
	root=$(mktemp -d)
	mkdir -p "$root"/{bin,proc,sys,dev,lib/break,tmp,guests}
	cp /bin/busybox "$root/bin/busybox"
	cp "$AXA_REPO/tools/axvmm/tests/init" "$root/init"
	cp "$AXA_REPO/tools/axvmm/tests/run.sh" "$root/run.sh"
	cp "$work/module/src/axaddrspace.ko" "$work/sample/axvcpu_svm.ko" "$root/lib/"
	cp "$work/module-break/src/axaddrspace.ko" "$root/lib/break/"
	cp "$work/bin/axvmm" "$root/bin/"
	cp "$work"/bin/guests/*.bin "$root/guests/"
	(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) \
		> "$work/initrd.cpio.gz"
	rm -rf "$root"
}

if ! build > "$out/build.log" 2>&1; then
	cat "$out/build.log"
	axa_result svm-amd64 0 1
	exit 1
fi

# boot <name> <extra cmdline>: 0 PASS, 1 FAIL, 2 no verdict.
boot() {
	local log=$out/$1.log
	timeout --foreground -k 5 "${AXA_SVM_TIMEOUT:-200}" \
		qemu-system-x86_64 -accel tcg -cpu max -m 512M -smp 2 \
		-nographic -no-reboot -nodefaults -serial stdio -monitor none \
		-kernel "$(axa_debimage amd64)" -initrd "$work/initrd.cpio.gz" \
		-append "console=ttyS0 panic=-1 oops=panic panic_on_warn=1 quiet loglevel=4 rdinit=/init $2" \
		</dev/null > "$log" 2>&1
	tr -d '\r' < "$log" | grep -E '^(ok |not ok |# |=== )' || true
	grep -q '^=== GUEST VERDICT: PASS' "$log" && return 0
	grep -q '^=== GUEST VERDICT: FAIL' "$log" && return 1
	echo "no guest verdict (panic or timeout), last lines:"
	tail -n 40 "$log"
	return 2
}

pass=0
fail=0
skip=0
rc=0
count() {
	local p f s
	read -r p f s < <(python3 "$AXA_SCRIPTS/count.py" tap "$out/$1.log")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "$1: no test results"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
	[ "$f" -eq 0 ] || rc=1
}

echo "--- boot 1: host paging 4-level (no5lvl): 4-level NPT, every guest"
r=0
boot npt4 "no5lvl axa.svm=full" || r=$?
count npt4 "$r"

echo "--- boot 2: host paging 5-level if the CPU has LA57: 5-level NPT, mem64"
r=0
boot npt5 "axa.svm=mem64" || r=$?
if grep -q '^# host paging: 5 levels' "$out/npt5.log"; then
	count npt5 "$r"
elif [ "$r" -eq 0 ]; then
	echo "SKIP: the host ran 4-level paging in boot 2 (no LA57): no 5-level NPT run"
	skip=$((skip + 1))
else
	count npt5 "$r"
fi

axa_result svm-amd64 "$pass" "$fail" "$skip"
echo "svm-amd64: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$rc" -eq 0 ]
