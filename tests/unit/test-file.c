/* test-file.c - unit tests for lib/file.c: the two ways of replacing a
 * file (with and without the sync) and reading it back. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lib/file.h"
#include "test.h"

static char dir[] = "/tmp/kubec-test-file.XXXXXX";

/* How many entries dir holds (no leftover temporary files). */
static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	if (d != NULL)
		closedir(d);
	return n;
}

static void
test_write(void)
{
	int (*const fns[])(const char *, const void *, size_t, mode_t,
	    struct err *) = { file_write_atomic, file_write_replace };
	struct buf b = BUF_INIT(1 << 20);
	char path[128];
	struct stat st;
	struct err err;
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/f%zu", dir, i);
		err_clear(&err);
		CHECK_INT(fns[i](path, "first", 5, 0600, &err), 0);
		CHECK_INT(fns[i](path, "second\n", 7, 0640, &err), 0);
		buf_reset(&b);
		CHECK_INT(file_read(path, &b, &err), 0);
		CHECK_STR(buf_str(&b), "second\n");
		CHECK_INT(stat(path, &st), 0);
		CHECK_INT(st.st_mode & 0777, 0640);
		snprintf(path, sizeof path, "%s/missing/f", dir);
		CHECK(fns[i](path, "x", 1, 0600, &err) < 0);
		CHECK(strstr(err.msg, "missing") != NULL);
	}
	CHECK_INT(entries(), 2);
	buf_release(&b);
}

/* file_overwrite keeps the inode (a bind mount of it sees the change);
 * a file that is not there is an error, not created. */
static void
test_overwrite(void)
{
	struct buf b = BUF_INIT(1 << 20);
	struct stat before, after;
	char path[128];
	struct err err;

	snprintf(path, sizeof path, "%s/f0", dir);
	err_clear(&err);
	CHECK_INT(stat(path, &before), 0);
	CHECK_INT(file_overwrite(path, "third, and longer\n", 18, &err), 0);
	CHECK_INT(file_overwrite(path, "4th\n", 4, &err), 0);
	CHECK_INT(stat(path, &after), 0);
	CHECK(before.st_ino == after.st_ino);
	CHECK_INT(file_read(path, &b, &err), 0);
	CHECK_STR(buf_str(&b), "4th\n");
	snprintf(path, sizeof path, "%s/nothing", dir);
	CHECK(file_overwrite(path, "x", 1, &err) < 0);
	CHECK_INT(entries(), 2);
	buf_release(&b);
}

int
main(void)
{
	char path[128];
	int i;

	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_write);
	RUN(test_overwrite);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/f%d", dir, i);
		unlink(path);
	}
	rmdir(dir);
	return TEST_EXIT();
}
