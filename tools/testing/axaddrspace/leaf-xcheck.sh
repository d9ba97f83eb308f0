#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Compare the formats' entry tests of this tree with those of an older
# revision (leaf_xcheck.c): leaf-xcheck.sh [revision] [entries per format]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
rev=${1:-HEAD}
n=${2:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in arch/x86/npt.h arch/x86/ept.h arch/arm64/stage2.h arch/riscv/gstage.h; do
	mkdir -p "$tmp/old/$(dirname "$f")"
	git -C "$top" show "$rev:$f" > "$tmp/old/$f"
done
inc=(-I"$here/include" -I"$top" -I"$top/include" -I"$here")
cc=${CC:-cc}
$cc -O2 -Wall -DLX_SIDE=old_ -I"$tmp/old" "${inc[@]}" -c "$here/leaf_xcheck_side.c" -o "$tmp/old.o"
$cc -O2 -Wall -DLX_SIDE=new_ "${inc[@]}" -c "$here/leaf_xcheck_side.c" -o "$tmp/new.o"
$cc -O2 -Wall "${inc[@]}" "$here/leaf_xcheck.c" "$tmp/old.o" "$tmp/new.o" -o "$tmp/leaf_xcheck"
"$tmp/leaf_xcheck" "$n"
