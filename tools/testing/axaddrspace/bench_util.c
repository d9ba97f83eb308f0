// SPDX-License-Identifier: GPL-2.0
/* Shared by the benchmarks: see bench_util.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <linux/array_size.h>
#include "bench_util.h"

const struct bcfg bcfgs[] = {
	{ "ept-4", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 } },
	{ "ept-5", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 } },
	{ "npt-4", { .format = AXAS_FORMAT_AMD_NPT, .levels = 4 } },
	{ "s2-48-l4", { .format = AXAS_FORMAT_ARM_S2, .ias = 48, .levels = 4 } },
	{ "s2-40-l3", { .format = AXAS_FORMAT_ARM_S2, .ias = 40, .levels = 3 } },
	{ "sv48x4", { .format = AXAS_FORMAT_RISCV_G, .flags = AXPT_CFG_SVPBMT, .levels = 4 } },
};

const unsigned int nr_bcfgs = ARRAY_SIZE(bcfgs);

u64 bench_sink;
double clock_cost;
bool bench_csv;

u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * CPU time of the calling thread: for runs too long to repeat on a shared
 * machine, where wall time includes the time other processes ran.
 */
u64 cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* clock_cost: the least two back-to-back readings differ by. */
void clock_calibrate(void)
{
	u64 best = ~0ULL;
	unsigned int k;

	for (k = 0; k < 100000; k++) {
		u64 t0 = now_ns(), t1 = now_ns();

		if (t1 - t0 < best)
			best = t1 - t0;
	}
	clock_cost = (double)best;
}

void die(const char *what, long ret)
{
	fprintf(stderr, "%s: %s failed: %ld\n", program_invocation_short_name,
		what, ret);
	exit(2);
}

void check(const char *what, int ret)
{
	if (ret)
		die(what, ret);
}

u64 rng(void)
{
	static u64 state = 0x9e3779b97f4a7c15ULL;

	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

void sample_add(struct samples *s, double v)
{
	if (s->n < MAX_REPS)
		s->v[s->n++] = v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double s_min(struct samples *s)
{
	qsort(s->v, s->n, sizeof(s->v[0]), cmp_double);
	return s->v[0];
}

double s_med(struct samples *s)
{
	qsort(s->v, s->n, sizeof(s->v[0]), cmp_double);
	return s->n & 1 ? s->v[s->n / 2] :
	       (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2;
}

/*
 * Output. A figure is one line: format, benchmark, min, median, unit (the
 * lines bench-table.py reads). With -c (bench_csv) every figure is a CSV
 * row "format,benchmark,x,min,median,unit" instead, x empty except for
 * the points of a series (point()), and everything else is a comment
 * line starting with '#'.
 */
void header(const char *title, unsigned int reps)
{
	static bool csv_head;

	if (bench_csv) {
		if (!csv_head)
			printf("format,benchmark,x,min,median,unit\n");
		csv_head = true;
		printf("# %s (%u repetitions)\n", title, reps);
		return;
	}
	printf("\n== %s (%u repetitions)\n", title, reps);
	printf("%-9s %-40s %11s %11s  %s\n", "format", "benchmark", "min",
	       "median", "unit");
}

/* Free-form text: a comment line in CSV mode. */
void note(const char *f, ...)
{
	va_list ap;

	if (bench_csv)
		fputs("# ", stdout);
	va_start(ap, f);
	vprintf(f, ap);
	va_end(ap);
}

static void csv_row(const char *fmt, const char *what, const char *x,
		    double min, double med, const char *unit)
{
	const char *w = what;

	while (*w == ' ')
		w++;
	printf("%s,\"%s\",%s,%.6g,%.6g,%s\n", fmt, w, x, min, med, unit);
	fflush(stdout);
}

void line(const char *fmt, const char *what, double min, double med,
	  const char *unit)
{
	if (bench_csv) {
		csv_row(fmt, what, "", min, med, unit);
		return;
	}
	printf("%-9s %-40s %11.2f %11.2f  %s\n", fmt, what, min, med, unit);
	fflush(stdout);
}

void report(const char *fmt, const char *what, const char *unit,
	    struct samples *s)
{
	if (s->n)
		line(fmt, what, s_min(s), s_med(s), unit);
}

/*
 * One point @x of a series (a curve of the plots): in CSV mode x is its
 * own column, otherwise the benchmark is "@series, @xname".
 */
void point(const char *fmt, const char *series, double x, const char *xname,
	   double min, double med, const char *unit)
{
	char what[96], xs[32];

	if (bench_csv) {
		snprintf(xs, sizeof(xs), "%.17g", x);
		csv_row(fmt, series, xs, min, med, unit);
		return;
	}
	snprintf(what, sizeof(what), "%s, %s", series, xname);
	line(fmt, what, min, med, unit);
}

void report_point(const char *fmt, const char *series, double x,
		  const char *xname, const char *unit, struct samples *s)
{
	if (s->n)
		point(fmt, series, x, xname, s_min(s), s_med(s), unit);
}

/* "4K", "2M", "64G", "128T" (a static buffer; one call per use). */
const char *size_name(u64 bytes)
{
	static const char sfx[] = "KMGTPE";
	static char buf[32];
	unsigned int i = 0;

	bytes >>= 10;
	while (bytes >= 1024 && !(bytes & 1023) && i < sizeof(sfx) - 2) {
		bytes >>= 10;
		i++;
	}
	snprintf(buf, sizeof(buf), "%llu%c", (unsigned long long)bytes, sfx[i]);
	return buf;
}
