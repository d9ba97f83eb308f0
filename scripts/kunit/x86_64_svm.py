# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config: x86_64 under TCG with "-cpu max", which has SVM
# with nested paging (and LA57), for the AMD NPT oracle; phys-bits=52 lets
# the long-mode guest form GPAs up to 52 bits. NPT depth follows
# the host paging mode: run once as is (5 levels) and once with
# --kernel_args no5lvl (4 levels).
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-bios', 'qboot.rom',
					      '-accel', 'tcg', '-cpu', 'max,phys-bits=52'])
