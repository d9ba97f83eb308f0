#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Instruction counts of the engine's hot paths (cg_bench.c) under callgrind.
# usage: bench-cg.sh [format] [cg_bench or cg_as_bench binary]
set -euo pipefail
fmt=${1:-ept-4}
bin=${2:-$(dirname "$0")/out/cg_bench}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --tool=callgrind --toggle-collect='cg_*' \
	--callgrind-out-file="$tmp/cg.out" "$bin" "$fmt" >/dev/null 2>"$tmp/log" ||
	{ cat "$tmp/log"; exit 1; }
callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg.out" |
	sed -n 's/^ *\([0-9,]*\) .*cg_[a-z_]*bench\.c:cg_\([a-z0-9]*\) .*/\2 \1/p' |
	tr -d , | sort | awk -v fmt="$fmt" '{ printf "%-9s %-8s %12d\n", fmt, $1, $2 }'
