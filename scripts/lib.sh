# SPDX-License-Identifier: GPL-2.0
# Shared settings for the pipeline scripts (sourced, not run).
#
#   AXA_CACHE   cache root (default ~/.cache/axaddrspace); everything slow
#               lives under $AXA_CACHE/<linux-source-6.12 version>/
#   AXA_OUT     per-run output (logs, results), default <repo>/build/check

AXA_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
AXA_SCRIPTS=$AXA_REPO/scripts
AXA_CACHE=${AXA_CACHE:-$HOME/.cache/axaddrspace}
AXA_OUT=${AXA_OUT:-$AXA_REPO/build/check}

# The kernel source version decides the cache dir, so a Debian point release
# starts a fresh cache instead of mixing builds of two kernels.
axa_kver_src() {
	dpkg-query -W -f='${Version}' linux-source-6.12
}

axa_cache_dir() {
	echo "$AXA_CACHE/$(axa_kver_src)"
}

axa_ksrc() {
	echo "$(axa_cache_dir)/linux-source-6.12"
}

# Debian arch name -> kernel ARCH / cross prefix. "debug" is the x86_64
# debug kernel (scripts/debugkernel.sh), an amd64 VM of its own.
axa_karch() {
	case $1 in
	amd64|debug) echo x86_64 ;;
	arm64) echo arm64 ;;
	*) echo "unknown arch $1" >&2; return 1 ;;
	esac
}

axa_cross() {
	case $1 in
	amd64|debug) echo "" ;;
	arm64) echo aarch64-linux-gnu- ;;
	*) echo "unknown arch $1" >&2; return 1 ;;
	esac
}

# Root of the unpacked Debian kernel of one arch; its headers dir and image.
axa_debroot() {
	echo "$(axa_cache_dir)/debian-$1"
}

axa_debheaders() {
	local root
	root=$(axa_debroot "$1")
	echo "$root/usr/src/linux-headers-$(cat "$root/KVER")"
}

axa_debimage() {
	local root
	root=$(axa_debroot "$1")
	echo "$root/boot/vmlinuz-$(cat "$root/KVER")"
}

# Build dir of the x86_64 debug kernel (scripts/debugkernel.sh); also the
# KDIR of the module built against it.
axa_debugkdir() {
	echo "$(axa_cache_dir)/debug-x86_64"
}

axa_now() {
	date +%s.%N
}

axa_since() {
	printf '%.1f' "$(echo "$(axa_now) - $1" | bc)"
}

# Results of one step: "<passed> <failed> <skipped>" in $AXA_OUT/results/<step>.
axa_result() {
	mkdir -p "$AXA_OUT/results"
	echo "$2 $3 ${4:-0}" > "$AXA_OUT/results/$1"
}

# Kernel arguments of every KUnit kernel (kunit.sh, oracle.sh), with the
# config fragments scripts/kunit/lockup*.config: a soft lockup after 10 s
# without scheduling, a hard lockup after 5 s with interrupts off.
AXA_KUNIT_KARGS=(watchdog_thresh=5)
