#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian's 6.12 kernel image and headers for one arch into the cache,
# unpacked with dpkg -x, never installed:  debkernel.sh amd64|arm64
# For arm64 the headers come with the amd64 linux-kbuild package: its
# fixdep/modpost must run on this (x86) host.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1
root=$(axa_debroot "$arch")
[ -e "$root/.done" ] && exit 0

if [ "$arch" = amd64 ]; then
	apt_cache=(apt-cache)
	apt_get=(apt-get -o APT::Sandbox::User=root)
	# A fresh machine (container) may have no package lists yet.
	apt-cache show linux-image-6.12-amd64 >/dev/null 2>&1 || apt-get update -qq
else
	apt_cache=("$AXA_SCRIPTS/apt-arm64.sh" apt-cache)
	apt_get=("$AXA_SCRIPTS/apt-arm64.sh" apt-get)
	"${apt_get[@]}" update -qq
fi

# linux-image-6.12-<arch> is a metapackage: follow it to the versioned one.
img=$("${apt_cache[@]}" depends "linux-image-6.12-$arch" |
	awk '/Depends: linux-image-/ { print $2; exit }')
kver=${img#linux-image-}
hdr=linux-headers-$kver
common=$("${apt_cache[@]}" depends "$hdr" |
	awk '/Depends: linux-headers-.*-common/ { print $2; exit }')
kbuild=$("${apt_cache[@]}" depends "$hdr" |
	awk '/Depends: linux-kbuild-/ { print $2; exit }')
# The signed image only wraps the same kernel: take the -unsigned one.
if "${apt_cache[@]}" show "$img-unsigned" >/dev/null 2>&1; then
	img=$img-unsigned
fi

rm -rf "$root"
mkdir -p "$root/debs"
cd "$root/debs"
"${apt_get[@]}" download -q "$img" "$hdr" >/dev/null
apt-get -o APT::Sandbox::User=root download -q "$common" "$kbuild" >/dev/null
for deb in ./*.deb; do
	case $deb in
	# Only /boot: the 100+ MB of modules are not needed.
	./linux-image-*) dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$root" ./boot ;;
	*) dpkg -x "$deb" "$root" ;;
	esac
done
cd "$root"
rm -rf "$root/debs"
# The arch headers Makefile includes the -common one by absolute path.
sed -i "s|^include /usr/src/|include $root/usr/src/|" "$root/usr/src/$hdr/Makefile"
echo "$kver" > "$root/KVER"
touch "$root/.done"
