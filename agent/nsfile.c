/* nsfile.c - persistent net/ipc/uts namespace files of a pod sandbox. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "nsfile.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

static const struct {
	const char	*name;
	int		 flag;
} nsfile_kinds[] = {
	{ "net", CLONE_NEWNET },
	{ "ipc", CLONE_NEWIPC },
	{ "uts", CLONE_NEWUTS },
};
#define NSFILE_N	3

int
nsfile_is_ns(const char *path)
{
	struct statfs sf;

	return statfs(path, &sf) == 0 &&
	    (unsigned long)sf.f_type == NSFS_MAGIC;
}

static void
nsfile_unmount(const char *dir)
{
	for (int i = 0; i < NSFILE_N; i++) {
		char p[PATH_MAX];

		snprintf(p, sizeof p, "%s/%s", dir, nsfile_kinds[i].name);
		while (nsfile_is_ns(p) && umount2(p, MNT_DETACH) == 0)
			;
		unlink(p);
	}
}

int
nsfile_sandbox_create(const char *dir, const char *hostname, struct err *err)
{
	int orig[NSFILE_N] = { -1, -1, -1 };
	int ret = -1, i, entered = 0;

	if (strlen(dir) > PATH_MAX - 16)
		return err_set(err, ERR_INTERNAL, "path too long: %s", dir);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return err_set(err, ERR_INTERNAL, "mkdir %s: %s", dir,
		    strerror(errno));
	for (i = 0; i < NSFILE_N; i++) {
		char p[64];

		snprintf(p, sizeof p, "/proc/thread-self/ns/%s",
		    nsfile_kinds[i].name);
		if ((orig[i] = open(p, O_RDONLY | O_CLOEXEC)) < 0) {
			err_set(err, ERR_INTERNAL, "open %s: %s", p,
			    strerror(errno));
			goto out;
		}
	}
	if (unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS) < 0) {
		err_set(err, ERR_INTERNAL, "unshare: %s", strerror(errno));
		goto out;
	}
	entered = 1;
	if (hostname != NULL && sethostname(hostname, strlen(hostname)) < 0) {
		err_set(err, ERR_INTERNAL, "sethostname %s: %s", hostname,
		    strerror(errno));
		goto out;
	}
	for (i = 0; i < NSFILE_N; i++) {
		char src[64], dst[PATH_MAX];
		int fd;

		snprintf(src, sizeof src, "/proc/thread-self/ns/%s",
		    nsfile_kinds[i].name);
		snprintf(dst, sizeof dst, "%s/%s", dir, nsfile_kinds[i].name);
		fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0400);
		if (fd < 0) {
			err_set(err, ERR_INTERNAL, "create %s: %s", dst,
			    strerror(errno));
			goto out;
		}
		close(fd);
		if (mount(src, dst, NULL, MS_BIND, NULL) < 0) {
			err_set(err, ERR_INTERNAL, "bind mount %s on %s: %s",
			    src, dst, strerror(errno));
			goto out;
		}
	}
	ret = 0;
out:
	if (entered)
		for (i = 0; i < NSFILE_N; i++)
			if (setns(orig[i], nsfile_kinds[i].flag) < 0) {
				/* This thread is now stuck in the pod's
				 * namespaces: nothing sane can go on. */
				fprintf(stderr, "nsfile: setns back: %s\n",
				    strerror(errno));
				abort();
			}
	for (i = 0; i < NSFILE_N; i++)
		if (orig[i] >= 0)
			close(orig[i]);
	if (ret < 0) {
		nsfile_unmount(dir);
		rmdir(dir);
	}
	return ret;
}

int
nsfile_sandbox_destroy(const char *dir, struct err *err)
{
	if (strlen(dir) > PATH_MAX - 16)
		return err_set(err, ERR_INTERNAL, "path too long: %s", dir);
	nsfile_unmount(dir);
	if (rmdir(dir) < 0 && errno != ENOENT)
		return err_set(err, ERR_INTERNAL, "rmdir %s: %s", dir,
		    strerror(errno));
	return 0;
}
