#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The VM tests of axasctl: runs every DIR/NAME.batch with
#   AXASCTL -p -f batch NAME.batch
# against the real module and compares its JSON, with the values that
# depend on the host (host addresses, raw entries, root registers,
# timings) replaced by "*", with DIR/NAME.json, and its exit status with
# DIR/NAME.status (0 if absent). Prints TAP lines; on a mismatch the diff
# and the whole normalized output between "=== AXASCTL OUTPUT NAME" and
# "=== AXASCTL END" lines (to make a new expected file from a VM log).
#
#   run.sh AXASCTL [DIR]      DIR defaults to tests/vm next to this script
#   run.sh -u AXASCTL [DIR]   rewrite the expected files from this run
# Needs only a POSIX sh, sed, cmp and diff (busybox has them).
update=0
if [ "${1:-}" = -u ]; then
	update=1
	shift
fi
ctl=${1:?usage: run.sh [-u] AXASCTL [DIR]}
dir=${2:-$(dirname "$0")/vm}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/axasctl-vm.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Values that differ from host to host and run to run.
volatile='hpa|table|addr|value|raw|decoded|ns|ns_per_op|mib_per_s'
normalize() {
	sed -E "s/^( *\"($volatile)\": ).*[^,](,?)\$/\\1\"*\"\\3/"
}

n=0
pass=0
fail=0
for b in "$dir"/*.batch; do
	name=$(basename "$b" .batch)
	n=$((n + 1))
	want=0
	[ -f "$dir/$name.status" ] && want=$(cat "$dir/$name.status")
	st=0
	"$ctl" -p -f batch "$b" > "$tmp/$name.raw" 2> "$tmp/$name.err" || st=$?
	normalize < "$tmp/$name.raw" > "$tmp/$name.json"
	if [ "$update" -eq 1 ]; then
		cp "$tmp/$name.json" "$dir/$name.json"
		if [ "$st" -ne 0 ]; then
			echo "$st" > "$dir/$name.status"
		else
			rm -f "$dir/$name.status"
		fi
	fi
	if [ "$st" -eq "$want" ] && [ -f "$dir/$name.json" ] &&
	   cmp -s "$tmp/$name.json" "$dir/$name.json"; then
		echo "ok $n axasctl/$name"
		pass=$((pass + 1))
		continue
	fi
	echo "not ok $n axasctl/$name"
	fail=$((fail + 1))
	echo "# exit status $st, expected $want"
	if [ -f "$dir/$name.json" ]; then
		diff -u "$dir/$name.json" "$tmp/$name.json" | head -n 60 | sed 's/^/# /'
	else
		echo "# no expected output $dir/$name.json"
	fi
	sed 's/^/# stderr: /' "$tmp/$name.err"
	echo "=== AXASCTL OUTPUT $name"
	cat "$tmp/$name.json"
	echo "=== AXASCTL END"
done
echo "# axasctl VM tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
