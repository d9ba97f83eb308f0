// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the module's fail-nth knob (axaddrspace/fail_nth.c): the
 * counting of /proc/self/task/<tid>/fail-nth, per task.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sizes.h>

#include "axaddrspace/as.h"
#include "axaddrspace/fail_nth.h"

static void axas_test_fail_nth_counts(struct kunit *test)
{
	unsigned int nth, i;

	for (nth = 1; nth <= 4; nth++) {
		KUNIT_ASSERT_EQ(test, axas_fail_nth_set(current, nth), 0);
		KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), nth);
		/* Calls 1 .. nth - 1 pass, each counting down. */
		for (i = 1; i < nth; i++) {
			KUNIT_EXPECT_FALSE_MSG(test, axas_should_fail(),
					       "nth %u call %u", nth, i);
			KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), nth - i);
		}
		KUNIT_EXPECT_TRUE_MSG(test, axas_should_fail(), "nth %u", nth);
		/* Injected: reads 0 and fails nothing more. */
		KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
		for (i = 0; i < 8; i++)
			KUNIT_EXPECT_FALSE(test, axas_should_fail());
		KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
	}
}

static void axas_test_fail_nth_unarmed(struct kunit *test)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_FALSE(test, axas_should_fail());
	/* Disarming an unarmed task is no error. */
	KUNIT_EXPECT_EQ(test, axas_fail_nth_set(current, 0), 0);
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
}

static void axas_test_fail_nth_disarm_rearm(struct kunit *test)
{
	unsigned int i;

	KUNIT_ASSERT_EQ(test, axas_fail_nth_set(current, 5), 0);
	KUNIT_EXPECT_FALSE(test, axas_should_fail());
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 4U);
	/* 0 disarms. */
	KUNIT_ASSERT_EQ(test, axas_fail_nth_set(current, 0), 0);
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_FALSE(test, axas_should_fail());
	/* A second write replaces the count, it does not add to it. */
	KUNIT_ASSERT_EQ(test, axas_fail_nth_set(current, 7), 0);
	KUNIT_ASSERT_EQ(test, axas_fail_nth_set(current, 2), 0);
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 2U);
	KUNIT_EXPECT_FALSE(test, axas_should_fail());
	KUNIT_EXPECT_TRUE(test, axas_should_fail());
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
}

static int axas_test_fail_nth_idle(void *unused)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/* Each task has its own count: another task's does not fail ours. */
static void axas_test_fail_nth_per_task(struct kunit *test)
{
	struct task_struct *other;

	other = kthread_run(axas_test_fail_nth_idle, NULL, "axas-fail-nth");
	KUNIT_ASSERT_FALSE(test, IS_ERR(other));
	KUNIT_EXPECT_EQ(test, axas_fail_nth_set(other, 1), 0);
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(other), 1U);
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
	KUNIT_EXPECT_FALSE(test, axas_should_fail());
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(other), 1U);

	KUNIT_EXPECT_EQ(test, axas_fail_nth_set(current, 2), 0);
	KUNIT_EXPECT_FALSE(test, axas_should_fail());
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(other), 1U);
	KUNIT_EXPECT_TRUE(test, axas_should_fail());
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(other), 1U);

	KUNIT_EXPECT_EQ(test, axas_fail_nth_set(other, 0), 0);
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(other), 0U);
	kthread_stop(other);
}

/* AXAS_FAIL_NTH_SLOTS tasks may be armed; one more gets -EBUSY. */
static void axas_test_fail_nth_full(struct kunit *test)
{
	struct task_struct *t[AXAS_FAIL_NTH_SLOTS];
	unsigned int i, n;

	for (n = 0; n < AXAS_FAIL_NTH_SLOTS; n++) {
		t[n] = kthread_run(axas_test_fail_nth_idle, NULL,
				   "axas-fail-nth/%u", n);
		if (IS_ERR(t[n]))
			break;
		if (axas_fail_nth_set(t[n], 100 + n)) {
			kthread_stop(t[n]);
			break;
		}
	}
	KUNIT_EXPECT_EQ(test, n, (unsigned int)AXAS_FAIL_NTH_SLOTS);
	if (n == AXAS_FAIL_NTH_SLOTS) {
		KUNIT_EXPECT_EQ(test, axas_fail_nth_set(current, 1), -EBUSY);
		KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 0U);
		KUNIT_EXPECT_FALSE(test, axas_should_fail());
	}
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ(test, axas_fail_nth_get(t[i]), 100 + i);
		KUNIT_EXPECT_EQ(test, axas_fail_nth_set(t[i], 0), 0);
		kthread_stop(t[i]);
	}
	/* Room again. */
	KUNIT_EXPECT_EQ(test, axas_fail_nth_set(current, 1), 0);
	KUNIT_EXPECT_TRUE(test, axas_should_fail());
}

/*
 * axas_create() has exactly two allocation points: the space's per-CPU
 * counters (which hold the table's leaf counts too) and the root table.
 * Failing either returns -ENOMEM with nothing left allocated; a third
 * armed call is not reached.
 */
static void axas_test_fail_nth_create(struct kunit *test)
{
	struct axpt_cfg cfg = { .format = AXAS_FORMAT_INTEL_EPT };
	struct axas as;
	unsigned int nth;
	long live;

	rcu_barrier();
	live = axpt_linux_live_pages();
	for (nth = 1; nth <= 2; nth++) {
		KUNIT_ASSERT_EQ(test, axas_fail_nth_set(current, nth), 0);
		KUNIT_EXPECT_EQ_MSG(test, axas_create(&as, &cfg, axas_gpa(0), SZ_1G,
						      &axpt_linux_mm_ops, NULL,
						      NULL, NULL),
				    -ENOMEM, "nth %u", nth);
		KUNIT_EXPECT_EQ_MSG(test, axas_fail_nth_get(current), 0U,
				    "nth %u", nth);
		KUNIT_EXPECT_NULL(test, as.pcpu);
		KUNIT_EXPECT_NULL(test, as.pt.root);
		KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), live);
	}
	KUNIT_ASSERT_EQ(test, axas_fail_nth_set(current, 3), 0);
	KUNIT_ASSERT_EQ(test, axas_create(&as, &cfg, axas_gpa(0), SZ_1G,
					  &axpt_linux_mm_ops, NULL, NULL, NULL), 0);
	/* two of the three counted down, the third call never came */
	KUNIT_EXPECT_EQ(test, axas_fail_nth_get(current), 1U);
	KUNIT_EXPECT_EQ(test, axas_fail_nth_set(current, 0), 0);
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), live + 1);
	KUNIT_EXPECT_EQ(test, axpt_nr_leaves(&as.pt, 0), 0L);
	axas_destroy(&as);
	KUNIT_EXPECT_EQ(test, axpt_linux_live_pages(), live);
}

static struct kunit_case axas_fail_nth_cases[] = {
	KUNIT_CASE(axas_test_fail_nth_counts),
	KUNIT_CASE(axas_test_fail_nth_unarmed),
	KUNIT_CASE(axas_test_fail_nth_disarm_rearm),
	KUNIT_CASE(axas_test_fail_nth_per_task),
	KUNIT_CASE(axas_test_fail_nth_full),
	KUNIT_CASE(axas_test_fail_nth_create),
	{}
};

static struct kunit_suite axas_fail_nth_suite = {
	.name = "axaddrspace-fail-nth",
	.test_cases = axas_fail_nth_cases,
};

kunit_test_suite(axas_fail_nth_suite);
