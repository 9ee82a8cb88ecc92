/* imagelayer.c - one image layer unpacked with libarchive into its own
 * directory for overlayfs: OCI whiteouts become overlayfs whiteouts, and
 * no entry may write outside the directory.
 *
 * libarchive and what it links (libxml2, ICU, libcrypto: some 3 MB
 * resident) are loaded with dlopen only where a layer is unpacked, as
 * systemd loads its optional libraries; the agent unpacks in a child,
 * `kubec-agent image unpack-layer BLOB DIR` (image_unpack_helper), so
 * its own memory never holds them. */
#include <dlfcn.h>
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
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

#include "../lib/proc.h"
#include "image.h"

const char *image_unpack_helper;

/* The libarchive functions used, resolved once by dlopen. */
static struct {
	struct archive	*(*read_new)(void);
	struct archive	*(*write_disk_new)(void);
	int		 (*support_filter_gzip)(struct archive *);
	int		 (*support_filter_zstd)(struct archive *);
	int		 (*support_filter_none)(struct archive *);
	int		 (*support_format_tar)(struct archive *);
	int		 (*write_disk_set_options)(struct archive *, int);
	int		 (*read_open_filename)(struct archive *, const char *,
			    size_t);
	int		 (*read_next_header)(struct archive *,
			    struct archive_entry **);
	const char	*(*error_string)(struct archive *);
	const char	*(*entry_pathname)(struct archive_entry *);
	const char	*(*entry_hardlink)(struct archive_entry *);
	void		 (*entry_copy_pathname)(struct archive_entry *,
			    const char *);
	void		 (*entry_copy_hardlink)(struct archive_entry *,
			    const char *);
	int		 (*read_extract2)(struct archive *,
			    struct archive_entry *, struct archive *);
	int		 (*write_close)(struct archive *);
	int		 (*read_free)(struct archive *);
	int		 (*write_free)(struct archive *);
} ar;
static pthread_once_t ar_once = PTHREAD_ONCE_INIT;
static char ar_error[256];

static void
imagelayer_load(void)
{
	static const char *const names[] = { "archive_read_new",
	    "archive_write_disk_new", "archive_read_support_filter_gzip",
	    "archive_read_support_filter_zstd",
	    "archive_read_support_filter_none",
	    "archive_read_support_format_tar",
	    "archive_write_disk_set_options", "archive_read_open_filename",
	    "archive_read_next_header", "archive_error_string",
	    "archive_entry_pathname", "archive_entry_hardlink",
	    "archive_entry_copy_pathname", "archive_entry_copy_hardlink",
	    "archive_read_extract2", "archive_write_close",
	    "archive_read_free", "archive_write_free" };
	void **slot = (void **)&ar;
	void *h = dlopen("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);

	_Static_assert(sizeof ar == sizeof names / sizeof names[0] *
	    sizeof(void *), "one name per function");
	if (h == NULL) {
		snprintf(ar_error, sizeof ar_error, "%s", dlerror());
		return;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((slot[i] = dlsym(h, names[i])) == NULL) {
			snprintf(ar_error, sizeof ar_error, "libarchive: no "
			    "%s", names[i]);
			return;
		}
}

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

/* The helper's exit status for a layer that is at fault (BadRequest). */
#define IMAGE_UNPACK_BAD	2

/* In a child: its last line of stderr is the error. */
static int
imagelayer_child(const char *blob, const char *dir, struct err *err)
{
	char *const argv[] = { (char *)image_unpack_helper, "image",
	    "unpack-layer", (char *)blob, (char *)dir, NULL };
	struct buf eb = BUF_INIT(4096);
	struct proc p = { .argv = argv, .errout = &eb };
	int status, ret = 0;

	if (proc_run(&p, &status, err) < 0) {
		ret = -1;
	} else if (status != 0) {
		char *m, *nl;

		buf_addc(&eb, '\0');
		m = eb.data;
		while ((nl = strrchr(m, '\n')) != NULL && nl[1] == '\0')
			*nl = '\0';
		if ((nl = strrchr(m, '\n')) != NULL)
			m = nl + 1;
		if (strncmp(m, "kubec-agent: ", 13) == 0)
			m += 13;
		ret = err_set(err, status == IMAGE_UNPACK_BAD ?
		    ERR_BAD_REQUEST : ERR_INTERNAL, "%s", m[0] ? m :
		    "unpacking a layer failed");
	}
	buf_release(&eb);
	return ret;
}

int
image_layer_unpack_main(const char *blob, const char *dir)
{
	struct err err;

	err_clear(&err);
	if (image_layer_unpack(blob, dir, &err) == 0)
		return 0;
	fprintf(stderr, "kubec-agent: %s\n", err.msg);
	return err.reason == ERR_BAD_REQUEST ? IMAGE_UNPACK_BAD : 1;
}

int
image_layer_unpack(const char *blob, const char *dir, struct err *err)
{
	struct archive *a = NULL, *w = NULL;
	struct archive_entry *e;
	char rel[PATH_MAX], full[PATH_MAX], lrel[PATH_MAX], lfull[PATH_MAX];
	const char *name, *link, *base;
	int r, ret = -1;

	if (image_unpack_helper != NULL)
		return imagelayer_child(blob, dir, err);
	pthread_once(&ar_once, imagelayer_load);
	if (ar_error[0] != '\0')
		return err_set(err, ERR_INTERNAL, "%s", ar_error);
	a = ar.read_new();
	w = ar.write_disk_new();
	if (a == NULL || w == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	ar.support_filter_gzip(a);
	ar.support_filter_zstd(a);
	ar.support_filter_none(a);
	ar.support_format_tar(a);
	ar.write_disk_set_options(w, IMAGE_LAYER_FLAGS);
	if (ar.read_open_filename(a, blob, 1 << 16) != ARCHIVE_OK) {
		err_set(err, ERR_BAD_REQUEST, "layer %s: %s", blob,
		    ar.error_string(a));
		goto out;
	}
	for (;;) {
		r = ar.read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			err_set(err, ERR_BAD_REQUEST, "layer %s: %s", blob,
			    ar.error_string(a));
			goto out;
		}
		name = ar.entry_pathname(e);
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
		ar.entry_copy_pathname(e, full);
		link = ar.entry_hardlink(e);
		if (link != NULL) {
			if (imagelayer_clean(link, lrel, sizeof(lrel), err) < 0 ||
			    imagelayer_no_symlinks(dir, lrel, link, err) < 0)
				goto out;
			r = snprintf(lfull, sizeof(lfull), "%s/%s", dir, lrel);
			if (r < 0 || (size_t)r >= sizeof(lfull)) {
				err_set(err, ERR_BAD_REQUEST, "path too long");
				goto out;
			}
			ar.entry_copy_hardlink(e, lfull);
		}
		r = ar.read_extract2(a, e, w);
		if (r < ARCHIVE_WARN) {
			err_set(err, ERR_BAD_REQUEST, "layer %s: %s: %s", blob,
			    name, ar.error_string(w) ?
			    ar.error_string(w) : ar.error_string(a));
			goto out;
		}
	}
	if (ar.write_close(w) < ARCHIVE_WARN) {
		err_set(err, ERR_INTERNAL, "layer %s: %s", blob,
		    ar.error_string(w));
		goto out;
	}
	ret = 0;
out:
	if (a)
		ar.read_free(a);
	if (w)
		ar.write_free(w);
	return ret;
}
