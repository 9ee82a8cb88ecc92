/* imagelayer.c - one image layer unpacked with libarchive into its own
 * directory for overlayfs: OCI whiteouts become overlayfs whiteouts, and
 * no entry may write outside the directory. */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "image.h"

#define IMAGE_LAYER_FLAGS (ARCHIVE_EXTRACT_OWNER | ARCHIVE_EXTRACT_PERM | \
	ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_XATTR | ARCHIVE_EXTRACT_ACL | \
	ARCHIVE_EXTRACT_UNLINK | ARCHIVE_EXTRACT_SECURE_SYMLINKS | \
	ARCHIVE_EXTRACT_SECURE_NODOTDOT)

/*
 * The entry's path made relative and checked: leading "/" and "./"
 * dropped, "." components dropped, ".." refused.  "" for the root.
 */
static int
imagelayer_clean(const char *name, char *out, size_t n, struct err *err)
{
	const char *p = name, *e;
	size_t len, o = 0;

	out[0] = '\0';
	while (*p) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		len = e ? (size_t)(e - p) : strlen(p);
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return err_set(err, ERR_BAD_REQUEST, "layer entry "
			    "\"%s\" escapes the layer (\"..\")", name);
		if (!(len == 1 && p[0] == '.')) {
			if (o + len + 2 >= n)
				return err_set(err, ERR_BAD_REQUEST,
				    "layer entry \"%.100s...\" too long", name);
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
			out[o] = '\0';
		}
		p += len;
	}
	return 0;
}

/*
 * Checks that no directory on the way from dir to rel (excluding rel
 * itself) is a symlink, so nothing is written through one.  Missing
 * components are fine: they will be created as directories.
 */
static int
imagelayer_no_symlinks(const char *dir, const char *rel, const char *name,
    struct err *err)
{
	char path[PATH_MAX];
	const char *p = rel, *e;
	struct stat st;
	int n;

	while ((e = strchr(p, '/')) != NULL) {
		n = snprintf(path, sizeof(path), "%s/%.*s", dir,
		    (int)(e - rel), rel);
		if (n < 0 || (size_t)n >= sizeof(path))
			return err_set(err, ERR_BAD_REQUEST, "layer entry "
			    "\"%.100s\" too long", name);
		if (lstat(path, &st) < 0)
			return 0;
		if (S_ISLNK(st.st_mode))
			return err_set(err, ERR_BAD_REQUEST, "layer entry "
			    "\"%s\" goes through the symlink \"%.*s\"", name,
			    (int)(e - rel), rel);
		if (!S_ISDIR(st.st_mode))
			return err_set(err, ERR_BAD_REQUEST, "layer entry "
			    "\"%s\": \"%.*s\" is not a directory", name,
			    (int)(e - rel), rel);
		p = e + 1;
	}
	return 0;
}

/* mkdir -p dir/rel (rel checked, no symlinks on the way). */
static int
imagelayer_mkdirs(const char *dir, const char *rel, struct err *err)
{
	char path[PATH_MAX];
	size_t base = strlen(dir), i;
	int n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (n < 0 || (size_t)n >= sizeof(path))
		return err_set(err, ERR_BAD_REQUEST, "path too long");
	for (i = base + 1; ; i++) {
		if (path[i] == '/' || path[i] == '\0') {
			char c = path[i];
			struct stat st;

			path[i] = '\0';
			if (lstat(path, &st) < 0) {
				if (mkdir(path, 0755) < 0 && errno != EEXIST)
					return err_set(err, ERR_INTERNAL,
					    "mkdir %s: %s", path,
					    strerror(errno));
			} else if (!S_ISDIR(st.st_mode))
				return err_set(err, ERR_BAD_REQUEST,
				    "%s is not a directory", path);
			path[i] = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}

static __thread int imagelayer_rm_errno;

static int
imagelayer_rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	int r = flag == FTW_DP ? rmdir(path) : unlink(path);

	if (r < 0 && errno != ENOENT && imagelayer_rm_errno == 0)
		imagelayer_rm_errno = errno;
	return 0;
}

int
image_layer_remove(const char *path, struct err *err)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : err_set(err, ERR_INTERNAL,
		    "stat %s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0 && errno != ENOENT)
			return err_set(err, ERR_INTERNAL, "unlink %s: %s", path,
			    strerror(errno));
		return 0;
	}
	imagelayer_rm_errno = 0;
	if (nftw(path, imagelayer_rm_one, 32, FTW_DEPTH | FTW_PHYS |
	    FTW_MOUNT) < 0 && imagelayer_rm_errno == 0)
		imagelayer_rm_errno = errno;
	if (imagelayer_rm_errno != 0)
		return err_set(err, ERR_INTERNAL, "removing %s: %s", path,
		    strerror(imagelayer_rm_errno));
	return 0;
}

/* A whiteout entry: rel is its cleaned path, base its last component. */
static int
imagelayer_whiteout(const char *dir, const char *rel, const char *name,
    struct err *err)
{
	char parent[PATH_MAX], path[PATH_MAX];
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	size_t plen = slash ? (size_t)(slash - rel) : 0;
	int n;

	snprintf(parent, sizeof(parent), "%.*s", (int)plen, rel);
	if (imagelayer_no_symlinks(dir, rel, name, err) < 0)
		return -1;
	if (parent[0] && imagelayer_mkdirs(dir, parent, err) < 0)
		return -1;
	if (strcmp(base, ".wh..wh..opq") == 0) {
		n = snprintf(path, sizeof(path), "%s%s%s", dir,
		    parent[0] ? "/" : "", parent);
		if (n < 0 || (size_t)n >= sizeof(path))
			return err_set(err, ERR_BAD_REQUEST, "path too long");
		if (lsetxattr(path, "trusted.overlay.opaque", "y", 1, 0) < 0)
			return err_set(err, ERR_INTERNAL, "setting "
			    "trusted.overlay.opaque on %s: %s", path,
			    strerror(errno));
		return 0;
	}
	if (strncmp(base, ".wh..wh.", 8) == 0)
		return 0;	/* aufs metadata (.wh..wh.plnk, ...) */
	base += 4;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		return err_set(err, ERR_BAD_REQUEST, "layer entry \"%s\" is a "
		    "bad whiteout", name);
	n = snprintf(path, sizeof(path), "%s/%s%s%s", dir, parent,
	    parent[0] ? "/" : "", base);
	if (n < 0 || (size_t)n >= sizeof(path))
		return err_set(err, ERR_BAD_REQUEST, "path too long");
	if (image_layer_remove(path, err) < 0)
		return -1;
	if (mknod(path, S_IFCHR | 0000, makedev(0, 0)) < 0)
		return err_set(err, ERR_INTERNAL, "mknod %s: %s", path,
		    strerror(errno));
	return 0;
}

int
image_layer_unpack(const char *blob, const char *dir, struct err *err)
{
	struct archive *a = NULL, *w = NULL;
	struct archive_entry *e;
	char rel[PATH_MAX], full[PATH_MAX], lrel[PATH_MAX], lfull[PATH_MAX];
	const char *name, *link, *base;
	int r, ret = -1;

	a = archive_read_new();
	w = archive_write_disk_new();
	if (a == NULL || w == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_none(a);
	archive_read_support_format_tar(a);
	archive_write_disk_set_options(w, IMAGE_LAYER_FLAGS);
	if (archive_read_open_filename(a, blob, 1 << 16) != ARCHIVE_OK) {
		err_set(err, ERR_BAD_REQUEST, "layer %s: %s", blob,
		    archive_error_string(a));
		goto out;
	}
	for (;;) {
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			err_set(err, ERR_BAD_REQUEST, "layer %s: %s", blob,
			    archive_error_string(a));
			goto out;
		}
		name = archive_entry_pathname(e);
		if (name == NULL || imagelayer_clean(name, rel, sizeof(rel),
		    err) < 0) {
			if (name == NULL)
				err_set(err, ERR_BAD_REQUEST, "layer %s: an "
				    "entry without a name", blob);
			goto out;
		}
		if (rel[0] == '\0')
			continue;	/* the root: the layer dir itself */
		base = strrchr(rel, '/');
		base = base ? base + 1 : rel;
		if (strncmp(base, ".wh.", 4) == 0) {
			if (imagelayer_whiteout(dir, rel, name, err) < 0)
				goto out;
			continue;
		}
		if (imagelayer_no_symlinks(dir, rel, name, err) < 0)
			goto out;
		r = snprintf(full, sizeof(full), "%s/%s", dir, rel);
		if (r < 0 || (size_t)r >= sizeof(full)) {
			err_set(err, ERR_BAD_REQUEST, "path too long");
			goto out;
		}
		archive_entry_copy_pathname(e, full);
		link = archive_entry_hardlink(e);
		if (link != NULL) {
			if (imagelayer_clean(link, lrel, sizeof(lrel), err) < 0 ||
			    imagelayer_no_symlinks(dir, lrel, link, err) < 0)
				goto out;
			r = snprintf(lfull, sizeof(lfull), "%s/%s", dir, lrel);
			if (r < 0 || (size_t)r >= sizeof(lfull)) {
				err_set(err, ERR_BAD_REQUEST, "path too long");
				goto out;
			}
			archive_entry_copy_hardlink(e, lfull);
		}
		r = archive_read_extract2(a, e, w);
		if (r < ARCHIVE_WARN) {
			err_set(err, ERR_BAD_REQUEST, "layer %s: %s: %s", blob,
			    name, archive_error_string(w) ?
			    archive_error_string(w) : archive_error_string(a));
			goto out;
		}
	}
	if (archive_write_close(w) < ARCHIVE_WARN) {
		err_set(err, ERR_INTERNAL, "layer %s: %s", blob,
		    archive_error_string(w));
		goto out;
	}
	ret = 0;
out:
	if (a)
		archive_read_free(a);
	if (w)
		archive_write_free(w);
	return ret;
}
