/* test-rfc3339.c - unit tests for lib/rfc3339.c. */
#include <time.h>

#include "../../lib/rfc3339.h"
#include "test.h"

static void
test_rfc3339_parse(void)
{
	struct timespec ts;

	CHECK_INT(rfc3339_parse("1970-01-01T00:00:00Z", &ts), 0);
	CHECK_INT(ts.tv_sec, 0);
	CHECK_INT(ts.tv_nsec, 0);
	CHECK_INT(rfc3339_parse("2026-11-25T08:51:30Z", &ts), 0);
	CHECK_INT(ts.tv_sec, 1795596690);
	CHECK_INT(rfc3339_parse("2026-11-25T09:51:30+01:00", &ts), 0);
	CHECK_INT(ts.tv_sec, 1795596690);
	CHECK_INT(rfc3339_parse("2026-11-25T03:21:30-05:30", &ts), 0);
	CHECK_INT(ts.tv_sec, 1795596690);
	CHECK_INT(rfc3339_parse("2026-11-25T08:51:30.123456Z", &ts), 0);
	CHECK_INT(ts.tv_sec, 1795596690);
	CHECK_INT(ts.tv_nsec, 123456000);
	CHECK_INT(rfc3339_parse("2026-11-25T08:51:30.1Z", &ts), 0);
	CHECK_INT(ts.tv_nsec, 100000000);
	CHECK_INT(rfc3339_parse("2026-11-25T08:51:30.123456789123Z", &ts), 0);
	CHECK_INT(ts.tv_nsec, 123456789);
	CHECK_INT(rfc3339_parse("2024-02-29T00:00:00Z", &ts), 0);
	CHECK_INT(ts.tv_sec, 1709164800);
}

static void
test_rfc3339_invalid(void)
{
	static const char *bad[] = { "", "2026-11-25", "2026-11-25T08:51:30",
	    "2026-11-25 08:51:30Z", "2026-11-25t08:51:30Z",
	    "2026-11-25T08:51:30z", "2026-13-25T08:51:30Z",
	    "2026-02-29T08:51:30Z", "2026-11-31T08:51:30Z",
	    "2026-11-25T24:00:00Z", "2026-11-25T08:60:30Z",
	    "2026-11-25T08:51:60Z", "2026-11-25T08:51:30+0100",
	    "2026-11-25T08:51:30+24:00", "2026-11-25T08:51:30.Z",
	    "2026-11-25T08:51:30Zjunk", "26-11-25T08:51:30Z",
	    "2026-1-25T08:51:30Z", "+026-11-25T08:51:30Z" };
	struct timespec ts;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (rfc3339_parse(bad[i], &ts) != -1)
			printf("#   accepted %s\n", bad[i]);
		CHECK_INT(rfc3339_parse(bad[i], &ts), -1);
	}
}

static void
test_rfc3339_format(void)
{
	struct timespec ts;
	char out[64];

	rfc3339_format(0, out, sizeof out);
	CHECK_STR(out, "1970-01-01T00:00:00Z");
	rfc3339_format(1795596690, out, sizeof out);
	CHECK_STR(out, "2026-11-25T08:51:30Z");
	rfc3339_format(1795596690, out, 5);
	CHECK_STR(out, "");
	ts.tv_sec = 1795596690;
	ts.tv_nsec = 123456789;
	rfc3339_format_micro(&ts, out, sizeof out);
	CHECK_STR(out, "2026-11-25T08:51:30.123456Z");
	ts.tv_nsec = 0;
	rfc3339_format_micro(&ts, out, sizeof out);
	CHECK_STR(out, "2026-11-25T08:51:30.000000Z");
	CHECK_INT(rfc3339_parse(out, &ts), 0);
	CHECK_INT(ts.tv_sec, 1795596690);
}

int
main(void)
{
	RUN(test_rfc3339_parse);
	RUN(test_rfc3339_invalid);
	RUN(test_rfc3339_format);
	return TEST_EXIT();
}
