/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Engine tests: a fresh direct gather (no hardware walks the test's
 * tables) for each call whose report the test reads.
 */
#ifndef AXADDRSPACE_TESTS_PT_GATHER_TEST_H
#define AXADDRSPACE_TESTS_PT_GATHER_TEST_H

#include "axaddrspace/pt.h"

/* A direct gather batches nothing, so it needs no axpt_gather_finish(). */
static inline struct axpt_gather *ptg(struct axpt_gather *g, struct axpt *pt)
{
	axpt_gather_init(g, pt, NULL, NULL, true);
	return g;
}

#endif /* AXADDRSPACE_TESTS_PT_GATHER_TEST_H */
