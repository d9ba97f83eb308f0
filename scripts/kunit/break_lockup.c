// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control of the lockup and stall detectors of the KUnit kernels
 * (scripts/kunit/lockup*.config), linked in only by AXA_BREAK=lockup
 * (-DAXA_BREAK_LOCKUP, see Kbuild): a 25 s RCU read-side critical section,
 * which the SMP kernels report as an RCU CPU stall (after 10 s, or 15 s
 * with lockdep's PROVE_RCU), then 30 s without scheduling, a soft lockup,
 * which panics every kernel. Every KUnit step must fail.
 *
 * 30 s, not 15: without scheduling, RCU may stall too, after 10 s, and its
 * report touches the soft-lockup watchdog, so the soft lockup is reported
 * 10 s later, at 20 s.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/nmi.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>

/* Busy for @secs; @touch keeps the soft-lockup detector quiet. */
static void break_spin(unsigned int secs, bool touch)
{
	unsigned long end = jiffies + secs * HZ;

	while (time_before(jiffies, end)) {
		if (touch)
			touch_softlockup_watchdog();
		cpu_relax();
	}
}

static void break_rcu_cb(struct rcu_head *head)
{
}

/* A stall needs a grace period waiting for this CPU: call_rcu() asks for one. */
static void break_test_rcu_stall(struct kunit *test)
{
	static struct rcu_head head;

	rcu_read_lock();
	call_rcu(&head, break_rcu_cb);
	break_spin(25, true);
	rcu_read_unlock();
	rcu_barrier();
}

static void break_test_soft_lockup(struct kunit *test)
{
	preempt_disable();
	break_spin(30, false);
	preempt_enable();
}

static struct kunit_case break_test_cases[] = {
	KUNIT_CASE_SLOW(break_test_rcu_stall),
	KUNIT_CASE_SLOW(break_test_soft_lockup),
	{}
};

static struct kunit_suite break_test_suite = {
	.name = "axaddrspace-break-lockup",
	.test_cases = break_test_cases,
};

kunit_test_suite(break_test_suite);
