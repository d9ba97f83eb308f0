# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config: rv64 "virt" with the hypervisor extension (H) and
# Svpbmt, so the RISC-V G-stage oracle can use HLV/HSV and the engine's
# PBMT memory types are legal (without Svpbmt they are reserved bits).
# SMP (off by default on riscv) and 2 vCPUs under multi-threaded TCG (one
# host thread per vCPU), so the race suites run in parallel; kunit.sh
# checks that the kernel brought up both.
from ..qemu_config import QemuArchParams

OPENSBI_PATH = '/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin'

QEMU_ARCH = QemuArchParams(linux_arch='riscv',
			   kconfig='''
CONFIG_SMP=y
CONFIG_NR_CPUS=8
CONFIG_ARCH_VIRT=y
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_SERIAL_OF_PLATFORM=y
CONFIG_RISCV_SBI_V01=y
CONFIG_SERIAL_EARLYCON_RISCV_SBI=y''',
			   qemu_arch='riscv64',
			   kernel_path='arch/riscv/boot/Image',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-machine', 'virt',
					      '-cpu', 'rv64,h=true,svpbmt=true',
					      '-bios', OPENSBI_PATH,
					      '-accel', 'tcg,thread=multi',
					      '-smp', '2',
					      # host threads named "CPU 0/TCG", "CPU 1/TCG" (top -H)
					      '-name', 'debug-threads=on'])
