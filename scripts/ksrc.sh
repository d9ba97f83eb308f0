#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Extract Debian's linux-source-6.12 into the cache (once) and hook this
# project into it as drivers/axaddrspace for the KUnit builds. Idempotent.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cdir=$(axa_cache_dir)
ksrc=$(axa_ksrc)
mkdir -p "$cdir"
if [ ! -e "$ksrc/.axa-extracted" ]; then
	rm -rf "$ksrc"
	tar -xJf /usr/src/linux-source-6.12.tar.xz -C "$cdir"
	touch "$ksrc/.axa-extracted"
fi

# A symlink, not a copy: kunit.py then sees edits without a sync step.
ln -sfn "$AXA_REPO" "$ksrc/drivers/axaddrspace"
line='source "drivers/axaddrspace/axaddrspace/Kconfig"'
grep -qxF "$line" "$ksrc/drivers/Kconfig" || echo "$line" >> "$ksrc/drivers/Kconfig"
line='obj-y += axaddrspace/'
grep -qxF "$line" "$ksrc/drivers/Makefile" || echo "$line" >> "$ksrc/drivers/Makefile"
