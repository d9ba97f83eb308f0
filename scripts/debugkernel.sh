#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the x86_64 debug kernel (KASAN, lockdep, kmemleak, lockup and stall
# detectors, fault injection) from the cached source, once:
#   debugkernel.sh            -> <cache>/debug-x86_64/ (O= build dir, which
#                                is also the KDIR of the out-of-tree module)
# The config is `make allnoconfig` plus scripts/kunit/lockup.config,
# lockup-smp.config and scripts/debug/debug.config. A hash of those and of
# the compiler is kept in the build dir: when it changes, the config is
# made again and the kernel rebuilt (incrementally); when it matches and
# the image exists, nothing is done. Needs ksrc.sh done first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ksrc=$(axa_ksrc)
bdir=$(axa_debugkdir)
frags=("$AXA_SCRIPTS/kunit/lockup.config" "$AXA_SCRIPTS/kunit/lockup-smp.config"
       "$AXA_SCRIPTS/debug/debug.config")
key=$({ cat "${frags[@]}"; gcc --version | head -n 1; } | sha256sum | cut -d' ' -f1)

if [ -e "$bdir/arch/x86/boot/bzImage" ] && [ -e "$bdir/Module.symvers" ] &&
   [ "$(cat "$bdir/.axa-key" 2>/dev/null)" = "$key" ]; then
	echo "debug kernel: cached ($bdir)"
	exit 0
fi

mkdir -p "$bdir"
rm -f "$bdir/.axa-key"
t=$(axa_now)
make -s -C "$ksrc" O="$bdir" ARCH=x86_64 allnoconfig
cat "${frags[@]}" >> "$bdir/.config"
# Each fragment line overrides allnoconfig's: kconfig says so every time.
make -s -C "$ksrc" O="$bdir" ARCH=x86_64 olddefconfig 2>&1 |
	{ grep -v 'warning: override: reassigning to symbol' || true; }
# A symbol whose dependencies are missing silently stays unset: refuse.
bad=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) grep -qxF "$line" "$bdir/.config" && continue ;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		grep -q "^$sym=" "$bdir/.config" || continue ;;
	*) continue ;;
	esac
	# A later fragment may override an earlier one.
	sym=${line#\# }
	sym=${sym%%[= ]*}
	last=$(grep -hE "^(# )?$sym[= ]" "${frags[@]}" | tail -n 1)
	[ "$last" = "$line" ] || continue
	echo "debug kernel config: '$line' did not take; got: $(grep -E "^(# )?$sym[= ]" "$bdir/.config" || echo unset)" >&2
	bad=1
done < <(cat "${frags[@]}")
[ "$bad" -eq 0 ] || exit 1

echo "debug kernel: building in $bdir ($(nproc) jobs)"
make -s -C "$ksrc" O="$bdir" ARCH=x86_64 -j"${JOBS:-$(nproc)}"
echo "$key" > "$bdir/.axa-key"
echo "debug kernel: built in $(axa_since "$t")s"
