// SPDX-License-Identifier: GPL-2.0
/*
 * The module's own fail-nth knob (test builds only, see fail_nth.h):
 * /sys/kernel/debug/axaddrspace/fail_nth, used like the kernel's
 * /proc/self/task/<tid>/fail-nth but only by the task itself:
 *
 * - A task writes N: the N-th call of axas_should_fail() that this task
 *   (thread) makes from then on returns true, once, and the knob disarms.
 *   N = 1 fails the very next allocation point. Writing 0 disarms;
 *   writing again replaces the count. Other tasks are not affected.
 * - A task reads: the number of calls it has left before the failure, or
 *   0 once the failure has been injected (also when it never armed).
 * - Only calls from task context count (not from interrupts), as in the
 *   kernel.
 *
 * Up to AXAS_FAIL_NTH_SLOTS tasks may be armed at the same time; arming one
 * more fails with -EBUSY. Each armed task has a slot in a small table
 * under a spinlock, holding a reference on its struct pid, so a task
 * created later can never inherit the slot; slots of tasks that have
 * exited while armed are reclaimed when the table is full. While no task
 * is armed, axas_should_fail() reads one atomic counter and returns.
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/pid.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "axaddrspace/debugfs.h"
#include "axaddrspace/fail_nth.h"

struct axas_fail_nth_slot {
	struct pid *pid;	/* the armed task, NULL when the slot is free */
	unsigned int left;	/* calls until the one that fails, >= 1 */
};

static DEFINE_SPINLOCK(axas_fail_nth_lock);
static struct axas_fail_nth_slot axas_fail_nth_slots[AXAS_FAIL_NTH_SLOTS];
/* Slots in use; zero lets axas_should_fail() return without the lock. */
static atomic_t axas_fail_nth_armed = ATOMIC_INIT(0);
static struct dentry *axas_fail_nth_file;

static struct axas_fail_nth_slot *axas_fail_nth_find(struct pid *pid)
{
	unsigned int i;

	lockdep_assert_held(&axas_fail_nth_lock);
	for (i = 0; i < AXAS_FAIL_NTH_SLOTS; i++)
		if (axas_fail_nth_slots[i].pid == pid)
			return &axas_fail_nth_slots[i];
	return NULL;
}

/* Frees a slot; returns the pid reference it held, to put unlocked. */
static struct pid *axas_fail_nth_clear(struct axas_fail_nth_slot *slot)
{
	struct pid *pid = slot->pid;

	lockdep_assert_held(&axas_fail_nth_lock);
	slot->pid = NULL;
	slot->left = 0;
	atomic_dec(&axas_fail_nth_armed);
	return pid;
}

/**
 * axas_should_fail() - whether this allocation point must fail.
 *
 * Call it at every allocation point of the module, before allocating,
 * and fail as if the allocation had failed when it returns true.
 *
 * Context: Any context; only calls from task context count.
 * Return: true for the call that the current task's armed count selects.
 */
bool axas_should_fail(void)
{
	struct axas_fail_nth_slot *slot;
	struct pid *put = NULL;
	bool fail = false;

	if (!atomic_read(&axas_fail_nth_armed) || !in_task())
		return false;
	spin_lock(&axas_fail_nth_lock);
	slot = axas_fail_nth_find(task_pid(current));
	if (slot && !--slot->left) {
		put = axas_fail_nth_clear(slot);
		fail = true;
	}
	spin_unlock(&axas_fail_nth_lock);
	put_pid(put);
	return fail;
}

/* Frees the slots of tasks that have exited; returns how many. */
static unsigned int axas_fail_nth_reclaim(struct pid **put)
{
	unsigned int i, n = 0;

	lockdep_assert_held(&axas_fail_nth_lock);
	rcu_read_lock();
	for (i = 0; i < AXAS_FAIL_NTH_SLOTS; i++) {
		struct axas_fail_nth_slot *slot = &axas_fail_nth_slots[i];

		if (slot->pid && !pid_task(slot->pid, PIDTYPE_PID))
			put[n++] = axas_fail_nth_clear(slot);
	}
	rcu_read_unlock();
	return n;
}

/**
 * axas_fail_nth_set() - arm or disarm the knob for a task.
 * @task: the task; the debugfs file always passes the writer.
 * @nth: fail the @nth call of axas_should_fail() made by @task from now
 *       on (1: the next one); 0 disarms.
 *
 * Context: Process context.
 * Return: 0, or -EBUSY if AXAS_FAIL_NTH_SLOTS other tasks are armed.
 */
int axas_fail_nth_set(struct task_struct *task, unsigned int nth)
{
	struct pid *put[AXAS_FAIL_NTH_SLOTS + 1];
	struct axas_fail_nth_slot *slot;
	struct pid *pid = get_task_pid(task, PIDTYPE_PID);
	unsigned int i, n = 0;
	int ret = 0;

	spin_lock(&axas_fail_nth_lock);
	slot = axas_fail_nth_find(pid);
	if (slot) {
		put[n++] = pid;		/* the slot has a reference already */
		if (nth)
			slot->left = nth;
		else
			put[n++] = axas_fail_nth_clear(slot);
	} else if (!nth) {
		put[n++] = pid;
	} else {
		slot = axas_fail_nth_find(NULL);
		if (!slot) {
			n += axas_fail_nth_reclaim(put + n);
			slot = axas_fail_nth_find(NULL);
		}
		if (slot) {
			slot->pid = pid;
			slot->left = nth;
			atomic_inc(&axas_fail_nth_armed);
		} else {
			put[n++] = pid;
			ret = -EBUSY;
		}
	}
	spin_unlock(&axas_fail_nth_lock);
	for (i = 0; i < n; i++)
		put_pid(put[i]);
	return ret;
}

/**
 * axas_fail_nth_get() - what reading the knob tells a task.
 * @task: the task; the debugfs file always passes the reader.
 *
 * Context: Process context.
 * Return: the calls @task has left before the failing one, or 0 if the
 * failure was injected or @task is not armed.
 */
unsigned int axas_fail_nth_get(struct task_struct *task)
{
	struct pid *pid = get_task_pid(task, PIDTYPE_PID);
	struct axas_fail_nth_slot *slot;
	unsigned int left;

	spin_lock(&axas_fail_nth_lock);
	slot = axas_fail_nth_find(pid);
	left = slot ? slot->left : 0;
	spin_unlock(&axas_fail_nth_lock);
	put_pid(pid);
	return left;
}

static ssize_t axas_fail_nth_write(struct file *file, const char __user *buf,
				   size_t count, loff_t *ppos)
{
	unsigned int nth;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &nth);
	if (ret)
		return ret;
	ret = axas_fail_nth_set(current, nth);
	return ret ? ret : count;
}

static ssize_t axas_fail_nth_read(struct file *file, char __user *buf,
				  size_t count, loff_t *ppos)
{
	char num[16];
	int len;

	len = scnprintf(num, sizeof(num), "%u\n", axas_fail_nth_get(current));
	return simple_read_from_buffer(buf, count, ppos, num, len);
}

static const struct file_operations axas_fail_nth_fops = {
	.owner = THIS_MODULE,
	.read = axas_fail_nth_read,
	.write = axas_fail_nth_write,
	.llseek = default_llseek,
};

/**
 * axas_fail_nth_init() - create /sys/kernel/debug/axaddrspace/fail_nth.
 *
 * In the module's debugfs directory (axas_debugfs_init() first). Without
 * debugfs the knob is still armed through axas_fail_nth_set().
 *
 * Context: Module init.
 */
void axas_fail_nth_init(void)
{
	axas_fail_nth_file = debugfs_create_file("fail_nth", 0600,
						 axas_debugfs_root(), NULL,
						 &axas_fail_nth_fops);
}

/**
 * axas_fail_nth_exit() - remove the debugfs file and disarm every task.
 *
 * Context: Module exit; no allocation point may run any more.
 */
void axas_fail_nth_exit(void)
{
	unsigned int i;

	debugfs_remove(axas_fail_nth_file);
	axas_fail_nth_file = NULL;
	for (i = 0; i < AXAS_FAIL_NTH_SLOTS; i++) {
		struct pid *pid = NULL;

		spin_lock(&axas_fail_nth_lock);
		if (axas_fail_nth_slots[i].pid)
			pid = axas_fail_nth_clear(&axas_fail_nth_slots[i]);
		spin_unlock(&axas_fail_nth_lock);
		put_pid(pid);
	}
}
