#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: build everything, boot Debian's 6.12 amd64 kernel in QEMU,
# load the module and run scripts/vm/demo.sh (axasctl) inside; print it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

echo "==> preparing (packages, kernel source, Debian kernel; cached)"
"$AXA_SCRIPTS/deps.sh"
"$AXA_SCRIPTS/ksrc.sh"
"$AXA_SCRIPTS/debkernel.sh" amd64
echo "==> building module, axasctl, selftests for amd64"
"$AXA_SCRIPTS/vm-image.sh" amd64
log=$AXA_REPO/build/amd64/demo-serial.log
echo "==> booting $(basename "$(axa_debimage amd64)") in QEMU"
rc=0
"$AXA_SCRIPTS/vm-run.sh" amd64 "$log" axa.mode=demo || rc=$?
# The guest's part of the console, without firmware escape codes and CRs.
tr -d '\r' < "$log" | sed -n '/=== GUEST:/,$p' | sed 's/^.*=== GUEST:/=== GUEST:/'
exit "$rc"
