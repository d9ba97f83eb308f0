/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hello: print "hello" on the serial port, waiting for the transmitter
 * before each byte (an IN of the line status register, answered by
 * axvmm), and halt.
 */
#include "serial.inc"
	.code64
	.globl	_start
_start:
	lea	msg(%rip), %rsi
1:	mov	$SERIAL + 5, %dx
2:	inb	%dx, %al
	test	$0x20, %al
	jz	2b
	lodsb
	test	%al, %al
	jz	3f
	mov	$SERIAL, %dx
	outb	%al, %dx
	jmp	1b
3:	hlt
msg:	.asciz	"hello\n"
