/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What bench.c and as_bench.c share: the formats they measure, the clock,
 * samples with their min and median, and the output lines that
 * bench-table.py reads.
 */
#ifndef HARNESS_BENCH_UTIL_H
#define HARNESS_BENCH_UTIL_H

#include <linux/compiler.h>
#include "axaddrspace/pt.h"

#define KIB		BIT_ULL(10)
#define MIB		BIT_ULL(20)
#define GIB		BIT_ULL(30)
#define TIB		BIT_ULL(40)
#define MAX_REPS	64

/* The benchmark window: inside every format's input range. */
#define GPA0		(4 * GIB)
#define HPA0		(12 * GIB)
#define RW_WB		AXPT_ATTR(AXAS_PROT_READ | AXAS_PROT_WRITE, AXAS_MEM_WB)
#define R_WB		AXPT_ATTR(AXAS_PROT_READ, AXAS_MEM_WB)

struct bcfg {
	const char *name;
	struct axpt_cfg cfg;
};

extern const struct bcfg bcfgs[];
extern const unsigned int nr_bcfgs;

/* One figure: up to MAX_REPS samples, one per repetition. */
struct samples {
	unsigned int n;
	double v[MAX_REPS];
};

extern u64 bench_sink;	/* results go here, so they are not optimised away */
extern double clock_cost;	/* ns now_ns() itself adds to an interval */
extern bool bench_csv;		/* -c: figures as CSV rows (see line()) */

u64 now_ns(void);
u64 cpu_ns(void);
void clock_calibrate(void);
void die(const char *what, long ret);
void check(const char *what, int ret);
u64 rng(void);
void sample_add(struct samples *s, double v);
double s_min(struct samples *s);
double s_med(struct samples *s);
void header(const char *title, unsigned int reps);
void line(const char *fmt, const char *what, double min, double med,
	  const char *unit);
void report(const char *fmt, const char *what, const char *unit,
	    struct samples *s);
void point(const char *fmt, const char *series, double x, const char *xname,
	   double min, double med, const char *unit);
void report_point(const char *fmt, const char *series, double x,
		  const char *xname, const char *unit, struct samples *s);
__printf(1, 2) void note(const char *f, ...);
const char *size_name(u64 bytes);

#endif
