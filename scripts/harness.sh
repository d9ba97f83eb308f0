#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The page-table engine built and run in userspace under ASan/UBSan
# (tools/testing/axaddrspace): the randomised model runs for every format
# and configuration, the engine's and the address-space layer's KUnit
# suites through the harness's KUnit stand-in, and a quick run of each
# benchmark (they check their own results: translations, page counts,
# frames). Records one case per model configuration, every KUnit case
# (skipped ones apart), the rbtree stand-in's self-test and one case per
# benchmark.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

h=$AXA_REPO/tools/testing/axaddrspace
out=$AXA_OUT/harness
mkdir -p "$out"
make -s -C "$h" OUT="$out/bin" all
rc=0
"$out/bin/pt_test" 10000 | tee "$out/pt_test.log" || rc=1
"$out/bin/kunit" > "$out/kunit.log" 2>&1 || rc=1
grep -E '^ *(not ok|# .*:.*:[0-9]+:)' "$out/kunit.log" || true
tail -n 1 "$out/kunit.log"
mp=$(grep -c ' ok$' "$out/pt_test.log" || true)
mf=$(grep -c ' FAILED$' "$out/pt_test.log" || true)
for b in rbtree_test "bench -q -r 1 -s 0" "as_bench -q -r 1 -s 1"; do
	if "$out/bin/"$b > "$out/${b%% *}.log" 2>&1; then
		mp=$((mp + 1))
	else
		echo "FAILED: $b"; tail -n 3 "$out/${b%% *}.log"
		mf=$((mf + 1)); rc=1
	fi
done
# axasctl's argument parsing and output, against a fake device
if make -s -C "$AXA_REPO/tools/axasctl" OUTPUT="$out/axasctl/" test > "$out/axasctl.log" 2>&1; then
	mp=$((mp + 1))
else
	echo "FAILED: axasctl unit tests"; tail -n 5 "$out/axasctl.log"
	mf=$((mf + 1)); rc=1
fi
read -r kp kf < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out/kunit.log")
ks=$(sed -n 's/^\([0-9]*\) skipped$/\1/p' "$out/kunit.log")
axa_result harness $((mp + ${kp:-0})) $((mf + ${kf:-1})) "${ks:-0}"
[ "$rc" -eq 0 ] && [ "$((mf + ${kf:-1}))" -eq 0 ]
