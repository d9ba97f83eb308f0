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

struct cfg {
	const char *name;
	struct axpt_cfg cfg;
};

static const struct cfg cfgs[] = {
	{ "ept-4", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 4 } },
	{ "ept-5", { .format = AXAS_FORMAT_INTEL_EPT, .levels = 5 } },
	{ "npt-4", { .format = AXAS_FORMAT_AMD_NPT, .levels = 4 } },
	{ "npt-5", { .format = AXAS_FORMAT_AMD_NPT, .levels = 5 } },
	{ "s2-32-l2", { .format = AXAS_FORMAT_ARM_S2, .ias = 32, .levels = 2 } },
	{ "s2-34-l3", { .format = AXAS_FORMAT_ARM_S2, .ias = 34, .levels = 3 } },
	{ "s2-39-l3", { .format = AXAS_FORMAT_ARM_S2, .ias = 39, .levels = 3 } },
	{ "s2-40-l3", { .format = AXAS_FORMAT_ARM_S2, .ias = 40, .levels = 3 } },
	{ "s2-43-l4", { .format = AXAS_FORMAT_ARM_S2, .ias = 43, .levels = 4 } },
	{ "s2-48-l4", { .format = AXAS_FORMAT_ARM_S2, .ias = 48, .levels = 4 } },
	{ "sv39x4", { .format = AXAS_FORMAT_RISCV_G, .levels = 3 } },
	{ "sv48x4", { .format = AXAS_FORMAT_RISCV_G, .levels = 4 } },
	{ "sv57x4", { .format = AXAS_FORMAT_RISCV_G, .levels = 5 } },
};

int main(int argc, char **argv)
{
	unsigned int nops = argc > 1 ? strtoul(argv[1], NULL, 0) : 10000;
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 1;
	struct arena a;
	unsigned int i;

	if (arena_init(&a, 1UL << 32, 0))
		return 2;
	for (i = 0; i < ARRAY_SIZE(cfgs); i++) {
		struct ptm m;
		int ret = ptm_init(&m, &cfgs[i].cfg, &arena_mm_ops, &a, 4096,
				   seed + i, (void *)cfgs[i].name);

		if (ret) {
			fprintf(stderr, "FAIL [%s]: init %d\n", cfgs[i].name, ret);
			failures++;
			continue;
		}
		ptm_run(&m, nops);
		printf("%-10s %u ops, %lu probes, %s\n", cfgs[i].name, nops,
		       m.probes, m.failed ? "FAILED" : "ok");
		ptm_fini(&m);
	}
	if (a.live)
		ptm_report("arena", "%ld pages live at exit", a.live), failures++;
	arena_fini(&a);
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
