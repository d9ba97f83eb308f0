// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the KUnit suites linked into the harness (see include/kunit/test.h)
 * and prints KTAP-like results. usage: kunit [suite-or-case-substring]
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <kunit/test.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/kthread.h>
#include <linux/rcupdate.h>

#define MAX_SUITES 32

static struct kunit_suite *suites[MAX_SUITES];
static int nsuites;

/* kunit_k*alloc() memory: a header before each, on a list for the case. */
/* Payloads are cache-line aligned, as kmalloc() aligns such objects. */
struct kunit_alloc {
	struct kunit_alloc *prev, *next;
	max_align_t payload[] __aligned(64);
};

static struct kunit_alloc allocs = { &allocs, &allocs };

void kunit_harness_register(struct kunit_suite *suite)
{
	if (nsuites < MAX_SUITES)
		suites[nsuites++] = suite;
	else
		abort();
}

void kunit_harness_fail(struct kunit *test, const char *file, int line,
			const char *fmt, ...)
{
	va_list ap;

	printf("    # %s: %s:%d: ", test->name, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	test->status = 1;
}

void *kunit_kmalloc(struct kunit *test, size_t size, int gfp)
{
	struct kunit_alloc *a;

	if (posix_memalign((void **)&a, 64, sizeof(*a) + size))
		return NULL;
	a->next = &allocs;
	a->prev = allocs.prev;
	a->prev->next = a;
	allocs.prev = a;
	return a->payload;
}

void *kunit_kzalloc(struct kunit *test, size_t size, int gfp)
{
	void *p = kunit_kmalloc(test, size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

void kunit_kfree(struct kunit *test, const void *p)
{
	struct kunit_alloc *a;

	if (!p)
		return;
	a = (struct kunit_alloc *)((char *)p - offsetof(struct kunit_alloc, payload));
	a->prev->next = a->next;
	a->next->prev = a->prev;
	free(a);
}

static int run_one(struct kunit_suite *s, struct kunit_case *c,
		   const void *param, const char *desc)
{
	struct kunit test = { .name = c->name, .param_value = param };
	int warnings = harness_warnings;

	if (s->init && s->init(&test)) {
		printf("    # init failed\n");
		return 1;
	}
	if (!setjmp(test.bail))
		c->run_case(&test);
	/* as in KUnit, exit runs after a skip or a failed assertion too */
	if (s->exit && !setjmp(test.bail))
		s->exit(&test);
	/* the case's threads (kthread_run()) are done before its memory goes */
	kthread_harness_join_all();
	while (allocs.next != &allocs)
		kunit_kfree(&test, allocs.next->payload);
	/* a grace period between cases: deferred table frees are done */
	rcu_barrier();
	if (harness_warnings != warnings) {
		printf("    # %s: %d WARN_ON() fired\n", c->name,
		       harness_warnings - warnings);
		test.status = 1;
	}
	printf("    %s %s%s%s%s\n", test.status == 1 ? "not ok" : "ok", c->name,
	       desc ? " " : "", desc ? desc : "",
	       test.status == 2 ? " # SKIP" : "");
	return test.status;
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int i, count[3] = { 0 };	/* passed, failed, skipped */

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < nsuites; i++) {
		struct kunit_suite *s = suites[i];
		struct kunit_case *c;
		int ran = 0;

		for (c = s->test_cases; c->run_case; c++)
			ran += !filter || strstr(s->name, filter) ||
			       strstr(c->name, filter);
		if (!ran)
			continue;
		if (s->suite_init && s->suite_init(s)) {
			printf("not ok suite %s: init failed\n", s->name);
			count[1]++;
			continue;
		}
		printf("# suite %s\n", s->name);
		for (c = s->test_cases; c->run_case; c++) {
			if (filter && !strstr(s->name, filter) &&
			    !strstr(c->name, filter))
				continue;
			if (c->generate_params) {
				char desc[KUNIT_PARAM_DESC_SIZE];
				const void *p = NULL;

				desc[0] = 0;
				while ((p = c->generate_params(p, desc))) {
					count[run_one(s, c, p, desc)]++;
					desc[0] = 0;
				}
			} else {
				count[run_one(s, c, NULL, NULL)]++;
			}
		}
		if (s->suite_exit)
			s->suite_exit(s);
	}
	/* the last line as scripts/harness.sh reads it */
	printf("%d skipped\n%d passed, %d failed\n", count[2], count[0], count[1]);
	return count[1] ? 1 : 0;
}
