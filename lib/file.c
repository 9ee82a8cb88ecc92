/* file.c - whole small files, read and written atomically (file.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

int
file_read(const char *path, struct buf *b, struct err *err)
{
	char chunk[8192];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, errno == ENOENT ? ERR_NOT_FOUND :
		    ERR_INTERNAL, "stat %s: %s", path, errno == ENOENT ?
		    "no such file or directory" : strerror(errno));
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(err, ERR_INTERNAL, "read %s: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (buf_add(b, chunk, (size_t)n) < 0) {
			err_set(err, ERR_TOO_LARGE, "%s: file too large", path);
			goto fail;
		}
	}
	close(fd);
	return 0;
fail:
	close(fd);
	return -1;
}

/* write(2) until all of data is written; -1 with errno on an error. */
static int
file_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		n = write(fd, p + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

static int
file_write(const char *path, const void *data, size_t len, mode_t mode,
    int sync, struct err *err)
{
	char tmp[4096];
	int fd;

	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path) >=
	    sizeof tmp)
		return err_set(err, ERR_INTERNAL, "%s: path too long", path);
	if ((fd = mkstemp(tmp)) < 0)
		return err_set(err, ERR_INTERNAL, "open %s: %s", tmp,
		    strerror(errno));
	if (fchmod(fd, mode) < 0)
		goto fail;
	if (file_write_all(fd, data, len) < 0)
		goto fail;
	if (sync && fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	return 0;
fail:
	err_set(err, ERR_INTERNAL, "write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

int
file_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, struct err *err)
{
	return file_write(path, data, len, mode, 1, err);
}

int
file_write_replace(const char *path, const void *data, size_t len,
    mode_t mode, struct err *err)
{
	return file_write(path, data, len, mode, 0, err);
}

int
file_mkdirs(const char *path, unsigned mode, struct err *err)
{
	char p[4096];
	char *s;

	if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p)
		return err_set(err, ERR_INTERNAL, "path too long: %s", path);
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST)
			return err_set(err, ERR_INTERNAL, "mkdir %s: %s", p,
			    strerror(errno));
		*s = '/';
	}
	if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST)
		return err_set(err, ERR_INTERNAL, "mkdir %s: %s", p,
		    strerror(errno));
	return 0;
}

int
file_overwrite(const char *path, const void *data, size_t len,
    struct err *err)
{
	int fd, rc = 0;

	if ((fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0)
		return err_set(err, ERR_INTERNAL, "open %s: %s", path,
		    strerror(errno));
	if (file_write_all(fd, data, len) < 0)
		rc = err_set(err, ERR_INTERNAL, "write %s: %s", path,
		    strerror(errno));
	if (close(fd) < 0 && rc == 0)
		rc = err_set(err, ERR_INTERNAL, "close %s: %s", path,
		    strerror(errno));
	return rc;
}
