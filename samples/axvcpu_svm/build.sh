#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build axvcpu_svm.ko against a kernel build dir, after axaddrspace.ko:
#   build.sh <kdir> <axaddrspace workdir (build-module.sh's)> <workdir> [make args...]
# The sample links against axaddrspace's exports (its Module.symvers).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kdir=$1
axa=$(readlink -f -m "$2")
work=$(readlink -f -m "$3")
shift 3
mkdir -p "$work"
rsync -a --include='*.[chS]' --include=Kbuild --exclude='*' "$here/" "$work/"
# Kbuild does not rerun modpost when only KBUILD_EXTRA_SYMBOLS changed, so
# a sample built against an older axaddrspace.ko would keep that module's
# symbol CRCs and fail to load ("disagrees about version of symbol"):
# start over whenever the exports it links against differ.
if ! cmp -s "$axa/src/Module.symvers" "$work/.axaddrspace.symvers"; then
	make -C "$kdir" M="$work" AXA_ROOT="$root" "$@" clean
	cp "$axa/src/Module.symvers" "$work/.axaddrspace.symvers"
fi
make -C "$kdir" M="$work" AXA_ROOT="$root" \
	KBUILD_EXTRA_SYMBOLS="$axa/src/Module.symvers" "$@" modules
