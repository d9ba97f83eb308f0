#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What `make demo` runs inside the VM, with the module loaded: what the
# module supports; /demo.batch (scripts/vm/demo.batch), a commented tour of
# one address space with axasctl, shown as a session; then real guests on
# the module's tables: the sample consumer axvcpu_svm runs them with VMRUN
# (QEMU emulates AMD SVM with nested paging) and axvmm is their VMM.
set -e
run() {
	echo "\$ $*"
	"$@"
	echo
}

# say <line>...: comment lines of the session, as in the batch file.
say() {
	printf '# %s\n' "$@"
}

# A 2 MiB-aligned 2 MiB block inside the first PCI window of
# /proc/iomem: host memory that is not RAM, for the passthrough step.
pci_block() {
	grep -E '^[0-9a-f]+-[0-9a-f]+ : PCI Bus' /proc/iomem |
	while IFS='- ' read -r start end _; do
		s=$(( (0x$start + 0x1fffff) & ~0x1fffff ))
		if [ $((s + 0x200000 - 1)) -le $((0x$end)) ]; then
			printf '0x%x\n' "$s"
		fi
	done | head -n1
}

run ls -l /dev/axaddrspace
run axasctl info
hpa=$(pci_block)
if [ -z "$hpa" ]; then
	echo "no PCI window with a free 2 MiB block in /proc/iomem" >&2
	exit 1
fi
sed "s/@PCI_BLOCK@/$hpa/g" /demo.batch > /tmp/demo.batch
echo "\$ axasctl --echo batch demo.batch"
axasctl --echo batch /tmp/demo.batch
echo

say "8. A real guest. axvcpu_svm is a sample in-kernel consumer: it binds" \
    "   an NPT space by its fd, loads the root (nCR3) into the VMCB, runs" \
    "   the vCPU with VMRUN and is told to flush before the space frees" \
    "   anything. axvmm is the VMM: it creates the space through" \
    "   /dev/axaddrspace (128 MiB of lazy RAM, a device), loads the guest" \
    "   through mmap, builds its page tables and handles its exits. The" \
    "   guest prints through an I/O port and halts."
run insmod /lib/axvcpu_svm.ko
levels=$(dmesg | sed -n 's/.*axvcpu_svm: .*host paging \([45]\) levels.*/\1/p' | tail -n1)
run axvmm --levels "${levels:-4}" /guests/hello.bin

say "9. 64 MiB of guest RAM, touched page by page by the guest: every" \
    "   first touch is a nested page fault that the consumer hands to" \
    "   axas_handle_fault(), which allocates a zeroed frame and maps it" \
    "   (faults mapped=16384). The VMM then checks the guest's checksum" \
    "   against the same memory through its own mapping of the space."
run axvmm --levels "${levels:-4}" --pgsize 4k --mem64 /guests/mem64.bin
say "   The same guest with 2 MiB frames: 32 faults instead of 16384."
run axvmm --levels "${levels:-4}" --pgsize 2m --mem64 /guests/mem64.bin
run rmmod axvcpu_svm
