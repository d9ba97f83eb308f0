# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config: arm64 "virt" with EL2 (virtualization=on), so the
# kernel runs at EL2 with VHE and the Arm stage-2 oracle can use AT S12E1R/W.
# kvm-arm.mode=none keeps KVM from claiming EL2. 2 vCPUs under
# multi-threaded TCG (one host thread per vCPU), so the race suites run in
# parallel; kunit.sh checks that the kernel brought up both.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL010=y
CONFIG_SERIAL_AMBA_PL010_CONSOLE=y
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image.gz',
			   kernel_command_line='console=ttyAMA0 kvm-arm.mode=none',
			   extra_qemu_params=['-machine', 'virt,virtualization=on',
					      '-cpu', 'max,pauth-impdef=on',
					      '-accel', 'tcg,thread=multi',
					      '-smp', '2',
					      # host threads named "CPU 0/TCG", "CPU 1/TCG" (top -H)
					      '-name', 'debug-threads=on'])
