// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the KUnit suites linked into the harness (see include/kunit/test.h)
 * and prints KTAP-like results. usage: kunit [suite-or-case-substring]
 */
#include <stdarg.h>
#include <string.h>
#include <kunit/test.h>

#define MAX_SUITES 32
#define MAX_ALLOCS 4096

static struct kunit_suite *suites[MAX_SUITES];
static int nsuites;
static void *allocs[MAX_ALLOCS];
static int nallocs;

void kunit_harness_register(struct kunit_suite *suite)
{
	if (nsuites < MAX_SUITES)
		suites[nsuites++] = suite;
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

void *kunit_kzalloc(struct kunit *test, size_t size, int gfp)
{
	void *p = calloc(1, size);

	if (p && nallocs < MAX_ALLOCS)
		allocs[nallocs++] = p;
	return p;
}

static int run_one(struct kunit_suite *s, struct kunit_case *c,
		   const void *param, const char *desc)
{
	struct kunit test = { .name = c->name, .param_value = param };

	if (s->init && s->init(&test)) {
		printf("    # init failed\n");
		return 1;
	}
	if (!setjmp(test.bail))
		c->run_case(&test);
	if (s->exit)
		s->exit(&test);
	while (nallocs)
		free(allocs[--nallocs]);
	printf("    %s %s%s%s%s\n", test.status == 1 ? "not ok" : "ok", c->name,
	       desc ? " " : "", desc ? desc : "",
	       test.status == 2 ? " # SKIP" : "");
	return test.status == 1;
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int i, passed = 0, failed = 0;

	for (i = 0; i < nsuites; i++) {
		struct kunit_suite *s = suites[i];
		struct kunit_case *c;

		if (s->suite_init && s->suite_init(s)) {
			printf("not ok suite %s: init failed\n", s->name);
			failed++;
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
					if (run_one(s, c, p, desc))
						failed++;
					else
						passed++;
					desc[0] = 0;
				}
			} else if (run_one(s, c, NULL, NULL)) {
				failed++;
			} else {
				passed++;
			}
		}
		if (s->suite_exit)
			s->suite_exit(s);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
