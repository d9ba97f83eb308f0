#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build everything one VM needs for a Debian kernel arch and pack it:
#   vm-image.sh amd64|arm64|debug    -> build/<arch>/initrd.cpio.gz
# The module against the Debian headers (debug: against the x86_64 debug
# kernel, scripts/debugkernel.sh), with the fail-nth knob of test builds
# (AXA_FAIL_NTH=1); axasctl and the selftests static (cross-compiled for
# arm64). On x86_64 (amd64, debug) also the sample consumer
# (samples/axvcpu_svm) and tools/axvmm with its guests: `make demo` runs
# them on amd64, the debug kernel runs the sample's tests after the
# selftests. Needs debkernel.sh (debugkernel.sh) and ksrc.sh done first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1
cross=$(axa_cross "$arch")
work=$AXA_REPO/build/$arch
mkdir -p "$work/bin"

if [ "$arch" = debug ]; then
	kdir=$(axa_debugkdir)
else
	kdir=$(axa_debheaders "$arch")
fi
AXA_FAIL_NTH=1 "$AXA_SCRIPTS/build-module.sh" "$kdir" "$work/module" \
	ARCH="$(axa_karch "$arch")" ${cross:+CROSS_COMPILE=$cross} -s
# -B: these take a second, and plain make would miss changed CFLAGS
# (AXA_EXTRA_CFLAGS of the negative controls).
make -s -B -C "$AXA_REPO/tools/axasctl" CC="${cross}gcc" LDFLAGS=-static OUTPUT="$work/bin/" \
	all vm-tests
make -s -B -C "$AXA_REPO/selftests/axaddrspace" CC="${cross}gcc" OUTPUT="$work/bin/" \
	KSRC="$(axa_ksrc)" ${AXA_EXTRA_CFLAGS:+AXA_EXTRA_CFLAGS="$AXA_EXTRA_CFLAGS"}

svm=
if [ "$arch" != arm64 ]; then
	"$AXA_REPO/samples/axvcpu_svm/build.sh" "$kdir" "$work/module" "$work/sample" -s
	make -s -B -C "$AXA_REPO/tools/axvmm" OUTPUT="$work/svm/" LDFLAGS=-static
	cp "$work/sample/axvcpu_svm.ko" "$work/svm/"
	svm=$work/svm
	bb=/bin/busybox
else
	bb=$("$AXA_SCRIPTS/busybox-arm64.sh")
fi
# axasctl's batch scripts with their expected JSON, then the selftests
tests=("$work/bin/axasctl_vm_test")
for t in $(make -s --no-print-directory -C "$AXA_REPO/selftests/axaddrspace" list); do
	tests+=("$work/bin/$t")
done
AXA_INITRD_SVM=$svm "$AXA_SCRIPTS/mkinitramfs.sh" "$work/initrd.cpio.gz" "$bb" \
	"$work/module/src/axaddrspace.ko" "$work/bin/axasctl" "${tests[@]}"
