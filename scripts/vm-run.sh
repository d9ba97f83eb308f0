#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the Debian kernel of one arch with build/<arch>/initrd.cpio.gz under
# QEMU TCG (no usable KVM here) and save the serial console:
#   vm-run.sh amd64|arm64|debug <log> [extra kernel cmdline]
# debug boots the x86_64 debug kernel (scripts/debugkernel.sh) instead, on
# 2 vCPUs that really run in parallel (multi-threaded TCG) with 2 GiB, and
# tells the guest with axa.kernel=debug.
# Exit 0 on the guest's PASS verdict, 1 on FAIL, 2 on none (panic, timeout).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1
log=$2
extra=${3:-}
initrd=$AXA_REPO/build/$arch/initrd.cpio.gz
# panic_on_warn: any WARN ends the run without a verdict.
cmdline="panic=-1 oops=panic panic_on_warn=1 quiet loglevel=4 rdinit=/init $extra"

tmo=300
case $arch in
amd64)
	kernel=$(axa_debimage "$arch")
	qemu=(qemu-system-x86_64 -accel tcg -cpu max -m 512M)
	cmdline="console=ttyS0 $cmdline"
	;;
debug)
	kernel=$(axa_debugkdir)/arch/x86/boot/bzImage
	# watchdog_thresh=5: soft lockup after 10 s, hard lockup after 5 s.
	qemu=(qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m 2G
	      -bios qboot.rom -name debug-threads=on)
	cmdline="console=ttyS0 watchdog_thresh=5 axa.kernel=debug $cmdline"
	tmo=900		# KASAN and lockdep under TCG
	;;
arm64)
	# At EL2 like real KVM hosts; kvm-arm.mode=none leaves EL2 to us.
	# pauth-impdef: TCG emulates the architected PAC algorithm slowly.
	kernel=$(axa_debimage "$arch")
	qemu=(qemu-system-aarch64 -accel tcg -machine virt,virtualization=on
	      -cpu max,pauth-impdef=on -m 1G)
	cmdline="console=ttyAMA0 kvm-arm.mode=none $cmdline"
	;;
*)
	echo "usage: $0 amd64|arm64|debug <log> [cmdline]" >&2
	exit 2
	;;
esac

timeout --foreground -k 5 "${AXA_VM_TIMEOUT:-$tmo}" "${qemu[@]}" -smp 2 \
	-nographic -no-reboot -nodefaults -serial stdio -monitor none \
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline" \
	</dev/null > "$log" 2>&1
grep -q '^=== GUEST VERDICT: PASS' "$log" && exit 0
grep -q '^=== GUEST VERDICT: FAIL' "$log" && exit 1
exit 2
