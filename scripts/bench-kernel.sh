#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make bench-kernel`: the in-kernel benchmark suite (axaddrspace-bench)
# under UML without KASAN or lockdep, which runs kernel code natively with
# the real alloc_pages(). Prints ns per operation; asserts no times.
# Note: UML is uniprocessor, so the 2-thread fault figure shows the cost
# of the shared-lock path, not parallel speed-up.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$AXA_SCRIPTS/deps.sh"
"$AXA_SCRIPTS/ksrc.sh" > /dev/null
ksrc=$(axa_ksrc)
bdir=$(axa_cache_dir)/kunit/um-bench
mkdir -p "$(dirname "$bdir")"
(cd "$ksrc" && python3 tools/testing/kunit/kunit.py run --arch=um \
	--build_dir="$bdir" --kunitconfig="$AXA_REPO/axaddrspace/bench.kunitconfig" \
	--jobs="$(nproc)" --timeout=900 'axaddrspace-bench') > "$bdir.log" 2>&1 ||
	{ tail -30 "$bdir.log"; exit 1; }
grep -h 'ns/op' "$bdir/test.log"
