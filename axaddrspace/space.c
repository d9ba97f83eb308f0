// SPDX-License-Identifier: GPL-2.0
/*
 * The address-space fd: creation (AXAS_IOC_CREATE on /dev/axaddrspace),
 * its ioctls, its limits and its lifetime.
 *
 * No handler copies from or to userspace while it holds the space's lock:
 * arguments are staged in kernel buffers first, results copied out after
 * the axas_*() call returned (which took and dropped the lock). A user
 * buffer backed by userfaultfd can therefore stall only its own caller,
 * never a fault, and mmap_lock is never taken under the space's lock.
 */
#include <linux/anon_inodes.h>
#include <linux/capability.h>
#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ioport.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include "axaddrspace/debugfs.h"
#include "axaddrspace/fail_nth.h"
#include "axaddrspace/space.h"

/* ------------------------------------------------------------ the HALs */

/*
 * Table pages: the Linux HAL, with the space's limit. The engine counts
 * its tables (nr_tables), so the limit costs one read per table.
 */
static void *axas_space_alloc_table(void *ctx, unsigned int order,
				    phys_addr_t *pa)
{
	struct axas_space *s = ctx;

	/* s->as is unset while axas_new() allocates the root: never refused */
	if (s->max_table_pages && s->as &&
	    atomic_long_read(&s->as->pt.nr_tables) + (1L << order) >
	    (long)s->max_table_pages)
		return NULL;
	return axpt_linux_mm_ops.alloc_table(NULL, order, pa);
}

static void axas_space_free_table(void *ctx, void *va, unsigned int order,
				  bool deferred)
{
	axpt_linux_mm_ops.free_table(NULL, va, order, deferred);
}

static const struct axpt_mm_ops axas_space_mm_ops = {
	.alloc_table = axas_space_alloc_table,
	.free_table = axas_space_free_table,
	.table_count = axpt_linux_table_count,
};

/* Data frames: the Linux HAL, with the space's limit when it has one. */
static int axas_space_alloc_frame(void *ctx, unsigned int order, u64 *hpa)
{
	struct axas_space *s = ctx;
	long n = 1L << order;
	int ret;

	if (s->max_data_pages &&
	    atomic_long_add_return(n, &s->data_pages) > (long)s->max_data_pages) {
		atomic_long_sub(n, &s->data_pages);
		return -ENOMEM;
	}
	ret = axas_linux_frame_ops.alloc(NULL, order, hpa);
	if (ret && s->max_data_pages)
		atomic_long_sub(n, &s->data_pages);
	return ret;
}

static void axas_space_free_frame(void *ctx, u64 hpa)
{
	struct axas_space *s = ctx;

	axas_linux_frame_ops.free(NULL, hpa);
	if (s->max_data_pages)
		atomic_long_dec(&s->data_pages);
}

/* The pages of a large leaf in one call, as the Linux HAL gives them back. */
static void axas_space_free_range(void *ctx, u64 hpa, unsigned long n)
{
	struct axas_space *s = ctx;

	axas_linux_frame_ops.free_range(NULL, hpa, n);
	if (s->max_data_pages)
		atomic_long_sub(n, &s->data_pages);
}

/*
 * Is [start, end] covered by IORESOURCE_MEM resources? They come in
 * address order, parents before children.
 */
struct axas_iomem_cover {
	u64 covered;	/* first byte not known to be covered */
};

static int axas_iomem_cover_one(struct resource *res, void *arg)
{
	struct axas_iomem_cover *c = arg;

	if (res->start <= c->covered && res->end >= c->covered)
		c->covered = res->end + 1;
	return 0;
}

/* Any resource with these flags (all of them) in [start, end]: stop. */
static int axas_iomem_found(struct resource *res, void *arg)
{
	return 1;
}

/*
 * Host memory a linear area may map: inside registered memory resources,
 * no System RAM, nothing a driver claimed exclusively (nor, with
 * CONFIG_IO_STRICT_DEVMEM, claimed at all): the rules of /dev/mem.
 */
static bool axas_space_hpa_allowed(void *ctx, u64 hpa, u64 size)
{
	struct axas_iomem_cover c = { .covered = hpa };
	u64 last = hpa + size - 1;

	if (region_intersects(hpa, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return false;
	walk_iomem_res_desc(IORES_DESC_NONE, IORESOURCE_MEM, hpa, last, &c,
			    axas_iomem_cover_one);
	if (c.covered <= last)
		return false;
	if (walk_iomem_res_desc(IORES_DESC_NONE,
				IORESOURCE_MEM | IORESOURCE_EXCLUSIVE, hpa,
				last, NULL, axas_iomem_found) == 1)
		return false;
	if (IS_ENABLED(CONFIG_IO_STRICT_DEVMEM) &&
	    walk_iomem_res_desc(IORES_DESC_NONE,
				IORESOURCE_MEM | IORESOURCE_BUSY, hpa, last,
				NULL, axas_iomem_found) == 1)
		return false;
	return true;
}

/*
 * The Linux frame HAL with a space's limits and
 *	its rules for linear host memory; the context is the struct
 *	axas_space.
 */
const struct axas_frame_ops axas_space_frame_ops = {
	.alloc = axas_space_alloc_frame,
	.free = axas_space_free_frame,
	.free_range = axas_space_free_range,
	.map = axas_linux_map_frame,
	.unmap = axas_linux_unmap_frame,
	.hpa_allowed = axas_space_hpa_allowed,
};

/* ----------------------------------------------------- common checks */

static struct axas_space *axas_ucmd_space(struct axas_ucmd *ucmd)
{
	return ucmd->file->private_data;
}

/* prot: at least one known bit; mem: a known type. */
static __always_inline int axas_check_prot_mem(u32 prot, u32 mem)
{
	if (prot & ~(AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC) ||
	    mem > AXAS_MEM_DEVICE)
		return -EOPNOTSUPP;
	if (!prot)
		return -EINVAL;
	return 0;
}

/*
 * The checks of a map or protect that do not depend on the entry but on
 * the space and the caller: asked once per call, at the first entry that
 * needs each, and remembered for the others of a vector. The answers
 * cannot change during a call (a space's format and the opener's
 * capabilities are fixed; lockdown only tightens, and a call that began
 * before it may finish).
 */
struct axas_check_ctx {
	struct axas_space *s;
	u32 attr_ok;	/* bit AXAS_ATTR_BIT(): axpt_check_attr() passed */
	int linear;	/* 0: not asked yet; 1: linear maps allowed; -EPERM */
};

/* prot (3 bits) and mem (at most AXAS_MEM_DEVICE): a bit of attr_ok */
#define AXAS_ATTR_BIT(prot, mem)	BIT(((prot) & 7) | ((mem) & 3) << 3)

/*
 * The attributes of a map or protect: EINVAL for what no format allows
 * (executable device memory), EOPNOTSUPP for what this space's format or
 * configuration cannot express.
 */
static __always_inline int axas_space_attr(struct axas_check_ctx *c, u32 prot,
					   u32 mem, bool mapped, u32 *attr)
{
	int ret = axas_check_prot_mem(prot, mem);

	if (ret)
		return ret;
	*attr = AXPT_ATTR(prot, mem);
	if (axpt_device_exec(*attr))
		return -EINVAL;
	/* MMIO areas are never mapped: the format need not express them. */
	if (!mapped || c->attr_ok & AXAS_ATTR_BIT(prot, mem))
		return 0;
	if (axpt_check_attr(&c->s->as->pt, *attr))
		return -EOPNOTSUPP;
	c->attr_ok |= AXAS_ATTR_BIT(prot, mem);
	return 0;
}

/* May this call map host memory linearly? */
static int axas_space_linear(struct axas_check_ctx *c)
{
	if (!c->linear)
		c->linear = !c->s->may_linear ||
			    security_locked_down(LOCKDOWN_DEV_MEM) ? -EPERM : 1;
	return c->linear > 0 ? 0 : c->linear;
}

static void axas_report(struct axas_inval_report *out,
			const struct axas_inval_info *fl)
{
	out->start = fl->start;
	out->end = fl->end;
	out->flags = fl->tables ? AXAS_INVAL_TABLES : 0;
	out->invalidations = fl->invalidations;
}

/* ---------------------------------------------------- map, unmap, protect */

/*
 * One map entry (a vector's, or the single map's fields) into a request:
 * every check, in the order that decides which error a bad entry gets.
 * @m must not overlap @r.
 */
static int axas_map_parse(struct axas_check_ctx *c,
			  const struct axas_map_entry *m,
			  struct axas_map_req *r)
{
	int ret;

	if (m->flags & ~AXAS_MAP_FLAGS)
		return -EOPNOTSUPP;
	if (m->backend < AXAS_BACKEND_LINEAR || m->backend > AXAS_BACKEND_MMIO)
		return -EOPNOTSUPP;
	if (m->flags & AXAS_MAP_POPULATE && m->backend != AXAS_BACKEND_ALLOC)
		return -EINVAL;
	if (m->backend != AXAS_BACKEND_LINEAR && m->hpa)
		return -EINVAL;
	ret = axas_space_attr(c, m->prot, m->mem,
			      m->backend != AXAS_BACKEND_MMIO, &r->flags);
	if (ret)
		return ret;
	if (m->backend == AXAS_BACKEND_LINEAR) {
		ret = axas_space_linear(c);
		if (ret)
			return ret;
	}
	r->gpa = m->gpa;
	r->size = m->length;
	r->hpa = m->hpa;
	r->backend = m->backend;
	r->populate = m->flags & AXAS_MAP_POPULATE;
	return 0;
}

static int axas_ioc_map(struct axas_ucmd *ucmd)
{
	struct axas_check_ctx c = { .s = axas_ucmd_space(ucmd) };
	struct axas_map *cmd = ucmd->cmd;
	struct axas_map_entry e = {
		.gpa = cmd->gpa, .length = cmd->length, .hpa = cmd->hpa,
		.flags = cmd->flags, .backend = cmd->backend,
		.prot = cmd->prot, .mem = cmd->mem,
	};
	struct axas_inval_info fl = {};
	struct axas_map_req r;
	int ret;

	memset(&cmd->inval, 0, sizeof(cmd->inval));
	if (cmd->__reserved)
		return -EINVAL;
	ret = axas_map_parse(&c, &e, &r);
	if (ret)
		return ret;
	ret = axas_map_vec(c.s->as, &r, 1, &fl);
	if (!ret)
		axas_report(&cmd->inval, &fl);
	return ret;
}

/*
 * One protect entry into a request: every check, in the order that
 * decides which error a bad entry gets. @p must not overlap @r.
 */
static int axas_protect_parse(struct axas_check_ctx *c,
			      const struct axas_protect_entry *p,
			      struct axas_range_req *r)
{
	if (p->flags)
		return -EOPNOTSUPP;
	if (p->__reserved)
		return -EINVAL;
	r->gpa = p->gpa;
	r->size = p->length;
	return axas_space_attr(c, p->prot, p->mem, true, &r->flags);
}

/* AXAS_IOC_UNMAP and AXAS_IOC_PROTECT: a vector of one range. */
static int axas_ioc_range(struct axas_ucmd *ucmd, bool protect)
{
	struct axas_check_ctx c = { .s = axas_ucmd_space(ucmd) };
	struct axas_protect *p = ucmd->cmd;
	struct axas_unmap *u = ucmd->cmd;
	struct axas_inval_report *inval = protect ? &p->inval : &u->inval;
	u64 *done = protect ? &p->done : &u->done;
	u64 length = protect ? p->length : u->length, partial = 0;
	struct axas_inval_info fl = {};
	struct axas_range_req r;
	unsigned int nr_done = 0;
	int ret;

	*done = 0;
	memset(inval, 0, sizeof(*inval));
	if (protect) {
		struct axas_protect_entry e = {
			.gpa = p->gpa, .length = p->length, .flags = p->flags,
			.prot = p->prot, .mem = p->mem,
		};

		ret = axas_protect_parse(&c, &e, &r);
	} else {
		ret = u->flags ? -EOPNOTSUPP : 0;
		r = (struct axas_range_req){ .gpa = u->gpa, .size = u->length };
	}
	if (ret)
		return ret;
	ret = (protect ? axas_protect_vec : axas_unmap_vec)(c.s->as, &r, 1, &fl,
							   &nr_done, &partial);
	*done = nr_done ? length : partial;
	axas_report(inval, &fl);
	return ret;
}

static int axas_ioc_unmap(struct axas_ucmd *ucmd)
{
	return axas_ioc_range(ucmd, false);
}

static int axas_ioc_protect(struct axas_ucmd *ucmd)
{
	return axas_ioc_range(ucmd, true);
}

/* ------------------------------------------------------------- vectors */

enum axas_vec_op { AXAS_VEC_MAP, AXAS_VEC_UNMAP, AXAS_VEC_PROTECT };

static const unsigned int axas_vec_entry_size[] = {
	[AXAS_VEC_MAP] = sizeof(struct axas_map_entry),
	[AXAS_VEC_UNMAP] = sizeof(struct axas_unmap_entry),
	[AXAS_VEC_PROTECT] = sizeof(struct axas_protect_entry),
};

static const unsigned int axas_vec_req_size[] = {
	[AXAS_VEC_MAP] = sizeof(struct axas_map_req),
	[AXAS_VEC_UNMAP] = sizeof(struct axas_range_req),
	[AXAS_VEC_PROTECT] = sizeof(struct axas_range_req),
};

/*
 * The staging buffer: room for @n requests or @n entries, whichever is
 * larger. The entries are copied in at its end and turned into requests
 * in place, in order: request i ends at (i + 1) * req_size, never past
 * the start of entry i + 1 (at n * slot - (n - i - 1) * entry_size, with
 * slot the larger size), so each entry is read before anything
 * overwrites it and one buffer serves both.
 */
static size_t axas_vec_slot(enum axas_vec_op op)
{
	return max(axas_vec_entry_size[op], axas_vec_req_size[op]);
}

/*
 * An entry's checks look at nothing of it but a few fields (and at what
 * the call asked once, see struct axas_check_ctx), with one exception
 * below: an entry whose fields equal those of an entry the checks
 * accepted passes them too and gets the same request attributes. Vectors
 * mostly repeat these fields, so each entry is compared with the last one
 * accepted, and only one that differs goes through the checks again.
 *
 * The loops read entries and write requests as 64-bit words: the fields
 * the checks read are the last two words of a map entry (flags, backend,
 * prot, mem) and of a protect entry (flags, prot, mem, __reserved), and a
 * request's attributes (what follows its addresses and size) one word
 * (with its padding, never read), so an entry costs a few compares and a
 * store per word. Equal words are equal fields whatever the byte order.
 */
struct axas_map_words {
	u64 gpa;
	u64 length;
	u64 hpa;
	u64 key[2];	/* flags, backend, prot, mem */
};

struct axas_map_req_words {
	u64 gpa;
	u64 size;
	u64 hpa;
	u64 attrs;	/* flags, backend, populate */
};

struct axas_protect_words {
	u64 gpa;
	u64 length;
	u64 key[2];	/* flags, prot, mem, __reserved */
};

struct axas_range_req_words {
	u64 gpa;
	u64 size;
	u64 attrs;	/* flags */
};

static_assert(sizeof(struct axas_map_words) == sizeof(struct axas_map_entry));
static_assert(offsetof(struct axas_map_entry, flags) == 24 &&
	      offsetof(struct axas_map_entry, backend) == 28 &&
	      offsetof(struct axas_map_entry, prot) == 32 &&
	      offsetof(struct axas_map_entry, mem) == 36);
static_assert(sizeof(struct axas_map_req_words) == sizeof(struct axas_map_req));
static_assert(offsetof(struct axas_map_req, flags) == 24 &&
	      offsetof(struct axas_map_req, populate) < 32);
static_assert(sizeof(struct axas_protect_words) ==
	      sizeof(struct axas_protect_entry));
static_assert(offsetof(struct axas_protect_entry, flags) == 16 &&
	      offsetof(struct axas_protect_entry, prot) == 20 &&
	      offsetof(struct axas_protect_entry, mem) == 24 &&
	      offsetof(struct axas_protect_entry, __reserved) == 28);
static_assert(sizeof(struct axas_range_req_words) ==
	      sizeof(struct axas_range_req));
static_assert(offsetof(struct axas_range_req, flags) == 16);

/* Check map entry @i the long way, in place (entry and request overlap). */
static noinline int axas_vec_map_slow(struct axas_check_ctx *c,
				      const struct axas_map_entry *e,
				      struct axas_map_req *r, unsigned int i)
{
	/* the whole entry first: its request overwrites it */
	struct axas_map_entry m = e[i];

	return axas_map_parse(c, &m, &r[i]);
}

/*
 * Map entries into requests, in place (see axas_vec_slot()). The
 * exception: only a linear area has a host address.
 */
static int axas_vec_parse_map(struct axas_check_ctx *c, void *buf,
			      const void *raw, unsigned int n)
{
	const struct axas_map_words *e = raw, *p, *end = e + n;
	struct axas_map_req_words *r = buf, *q;
	u64 key0, key1, attrs, hpa_mask;
	unsigned int i = 0;
	int ret;

	/* n >= 1; @i is the entry checked the long way */
	for (;;) {
		/* its key before its request overwrites it */
		key0 = e[i].key[0];
		key1 = e[i].key[1];
		ret = axas_vec_map_slow(c, raw, buf, i);
		if (ret)
			break;
		attrs = r[i].attrs;
		hpa_mask = ((struct axas_map_req *)buf)[i].backend ==
			   AXAS_BACKEND_LINEAR ? 0 : ~0ULL;
		p = &e[i + 1];
		q = &r[i + 1];
		for (; p != end; p++, q++) {
			u64 gpa = p->gpa, length = p->length, hpa = p->hpa;

			if (unlikely(p->key[0] != key0 || p->key[1] != key1 ||
				     (hpa & hpa_mask)))
				break;
			*q = (struct axas_map_req_words){
				.gpa = gpa, .size = length, .hpa = hpa,
				.attrs = attrs,
			};
		}
		if (p == end)
			break;
		i = p - e;
	}
	return ret;
}

/* Unmap entries into requests: nothing to check. */
static void axas_vec_parse_unmap(void *buf, const void *raw, unsigned int n)
{
	const struct axas_unmap_entry *e = raw;
	struct axas_range_req *r = buf;
	unsigned int i;

	for (i = 0; i < n; i++) {
		u64 gpa = e[i].gpa, length = e[i].length;

		r[i] = (struct axas_range_req){ .gpa = gpa, .size = length };
	}
}

/* Check protect entry @i the long way, in place. */
static noinline int axas_vec_protect_slow(struct axas_check_ctx *c,
					  const struct axas_protect_entry *e,
					  struct axas_range_req *r,
					  unsigned int i)
{
	struct axas_protect_entry p = e[i];

	return axas_protect_parse(c, &p, &r[i]);
}

/* Protect entries into requests, in place, as maps (no exception). */
static int axas_vec_parse_protect(struct axas_check_ctx *c, void *buf,
				  const void *raw, unsigned int n)
{
	const struct axas_protect_words *e = raw;
	struct axas_range_req_words *r = buf;
	u64 key0, key1, attrs;
	unsigned int i = 0;
	int ret;

	for (;;) {
		key0 = e[i].key[0];
		key1 = e[i].key[1];
		ret = axas_vec_protect_slow(c, raw, buf, i);
		if (ret)
			break;
		attrs = r[i].attrs;
		for (i++; i < n; i++) {
			u64 gpa = e[i].gpa, length = e[i].length;

			if (unlikely(e[i].key[0] != key0 || e[i].key[1] != key1))
				break;
			r[i] = (struct axas_range_req_words){
				.gpa = gpa, .size = length, .attrs = attrs,
			};
		}
		if (i == n)
			break;
	}
	return ret;
}

/* One entry of a layout longer than the kernel's, read and checked. */
static int axas_vec_parse_one(struct axas_check_ctx *c, enum axas_vec_op op,
			      const void __user *u, u32 len, void *req)
{
	union {
		struct axas_map_entry map;
		struct axas_unmap_entry unmap;
		struct axas_protect_entry protect;
	} e;
	int ret;

	ret = copy_struct_from_user(&e, axas_vec_entry_size[op], u, len);
	if (ret)
		return ret;
	switch (op) {
	case AXAS_VEC_MAP:
		return axas_map_parse(c, &e.map, req);
	case AXAS_VEC_UNMAP:
		axas_vec_parse_unmap(req, &e.unmap, 1);
		return 0;
	default:
		return axas_protect_parse(c, &e.protect, req);
	}
}

/*
 * Read and check every entry of a vector into requests in @buf (kernel
 * memory, see axas_vec_slot()): the whole vector is staged before the
 * space is touched.
 */
static int axas_vec_stage(struct axas_space *s, enum axas_vec_op op,
			  const struct axas_vec *cmd, void *buf)
{
	struct axas_check_ctx c = { .s = s };
	size_t ksize = axas_vec_entry_size[op], n = cmd->entry_num;
	const void __user *u = u64_to_user_ptr(cmd->entries);
	void *raw = buf + n * (axas_vec_slot(op) - ksize);
	unsigned int i;
	int ret;

	/*
	 * A longer layout: entry by entry, each read and then checked, so
	 * that the first bad entry decides the error whatever comes after.
	 */
	if (cmd->entry_len != ksize) {
		for (i = 0; i < n; i++) {
			ret = axas_vec_parse_one(&c, op, u + (size_t)i * cmd->entry_len,
						 cmd->entry_len,
						 buf + i * axas_vec_req_size[op]);
			if (ret)
				return ret;
		}
		return 0;
	}
	/*
	 * The layout the kernel knows (the common case): the whole vector in
	 * one copy, then a loop of its own per kind, which checks an entry
	 * only where it differs from the last one accepted: most of what a
	 * vector costs beyond its operations is this copy and this loop.
	 */
	if (copy_from_user(raw, u, n * ksize))
		return -EFAULT;
	switch (op) {
	case AXAS_VEC_MAP:
		return axas_vec_parse_map(&c, buf, raw, n);
	case AXAS_VEC_UNMAP:
		axas_vec_parse_unmap(buf, raw, n);
		return 0;
	default:
		return axas_vec_parse_protect(&c, buf, raw, n);
	}
}

static int axas_ioc_vec(struct axas_ucmd *ucmd, enum axas_vec_op op)
{
	struct axas_space *s = axas_ucmd_space(ucmd);
	struct axas_vec *cmd = ucmd->cmd;
	struct axas_inval_info fl = {};
	unsigned int n = cmd->entry_num, nr_done = 0;
	u64 partial = 0;
	void *req;
	int ret;

	cmd->entry_num = 0;
	cmd->partial = 0;
	memset(&cmd->inval, 0, sizeof(cmd->inval));
	if (cmd->flags)
		return -EOPNOTSUPP;
	if (n > AXAS_VEC_MAX || cmd->entry_len < axas_vec_entry_size[op])
		return -EINVAL;
	if (!n)
		return 0;
	if (axas_should_fail())
		return -ENOMEM;
	req = kvmalloc_array(n, axas_vec_slot(op),
			     GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL);
	if (!req)
		return -ENOMEM;
	cmd->entry_num = n;
	ret = axas_vec_stage(s, op, cmd, req);
	cmd->entry_num = 0;
	if (ret)
		goto out;
	switch (op) {
	case AXAS_VEC_MAP:
		ret = axas_map_vec(s->as, req, n, &fl);
		nr_done = ret ? 0 : n;
		break;
	case AXAS_VEC_UNMAP:
		ret = axas_unmap_vec(s->as, req, n, &fl, &nr_done, &partial);
		break;
	case AXAS_VEC_PROTECT:
		ret = axas_protect_vec(s->as, req, n, &fl, &nr_done, &partial);
		break;
	}
	cmd->entry_num = nr_done;
	cmd->partial = partial;
	axas_report(&cmd->inval, &fl);
out:
	kvfree(req);
	return ret;
}

static int axas_ioc_map_vec(struct axas_ucmd *ucmd)
{
	return axas_ioc_vec(ucmd, AXAS_VEC_MAP);
}

static int axas_ioc_unmap_vec(struct axas_ucmd *ucmd)
{
	return axas_ioc_vec(ucmd, AXAS_VEC_UNMAP);
}

static int axas_ioc_protect_vec(struct axas_ucmd *ucmd)
{
	return axas_ioc_vec(ucmd, AXAS_VEC_PROTECT);
}

/* ------------------------------------------------------------ translate */

/* Up to this many addresses are staged on the stack, more in one buffer. */
#define AXAS_XLATE_STACK	8

/*
 * struct axas_translation as two words, so that a result costs two
 * stores: the host address, then page_shift, flags, prot, mem and
 * __reserved, in this order in memory whatever the byte order.
 */
struct axas_translation_words {
	u64 hpa;
	u64 info;
};

static_assert(sizeof(struct axas_translation_words) ==
	      sizeof(struct axas_translation));
static_assert(offsetof(struct axas_translation, page_shift) == 8 &&
	      offsetof(struct axas_translation, flags) == 9 &&
	      offsetof(struct axas_translation, prot) == 10 &&
	      offsetof(struct axas_translation, mem) == 11 &&
	      offsetof(struct axas_translation, __reserved) == 12);

static __always_inline u64 axas_xlate_info(u8 page_shift, u8 flags, u8 prot,
					   u8 mem)
{
	/* the bytes in memory order: byte 0 the lowest of a little-endian word */
	return (__force u64)cpu_to_le64((u64)page_shift | (u64)flags << 8 |
					(u64)prot << 16 | (u64)mem << 24);
}

static int axas_ioc_translate(struct axas_ucmd *ucmd)
{
	struct axas_space *s = axas_ucmd_space(ucmd);
	struct axas_translate *cmd = ucmd->cmd;
	/*
	 * Not zeroed on entry (CONFIG_INIT_STACK_ALL_ZERO): the addresses
	 * are copied in before they are read, and every result is set before
	 * the results go out.
	 */
	struct axas_translation stack_out[AXAS_XLATE_STACK] __uninitialized;
	u64 stack_gpa[AXAS_XLATE_STACK] __uninitialized;
	struct axas_translation *out = stack_out;
	struct axas_translation_words *ow;
	unsigned int n = cmd->num, i, valid = 0;
	u64 *gpa = stack_gpa, hpa_mask = s->show_hpa ? ~0ULL : 0;
	struct axas *as = s->as;
	struct axas_xlate x;
	int ret = 0;

	cmd->num = 0;
	cmd->out_flags = hpa_mask ? 0 : AXAS_OUT_HPA_HIDDEN;
	if (cmd->flags)
		return -EOPNOTSUPP;
	if (n > AXAS_TRANSLATE_MAX)
		return -EINVAL;
	if (!n)
		return 0;
	/*
	 * Addresses in and results out in one user copy each: the results
	 * follow the addresses in one buffer (a user copy costs far more
	 * than the translation of an address).
	 */
	if (n > AXAS_XLATE_STACK) {
		gpa = axas_should_fail() ? NULL :
		      kvmalloc_array(n, sizeof(*gpa) + sizeof(*out),
				     GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL);
		if (!gpa)
			return -ENOMEM;
		out = (struct axas_translation *)(gpa + n);
	}
	if (copy_from_user(gpa, u64_to_user_ptr(cmd->gpas), n * sizeof(*gpa))) {
		ret = -EFAULT;
		goto out;
	}
	ow = (struct axas_translation_words *)out;
	for (i = 0; i < n; i++) {
		ret = axas_translate(as, axas_gpa(gpa[i]), &x);
		if (likely(!ret)) {
			ow[i] = (struct axas_translation_words){
				.hpa = x.hpa & hpa_mask,
				.info = axas_xlate_info(__ffs64(x.page_size),
							AXAS_XLATE_VALID,
							AXPT_ATTR_PROT(x.flags),
							AXPT_ATTR_MEM(x.flags)),
			};
			valid++;
			continue;
		}
		/* outside the space: fail before anything is written */
		if (ret == -ERANGE)
			goto out;
		ret = 0;
		ow[i] = (struct axas_translation_words){};
	}
	if (copy_to_user(u64_to_user_ptr(cmd->results), out, n * sizeof(*out))) {
		ret = -EFAULT;
		goto out;
	}
	cmd->num = valid;
out:
	if (gpa != stack_gpa)
		kvfree(gpa);
	return ret;
}

/* ---------------------------------------------------------------- fault */

static int axas_ioc_fault(struct axas_ucmd *ucmd)
{
	struct axas_space *s = axas_ucmd_space(ucmd);
	struct axas_fault *cmd = ucmd->cmd;
	struct axas_fault_info fi;
	int ret;

	if (cmd->flags)
		return -EOPNOTSUPP;
	if (cmd->__reserved)
		return -EINVAL;
	/* exactly one bit */
	if (!is_power_of_2(cmd->access) ||
	    cmd->access & ~(AXAS_PROT_READ | AXAS_PROT_WRITE | AXAS_PROT_EXEC))
		return -EINVAL;
	ret = axas_handle_fault(s->as, axas_gpa(cmd->gpa), cmd->access, &fi);
	if (ret)
		return ret;
	cmd->result = fi.result;
	cmd->hpa = s->show_hpa ? fi.hpa : 0;
	cmd->level = fi.level;
	cmd->out_flags = s->show_hpa ? 0 : AXAS_OUT_HPA_HIDDEN;
	if (fi.flags & AXAS_FAULT_F_FLUSH_LOCAL)
		cmd->out_flags |= AXAS_FAULT_F_FLUSH_LOCAL;
	cmd->area_start = fi.area_start;
	cmd->area_length = fi.area_size;
	cmd->area_backend = fi.area_backend;
	cmd->area_prot = AXPT_ATTR_PROT(fi.area_flags);
	cmd->area_mem = AXPT_ATTR_MEM(fi.area_flags);
	return 0;
}

/* ------------------------------------------------------------ read/write */

/* Bytes staged per round of a guest memory copy. */
#define AXAS_RW_CHUNK	(64 * 1024)

/*
 * Copy between guest memory and the user's buffer through a kernel bounce
 * buffer: the user copy happens with the space's lock dropped.
 */
static int axas_ioc_rw(struct axas_ucmd *ucmd, bool write)
{
	struct axas_space *s = axas_ucmd_space(ucmd);
	struct axas_rw *cmd = ucmd->cmd;
	u8 __user *ubuf = u64_to_user_ptr(cmd->buf);
	u64 len = cmd->length, gpa = cmd->gpa, end;
	size_t chunk;
	void *buf;
	int ret = 0;

	cmd->done = 0;
	if (cmd->flags)
		return -EOPNOTSUPP;
	if (len > AXAS_RW_MAX)
		return -EINVAL;
	if (check_add_overflow(gpa, len, &end))
		return -EOVERFLOW;
	if (!len)
		return 0;
	chunk = min_t(u64, len, AXAS_RW_CHUNK);
	if (axas_should_fail())
		return -ENOMEM;
	buf = kvmalloc(chunk, GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL);
	if (!buf)
		return -ENOMEM;
	while (len) {
		size_t n = min_t(u64, len, chunk), done = 0;
		struct kvec kv = { .iov_base = buf, .iov_len = n };
		struct iov_iter it;

		if (write) {
			if (copy_from_user(buf, ubuf, n)) {
				ret = -EFAULT;
				break;
			}
			iov_iter_kvec(&it, ITER_SOURCE, &kv, 1, n);
			ret = axas_write(s->as, axas_gpa(gpa), &it, &done);
		} else {
			iov_iter_kvec(&it, ITER_DEST, &kv, 1, n);
			ret = axas_read(s->as, axas_gpa(gpa), &it, &done);
			if (copy_to_user(ubuf, buf, done)) {
				ret = -EFAULT;
				break;
			}
		}
		cmd->done += done;
		if (ret)
			break;
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		ubuf += n;
		gpa += n;
		len -= n;
	}
	kvfree(buf);
	return ret;
}

static int axas_ioc_read(struct axas_ucmd *ucmd)
{
	return axas_ioc_rw(ucmd, false);
}

static int axas_ioc_write(struct axas_ucmd *ucmd)
{
	return axas_ioc_rw(ucmd, true);
}

/* ----------------------------------------------------------- root, stats */

static int axas_ioc_root(struct axas_ucmd *ucmd)
{
	struct axas_space *s = axas_ucmd_space(ucmd);
	struct axas_root *cmd = ucmd->cmd;
	struct axas_root_regs r;
	struct axpt *pt = &s->as->pt;
	unsigned int l;

	if (cmd->flags)
		return -EOPNOTSUPP;
	axas_root_regs(s->as, &r);
	cmd->format = r.format;
	cmd->out_flags = s->show_hpa ? 0 : AXAS_OUT_HPA_HIDDEN;
	cmd->value = s->show_hpa ? r.value : 0;
	cmd->vtcr = r.vtcr;
	cmd->levels = pt->levels;
	cmd->ias_bits = pt->ias;
	cmd->oas_bits = pt->oas;
	cmd->pgsizes = 0;
	for (l = 0; l <= AXPT_MAX_LEAF_LEVEL; l++)
		if (axpt_leaf_allowed(pt, l))
			cmd->pgsizes |= 1U << axpt_level_shift(l);
	cmd->base = s->as->base;
	cmd->length = s->as->size;
	return 0;
}

/**
 * axas_space_stats() - the counts AXAS_IOC_STATS reports for a space fd.
 * @s: the fd's state.
 * @cmd: filled but for @cmd->size, which is kept.
 *
 * The fd's own user-mapping consumer is not counted among the consumers.
 *
 * Context: process context; takes the space's lock for read.
 */
void axas_space_stats(struct axas_space *s, struct axas_stats *cmd)
{
	struct axas_space_stats st;
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(cmd->faults) < AXAS_FAULT_NR);
	BUILD_BUG_ON(ARRAY_SIZE(cmd->leaves) != ARRAY_SIZE(st.leaves));
	axas_get_stats(s->as, &st);
	*cmd = (struct axas_stats){ .size = cmd->size };
	cmd->data_pages = st.data_pages;
	cmd->table_pages = st.table_pages;
	for (i = 0; i < ARRAY_SIZE(st.leaves); i++)
		cmd->leaves[i] = st.leaves[i];
	cmd->areas = st.areas;
	cmd->consumers = st.consumers - (READ_ONCE(s->mmap_attached) ? 1 : 0);
	for (i = 0; i < AXAS_FAULT_NR; i++)
		cmd->faults[i] = st.faults[i];
	cmd->invalidations = st.invalidations;
	cmd->invalidations_all = st.invalidations_all;
	cmd->max_data_pages = s->max_data_pages;
	cmd->max_table_pages = s->max_table_pages;
}

static int axas_ioc_stats(struct axas_ucmd *ucmd)
{
	struct axas_stats *cmd = ucmd->cmd;

	if (cmd->flags)
		return -EOPNOTSUPP;
	axas_space_stats(axas_ucmd_space(ucmd), cmd);
	return 0;
}

/* ----------------------------------------------------------------- dump */

/*
 * The walk's callback: stage entries until the stage is full, then stop
 * the walk and say where to go on.
 */
static int axas_dump_one(void *arg, unsigned int level, u64 gpa, u64 pte,
			 bool leaf)
{
	struct axas_dump_walk *w = arg;
	const struct axpt *pt = w->pt;
	const struct axpt_format *fmt = pt->fmt;
	struct axas_dump_entry *e;

	/* The child table of a table entry, for the entries below it. */
	if (!leaf && level)
		w->table[level - 1] = fmt->decode_table(pte);
	/*
	 * Resuming at a cursor: what lies before it, and the entries at it
	 * above its level, were sent already (walk order). A first call
	 * sends everything the walk meets, the tables above the range too.
	 */
	if (w->resume && (gpa < w->from ||
			  (gpa == w->from && level > w->from_level)))
		return 0;
	if (w->n == w->max) {
		w->next = gpa;
		w->next_level = level;
		w->stopped = true;
		return 1;
	}
	e = &w->e[w->n++];
	e->gpa = gpa;
	e->level = level;
	e->flags = leaf ? AXAS_DUMP_LEAF : 0;
	if (w->show_hpa) {
		e->raw = pte;
		e->table = w->table[level];
		/* a root of several pages: the page holding the entry */
		if (level == pt->levels - 1)
			e->table += (gpa >> axpt_level_shift(level)) * sizeof(u64) &
				    ~(AXPT_PAGE_SIZE - 1);
	} else {
		e->raw = pte & ~w->oa_bits;
		e->table = 0;
	}
	return 0;
}

/**
 * axas_dump_init() - prepare a dump of a space's table.
 * @w: the dump's state.
 * @pt: the table.
 * @show_hpa: report host addresses (raw entries as they are, table
 *	addresses); otherwise output-address bits read as 0.
 *
 * Context: any.
 */
void axas_dump_init(struct axas_dump_walk *w, struct axpt *pt, bool show_hpa)
{
	w->pt = pt;
	w->show_hpa = show_hpa;
	w->oa_bits = pt->fmt->encode_table(GENMASK_ULL(pt->fmt->max_oas - 1,
							AXPT_PAGE_SHIFT)) &
		     ~pt->fmt->encode_table(0);
	w->n = 0;
}

/**
 * axas_dump_round() - stage the next present entries of a dump.
 * @w: the dump's state, from axas_dump_init().
 * @gpa: the cursor's address: the start of the range on the first round.
 * @level: the cursor's level: 0xffffffff on the first round.
 * @end: the end of the range, above *@gpa.
 * @max: stage at most this many entries (at least 1; at most
 *	%AXAS_DUMP_CHUNK are staged).
 *
 * The entries go to @w->e[0 .. @w->n), in walk order (a table entry
 * before what it points to); the cursor then says where the next round
 * starts, *@gpa == @end once the range is done. The AXAS_IOC_DUMP
 * cursor: no lock is held between rounds, and a round walks the table
 * locklessly (the engine's RCU walk, in pieces), so a dump never stalls a
 * fault or a map; a table that changes between rounds is reported as each
 * round sees it.
 *
 * Context: process context; the space must live (the caller holds its fd
 *	or a reference).
 *
 * Return: 0, or a negative errno of the walk (the cursor unchanged).
 */
int axas_dump_round(struct axas_dump_walk *w, u64 *gpa, u32 *level, u64 end,
		    unsigned int max)
{
	struct axpt *pt = w->pt;
	u64 start = *gpa & ~(AXPT_PAGE_SIZE - 1);
	int ret;

	w->from = *gpa;
	w->from_level = *level;
	w->resume = *level < AXPT_MAX_LEVELS;
	w->stopped = false;
	w->n = 0;
	w->max = min_t(unsigned int, max, AXAS_DUMP_CHUNK);
	w->table[pt->levels - 1] = pt->root_pa;
	/*
	 * The walk restarts from the root at the cursor, so tables above it
	 * are seen again (and skipped) and the table addresses are known.
	 */
	ret = axpt_walk(pt, start, end - start, axas_dump_one, w);
	if (ret < 0 && ret != -EINVAL)
		return ret;
	if (w->stopped) {
		*gpa = w->next;
		*level = w->next_level;
	} else {
		/* the walk ended: the range is done */
		*gpa = end;
		*level = 0;
	}
	return 0;
}

static int axas_ioc_dump(struct axas_ucmd *ucmd)
{
	struct axas_space *s = axas_ucmd_space(ucmd);
	struct axas_dump *cmd = ucmd->cmd;
	void __user *out = u64_to_user_ptr(cmd->entries);
	unsigned int want = cmd->num, sent = 0, i;
	struct axas_dump_walk *w;
	u64 space_end = s->as->base + s->as->size;
	int ret = 0;

	cmd->num = 0;
	cmd->out_flags = s->show_hpa ? 0 : AXAS_OUT_HPA_HIDDEN;
	if (cmd->flags)
		return -EOPNOTSUPP;
	if (cmd->entry_len < sizeof(struct axas_dump_entry) || !want ||
	    cmd->gpa > cmd->end)
		return -EINVAL;
	if (cmd->gpa < s->as->base || cmd->end > space_end)
		return -ERANGE;
	if (axas_should_fail())
		return -ENOMEM;
	w = kzalloc(sizeof(*w), GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL);
	if (!w)
		return -ENOMEM;
	axas_dump_init(w, &s->as->pt, s->show_hpa);
	while (sent < want && cmd->gpa < cmd->end) {
		u64 gpa = cmd->gpa;
		u32 level = cmd->level;

		ret = axas_dump_round(w, &gpa, &level, cmd->end, want - sent);
		if (ret)
			break;
		/* no lock is held: the copies may fault */
		for (i = 0; i < w->n; i++) {
			void __user *dst = out + (size_t)(sent + i) * cmd->entry_len;

			if (copy_to_user(dst, &w->e[i], sizeof(w->e[i])) ||
			    clear_user(dst + sizeof(w->e[i]),
				       cmd->entry_len - sizeof(w->e[i]))) {
				ret = -EFAULT;
				goto out;
			}
		}
		sent += w->n;
		cmd->num = sent;
		cmd->gpa = gpa;
		cmd->level = level;
	}
out:
	kfree(w);
	return ret;
}

/* ------------------------------------------------------- the fd itself */

#define AXAS_IOCTL_OP(_ioctl, _fn, _struct, _last)			\
	[_IOC_NR(_ioctl) - AXAS_CMD_MAP] = {				\
		.size = sizeof(_struct),				\
		.min_size = offsetofend(_struct, _last),		\
		.execute = _fn,						\
	}

static const struct axas_ioctl_op axas_space_ops[] = {
	AXAS_IOCTL_OP(AXAS_IOC_MAP, axas_ioc_map, struct axas_map, inval),
	AXAS_IOCTL_OP(AXAS_IOC_UNMAP, axas_ioc_unmap, struct axas_unmap, inval),
	AXAS_IOCTL_OP(AXAS_IOC_PROTECT, axas_ioc_protect, struct axas_protect,
		      inval),
	AXAS_IOCTL_OP(AXAS_IOC_MAP_VEC, axas_ioc_map_vec, struct axas_vec, inval),
	AXAS_IOCTL_OP(AXAS_IOC_UNMAP_VEC, axas_ioc_unmap_vec, struct axas_vec,
		      inval),
	AXAS_IOCTL_OP(AXAS_IOC_PROTECT_VEC, axas_ioc_protect_vec,
		      struct axas_vec, inval),
	AXAS_IOCTL_OP(AXAS_IOC_TRANSLATE, axas_ioc_translate,
		      struct axas_translate, results),
	AXAS_IOCTL_OP(AXAS_IOC_FAULT, axas_ioc_fault, struct axas_fault,
		      __reserved),
	AXAS_IOCTL_OP(AXAS_IOC_READ, axas_ioc_read, struct axas_rw, done),
	AXAS_IOCTL_OP(AXAS_IOC_WRITE, axas_ioc_write, struct axas_rw, done),
	AXAS_IOCTL_OP(AXAS_IOC_ROOT, axas_ioc_root, struct axas_root, length),
	AXAS_IOCTL_OP(AXAS_IOC_STATS, axas_ioc_stats, struct axas_stats,
		      max_table_pages),
	AXAS_IOCTL_OP(AXAS_IOC_DUMP, axas_ioc_dump, struct axas_dump, entries),
};

/* The largest argument of any space ioctl. */
union axas_space_buf {
	struct axas_map map;
	struct axas_unmap unmap;
	struct axas_protect protect;
	struct axas_vec vec;
	struct axas_translate translate;
	struct axas_fault fault;
	struct axas_rw rw;
	struct axas_root root;
	struct axas_stats stats;
	struct axas_dump dump;
};

static long axas_space_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	/*
	 * Not zeroed on entry (CONFIG_INIT_STACK_ALL_ZERO would clear all
	 * of it on every call, the largest struct for the smallest one):
	 * axas_ioctl_dispatch() fills the command's struct from the user's,
	 * zero-extended, before anything reads it, and writes back only
	 * that struct.
	 */
	union axas_space_buf buf __uninitialized;

	return axas_ioctl_dispatch(file, cmd, arg, axas_space_ops,
				   ARRAY_SIZE(axas_space_ops), AXAS_CMD_MAP,
				   &buf, sizeof(buf));
}

/*
 * The last close: the space is shut down (consumers released, everything
 * unmapped, user mappings zapped on the way) and this fd's reference
 * dropped. Consumers keep the memory of the space alive, never its
 * mappings.
 */
static int axas_space_release(struct inode *inode, struct file *file)
{
	struct axas_space *s = file->private_data;

	/* first: waits for the debugfs readers, which use @s */
	axas_debugfs_space_remove(s);
	axas_shutdown(s->as);
	axas_space_mmap_release(s);
	axas_put(s->as);
	kfree(s);
	return 0;
}

static const struct file_operations axas_space_fops = {
	.owner = THIS_MODULE,
	.release = axas_space_release,
	.unlocked_ioctl = axas_space_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = axas_space_mmap,
	.llseek = noop_llseek,
};

/**
 * axas_get_by_fd() - take a reference to the space behind an
 *	address-space fd (for a consumer that a VMM hands its fd to).
 * @fd: a file descriptor of the calling process.
 *
 * Context: process context.
 *
 * Return: the space, with a reference the caller drops with axas_put(),
 * or ERR_PTR(-EBADF) (not an open fd) or ERR_PTR(-EINVAL) (not an
 * address-space fd).
 */
struct axas *axas_get_by_fd(int fd)
{
	CLASS(fd, f)(fd);
	struct axas_space *s;

	if (fd_empty(f))
		return ERR_PTR(-EBADF);
	if (fd_file(f)->f_op != &axas_space_fops)
		return ERR_PTR(-EINVAL);
	s = fd_file(f)->private_data;
	return axas_get(s->as);
}
EXPORT_SYMBOL_GPL(axas_get_by_fd);

/* AXAS_IOC_CREATE's fields, into an engine configuration. */
static int axas_create_cfg(const struct axas_create *cmd, struct axpt_cfg *cfg)
{
	const struct axpt_format *fmt;

	if (cmd->flags & ~AXAS_CREATE_FLAGS)
		return -EOPNOTSUPP;
	if (cmd->__reserved)
		return -EINVAL;
	fmt = axpt_format_get(cmd->format);
	if (!fmt)
		return -EOPNOTSUPP;
	if (cmd->cfg_flags & ~fmt->cfg_flags)
		return -EOPNOTSUPP;
	if (cmd->levels > U8_MAX || cmd->ias_bits > U8_MAX ||
	    cmd->oas_bits > U8_MAX)
		return -EINVAL;
	if (cmd->pgsizes & ~(AXAS_PGSIZE_4K | AXAS_PGSIZE_2M | AXAS_PGSIZE_1G))
		return -EOPNOTSUPP;
	cfg->format = cmd->format;
	cfg->flags = cmd->cfg_flags;
	cfg->levels = cmd->levels;
	cfg->ias = cmd->ias_bits;
	cfg->oas = cmd->oas_bits;
	cfg->pgsizes = cmd->pgsizes;
	return 0;
}

/**
 * axas_space_file() - a new space and its file, without an fd.
 * @dev: the /dev/axaddrspace file: its opener's credentials decide what
 *	the space's file may see and do.
 * @cmd: the creation arguments.
 *
 * Context: process context; may sleep.
 *
 * Return: the file (its release destroys the space) or an ERR_PTR() of
 * -EOPNOTSUPP (an unknown flag, format, configuration flag or page size),
 * -EINVAL (bad geometry or alignment), -EOVERFLOW, -ERANGE (the range does
 * not fit the input size) or -ENOMEM.
 */
struct file *axas_space_file(struct file *dev, const struct axas_create *cmd)
{
	struct axas_space *s;
	struct axpt_cfg cfg;
	struct file *file;
	struct axas *as;
	int ret;

	ret = axas_create_cfg(cmd, &cfg);
	if (ret)
		return ERR_PTR(ret);
	if (axas_should_fail())
		return ERR_PTR(-ENOMEM);
	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->show_hpa = file_ns_capable(dev, &init_user_ns, CAP_SYS_ADMIN);
	s->may_linear = file_ns_capable(dev, &init_user_ns, CAP_SYS_RAWIO);
	s->max_data_pages = cmd->max_data_pages;
	s->max_table_pages = cmd->max_table_pages;
	axas_space_mmap_init(s);
	/* The HALs' context is @s. */
	as = axas_new(&cfg, axas_gpa(cmd->base), cmd->length,
		      &axas_space_mm_ops, s, &axas_space_frame_ops, s);
	if (IS_ERR(as)) {
		kfree(s);
		return ERR_CAST(as);
	}
	s->as = as;
	file = anon_inode_create_getfile("[axaddrspace]", &axas_space_fops, s,
					 O_RDWR, NULL);
	if (IS_ERR(file)) {
		axas_shutdown(as);
		axas_put(as);
		kfree(s);
		return file;
	}
	s->mapping = file->f_mapping;
	return file;
}

/**
 * axas_space_create() - AXAS_IOC_CREATE: a new space and its fd.
 * @ucmd: the call on /dev/axaddrspace; @ucmd->cmd is the struct
 *	axas_create, size-checked already.
 *
 * The argument, with the new fd, is copied back before the fd is
 * installed, so a bad pointer leaves no fd behind; the fd is O_CLOEXEC and
 * keeps the module loaded while it lives. Its debugfs directory
 * (<pid>-<fd>) is created just before it is installed.
 *
 * Context: process context; may sleep.
 *
 * Return: 0, the errors of axas_space_file(), -EMFILE or -EFAULT.
 */
int axas_space_create(struct axas_ucmd *ucmd)
{
	struct axas_create *cmd = ucmd->cmd;
	struct file *file;
	int fd;

	cmd->fd = -1;
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = axas_space_file(ucmd->file, cmd);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	cmd->fd = fd;
	ucmd->responded = true;
	if (copy_to_user(ucmd->ubuffer, cmd,
			 min_t(size_t, ucmd->user_size, sizeof(*cmd)))) {
		/* The file's release frees the space. */
		put_unused_fd(fd);
		fput(file);
		return -EFAULT;
	}
	/* before the fd exists: no other thread can close it meanwhile */
	axas_debugfs_space_add(file->private_data, fd);
	fd_install(fd, file);
	return 0;
}
