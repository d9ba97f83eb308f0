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
make -C "$kdir" M="$work" AXA_ROOT="$root" \
	KBUILD_EXTRA_SYMBOLS="$axa/src/Module.symvers" "$@" modules
