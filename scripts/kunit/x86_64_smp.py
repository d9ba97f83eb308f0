# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config: an SMP x86_64 guest with 2 vCPUs under
# multi-threaded TCG (one host thread per vCPU, so both run at once on a
# host with 2 free cores): the x86_64 KUnit run of `make check`
# (`kunit.sh x86_64`, with KASAN and lockdep) and `make bench-kernel SMP=1`.
# Emulated, not virtualized: bench times show how the kernel code scales,
# not native speed.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SMP=y
CONFIG_NR_CPUS=8
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-bios', 'qboot.rom',
					      '-accel', 'tcg,thread=multi',
					      '-smp', '2',
					      # host threads named "CPU 0/TCG", "CPU 1/TCG" (top -H)
					      '-name', 'debug-threads=on'])
