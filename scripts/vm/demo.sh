#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What `make demo` runs inside the VM, with the module loaded: what the
# module supports, then /demo.batch (scripts/vm/demo.batch), a commented
# tour of one address space with axasctl, shown as a session.
set -e
run() {
	echo "\$ $*"
	"$@"
	echo
}
run ls -l /dev/axaddrspace
run axasctl info
echo "\$ axasctl --echo batch /demo.batch"
axasctl --echo batch /demo.batch
