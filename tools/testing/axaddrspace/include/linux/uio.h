/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the iov_iter subset guest memory access uses:
 * an iterator over an array of kvecs (kernel buffers) or over one user
 * buffer (ITER_UBUF; in the harness a plain pointer, so it never faults).
 * As in Linux, copying against the iterator's direction copies nothing
 * and warns, and a copy never goes past iov_iter_count().
 */
#ifndef _HARNESS_LINUX_UIO_H
#define _HARNESS_LINUX_UIO_H
#include <string.h>
#include <linux/bug.h>
#include <linux/types.h>

#ifndef __user
#define __user
#endif

struct kvec {
	void *iov_base;
	size_t iov_len;
};

enum iter_type { ITER_UBUF, ITER_KVEC };

#define ITER_DEST	0	/* READ: data goes into the iterator */
#define ITER_SOURCE	1	/* WRITE: data comes from the iterator */

struct iov_iter {
	u8 iter_type;
	bool data_source;
	size_t iov_offset;	/* into the current segment */
	size_t count;		/* bytes left */
	union {
		const struct kvec *kvec;
		void __user *ubuf;
	};
	unsigned long nr_segs;
};

static inline void iov_iter_kvec(struct iov_iter *i, unsigned int direction,
				 const struct kvec *kvec, unsigned long nr_segs,
				 size_t count)
{
	*i = (struct iov_iter){
		.iter_type = ITER_KVEC,
		.data_source = direction,
		.kvec = kvec,
		.nr_segs = nr_segs,
		.count = count,
	};
}

static inline void iov_iter_ubuf(struct iov_iter *i, unsigned int direction,
				 void __user *buf, size_t count)
{
	*i = (struct iov_iter){
		.iter_type = ITER_UBUF,
		.data_source = direction,
		.ubuf = buf,
		.nr_segs = 1,
		.count = count,
	};
}

static inline int import_ubuf(int rw, void __user *buf, size_t len,
			      struct iov_iter *i)
{
	iov_iter_ubuf(i, rw, buf, len);
	return 0;
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

static inline bool iter_is_ubuf(const struct iov_iter *i)
{
	return i->iter_type == ITER_UBUF;
}

static inline bool iov_iter_is_kvec(const struct iov_iter *i)
{
	return i->iter_type == ITER_KVEC;
}

/*
 * The heart of it: walk @bytes (at most the count) of the iterator,
 * calling @step(iterator memory, offset into the caller's buffer, length)
 * on each piece (none: only advance), and advance.
 */
static inline size_t harness_iterate(struct iov_iter *i, size_t bytes,
				     void *priv,
				     void (*step)(void *it_mem, size_t off,
						  size_t len, void *priv))
{
	size_t done = 0;

	if (bytes > i->count)
		bytes = i->count;
	if (i->iter_type == ITER_UBUF) {
		if (bytes && step)
			step((char *)i->ubuf + i->iov_offset, 0, bytes, priv);
		i->iov_offset += bytes;
		i->count -= bytes;
		return bytes;
	}
	while (done < bytes) {
		const struct kvec *v = i->kvec;
		size_t n;

		/* a count beyond the segments: the caller's bug */
		if (WARN_ON(!i->nr_segs)) {
			bytes = done;
			break;
		}
		n = v->iov_len - i->iov_offset;

		if (n > bytes - done)
			n = bytes - done;
		if (n && step)
			step((char *)v->iov_base + i->iov_offset, done, n, priv);
		done += n;
		i->iov_offset += n;
		if (i->iov_offset == v->iov_len) {
			/* on to the next segment */
			i->kvec++;
			i->nr_segs--;
			i->iov_offset = 0;
		}
	}
	i->count -= bytes;
	return bytes;
}

static inline void harness_iter_to(void *it_mem, size_t off, size_t len,
				   void *priv)
{
	memcpy(it_mem, (const char *)priv + off, len);
}

static inline void harness_iter_from(void *it_mem, size_t off, size_t len,
				     void *priv)
{
	memcpy((char *)priv + off, it_mem, len);
}

static inline void harness_iter_zero(void *it_mem, size_t off, size_t len,
				     void *priv)
{
	memset(it_mem, 0, len);
}

static inline size_t copy_to_iter(const void *addr, size_t bytes,
				  struct iov_iter *i)
{
	if (WARN_ON_ONCE(i->data_source))
		return 0;
	return harness_iterate(i, bytes, (void *)addr, harness_iter_to);
}

static inline size_t copy_from_iter(void *addr, size_t bytes,
				    struct iov_iter *i)
{
	if (WARN_ON_ONCE(!i->data_source))
		return 0;
	return harness_iterate(i, bytes, addr, harness_iter_from);
}

static inline size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(i->data_source))
		return 0;
	return harness_iterate(i, bytes, NULL, harness_iter_zero);
}

static inline void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	harness_iterate(i, bytes, NULL, NULL);
}
#endif
