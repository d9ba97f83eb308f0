/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The address-space fd: what /dev/axaddrspace's AXAS_IOC_CREATE returns.
 * It owns one reference to a struct axas and carries what the ABI adds to
 * it: the opener's privileges, the per-space limits, and the user mappings
 * of guest memory (mmap).
 */
#ifndef AXADDRSPACE_SPACE_H
#define AXADDRSPACE_SPACE_H

#include <linux/atomic.h>
#include <linux/axaddrspace.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include "axaddrspace/as.h"
#include "uapi/linux/axaddrspace.h"

struct file;
struct address_space;
struct dentry;

/**
 * struct axas_space - the state of one address-space fd.
 * @as: the space; this fd holds the owner's reference.
 * @show_hpa: the opener of /dev/axaddrspace had CAP_SYS_ADMIN: host
 *	physical addresses are shown.
 * @may_linear: the opener had CAP_SYS_RAWIO: linear maps are allowed.
 * @max_data_pages: the limit on data pages, 0 for none.
 * @max_table_pages: the limit on table pages, 0 for none.
 * @data_pages: data pages counted against @max_data_pages (only counted
 *	when there is a limit: faults then share this one atomic).
 * @mapping: the fd's inode's page cache mapping: user mappings of guest
 *	memory hang off it and are zapped through it.
 * @mmap_consumer: the user mappings, attached as a consumer of @as at the
 *	first mmap(): its invalidate zaps them before anything is freed.
 * @mmap_lock: serialises the attach of @mmap_consumer.
 * @mmap_attached: @mmap_consumer is attached; under @mmap_lock.
 * @debugfs: the fd's debugfs directory (axaddrspace/debugfs.h), or an
 *	error pointer.
 */
struct axas_space {
	struct axas *as;
	bool show_hpa;
	bool may_linear;
	u64 max_data_pages;
	u64 max_table_pages;
	atomic_long_t data_pages;
	struct address_space *mapping;
	struct axas_consumer mmap_consumer;
	struct mutex mmap_lock;	/* serialises the attach of @mmap_consumer */
	bool mmap_attached;
	struct dentry *debugfs;
};

/**
 * struct axas_ucmd - one ioctl call being handled.
 * @ubuffer: the user's argument.
 * @user_size: the size the user gave in the struct's first field.
 * @cmd: the kernel's copy of the argument.
 * @file: the fd the ioctl came on.
 * @responded: the handler copied its result back itself (it had to
 *	before a last step that cannot be undone, such as fd_install()).
 */
struct axas_ucmd {
	void __user *ubuffer;
	u32 user_size;
	void *cmd;
	struct file *file;
	bool responded;
};

/**
 * struct axas_ioctl_op - one entry of an ioctl table.
 * @size: sizeof() the argument struct in this kernel.
 * @min_size: the smallest size userspace may pass: the first layout.
 * @execute: the handler; the argument is copied back to userspace
 *	whatever it returns (with an error, the outputs the header documents
 *	for it; inputs unchanged).
 */
struct axas_ioctl_op {
	unsigned int size;
	unsigned int min_size;
	int (*execute)(struct axas_ucmd *ucmd);
};

/* Entries staged per round of a dump. */
#define AXAS_DUMP_CHUNK	64

/**
 * struct axas_dump_walk - the state of a dump (AXAS_IOC_DUMP, the debugfs
 *	file dump): one round at a time, see axas_dump_round().
 * @pt: the table.
 * @show_hpa: raw entries and table addresses as they are.
 * @oa_bits: the output-address bits of an entry, cleared without
 *	@show_hpa.
 * @from: the cursor: entries before it were sent...
 * @from_level: ... and at it, those above this level.
 * @resume: from a cursor, not the start of a range.
 * @table: the table holding level l's entries.
 * @n: entries staged in @e.
 * @max: stage at most this many.
 * @stopped: the stage filled up: @next and @next_level are set.
 * @next: where the next round starts.
 * @next_level: its level.
 * @e: the staged entries.
 */
struct axas_dump_walk {
	struct axpt *pt;
	bool show_hpa;
	u64 oa_bits;
	u64 from;
	u32 from_level;
	bool resume;
	u64 table[AXPT_MAX_LEVELS];
	unsigned int n;
	unsigned int max;
	bool stopped;
	u64 next;
	u32 next_level;
	struct axas_dump_entry e[AXAS_DUMP_CHUNK];
};

void axas_dump_init(struct axas_dump_walk *w, struct axpt *pt, bool show_hpa);
int axas_dump_round(struct axas_dump_walk *w, u64 *gpa, u32 *level, u64 end,
		    unsigned int max);
void axas_space_stats(struct axas_space *s, struct axas_stats *cmd);

long axas_ioctl_dispatch(struct file *file, unsigned int cmd,
			 unsigned long arg, const struct axas_ioctl_op *ops,
			 unsigned int nr_ops, unsigned int first,
			 void *buf, size_t buf_size);
int axas_space_create(struct axas_ucmd *ucmd);
struct file *axas_space_file(struct file *dev, const struct axas_create *cmd);
int axas_space_mmap(struct file *file, struct vm_area_struct *vma);
void axas_space_mmap_init(struct axas_space *s);
void axas_space_mmap_release(struct axas_space *s);

extern const struct axas_frame_ops axas_space_frame_ops;

#endif /* AXADDRSPACE_SPACE_H */
