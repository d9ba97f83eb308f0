#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build axaddrspace.ko against a kernel build dir:
#   build-module.sh <kdir> <workdir> [make args...]   (ARCH/CROSS_COMPILE via args)
# AXA_EXTRA_CFLAGS (negative controls) and AXA_FAIL_NTH=1 (test builds with
# the fail-nth knob, axaddrspace/fail_nth.h) pass through from the
# environment.
# M= writes objects next to the sources, so the module sources are mirrored
# into <workdir>/src first, mtimes kept, so rebuilds are incremental.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kdir=$1
work=$(readlink -f -m "$2")
shift 2
if [ ! -e "$kdir/Makefile" ]; then
	echo "error: no kernel build dir at $kdir (install the kernel headers or set KDIR)" >&2
	exit 1
fi
mkdir -p "$work/src"
srcs=()
for d in Kbuild dkms.conf axaddrspace arch include; do
	[ -e "$AXA_REPO/$d" ] && srcs+=("$AXA_REPO/$d")
done
if command -v rsync >/dev/null; then
	rsync -a --include='*/' --include='*.[ch]' --include=Kbuild --include=Kconfig \
		--include=dkms.conf --exclude='*' "${srcs[@]}" "$work/src/"
else
	# DKMS machines need not have rsync: the same copy, mtimes kept.
	(cd "$AXA_REPO" && find "${srcs[@]#"$AXA_REPO/"}" \( -name '*.[ch]' -o \
		-name Kbuild -o -name Kconfig -o -name dkms.conf \) -type f \
		-exec cp --parents -p -t "$work/src" {} +)
fi
make -C "$kdir" M="$work/src" ${AXA_EXTRA_CFLAGS:+AXA_EXTRA_CFLAGS="$AXA_EXTRA_CFLAGS"} \
	${AXA_FAIL_NTH:+AXA_FAIL_NTH="$AXA_FAIL_NTH"} "$@" modules
