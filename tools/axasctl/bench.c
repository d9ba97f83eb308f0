// SPDX-License-Identifier: GPL-2.0
/*
 * axasctl: bench, timing the ioctls on a free range of the current space.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "axasctl.h"

struct bench_result {
	const char *name;
	u64 ops;
	u64 ns;
	u64 bytes;
};

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int b_map(struct axctl *c, u64 gpa, u64 size, bool populate)
{
	struct axas_map m = {
		.size = sizeof(m), .backend = AXAS_BACKEND_ALLOC,
		.prot = AXAS_PROT_READ | AXAS_PROT_WRITE, .mem = AXAS_MEM_WB,
		.gpa = gpa, .length = size,
		.flags = populate ? AXAS_MAP_POPULATE : 0,
	};
	int ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_MAP, &m);

	if (ret)
		return axctl_err(c, -ret, "map of " RANGE_FMT " failed: %s",
				 gpa, gpa + size,
				 "the range must be free (bench at GPA size SIZE)");
	return 0;
}

static int b_unmap(struct axctl *c, u64 gpa, u64 size)
{
	struct axas_unmap u = { .size = sizeof(u), .gpa = gpa, .length = size };
	int ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_UNMAP, &u);

	if (ret)
		return axctl_err(c, -ret, "unmap of " RANGE_FMT " failed",
				 gpa, gpa + size);
	return 0;
}

static int bench_map(struct axctl *c, u64 gpa, u64 size, u32 rounds,
		     struct bench_result *r)
{
	u64 t;
	u32 i;

	r[0] = (struct bench_result){ .name = "map-populate" };
	r[1] = (struct bench_result){ .name = "unmap" };
	for (i = 0; i < rounds; i++) {
		t = now_ns();
		if (b_map(c, gpa, size, true))
			return -1;
		r[0].ns += now_ns() - t;
		t = now_ns();
		if (b_unmap(c, gpa, size))
			return -1;
		r[1].ns += now_ns() - t;
		r[0].ops++;
		r[1].ops++;
		r[0].bytes += size;
		r[1].bytes += size;
	}
	return 2;
}

static int bench_fault(struct axctl *c, u64 gpa, u64 size, u32 rounds,
		       struct bench_result *r)
{
	u64 off, t;
	u32 i;
	int ret;

	r[0] = (struct bench_result){ .name = "fault-write" };
	for (i = 0; i < rounds; i++) {
		if (b_map(c, gpa, size, false))
			return -1;
		t = now_ns();
		for (off = 0; off < size; off += 4096) {
			struct axas_fault f = {
				.size = sizeof(f), .access = AXAS_PROT_WRITE,
				.gpa = gpa + off,
			};

			ret = axctl_ioctl(c, c->as_fd, AXAS_IOC_FAULT, &f);
			if (ret || (f.result != AXAS_FAULT_MAPPED &&
				    f.result != AXAS_FAULT_SPURIOUS)) {
				b_unmap(c, gpa, size);
				return axctl_err(c, ret ? -ret : EIO, "fault at 0x%llx: %s",
						 gpa + off, ret ? "failed" :
						 fault_result_name(f.result));
			}
			r[0].ops++;
		}
		r[0].ns += now_ns() - t;
		r[0].bytes += size;
		if (b_unmap(c, gpa, size))
			return -1;
	}
	return 1;
}

static int bench_translate(struct axctl *c, u64 gpa, u64 size, u32 rounds,
			   struct bench_result *r)
{
	u64 n = size / 4096, j, t;
	struct axas_translation *res;
	u64 *gpas;
	int ret = 1;
	u32 i;

	r[0] = (struct bench_result){ .name = "translate" };
	gpas = calloc(n, sizeof(*gpas));
	res = calloc(n < AXAS_TRANSLATE_MAX ? n : AXAS_TRANSLATE_MAX,
		     sizeof(*res));
	if (!gpas || !res) {
		free(gpas);
		free(res);
		return axctl_err(c, ENOMEM, "no memory for %llu addresses", n);
	}
	for (j = 0; j < n; j++)
		gpas[j] = gpa + j * 4096;
	if (b_map(c, gpa, size, true)) {
		ret = -1;
		goto out;
	}
	for (i = 0; i < rounds && ret > 0; i++) {
		t = now_ns();
		for (j = 0; j < n; j += AXAS_TRANSLATE_MAX) {
			struct axas_translate tr = { .size = sizeof(tr) };
			int e;

			tr.num = n - j < AXAS_TRANSLATE_MAX ? n - j : AXAS_TRANSLATE_MAX;
			tr.gpas = (uintptr_t)(gpas + j);
			tr.results = (uintptr_t)res;
			e = axctl_ioctl(c, c->as_fd, AXAS_IOC_TRANSLATE, &tr);
			if (e || tr.num != (n - j < AXAS_TRANSLATE_MAX ? n - j :
					    AXAS_TRANSLATE_MAX)) {
				ret = axctl_err(c, e ? -e : EIO, "translate: %s",
						e ? "failed" :
						"a populated area is not mapped");
				break;
			}
		}
		r[0].ns += now_ns() - t;
		r[0].ops += n;
		r[0].bytes += size;
	}
	if (b_unmap(c, gpa, size))
		ret = -1;
out:
	free(gpas);
	free(res);
	return ret;
}

static int bench_rw(struct axctl *c, u64 gpa, u64 size, u32 rounds,
		    struct bench_result *r)
{
	unsigned char *buf, *back;
	int ret = 2, e;
	u64 t;
	u32 i;

	r[0] = (struct bench_result){ .name = "write" };
	r[1] = (struct bench_result){ .name = "read" };
	buf = malloc(size);
	back = malloc(size);
	if (!buf || !back) {
		free(buf);
		free(back);
		return axctl_err(c, ENOMEM, "no memory for 2 x 0x%llx bytes", size);
	}
	memset(buf, 0x5a, size);
	if (b_map(c, gpa, size, true)) {
		ret = -1;
		goto out;
	}
	for (i = 0; i < rounds; i++) {
		struct axas_rw rw = {
			.size = sizeof(rw), .gpa = gpa, .length = size,
			.buf = (uintptr_t)buf,
		};

		buf[0] = i;
		t = now_ns();
		e = axctl_ioctl(c, c->as_fd, AXAS_IOC_WRITE, &rw);
		r[0].ns += now_ns() - t;
		if (!e) {
			rw.buf = (uintptr_t)back;
			rw.done = 0;
			t = now_ns();
			e = axctl_ioctl(c, c->as_fd, AXAS_IOC_READ, &rw);
			r[1].ns += now_ns() - t;
		}
		if (e) {
			ret = axctl_err(c, -e, "guest memory copy failed");
			break;
		}
		if (memcmp(buf, back, size)) {
			ret = axctl_err(c, EIO, "read back differs from what was written");
			break;
		}
		r[0].ops++;
		r[1].ops++;
		r[0].bytes += size;
		r[1].bytes += size;
	}
	if (b_unmap(c, gpa, size))
		ret = -1;
out:
	free(buf);
	free(back);
	return ret;
}

typedef int (*bench_fn)(struct axctl *c, u64 gpa, u64 size, u32 rounds,
			struct bench_result *r);

static const bench_fn fns[] = {
	bench_map, bench_fault, bench_translate, bench_rw,
};

int cmd_bench(struct axctl *c, int argc, char **argv)
{
	static const char *const tests[] = {
		"map", "fault", "translate", "rw", "all", NULL,
	};
	static const char *const words[] = { "at", "size", "rounds", NULL };
	struct bench_result res[8];
	int which = 4, i, k, n = 0, got;
	u64 at = 0, size = 64ULL << 20, v;
	bool have_at = false, have_size = false;
	u32 rounds = 3, t;

	for (i = 1; i < argc; i++) {
		k = match_word(argv[i], tests);
		if (k >= 0) {
			which = k;
			continue;
		}
		k = match_word(argv[i], words);
		if (k < 0)
			return axctl_arg_err(c, argv[i], "%s bench argument%s",
					     k == -2 ? "ambiguous" : "unknown",
					     " (map, fault, translate, rw, all, at, size, rounds)");
		if (i + 1 >= argc)
			return axctl_arg_err(c, argv[i], "needs a value");
		if (parse_u64(argv[++i], &v))
			return axctl_arg_err(c, argv[i], "%s: not a number", words[k]);
		if (k == 0) {
			at = v;
			have_at = true;
		} else if (k == 1) {
			if (!v || (v & 0xfff) || v > AXAS_RW_MAX)
				return axctl_arg_err(c, argv[i],
						     "size: a non-zero multiple of 4K, at most 1G");
			size = v;
			have_size = true;
		} else {
			if (!v || v > 1000000)
				return axctl_arg_err(c, argv[i], "rounds: 1 to 1000000");
			rounds = v;
		}
	}
	if (axctl_space(c))
		return -1;
	if (!have_at)
		at = c->root.base;
	/* The default size, in a smaller space: all of it from GPA. */
	if (!have_size && at >= c->root.base &&
	    at < c->root.base + c->root.length &&
	    c->root.base + c->root.length - at < size)
		size = (c->root.base + c->root.length - at) & ~0xfffULL;
	for (t = 0; t < ARRAY_SIZE(fns); t++) {
		if (which != 4 && which != (int)t)
			continue;
		got = fns[t](c, at, size, rounds, res + n);
		if (got < 0)
			return -1;
		n += got;
	}
	if (c->json) {
		struct jw *w = &c->jw;

		jw_obj_open(w);
		jw_kv_uint(w, "at", at);
		jw_kv_uint(w, "size", size);
		jw_kv_uint(w, "rounds", rounds);
		jw_key(w, "results");
		jw_arr_open(w);
		for (i = 0; i < n; i++) {
			jw_obj_open(w);
			jw_kv_str(w, "name", res[i].name);
			jw_kv_uint(w, "ops", res[i].ops);
			jw_kv_uint(w, "ns", res[i].ns);
			jw_kv_uint(w, "ns_per_op", res[i].ops ? res[i].ns / res[i].ops : 0);
			jw_kv_uint(w, "mib_per_s", res[i].ns ?
				   (u64)((double)res[i].bytes / (1 << 20) * 1e9 / res[i].ns) : 0);
			jw_obj_close(w);
		}
		jw_arr_close(w);
		jw_obj_close(w);
		jw_end(w);
	} else {
		char sz[16];

		fprintf(c->out, "bench on " RANGE_FMT " %s, %u round%s\n",
			at, at + size, fmt_size(sz, sizeof(sz), size), rounds,
			rounds == 1 ? "" : "s");
		fprintf(c->out, "%-14s %12s %14s %12s %10s\n", "operation", "ops",
			"total ns", "ns/op", "MiB/s");
		for (i = 0; i < n; i++) {
			double mib = (double)res[i].bytes / (1 << 20);

			fprintf(c->out, "%-14s %12llu %14llu %12llu %10.1f\n",
				res[i].name, res[i].ops, res[i].ns,
				res[i].ops ? res[i].ns / res[i].ops : 0,
				res[i].ns ? mib * 1e9 / res[i].ns : 0.0);
		}
	}
	return 0;
}
