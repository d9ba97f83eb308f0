#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch a static arm64 busybox for the arm64 test initramfs (cached).
# Prints its path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bb=$(axa_cache_dir)/busybox.arm64
if [ ! -x "$bb" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	"$AXA_SCRIPTS/apt-arm64.sh" apt-get update -qq
	(cd "$tmp" && "$AXA_SCRIPTS/apt-arm64.sh" apt-get download -q busybox-static >/dev/null)
	dpkg -x "$tmp"/busybox-static_*.deb "$tmp/x"
	cp "$tmp/x/bin/busybox" "$bb.tmp"
	mv "$bb.tmp" "$bb"
fi
echo "$bb"
