#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian 12 packages the build and the tests need (root, apt).
# Does nothing when all are present, so warm runs pay only the dpkg query.
set -euo pipefail

pkgs=(
	linux-source-6.12 build-essential flex bison bc libelf-dev libssl-dev
	cpio kmod dwarves xz-utils busybox-static python3 rsync sparse
	libasan8 libubsan1 clang libclang-rt-14-dev
	qemu-system-x86 qemu-system-arm qemu-system-misc opensbi
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
	dkms python3-sphinx
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "error: missing packages and not root; run as root or install them" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
