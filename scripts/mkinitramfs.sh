#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Pack the test initramfs:
#   mkinitramfs.sh <out.cpio.gz> <static busybox> <axaddrspace.ko> <axasctl> <tests...>
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
for t in "$@"; do
	cp "$t" "$root/tests/"
done
(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet | gzip -1) > "$out"
