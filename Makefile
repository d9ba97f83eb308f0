# SPDX-License-Identifier: GPL-2.0
#
#   make            build axaddrspace.ko (against KDIR) and tools/axasctl/axasctl
#   make check      the whole test pipeline (Documentation/testing.rst)
#   make demo       boot a VM, load the module, run axasctl, then guests
#                   on the sample consumer
#   make bench      engine and address-space benchmarks in userspace
#                   (Documentation/performance.rst)
#   make plots      run those benchmarks (about a minute, at nice 10) and
#                   redraw the figures of Documentation/performance.rst,
#                   Documentation/perf-*.svg (matplotlib: the script
#                   installs Debian's python3-matplotlib when missing)
#   make fuzz       fuzz the engine for FUZZ_TIME seconds (default 600)
#   make bench-kernel  in-kernel benchmarks (UML, no KASAN); with SMP=1 on
#                   2 vCPUs under QEMU TCG; RUNS=n boots the suite n times
#                   and prints each figure's min..max (scripts/bench-kernel.sh)
#   make install    the module (modules_install against KDIR), axasctl, its
#                   man page, the uapi header and the udev rule; honours
#                   DESTDIR, PREFIX and INSTALL_MOD_PATH (Documentation/guide.rst)
#   make uninstall  remove what make install installed
#   make htmldocs   the documentation as HTML in build/htmldocs (Sphinx; the
#                   kernel-doc of linux-source-6.12, or AXA_KSRC=<tree>)
#
# Kbuild (not this file) describes the module; this file only drives it.

KDIR ?= /lib/modules/$(shell uname -r)/build

# Installation directories, as in any Linux package. The module goes under
# $(INSTALL_MOD_PATH)/lib/modules/<release>/$(INSTALL_MOD_DIR); udev reads
# neither /usr/local nor DESTDIR-less package dirs, so its rule has a
# directory of its own (a distribution package sets /usr/lib/udev/rules.d).
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_MOD_PATH ?= $(DESTDIR)
INSTALL_MOD_DIR ?= updates
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
INCLUDEDIR ?= $(PREFIX)/include
UDEVRULESDIR ?= /etc/udev/rules.d
INSTALL ?= install
DEPMOD ?= depmod
KRELEASE = $(shell cat "$(KDIR)/include/config/kernel.release" 2>/dev/null)

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

plots:
	$(MAKE) -C tools/testing/axaddrspace out/bench out/as_bench
	tools/testing/axaddrspace/bench-plots.py

fuzz:
	$(MAKE) -C tools/testing/axaddrspace fuzz-smoke FUZZ_TIME=$(or $(FUZZ_TIME),600)

bench-kernel:
	RUNS=$(or $(RUNS),1) scripts/bench-kernel.sh $(if $(filter 1,$(SMP)),--smp)

# The kernel's modules_install copies (and, as the kernel's config asks,
# signs and compresses) the module; its own depmod needs a System.map that
# header packages lack, so depmod runs here instead, on the real system
# only: into a staging dir (DESTDIR, INSTALL_MOD_PATH) a package's
# post-install step runs it. A kernel that signs its modules at install
# signs this one too where its key is at hand (a kernel built here), not
# with the key-less build dir of a headers package.
install: all
	@test -n "$(KRELEASE)" || { echo "error: no kernel release in $(KDIR)"; exit 1; }
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)/build/module/src" \
		INSTALL_MOD_PATH="$(INSTALL_MOD_PATH)" INSTALL_MOD_DIR="$(INSTALL_MOD_DIR)" \
		$(if $(wildcard $(KDIR)/certs/signing_key.pem),,CONFIG_MODULE_SIG_ALL=) \
		DEPMOD=true modules_install
	$(INSTALL) -D -m 0755 tools/axasctl/axasctl "$(DESTDIR)$(SBINDIR)/axasctl"
	$(INSTALL) -D -m 0644 tools/axasctl/axasctl.8 "$(DESTDIR)$(MANDIR)/man8/axasctl.8"
	$(INSTALL) -D -m 0644 include/uapi/linux/axaddrspace.h \
		"$(DESTDIR)$(INCLUDEDIR)/linux/axaddrspace.h"
	$(INSTALL) -D -m 0644 udev/60-axaddrspace.rules \
		"$(DESTDIR)$(UDEVRULESDIR)/60-axaddrspace.rules"
ifeq ($(INSTALL_MOD_PATH),)
	$(DEPMOD) -a "$(KRELEASE)"
endif

uninstall:
	@test -n "$(KRELEASE)" || { echo "error: no kernel release in $(KDIR)"; exit 1; }
	rm -f "$(INSTALL_MOD_PATH)/lib/modules/$(KRELEASE)/$(INSTALL_MOD_DIR)/"axaddrspace.ko*
	rm -f "$(DESTDIR)$(SBINDIR)/axasctl" "$(DESTDIR)$(MANDIR)/man8/axasctl.8" \
		"$(DESTDIR)$(INCLUDEDIR)/linux/axaddrspace.h" \
		"$(DESTDIR)$(UDEVRULESDIR)/60-axaddrspace.rules"
ifeq ($(INSTALL_MOD_PATH),)
	$(DEPMOD) -a "$(KRELEASE)"
endif

htmldocs:
	scripts/docs.sh

clean:
	rm -rf build axaddrspace.ko
	$(MAKE) -C tools/axasctl clean
	$(MAKE) -C selftests/axaddrspace clean

.PHONY: all module axasctl selftests check demo bench plots fuzz bench-kernel install \
	uninstall htmldocs clean
