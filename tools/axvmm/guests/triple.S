/* SPDX-License-Identifier: GPL-2.0 */
/* triple: an invalid opcode with no IDT: #UD, #DF, then shutdown. */
	.code64
	.globl	_start
_start:
	ud2
