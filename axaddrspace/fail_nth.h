/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's own fail-nth fault injection (test builds only).
 */
#ifndef AXADDRSPACE_FAIL_NTH_H
#define AXADDRSPACE_FAIL_NTH_H

#include <linux/types.h>

static inline bool axas_should_fail(void)
{
	return false;
}

#endif /* AXADDRSPACE_FAIL_NTH_H */
