/* SPDX-License-Identifier: GPL-2.0 */
/* hello: print "hello" on the serial port and halt. */
#include "serial.inc"
	.code64
	.globl	_start
_start:
	PUTS	msg
	hlt
msg:	.asciz	"hello\n"
