# SPDX-License-Identifier: GPL-2.0
#
#   make            build axaddrspace.ko (against KDIR) and tools/axasctl/axasctl
#   make check      the whole test pipeline (Documentation/testing.rst)
#   make demo       boot a VM, load the module, run axasctl
#   make bench      engine and address-space benchmarks in userspace
#                   (Documentation/performance.rst)
#   make fuzz       fuzz the engine for FUZZ_TIME seconds (default 600)
#   make bench-kernel  in-kernel benchmarks (UML, no KASAN); with SMP=1 on
#                   2 vCPUs under QEMU TCG (scripts/bench-kernel.sh)
#
# Kbuild (not this file) describes the module; this file only drives it.

KDIR ?= /lib/modules/$(shell uname -r)/build

all: module axasctl

# Built in build/module (M= writes objects next to the sources), then
# copied here so that `insmod axaddrspace.ko` works from the top.
module:
	@test -e "$(KDIR)/Makefile" || { \
		echo "error: no kernel build dir at $(KDIR)"; \
		echo "  install the headers (apt-get install linux-headers-\$$(uname -r))"; \
		echo "  or point KDIR at a configured kernel tree: make KDIR=..."; \
		exit 1; }
	scripts/build-module.sh "$(KDIR)" build/module
	cp build/module/src/axaddrspace.ko axaddrspace.ko

axasctl:
	$(MAKE) -C tools/axasctl

selftests:
	$(MAKE) -C selftests/axaddrspace

check:
	scripts/check.sh

demo:
	scripts/demo.sh

bench:
	$(MAKE) -C tools/testing/axaddrspace bench

fuzz:
	$(MAKE) -C tools/testing/axaddrspace fuzz-smoke FUZZ_TIME=$(or $(FUZZ_TIME),600)

bench-kernel:
	scripts/bench-kernel.sh $(if $(filter 1,$(SMP)),--smp)

clean:
	rm -rf build axaddrspace.ko
	$(MAKE) -C tools/axasctl clean
	$(MAKE) -C selftests/axaddrspace clean

.PHONY: all module axasctl selftests check demo bench fuzz bench-kernel clean
