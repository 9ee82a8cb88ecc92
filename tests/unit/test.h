/* test.h - the tiny unit-test harness of kubec's C tests.
 *
 * Each test is a function; RUN() runs it and prints a TAP line ("ok N
 * name" or "not ok N name") that tests/run.sh counts.  CHECK* macros
 * record a failure with file:line and go on; the program's exit status is
 * 1 if any test failed.
 */
#ifndef KUBEC_TEST_H
#define KUBEC_TEST_H

#include <stdio.h>
#include <string.h>

static int t_failed_now, t_failed_total, t_count;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("#   %s:%d: CHECK(%s) failed\n", __FILE__,	\
		    __LINE__, #cond);					\
		t_failed_now = 1;					\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ == NULL || w_ == NULL ? g_ != w_ : strcmp(g_, w_) != 0) {\
		printf("#   %s:%d: got \"%s\", want \"%s\"\n", __FILE__, \
		    __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");	\
		t_failed_now = 1;					\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (g_ != w_) {							\
		printf("#   %s:%d: %s = %lld, want %lld\n", __FILE__,	\
		    __LINE__, #got, g_, w_);				\
		t_failed_now = 1;					\
	}								\
} while (0)

#define RUN(fn) do {							\
	t_failed_now = 0;						\
	fn();								\
	t_count++;							\
	printf("%sok %d %s\n", t_failed_now ? "not " : "", t_count, #fn);\
	if (t_failed_now)						\
		t_failed_total++;					\
	fflush(stdout);							\
} while (0)

#define TEST_EXIT() (t_failed_total ? 1 : 0)

#endif
