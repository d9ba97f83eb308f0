#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Installation, against Debian's 6.12 amd64 headers (cached), each check a
# test case:
#   make install    DESTDIR staging: every file where Documentation/guide.rst
#                   says, nothing else; PREFIX moves the userspace files;
#                   depmod -b on the staging dir lists the device node
#                   (modules.devname) and the aliases; make uninstall
#                   removes every file again
#   DKMS            Debian's dkms adds, builds and installs the module in
#                   trees of its own (never /usr/src, /var/lib/dkms or
#                   /lib/modules); modinfo of what it built: vermagic of the
#                   Debian kernel, license, version, aliases
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$AXA_OUT/install
rm -rf "$out"
mkdir -p "$out"
pass=0
fail=0
# check <name> <command...>: one test case, passed when the command succeeds.
check() {
	local name=$1
	shift
	if "$@" >> "$out/checks.log" 2>&1; then
		echo "ok - $name"
		pass=$((pass + 1))
	else
		echo "not ok - $name"
		fail=$((fail + 1))
	fi
}

# modinfo_field_is <module> <field> <glob>: every value of the field matches.
modinfo_field_is() {
	local v n=0
	while read -r v; do
		# shellcheck disable=SC2053 # a glob on purpose
		[[ $v == $3 ]] || { echo "$2: '$v' is not '$3'"; return 1; }
		n=$((n + 1))
	done < <(/sbin/modinfo -F "$2" "$1")
	[ "$n" -gt 0 ]
}
not() {
	! "$@"
}
modinfo_has() {
	/sbin/modinfo -F "$2" "$1" | grep -qx -- "$3"
}

kdir=$(axa_debheaders amd64)
kver=$(cat "$(axa_debroot amd64)/KVER")
# What the module must carry: the static misc minor of axaddrspace/dev.c
# and the version of dkms.conf.
minor=$(sed -n 's/^#define AXAS_MISC_MINOR\t*\([0-9]*\)$/\1/p' "$AXA_REPO/axaddrspace/dev.c")
version=$(sed -n 's/^PACKAGE_VERSION="\([^"]*\)"$/\1/p' "$AXA_REPO/dkms.conf")
# The kernel's config decides the compression of installed modules.
suffix=
grep -q '^CONFIG_MODULE_COMPRESS_ALL=y' "$kdir/.config" &&
	grep -q '^CONFIG_MODULE_COMPRESS_XZ=y' "$kdir/.config" && suffix=.xz
echo "kernel $kver, minor ${minor:-?}, version ${version:-?}, module suffix ${suffix:-none}"
check "the static minor and the version are found" test -n "$minor" -a -n "$version"

# --- make install / uninstall into a staging dir -----------------------------
stage=$out/stage
mk() {
	make -C "$AXA_REPO" KDIR="$kdir" "$@"
}
# The files make install must install with the default PREFIX (the
# layout of Documentation/guide.rst) and nothing else.
expected=(
	"lib/modules/$kver/updates/axaddrspace.ko$suffix"
	usr/local/sbin/axasctl
	usr/local/share/man/man8/axasctl.8
	usr/local/include/linux/axaddrspace.h
	etc/udev/rules.d/60-axaddrspace.rules
)
listed() {
	(cd "$1" && find . -type f -o -type l) | sed 's|^\./||' | sort
}
same_files() {
	diff -u <(printf '%s\n' "${expected[@]}" | sort) <(listed "$stage")
}
check "make install DESTDIR=<staging dir>" mk install DESTDIR="$stage"
check "make install put exactly the documented files" same_files
check "axasctl runs and is version $version" \
	sh -c "'$stage/usr/local/sbin/axasctl' --version | grep -q '^axasctl $version '"
check "the man page is the project's" cmp "$AXA_REPO/tools/axasctl/axasctl.8" \
	"$stage/usr/local/share/man/man8/axasctl.8"
check "the udev rule is the project's" cmp "$AXA_REPO/udev/60-axaddrspace.rules" \
	"$stage/etc/udev/rules.d/60-axaddrspace.rules"
check "the installed module is the one built" modinfo_field_is \
	"$stage/lib/modules/$kver/updates/axaddrspace.ko$suffix" srcversion \
	"$(/sbin/modinfo -F srcversion "$AXA_REPO/build/module/src/axaddrspace.ko")"

check "depmod -b <staging dir>" depmod -b "$stage" "$kver"
moddir=$stage/lib/modules/$kver
check "modules.devname: axaddrspace c10:$minor" \
	grep -qx "axaddrspace axaddrspace c10:$minor" "$moddir/modules.devname"
check "modules.alias: char-major-10-$minor" \
	grep -qx "alias char-major-10-$minor axaddrspace" "$moddir/modules.alias"
check "modules.alias: devname:axaddrspace" \
	grep -qx "alias devname:axaddrspace axaddrspace" "$moddir/modules.alias"

check "make uninstall DESTDIR=<staging dir>" mk uninstall DESTDIR="$stage"
none_left() {
	local f rc=0
	for f in "${expected[@]}"; do
		[ ! -e "$stage/$f" ] || { echo "left: $f"; rc=1; }
	done
	return "$rc"
}
check "make uninstall removed every installed file" none_left

stage=$out/stage-prefix
expected=(
	"lib/modules/$kver/extra/axaddrspace.ko$suffix"
	usr/sbin/axasctl
	usr/share/man/man8/axasctl.8
	usr/include/linux/axaddrspace.h
	usr/lib/udev/rules.d/60-axaddrspace.rules
)
check "make install PREFIX=/usr UDEVRULESDIR=... INSTALL_MOD_DIR=extra" \
	mk install DESTDIR="$stage" PREFIX=/usr UDEVRULESDIR=/usr/lib/udev/rules.d \
	INSTALL_MOD_DIR=extra
check "PREFIX and the directory variables are honoured" same_files
check "make uninstall with the same variables" \
	mk uninstall DESTDIR="$stage" PREFIX=/usr UDEVRULESDIR=/usr/lib/udev/rules.d \
	INSTALL_MOD_DIR=extra
check "make uninstall removed every installed file" none_left

# --- DKMS ---------------------------------------------------------------------
dk=$out/dkms
# The install tree holds a dir per installed kernel: the Debian one.
mkdir -p "$dk/src" "$dk/tree" "$dk/install/$kver" "$dk/pkg"
# What `dkms add <dir>` copies: the project's files without the build
# outputs (git's view of the tree, untracked files that are not ignored
# included, so an uncommitted dkms.conf is tested too).
(cd "$AXA_REPO" && git ls-files -z -c -o --exclude-standard |
	xargs -0 cp --parents -p -t "$dk/pkg")
# Never the system's signing key: dkms signs only with a sign-file it
# finds, and would create /var/lib/dkms/mok.key to do so.
dkms_opts=(--dkmstree "$dk/tree" --sourcetree "$dk/src" --installtree "$dk/install"
	-k "$kver" --kernelsourcedir "$kdir")
dkms_run() {
	sign_file=/nonexistent dkms "$@" "${dkms_opts[@]}"
}
check "dkms add <dir>" dkms_run add "$dk/pkg"
check "dkms build axaddrspace/$version" dkms_run build "axaddrspace/$version"
built=$dk/tree/axaddrspace/$version/$kver/$(uname -m)/module/axaddrspace.ko
[ -e "$built" ] || built=$built$suffix
check "dkms built the module" test -e "$built"
check "modinfo vermagic: the Debian kernel $kver" modinfo_field_is "$built" vermagic "$kver SMP *"
check "modinfo license: GPL" modinfo_field_is "$built" license GPL
check "modinfo version: $version (dkms.conf)" modinfo_field_is "$built" version "$version"
check "modinfo alias: char-major-10-$minor" modinfo_has "$built" alias "char-major-10-$minor"
check "modinfo alias: devname:axaddrspace" modinfo_has "$built" alias devname:axaddrspace
check "dkms install (into its own tree)" dkms_run install "axaddrspace/$version" --no-depmod
# dkms compresses as the modules of the kernel in the real /lib/modules
# are: none here.
ko_in() {
	[ -e "$1/axaddrspace.ko" ] || [ -e "$1/axaddrspace.ko$suffix" ]
}
check "dkms installed to updates/dkms" ko_in "$dk/install/$kver/updates/dkms"
check "dkms status: installed" \
	sh -c "dkms status ${dkms_opts[*]:0:6} | grep -q '^axaddrspace/$version, $kver, .*: installed'"
check "dkms remove" dkms_run remove "axaddrspace/$version" --no-depmod
check "dkms remove removed the module" not ko_in "$dk/install/$kver/updates/dkms"

axa_result install "$pass" "$fail"
echo "$pass passed, $fail failed (log: $out/checks.log)"
[ "$fail" -eq 0 ]
