// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace smoke test of the engine: the randomised model runs of the
 * KUnit suite (axaddrspace/tests/pt_model.h) for every format and
 * configuration, under AddressSanitizer/UBSan.
 *
 * usage: pt_test [ops-per-config] [seed]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/array_size.h>
#include "arena.h"

static int failures;

static void ptm_report(void *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "FAIL [%s]: ", (const char *)t);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failures++;
}

#define PTM_FAIL(m, ...)					\
	do {							\
		struct ptm *__m = (m);				\
		__m->failed++;					\
		ptm_report(__m->t, __VA_ARGS__);		\
	} while (0)
#define ptm_zalloc(n)	calloc(1, n)
#define ptm_free(p)	free(p)
#include "axaddrspace/tests/pt_model.h"

int main(int argc, char **argv)
{
	unsigned int nops = argc > 1 ? strtoul(argv[1], NULL, 0) : 10000;
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;
	struct arena a;
	unsigned int i;

	if (arena_init(&a, 1UL << 32, 0))
		return 2;
	for (i = 0; i < ARRAY_SIZE(ptm_configs); i++) {
		struct ptm m;
		int ret = ptm_init(&m, &ptm_configs[i].cfg, &arena_mm_ops, &a, 4096,
				   seed + i, (void *)ptm_configs[i].name);

		if (ret) {
			fprintf(stderr, "FAIL [%s]: init %d\n", ptm_configs[i].name, ret);
			failures++;
			continue;
		}
		ptm_run(&m, nops);
		printf("%-10s %u ops, %lu probes, %s\n", ptm_configs[i].name, nops,
		       m.probes, m.failed ? "FAILED" : "ok");
		ptm_fini(&m);
	}
	if (a.live)
		ptm_report("arena", "%ld pages live at exit", a.live), failures++;
	arena_fini(&a);
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
