#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Pack the test initramfs:
#   mkinitramfs.sh <out.cpio.gz> <static busybox> <axaddrspace.ko> <axasctl> <tests...>
# With AXA_INITRD_SVM=<dir> (axvcpu_svm.ko, axvmm, guests/*.bin) also the
# sample consumer: the module in /lib, axvmm in /bin, the guests in
# /guests and its test script as /svm-run.sh.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$(readlink -f -m "$1")
bb=$2
ko=$3
ctl=$4
shift 4
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,proc,sys,dev,lib,tests,tmp}
cp "$bb" "$root/bin/busybox"
cp "$AXA_SCRIPTS/vm/init" "$root/init"
cp "$AXA_SCRIPTS/vm/demo.sh" "$root/demo.sh"
cp "$AXA_SCRIPTS/vm/demo.batch" "$root/demo.batch"
chmod +x "$root/init" "$root/demo.sh"
cp "$ko" "$root/lib/"
cp "$ctl" "$root/bin/"
if [ -n "${AXA_INITRD_SVM:-}" ]; then
	mkdir -p "$root/guests"
	cp "$AXA_INITRD_SVM/axvcpu_svm.ko" "$root/lib/"
	cp "$AXA_INITRD_SVM/axvmm" "$root/bin/"
	cp "$AXA_INITRD_SVM"/guests/*.bin "$root/guests/"
	cp "$AXA_REPO/tools/axvmm/tests/run.sh" "$root/svm-run.sh"
	chmod +x "$root/svm-run.sh"
fi
for t in "$@"; do
	cp "$t" "$root/tests/"
done
(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) > "$out"
