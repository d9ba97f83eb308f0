#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host tests of the axasctl binary itself (no device needed): exit
# statuses, usage, per-command help, errors without a device, JSON errors.
#   tests/host.sh AXASCTL OUTDIR
set -u
ctl=$1
out=$2
pass=0
fail=0
nodev=/nonexistent/axaddrspace

# expect STATUS PATTERN CMD...: exit status and a pattern in stdout+stderr.
expect() {
	want=$1 pat=$2
	shift 2
	got=0
	"$@" > "$out/host.out" 2>&1 || got=$?
	if [ "$got" -eq "$want" ] && grep -q -e "$pat" "$out/host.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $* -> exit $got (want $want), pattern '$pat':"
		sed 's/^/    /' "$out/host.out"
	fi
}

expect 0 'usage: axasctl' "$ctl" --help
expect 0 'axasctl [0-9][0-9.]* (uapi' "$ctl" --version
expect 2 'usage: axasctl' "$ctl"
expect 2 'usage: axasctl' "$ctl" --bogus
expect 1 'EINVAL: "frob": unknown command' "$ctl" frob
expect 1 'ambiguous command: read, root' "$ctl" r
expect 0 'usage: axasctl map linear' "$ctl" map --help
expect 0 'usage: axasctl dump' "$ctl" d -h
expect 0 'usage: axasctl batch' "$ctl" help batch
expect 1 'info: ENOENT: cannot open the device /nonexistent' "$ctl" -d $nodev info
expect 1 'map: EINVAL: "zz": GPA is not a number' "$ctl" -d $nodev map alloc zz 4K
expect 1 'root: ENOENT: cannot open the device' "$ctl" -d $nodev root
expect 1 'batch: ENOENT: cannot open the batch file' "$ctl" batch /nonexistent/file
expect 1 'line 3: map: EINVAL: "zz": PROT' sh -c \
	"printf '# c\n\nmap alloc 0 4K prot zz\ninfo\n' | '$ctl' -d $nodev batch -"
expect 1 'line 2: info: ENOENT' sh -c \
	"printf 'help\ninfo\n' | '$ctl' -d $nodev --batch -"

# JSON errors are JSON on stdout, nothing on stderr.
"$ctl" -j -d $nodev info > "$out/host_error.json" 2> "$out/host.err"
if [ $? -eq 1 ] && [ ! -s "$out/host.err" ] &&
   grep -q '"errno": "ENOENT"' "$out/host_error.json"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: -j error output"
fi
printf 'map alloc 0 4K prot zz\ninfo\n' |
	"$ctl" -p -f -d $nodev batch - > "$out/host_batch_errors.json" 2> "$out/host.err"
if [ $? -eq 1 ] && [ ! -s "$out/host.err" ] &&
   grep -q '"line": 2' "$out/host_batch_errors.json"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: -p -f batch errors"
fi
rm -f "$out/host.out" "$out/host.err"
echo "axasctl host tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
