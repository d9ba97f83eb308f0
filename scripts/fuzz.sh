#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A bounded libFuzzer run (60 s) of the engine against the reference model
# (tools/testing/axaddrspace/fuzz.c), seeded from fuzz-corpus/. Any
# difference, sanitizer report or leak stops the fuzzer: one failed case.
# The failing input is kept in $AXA_OUT/fuzz/bin/fuzz-artifacts/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$AXA_OUT/fuzz
mkdir -p "$out"
rc=0
make -s -C "$AXA_REPO/tools/testing/axaddrspace" OUT="$out/bin" \
	FUZZ_TIME="${AXA_FUZZ_TIME:-60}" fuzz-smoke > "$out/fuzz.log" 2>&1 || rc=$?
grep -E '^(stat::|Done|INFO: Running|==[0-9]+==ERROR|SUMMARY)' "$out/fuzz.log" || tail -20 "$out/fuzz.log"
if [ "$rc" -eq 0 ]; then
	axa_result fuzz 1 0
else
	tail -30 "$out/fuzz.log"
	for a in "$out"/bin/fuzz-artifacts/*; do
		[ -e "$a" ] && echo "failing input: $a"
	done
	axa_result fuzz 0 1
fi
exit "$rc"
