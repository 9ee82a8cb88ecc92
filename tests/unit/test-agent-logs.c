/* test-agent-logs.c - agent/logs.c: CRI log records back to the
 * container's output, partial lines joined, --timestamps, --tail,
 * --since-time, --limit-bytes, a file truncated by conmon, and --follow
 * until the container is gone. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../agent/logs.h"
#include "../../lib/buf.h"
#include "test.h"

static char path[] = "/tmp/kubec-test-logs.XXXXXX";

static const char sample[] =
    "2026-01-01T00:00:01.000000001Z stdout F one\n"
    "2026-01-01T00:00:02.000000002+00:00 stderr P tw\n"
    "2026-01-01T00:00:02.500000000Z stderr F o\n"
    "garbage without fields\n"
    "2026-01-01T00:00:03.000000003Z stdout F three\n"
    "2026-01-01T00:00:04.000000004Z stdout F \n"
    "2026-01-01T01:00:05.500000000+01:00 stdout F five\n";

static void
put(const char *s, const char *mode)
{
	FILE *f = fopen(path, mode);

	fputs(s, f);
	fclose(f);
}

/* Everything logs_read gives with o. */
static void
slurp(const struct logs_opts *o, struct buf *b)
{
	struct err err;
	struct logs *l = logs_open(path, o, &err);
	char chunk[7];	/* small: reads across records */
	ssize_t n;

	buf_reset(b);
	CHECK(l != NULL);
	while (l != NULL && (n = logs_read(l, chunk, sizeof chunk)) > 0)
		buf_add(b, chunk, (size_t)n);
	logs_close(l);
}

static void
test_logs_options(void)
{
	struct logs_opts o = { .tail_lines = -1, .limit_bytes = -1 };
	struct buf b = BUF_INIT(1 << 20);
	struct err err;

	put(sample, "w");
	slurp(&o, &b);
	CHECK_STR(buf_str(&b), "one\ntwo\nthree\n\nfive\n");
	o.timestamps = 1;
	slurp(&o, &b);
	CHECK_STR(buf_str(&b), "2026-01-01T00:00:01.000000001Z one\n"
	    "2026-01-01T00:00:02.000000002Z two\n"
	    "2026-01-01T00:00:03.000000003Z three\n"
	    "2026-01-01T00:00:04.000000004Z \n"
	    "2026-01-01T00:00:05.5Z five\n");
	o.timestamps = 0;
	o.tail_lines = 4;	/* a partial line counts once */
	slurp(&o, &b);
	CHECK_STR(buf_str(&b), "two\nthree\n\nfive\n");
	o.tail_lines = 0;
	slurp(&o, &b);
	CHECK_STR(buf_str(&b), "");
	o.tail_lines = 100;
	slurp(&o, &b);
	CHECK_STR(buf_str(&b), "one\ntwo\nthree\n\nfive\n");
	o.tail_lines = -1;
	o.since_ns = 1767225603000000000LL;	/* 2026-01-01T00:00:03Z */
	slurp(&o, &b);
	CHECK_STR(buf_str(&b), "three\n\nfive\n");
	o.since_ns = 0;
	o.limit_bytes = 6;
	slurp(&o, &b);
	CHECK_STR(buf_str(&b), "one\ntw");
	o.limit_bytes = -1;
	CHECK(logs_open("/nonexistent/x.log", &o, &err) == NULL);
	CHECK_INT(err.reason, ERR_NOT_FOUND);
	buf_release(&b);
}

static volatile int writer_done;

static int
alive(void *arg)
{
	return !writer_done;
}

static void *
writer(void *arg)
{
	usleep(150 * 1000);
	put("2026-01-01T00:00:06Z stdout F six\n", "a");
	usleep(150 * 1000);
	/* conmon over its size limit: the file starts again */
	put("2026-01-01T00:00:07Z stdout F seven\n", "w");
	usleep(250 * 1000);
	put("2026-01-01T00:00:08Z stdout F eight\n", "a");
	usleep(250 * 1000);
	/* rotated: a new file renamed over the path, as conmon reopens */
	{
		char tmp[sizeof path + 8];
		FILE *f;

		snprintf(tmp, sizeof tmp, "%s.tmp", path);
		f = fopen(tmp, "w");
		fputs("2026-01-01T00:00:09Z stdout F nine\n", f);
		fclose(f);
		rename(tmp, path);
	}
	usleep(250 * 1000);
	writer_done = 1;
	return NULL;
}

static void
test_logs_follow(void)
{
	struct logs_opts o = { .tail_lines = 1, .limit_bytes = -1,
	    .follow = 1, .alive = alive };
	struct buf b = BUF_INIT(1 << 20);
	pthread_t t;

	put(sample, "w");
	writer_done = 0;
	pthread_create(&t, NULL, writer, NULL);
	slurp(&o, &b);
	pthread_join(t, NULL);
	CHECK_STR(buf_str(&b), "five\nsix\nseven\neight\nnine\n");
	buf_release(&b);
}

int
main(void)
{
	int fd = mkstemp(path);

	close(fd);
	RUN(test_logs_options);
	RUN(test_logs_follow);
	unlink(path);
	return TEST_EXIT();
}
