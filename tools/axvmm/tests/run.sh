#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# axvmm guests on axvcpu_svm, inside the svmtest VM (TAP on stdout).
#   axa.svm=full   every guest, mem64 with 4 KiB and 2 MiB leaves (default)
#   axa.svm=mem64  hello, and mem64 with 4 KiB and 2 MiB leaves
# Each case runs axvmm and checks its output lines in order.
mode=full
case " $(cat /proc/cmdline) " in
*" axa.svm=mem64 "*) mode=mem64 ;;
esac
n=0
fail=0
G=/guests

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	fail=1
	echo "not ok $n - $1"
}

# expect <name> <log> <line>...: every <line> (a grep -E pattern on a whole
# line) appears in <log>, in this order.
expect() {
	name=$1
	log=$2
	shift 2
	rest=$(cat "$log")
	for pat in "$@"; do
		hit=$(printf '%s\n' "$rest" | grep -n -m1 -E "^$pat\$" | cut -d: -f1)
		if [ -z "$hit" ]; then
			echo "# $name: missing (in order): $pat"
			sed 's/^/#   /' "$log" | tail -n 30
			not_ok "$name"
			return
		fi
		rest=$(printf '%s\n' "$rest" | sed "1,${hit}d")
	done
	ok "$name"
}

# vmm <name> <axvmm args...>: run axvmm, log in /tmp/<name>.log; its exit
# status is checked by the caller's expectations ("vmm: OK").
vmm() {
	name=$1
	shift
	axvmm "$@" > "/tmp/$name.log" 2>&1
	echo "vmm: exit status $?" >> "/tmp/$name.log"
	sed "s/^/# $name: /" "/tmp/$name.log" | grep -E 'summary|vmm:|guest:' | head -n 20
}

echo "TAP version 13"
grep -qw svm /proc/cpuinfo && grep -qw npt /proc/cpuinfo && ok "cpu has svm and npt" || not_ok "cpu has svm and npt"
if insmod /lib/axaddrspace.ko; then ok "insmod axaddrspace.ko"; else not_ok "insmod axaddrspace.ko"; fi
if insmod /lib/axvcpu_svm.ko; then ok "insmod axvcpu_svm.ko"; else not_ok "insmod axvcpu_svm.ko"; fi
dmesg | grep axvcpu_svm | sed 's/^/# /'
levels=$(dmesg | sed -n 's/.*axvcpu_svm: .*host paging \([45]\) levels.*/\1/p' | tail -n1)
levels=${levels:-4}
echo "# host paging: $levels levels"
other=$((9 - levels))

# Pages populated: the VMM writes the guest's page tables (PML4, PDPT, the
# PDs of GiB 0 and 3) and its code page through mmap(): 5 pages; a guest
# adds the RAM pages it touches (none but mem64's and protect's). The MMIO
# decoder reads guest memory with axas_read(): no faults.
vmm hello --levels "$levels" --expect-pages 5 $G/hello.bin
expect "hello, ${levels}-level NPT" /tmp/hello.log \
	'guest: hello' 'vmm: hlt at rip 0x10001d' \
	'summary: exits hlt=1 io=13 mmio=0 fault=0 shutdown=0 error=0' \
	'summary: pages populated 5, .*' 'vmm: OK' 'vmm: exit status 0'

vmm wrong-levels --levels "$other" $G/hello.bin
expect "bind refuses ${other}-level NPT on a ${levels}-level host (EOPNOTSUPP)" \
	/tmp/wrong-levels.log 'AXVCPU_SVM_IOC_BIND: Operation not supported' \
	'vmm: exit status 2'

vmm ept --format ept --levels "$levels" $G/hello.bin
expect "bind refuses an EPT space (EOPNOTSUPP)" /tmp/ept.log \
	'AXVCPU_SVM_IOC_BIND: Operation not supported' 'vmm: exit status 2'

if [ "$mode" = full ]; then
	vmm mmio --levels "$levels" --expect-pages 5 $G/mmio.bin
	expect "mmio, decoded MOV forms" /tmp/mmio.log \
		'mmio: read 0xc0000000 width 4 -> 0x160f0801' \
		'mmio: write 0xc0000008 width 4 data 0x160f0801' \
		'mmio: write 0xc0000010 width 8 data 0x55' \
		'mmio: read 0xc0000004 width 1 -> 0x1d' \
		'mmio: write 0xc0000018 width 1 data 0x1d' \
		'mmio: read 0xc0000020 width 2 -> 0xe8e1' \
		'mmio: write 0xc0000028 width 2 data 0xe8e1' \
		'mmio: write 0xc0000030 width 1 data 0x8' \
		'mmio: write 0xc0000031 width 1 data 0x7e' \
		'mmio: read 0xc0000010 width 8 -> 0x55' \
		'mmio: read 0xc0000031 width 1 -> 0x7e' \
		'guest: mmio ok' 'vmm: hlt at rip 0x100054' \
		'summary: exits hlt=1 io=8 mmio=11 fault=0 shutdown=0 error=0' \
		'summary: faults mapped=[0-9]* spurious=0 mmio=11 .*' \
		'vmm: OK' 'vmm: exit status 0'

	vmm protect --levels "$levels" --ro 0x200000,0x1000 --expect-pages 6 $G/protect.bin
	expect "protect: permission exit, unprotect, resume" /tmp/protect.log \
		'vmm: fault permission gpa 0x200000 access write rip 0x10000a' \
		'vmm: made 0x200000\+0x1000 writable, resuming' \
		'guest: protect ok' \
		'summary: exits hlt=1 io=11 mmio=0 fault=1 shutdown=0 error=0' \
		'summary: faults mapped=1 spurious=0 mmio=0 permission=1 .*' \
		'vmm: OK' 'vmm: exit status 0'

	vmm triple --levels "$levels" $G/triple.bin
	expect "triple fault: shutdown exit" /tmp/triple.log \
		'vmm: shutdown \(triple fault\) at rip .*' \
		'summary: exits hlt=0 io=0 mmio=0 fault=0 shutdown=1 error=0' \
		'vmm: FAIL' 'vmm: exit status 1'

	vmm vmmcall --levels "$levels" $G/vmmcall.bin
	expect "unhandled exit: error exit with the exit code" /tmp/vmmcall.log \
		'vmm: error exit: code 0x81 info1 0x0 info2 0x0 rip 0x100000' \
		'summary: exits hlt=0 io=0 mmio=0 fault=0 shutdown=0 error=1' \
		'vmm: FAIL' 'vmm: exit status 1'

	vmm close --levels "$levels" --close-space $G/spin.bin
	expect "space closed from another thread while the guest runs: release, ENODEV" \
		/tmp/close.log 'guest: go' \
		'vmm: closed the space from another thread while the guest runs' \
		'vmm: the run ended: the space is gone \(ENODEV\)' \
		'vmm: OK' 'vmm: exit status 0'

	vmm unmap --levels "$levels" --unmap 0x1000000,0x200000 \
		--expect-fault no_area $G/spin.bin
	expect "unmap from another thread while the guest runs: NO_AREA exit" \
		/tmp/unmap.log 'guest: go' \
		'vmm: unmapped 0x1000000\+0x200000 from another thread while the guest runs \([1-9][0-9]* invalidations\)' \
		'vmm: fault no_area gpa 0x1[01][0-9a-f]{5} access (read|write) rip 0x10001[0-9a-f]' \
		'summary: pages populated 5, .*' 'vmm: OK' 'vmm: exit status 0'
fi

# 64 MiB at GPA 16 MiB: 16384 pages, or 32 frames of 2 MiB.
vmm mem64-4k --levels "$levels" --pgsize 4k --mem64 --expect-pages 16389 $G/mem64.bin
expect "mem64, ${levels}-level NPT, 4 KiB leaves" /tmp/mem64-4k.log \
	'guest: sum [0-9a-f]{16}' 'vmm: mem64: guest said .*' \
	'summary: faults mapped=16384 .*' 'summary: pages populated 16389, .*' \
	'vmm: OK' 'vmm: exit status 0'
vmm mem64-2m --levels "$levels" --pgsize 2m --mem64 --expect-pages 16896 $G/mem64.bin
expect "mem64, ${levels}-level NPT, 2 MiB leaves" /tmp/mem64-2m.log \
	'guest: sum [0-9a-f]{16}' 'vmm: mem64: guest said .*' \
	'summary: faults mapped=32 .*' 'summary: pages populated 16896, .*2m=33.*' \
	'vmm: OK' 'vmm: exit status 0'

rmmod axvcpu_svm && ok "rmmod axvcpu_svm" || not_ok "rmmod axvcpu_svm"
rmmod axaddrspace && ok "rmmod axaddrspace" || not_ok "rmmod axaddrspace"

# Negative control: axaddrspace built with -DAXPT_ORACLE_BREAK swaps the
# RW and US bits of every NPT leaf it writes (and back when it reads one).
# RWX leaves do not change; protect's read-only page becomes a
# supervisor-only leaf the CPU refuses while the space calls it valid:
# the run must fail (SPURIOUS faults in a row end it).
if [ "$mode" = full ] && [ -e /lib/break/axaddrspace.ko ]; then
	if insmod /lib/break/axaddrspace.ko && insmod /lib/axvcpu_svm.ko; then
		vmm break --levels "$levels" --ro 0x200000,0x1000 $G/protect.bin
		expect "negative control: swapped RW/US NPT bits (break build) are caught" \
			/tmp/break.log \
			'vmm: fault spurious gpa 0x200000 access read rip 0x100007' \
			'vmm: FAIL' 'vmm: exit status 1'
		rmmod axvcpu_svm && rmmod axaddrspace || not_ok "rmmod of the break build"
	else
		not_ok "insmod of the break build"
	fi
fi
echo "1..$n"
exit $fail
