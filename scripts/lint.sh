#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Static checks, each a test case that must have zero findings:
#   checkpatch  checkpatch.pl --strict over every C source and header
#   kernel-doc  kernel-doc -Wall over the same files
#   sparse      make C=2 over the module, against the Debian amd64 headers
#   w1          the same build with W=1 must not warn
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$AXA_OUT/lint
rm -rf "$out"
mkdir -p "$out"
ksrc=$(axa_ksrc)
pass=0
fail=0
verdict() {
	if [ "$2" -eq 0 ]; then
		echo "ok - $1"
		pass=$((pass + 1))
	else
		echo "not ok - $1"
		fail=$((fail + 1))
	fi
}

mapfile -t files < <(cd "$AXA_REPO" &&
	find axaddrspace arch include tools selftests scripts samples -name '*.[ch]' \
		-not -path 'tools/testing/*/include/*' 2>/dev/null | sort)
# tools/testing/*/include holds userspace stand-ins for kernel headers (the
# harness). They are checked too, except for what defining the kernel's own
# macros and types implies: __attribute__ spelled out (they define
# __aligned and friends), macro arguments that are ignored (gfp flags) or
# reused (KUNIT_EXPECT_*), new typedefs (u64), volatile (READ_ONCE), and a
# macro that is an attribute list (__always_inline). Barriers have their
# comments, as in kernel code.
mapfile -t standins < <(cd "$AXA_REPO" &&
	find tools/testing/*/include -name '*.h' 2>/dev/null | sort)
standin_ignore=PREFER_DEFINED_ATTRIBUTE_MACRO,MACRO_ARG_UNUSED,MACRO_ARG_REUSE
standin_ignore+=,NEW_TYPEDEFS,VOLATILE,COMPLEX_MACRO,SPACING
rc=0
(cd "$AXA_REPO" && "$ksrc/scripts/checkpatch.pl" --strict --no-tree --quiet \
	--show-types --no-summary -f "${files[@]}" &&
	"$ksrc/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
	--no-summary --ignore "$standin_ignore" -f "${standins[@]}") \
	> "$out/checkpatch.log" 2>&1 || rc=1
[ -s "$out/checkpatch.log" ] && rc=1
[ "$rc" -eq 0 ] || cat "$out/checkpatch.log"
verdict "checkpatch --strict (${#files[@]} files, ${#standins[@]} stand-ins)" "$rc"

rc=0
(cd "$AXA_REPO" && "$ksrc/scripts/kernel-doc" -none -Wall "${files[@]}") \
	> "$out/kernel-doc.log" 2>&1 || rc=1
[ -s "$out/kernel-doc.log" ] && rc=1
[ "$rc" -eq 0 ] || cat "$out/kernel-doc.log"
verdict "kernel-doc -Wall" "$rc"

# Builds the module into a fresh work dir (W=1 warnings only show when a
# file compiles) and fails on any compiler or checker diagnostic. A test
# build (AXA_FAIL_NTH=1), so the fail-nth knob is checked too.
check_build() {
	local name=$1 rc=0
	shift
	rm -rf "$AXA_REPO/build/lint-$name"
	AXA_FAIL_NTH=1 "$AXA_SCRIPTS/build-module.sh" "$(axa_debheaders amd64)" \
		"$AXA_REPO/build/lint-$name" "$@" > "$out/$name.log" 2>&1 || rc=1
	grep -qE '(warning|error):' "$out/$name.log" && rc=1
	[ "$rc" -eq 0 ] || cat "$out/$name.log"
	return "$rc"
}
rc=0
check_build sparse C=2 || rc=1
verdict "sparse (make C=2)" "$rc"
rc=0
check_build w1 W=1 || rc=1
verdict "W=1 build without warnings" "$rc"

axa_result lint "$pass" "$fail"
[ "$fail" -eq 0 ]
