#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The axasctl script `make demo` runs inside the VM, with the module loaded.
set -e
run() {
	echo "\$ $*"
	"$@"
	echo
}
run ls -l /dev/axaddrspace
run axasctl info
run axasctl --json info
