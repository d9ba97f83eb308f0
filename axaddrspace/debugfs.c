// SPDX-License-Identifier: GPL-2.0
/*
 * axaddrspace: debugfs, /sys/kernel/debug/axaddrspace/<pid>-<fd>/ for each
 * address-space fd (the numbers of the process that created it), like
 * KVM's per-VM directories:
 *
 *  - summary: the format, geometry, range and root registers, the counts
 *    of AXAS_IOC_STATS and the list of areas;
 *  - dump: every present entry, one line each, in the layout of
 *    "axasctl dump" (host addresses shown: debugfs is root's).
 *
 * Lifetime: the files are created before the fd is installed and removed
 * first thing when the fd is released, before the space is shut down.
 * debugfs_create_file() gives them a proxy that runs each open, read and
 * seek of ours only while the file is still there (debugfs_file_get()),
 * and debugfs_remove() waits for those that run. So the struct axas_space
 * in the inode is alive whenever our code runs; a file opened before the
 * fd was closed reads as -EIO afterwards, and its release (which the
 * proxy always calls) touches only the seq_file's own memory. The file's
 * owner is this module, so it stays loaded while such a file is open.
 *
 * The dump walks with the AXAS_IOC_DUMP cursor (axas_dump_round()):
 * locklessly, a few dozen entries per round, so a reader never holds the
 * space's lock and a read that stalls (a slow consumer of the output)
 * stalls nobody else. The summary takes the lock for read only while it
 * lists the areas, into the seq_file's kernel buffer.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

#include "axaddrspace/debugfs.h"
#include "axaddrspace/space.h"

static struct dentry *axas_debugfs_dir;

/**
 * axas_debugfs_init() - create /sys/kernel/debug/axaddrspace.
 *
 * Without debugfs the directory is an error pointer, under which nothing
 * is created.
 *
 * Context: module init.
 */
void axas_debugfs_init(void)
{
	axas_debugfs_dir = debugfs_create_dir("axaddrspace", NULL);
}

/**
 * axas_debugfs_exit() - remove /sys/kernel/debug/axaddrspace and all in it.
 *
 * Context: module exit: no space is left (each fd holds the module).
 */
void axas_debugfs_exit(void)
{
	debugfs_remove(axas_debugfs_dir);
	axas_debugfs_dir = NULL;
}

/**
 * axas_debugfs_root() - the module's debugfs directory.
 *
 * Context: between axas_debugfs_init() and axas_debugfs_exit().
 *
 * Return: the directory, or an error pointer (no debugfs), under which
 * debugfs_create_*() create nothing.
 */
struct dentry *axas_debugfs_root(void)
{
	return axas_debugfs_dir;
}

/* ------------------------------------------------------------- summary */

static const char *const axas_fault_name[AXAS_FAULT_NR] = {
	[AXAS_FAULT_MAPPED] = "mapped",
	[AXAS_FAULT_SPURIOUS] = "spurious",
	[AXAS_FAULT_MMIO] = "mmio",
	[AXAS_FAULT_PERMISSION] = "permission",
	[AXAS_FAULT_NO_AREA] = "no_area",
	[AXAS_FAULT_OUT_OF_RANGE] = "out_of_range",
	[AXAS_FAULT_NOMEM] = "nomem",
	[AXAS_FAULT_INVALID] = "invalid",
};

static const char *const axas_leaf_name[] = { "4k", "2m", "1g" };

static const char *axas_backend_name(u8 backend)
{
	switch (backend) {
	case AXAS_BACKEND_LINEAR:
		return "linear";
	case AXAS_BACKEND_ALLOC:
		return "alloc";
	case AXAS_BACKEND_MMIO:
		return "mmio";
	default:
		return "unknown";
	}
}

static const char *axas_mem_name(u32 mem)
{
	switch (mem) {
	case AXAS_MEM_WB:
		return "wb";
	case AXAS_MEM_NC:
		return "nc";
	case AXAS_MEM_DEVICE:
		return "device";
	default:
		return "unknown";
	}
}

/* "rwx", "r--": @buf holds 4 bytes. */
static const char *axas_prot_str(char *buf, u32 prot)
{
	buf[0] = prot & AXAS_PROT_READ ? 'r' : '-';
	buf[1] = prot & AXAS_PROT_WRITE ? 'w' : '-';
	buf[2] = prot & AXAS_PROT_EXEC ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

static void axas_summary_stats(struct seq_file *m, struct axas_space *s)
{
	struct axas_stats st = { .size = sizeof(st) };
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(axas_leaf_name) != ARRAY_SIZE(st.leaves));
	axas_space_stats(s, &st);
	seq_puts(m, "stats:\n");
	seq_printf(m, "  %-20s %llu\n", "data_pages", st.data_pages);
	seq_printf(m, "  %-20s %llu\n", "table_pages", st.table_pages);
	for (i = 0; i < ARRAY_SIZE(st.leaves); i++)
		seq_printf(m, "  leaves_%-13s %llu\n", axas_leaf_name[i],
			   st.leaves[i]);
	seq_printf(m, "  %-20s %llu\n", "areas", st.areas);
	seq_printf(m, "  %-20s %llu\n", "consumers", st.consumers);
	for (i = 1; i < AXAS_FAULT_NR; i++)
		seq_printf(m, "  faults_%-13s %llu\n", axas_fault_name[i],
			   st.faults[i]);
	seq_printf(m, "  %-20s %llu\n", "invalidations", st.invalidations);
	seq_printf(m, "  %-20s %llu\n", "invalidations_all",
		   st.invalidations_all);
	seq_printf(m, "  %-20s %llu\n", "max_data_pages", st.max_data_pages);
	seq_printf(m, "  %-20s %llu\n", "max_table_pages", st.max_table_pages);
}

static void axas_summary_areas(struct seq_file *m, struct axas *as)
{
	struct rb_node *n;
	char p[4];

	guard(rwsem_read)(&as->lock);
	seq_printf(m, "areas: %u\n", as->nr_areas);
	for (n = rb_first(&as->areas); n; n = rb_next(n)) {
		const struct axas_area *a = rb_entry(n, struct axas_area, node);

		seq_printf(m, "  [0x%llx, 0x%llx) %-6s %s %-6s", a->start,
			   a->start + a->size, axas_backend_name(a->backend),
			   axas_prot_str(p, AXPT_ATTR_PROT(a->flags)),
			   axas_mem_name(AXPT_ATTR_MEM(a->flags)));
		if (a->backend == AXAS_BACKEND_LINEAR)
			seq_printf(m, " hpa 0x%llx", a->hpa);
		else if (a->backend == AXAS_BACKEND_ALLOC)
			seq_puts(m, a->populate ? " populated" : " lazy");
		seq_putc(m, '\n');
	}
}

static int axas_summary_show(struct seq_file *m, void *v)
{
	struct axas_space *s = m->private;
	struct axas *as = s->as;
	const struct axpt *pt = &as->pt;
	struct axas_root_regs r;
	unsigned int l;

	axas_root_regs(as, &r);
	seq_printf(m, "format:     %s\n", pt->fmt->name);
	seq_printf(m, "levels:     %u\n", pt->levels);
	seq_printf(m, "ias_bits:   %u\n", pt->ias);
	seq_printf(m, "oas_bits:   %u\n", pt->oas);
	seq_printf(m, "cfg_flags:  0x%x\n", pt->cfg_flags);
	seq_puts(m, "pgsizes:   ");
	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		if (axpt_leaf_allowed(pt, l))
			seq_printf(m, " %s", axas_leaf_name[l]);
	seq_putc(m, '\n');
	seq_printf(m, "range:      [0x%llx, 0x%llx)\n", as->base,
		   as->base + as->size);
	seq_printf(m, "root:       0x%llx\n", r.value);
	if (r.format == AXAS_FORMAT_ARM_S2)
		seq_printf(m, "vtcr:       0x%llx\n", r.vtcr);
	seq_printf(m, "root_table: 0x%llx\n", (u64)pt->root_pa);
	axas_summary_stats(m, s);
	axas_summary_areas(m, as);
	return 0;
}

static int axas_summary_open(struct inode *inode, struct file *file)
{
	return single_open(file, axas_summary_show, inode->i_private);
}

static const struct file_operations axas_summary_fops = {
	.owner = THIS_MODULE,
	.open = axas_summary_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---------------------------------------------------------------- dump */

/*
 * A reader's position: 0 is the header line, n > 0 the n-th entry. The
 * entries of the last round are staged in @w, the first at @first.
 */
struct axas_debugfs_dump {
	struct axas_space *s;
	u64 gpa;		/* the cursor of the next round */
	u32 level;
	u64 end;
	loff_t first;		/* the position of w.e[0] */
	struct axas_dump_walk w;
};

static void axas_debugfs_dump_rewind(struct axas_debugfs_dump *d)
{
	struct axas *as = d->s->as;

	d->gpa = as->base;
	d->end = as->base + as->size;
	d->level = U32_MAX;
	d->first = 1;
	d->w.n = 0;
}

/* The entry at @pos (> 0), NULL past the last one. */
static void *axas_debugfs_dump_at(struct axas_debugfs_dump *d, loff_t pos)
{
	int ret;

	if (pos < d->first)		/* a seek back: walk again */
		axas_debugfs_dump_rewind(d);
	while (pos >= d->first + d->w.n) {
		if (d->gpa >= d->end)
			return NULL;
		d->first += d->w.n;
		d->w.n = 0;
		ret = axas_dump_round(&d->w, &d->gpa, &d->level, d->end,
				      AXAS_DUMP_CHUNK);
		if (ret)
			return ERR_PTR(ret);
	}
	return &d->w.e[pos - d->first];
}

static void *axas_debugfs_dump_start(struct seq_file *m, loff_t *pos)
{
	if (!*pos)
		return SEQ_START_TOKEN;
	return axas_debugfs_dump_at(m->private, *pos);
}

static void *axas_debugfs_dump_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return axas_debugfs_dump_at(m->private, *pos);
}

static void axas_debugfs_dump_stop(struct seq_file *m, void *v)
{
}

/* A size the way axasctl writes it: "4K", "2M", "512G". */
static void axas_size_str(char *buf, size_t len, u64 v)
{
	static const char suffix[] = "KMGTPE";
	int i;

	for (i = 5; i >= 0; i--) {
		u64 unit = 1ULL << (10 * (i + 1));

		if (v >= unit && !(v & (unit - 1))) {
			scnprintf(buf, len, "%llu%c", v / unit, suffix[i]);
			return;
		}
	}
	scnprintf(buf, len, "%llu", v);
}

/* One entry in the layout of "axasctl dump", without its decoded bits. */
static void axas_debugfs_dump_entry(struct seq_file *m, const struct axpt *pt,
				    const struct axas_dump_entry *e)
{
	unsigned int depth = pt->levels - 1 - min_t(u32, e->level, pt->levels - 1);
	u64 size = 1ULL << axpt_level_shift(e->level);
	char left[32], sz[16], what[16], p[4];
	struct axpt_leaf leaf;
	bool ok = true;
	u64 addr = 0;

	scnprintf(left, sizeof(left), "%*sL%u", 2 * depth, "", e->level);
	axas_size_str(sz, sizeof(sz), size);
	if (!(e->flags & AXAS_DUMP_LEAF)) {
		scnprintf(what, sizeof(what), "table");
		addr = pt->fmt->decode_table(e->raw);
	} else if (!pt->fmt->decode_leaf(e->raw, e->level, &leaf)) {
		scnprintf(what, sizeof(what), "%s %s",
			  axas_prot_str(p, AXPT_ATTR_PROT(leaf.attr)),
			  axas_mem_name(AXPT_ATTR_MEM(leaf.attr)));
		addr = leaf.hpa;
	} else {
		scnprintf(what, sizeof(what), "leaf");
		ok = false;
	}
	seq_printf(m, "%-*s 0x%012llx-0x%012llx %4s %-10s -> 0x%012llx raw 0x%016llx%s\n",
		   2 * (int)(pt->levels - 1) + 2, left, e->gpa, e->gpa + size - 1,
		   sz, what, addr, e->raw, ok ? "" : "  INVALID");
}

static int axas_debugfs_dump_show(struct seq_file *m, void *v)
{
	struct axas_debugfs_dump *d = m->private;
	struct axas *as = d->s->as;

	if (v == SEQ_START_TOKEN) {
		seq_printf(m, "%s, %u levels, [0x%llx, 0x%llx)\n",
			   as->pt.fmt->name, as->pt.levels, as->base,
			   as->base + as->size);
		return 0;
	}
	axas_debugfs_dump_entry(m, &as->pt, v);
	return 0;
}

static const struct seq_operations axas_debugfs_dump_ops = {
	.start = axas_debugfs_dump_start,
	.next = axas_debugfs_dump_next,
	.stop = axas_debugfs_dump_stop,
	.show = axas_debugfs_dump_show,
};

static int axas_debugfs_dump_open(struct inode *inode, struct file *file)
{
	struct axas_debugfs_dump *d;

	d = __seq_open_private(file, &axas_debugfs_dump_ops, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->s = inode->i_private;
	axas_dump_init(&d->w, &d->s->as->pt, true);
	axas_debugfs_dump_rewind(d);
	return 0;
}

static const struct file_operations axas_debugfs_dump_fops = {
	.owner = THIS_MODULE,
	.open = axas_debugfs_dump_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release_private,
};

/* ------------------------------------------------------ per-space dirs */

/**
 * axas_debugfs_space_add() - create the debugfs directory of a space fd.
 * @s: the fd's state; @s->debugfs is set (an error pointer on failure,
 *	which axas_debugfs_space_remove() accepts).
 * @fd: the fd number it is about to be installed at.
 *
 * The name is <pid>-<fd> of the calling process. A name that is taken (an
 * fd number reused while an older space of that process lives on through
 * a duplicate) leaves the new space without a directory.
 *
 * Context: process context, before the fd is installed.
 */
void axas_debugfs_space_add(struct axas_space *s, int fd)
{
	char name[32];

	scnprintf(name, sizeof(name), "%d-%d", task_tgid_nr(current), fd);
	s->debugfs = debugfs_create_dir(name, axas_debugfs_dir);
	debugfs_create_file("summary", 0400, s->debugfs, s, &axas_summary_fops);
	debugfs_create_file("dump", 0400, s->debugfs, s,
			    &axas_debugfs_dump_fops);
}

/**
 * axas_debugfs_space_remove() - remove the debugfs directory of a space fd.
 * @s: the fd's state.
 *
 * Returns once no read of its files runs; later ones fail with -EIO.
 *
 * Context: process context; must not hold the space's lock (a running
 * read may wait for it).
 */
void axas_debugfs_space_remove(struct axas_space *s)
{
	lockdep_assert_not_held(&s->as->lock);
	debugfs_remove(s->debugfs);
	s->debugfs = NULL;
}
