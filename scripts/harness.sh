#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The page-table engine built and run in userspace under ASan/UBSan
# (tools/testing/axaddrspace): the randomised model runs for every format
# and configuration, and the engine's and the address-space layer's KUnit
# suites through the harness's KUnit stand-in. Records one case per model
# configuration plus every KUnit case (skipped ones apart).
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
read -r kp kf < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out/kunit.log")
ks=$(sed -n 's/^\([0-9]*\) skipped$/\1/p' "$out/kunit.log")
axa_result harness $((mp + ${kp:-0})) $((mf + ${kf:-1})) "${ks:-0}"
[ "$rc" -eq 0 ] && [ "$((mf + ${kf:-1}))" -eq 0 ]
