/* test-buf.c - unit tests for lib/buf.c and lib/err.c. */
#include <stdlib.h>

#include "../../lib/buf.h"
#include "../../lib/err.h"
#include "test.h"

static void
test_buf_cap(void)
{
	struct buf b = BUF_INIT(8);

	CHECK(buf_adds(&b, "hello") == 0);
	CHECK(buf_addf(&b, "%d", 123) == 0);
	CHECK_STR(buf_str(&b), "hello123");
	CHECK(buf_addc(&b, 'x') == -1);
	CHECK_STR(buf_str(&b), "hello123");
	buf_release(&b);
	CHECK_STR(buf_str(&b), "");
}

static void
test_buf_detach(void)
{
	struct buf b = BUF_INIT(0);
	size_t n;
	char *p;

	p = buf_detach(&b, &n);
	CHECK_STR(p, "");
	CHECK_INT(n, 0);
	free(p);
	buf_adds(&b, "abc");
	p = buf_detach(&b, &n);
	CHECK_STR(p, "abc");
	CHECK_INT(n, 3);
	free(p);
}

static void
test_err_invalid(void)
{
	struct err e;

	err_clear(&e);
	CHECK_INT(err_invalid(&e, "Pod", "x"), 0);
	err_field(&e, ERR_CAUSE_REQUIRED, "spec.containers", NULL, NULL);
	CHECK_INT(err_invalid(&e, "Pod", "x"), -1);
	CHECK_STR(e.msg, "Pod \"x\" is invalid: spec.containers: Required value");
	err_field(&e, ERR_CAUSE_INVALID, "metadata.name", "\"A\"", "bad %s", "name");
	err_invalid(&e, "Pod", "x");
	CHECK_STR(e.msg, "Pod \"x\" is invalid: [spec.containers: Required value, "
	    "metadata.name: Invalid value: \"A\": bad name]");
	CHECK_INT(err_code(e.reason), 422);
	CHECK_STR(err_reason_str(ERR_NOT_FOUND), "NotFound");
}

int
main(void)
{
	RUN(test_buf_cap);
	RUN(test_buf_detach);
	RUN(test_err_invalid);
	return TEST_EXIT();
}
