/* imagestore.c - the agent's content-addressed image store: verified
 * blobs, layers unpacked once each, one record per reference, pulls
 * (once per reference at a time) by pull policy, overlayfs rootfs mounts,
 * the list of images and their garbage collection. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/crypto.h>

#include "../lib/file.h"
#include "image.h"

#define IMAGE_MANIFEST_MAX	((size_t)4 << 20)

#define MT_DOCKER_MANIFEST "application/vnd.docker.distribution.manifest.v2+json"
#define MT_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"
#define MT_OCI_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MT_OCI_INDEX "application/vnd.oci.image.index.v1+json"

struct imagestore_pull {
	char	ref[768];
	struct imagestore_pull *next;
};

struct imagestore {
	char		*dir;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct imagestore_pull *pulls;	/* references being pulled */
	pthread_rwlock_t gc;		/* shared: pulls; exclusive: GC */
	unsigned long	 seq;		/* temporary names */
};

const char *
imagestore_dir(const struct imagestore *s)
{
	return s->dir;
}

void
imagestore_busy(struct imagestore *s, int busy)
{
	if (busy)
		pthread_rwlock_rdlock(&s->gc);
	else
		pthread_rwlock_unlock(&s->gc);
}

void
imagestore_blob_path(const struct imagestore *s, const char *digest,
    char *out)
{
	snprintf(out, PATH_MAX, "%s/blobs/sha256/%s", s->dir, digest + 7);
}

static void
imagestore_layer_path(const struct imagestore *s, const char *digest,
    char *out)
{
	snprintf(out, PATH_MAX, "%s/layers/%s", s->dir, digest + 7);
}

/* A fresh name under DIR/tmp (or DIR/layers for layers being unpacked). */
static void
imagestore_tmp_path(struct imagestore *s, const char *sub, char *out)
{
	unsigned long n;

	pthread_mutex_lock(&s->mu);
	n = ++s->seq;
	pthread_mutex_unlock(&s->mu);
	snprintf(out, PATH_MAX, "%s/%s/.tmp-%ld-%lu", s->dir, sub,
	    (long)getpid(), n);
}

static void
imagestore_record_path(const struct imagestore *s, const char *name,
    char *out)
{
	char d[80];

	image_digest_bytes(name, strlen(name), d);
	snprintf(out, PATH_MAX, "%s/images/%s.json", s->dir, d + 7);
}

struct imagestore *
imagestore_open(const char *dir, struct err *err)
{
	static const char *const subs[] = { "", "/blobs", "/blobs/sha256",
	    "/layers", "/images", "/tmp" };
	struct imagestore *s;
	char path[PATH_MAX], real[PATH_MAX];
	size_t i;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		err_set(err, ERR_INTERNAL, "mkdir %s: %s", dir,
		    strerror(errno));
		return NULL;
	}
	/* no symlink in the path: layers are unpacked refusing them */
	if (realpath(dir, real) == NULL) {
		err_set(err, ERR_INTERNAL, "realpath %s: %s", dir,
		    strerror(errno));
		return NULL;
	}
	if (strpbrk(real, ":,") != NULL) {
		err_set(err, ERR_BAD_REQUEST, "image store %s: overlayfs "
		    "cannot take a path with ':' or ','", real);
		return NULL;
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", real, subs[i]);
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			err_set(err, ERR_INTERNAL, "mkdir %s: %s", path,
			    strerror(errno));
			return NULL;
		}
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL || (s->dir = strdup(real)) == NULL) {
		free(s);
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	pthread_rwlock_init(&s->gc, NULL);
	return s;
}

void
imagestore_close(struct imagestore *s)
{
	if (s == NULL)
		return;
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	pthread_rwlock_destroy(&s->gc);
	free(s->dir);
	free(s);
}

void
image_info_release(struct image_info *info)
{
	size_t i;

	for (i = 0; i < info->nlayers; i++)
		free(info->layers[i]);
	free(info->layers);
	json_decref(info->config);
	memset(info, 0, sizeof(*info));
}

static int
imagestore_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int
imagestore_put_blob(struct imagestore *s, const char *src,
    const char *digest, struct err *err)
{
	char dst[PATH_MAX], tmp[PATH_MAX], got[80], buf[65536];
	gnutls_hash_hd_t h;
	unsigned char md[32];
	int in = -1, out = -1, ret = -1, i, hashed = 0;
	ssize_t n;

	if (!image_digest_valid(digest))
		return err_set(err, ERR_BAD_REQUEST, "unsupported digest "
		    "\"%s\"", digest);
	imagestore_blob_path(s, digest, dst);
	if (imagestore_exists(dst))
		return 0;
	imagestore_tmp_path(s, "tmp", tmp);
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		err_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_INTERNAL,
		    "open %s: %s", src, strerror(errno));
		goto out;
	}
	out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0 || gnutls_hash_init(&h, GNUTLS_DIG_SHA256) < 0) {
		err_set(err, ERR_INTERNAL, "open %s: %s", tmp, strerror(errno));
		goto out;
	}
	hashed = 1;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		gnutls_hash(h, buf, (size_t)n);
		if (write(out, buf, (size_t)n) != n) {
			err_set(err, ERR_INTERNAL, "write %s: %s", tmp,
			    strerror(errno));
			goto out;
		}
	}
	if (n < 0) {
		err_set(err, ERR_INTERNAL, "read %s: %s", src, strerror(errno));
		goto out;
	}
	gnutls_hash_deinit(h, md);
	hashed = 0;
	memcpy(got, "sha256:", 7);
	for (i = 0; i < 32; i++)
		sprintf(got + 7 + 2 * i, "%02x", md[i]);
	if (strcmp(got, digest) != 0) {
		err_set(err, ERR_BAD_REQUEST, "%s: digest mismatch: sha256 is "
		    "%s, not %s", src, got, digest);
		goto out;
	}
	if (fsync(out) < 0 || rename(tmp, dst) < 0) {
		err_set(err, ERR_INTERNAL, "storing %s: %s", dst,
		    strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (hashed)
		gnutls_hash_deinit(h, NULL);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (ret < 0)
		unlink(tmp);
	return ret;
}

/* Stores bytes (a manifest or index) as their blob. */
static int
imagestore_put_bytes(struct imagestore *s, const struct buf *b,
    const char *digest, struct err *err)
{
	char dst[PATH_MAX];

	imagestore_blob_path(s, digest, dst);
	if (imagestore_exists(dst))
		return 0;
	return file_write_atomic(dst, buf_str(b), b->len, 0600, err);
}

static json_t *
imagestore_load_blob(struct imagestore *s, const char *digest,
    struct err *err)
{
	char path[PATH_MAX];
	json_error_t je;
	json_t *j;

	if (!image_digest_valid(digest)) {
		err_set(err, ERR_BAD_REQUEST, "unsupported digest \"%s\"",
		    digest);
		return NULL;
	}
	imagestore_blob_path(s, digest, path);
	j = json_load_file(path, 0, &je);
	if (!json_is_object(j)) {
		json_decref(j);
		err_set(err, ERR_BAD_REQUEST, "blob %s: not a JSON object: %s",
		    digest, je.text);
		return NULL;
	}
	return j;
}

int
imagestore_index_select(const json_t *index, char *digest, struct err *err)
{
	json_t *m, *p;
	size_t i;
	const char *os, *arch, *d;

	json_array_foreach(json_object_get(index, "manifests"), i, m) {
		p = json_object_get(m, "platform");
		os = json_string_value(json_object_get(p, "os"));
		arch = json_string_value(json_object_get(p, "architecture"));
		d = json_string_value(json_object_get(m, "digest"));
		if (os && arch && d && strcmp(os, "linux") == 0 &&
		    strcmp(arch, "amd64") == 0 && image_digest_valid(d)) {
			snprintf(digest, 80, "%s", d);
			return 0;
		}
	}
	return err_set(err, ERR_NOT_FOUND, "no match for platform in "
	    "manifest: linux/amd64 not found");
}

/* Unpacks the layer blob digest into DIR/layers/<hex> unless done. */
static int
imagestore_layer_ensure(struct imagestore *s, const char *digest,
    struct err *err)
{
	char dst[PATH_MAX], tmp[PATH_MAX], blob[PATH_MAX];

	imagestore_layer_path(s, digest, dst);
	if (imagestore_exists(dst))
		return 0;
	imagestore_blob_path(s, digest, blob);
	imagestore_tmp_path(s, "layers", tmp);
	if (mkdir(tmp, 0755) < 0)
		return err_set(err, ERR_INTERNAL, "mkdir %s: %s", tmp,
		    strerror(errno));
	if (image_layer_unpack(blob, tmp, err) < 0) {
		struct err e2;

		err_wrap(err, "unpacking layer %s", digest);
		image_layer_remove(tmp, &e2);
		return -1;
	}
	if (rename(tmp, dst) < 0) {
		int e = errno;
		struct err e2;

		image_layer_remove(tmp, &e2);
		/* another pull of another reference unpacked it first */
		if ((e == EEXIST || e == ENOTEMPTY) && imagestore_exists(dst))
			return 0;
		return err_set(err, ERR_INTERNAL, "rename %s: %s", dst,
		    strerror(e));
	}
	return 0;
}

/* Fills info from a record (the JSON of DIR/images/<hex>.json). */
static int
imagestore_info_from(struct imagestore *s, const json_t *rec,
    struct image_info *info, struct err *err)
{
	json_t *layers = json_object_get(rec, "layers"), *l;
	const char *ref = json_string_value(json_object_get(rec, "ref"));
	const char *id = json_string_value(json_object_get(rec, "id"));
	const char *dref = json_string_value(json_object_get(rec, "digestRef"));
	char path[PATH_MAX];
	size_t i;

	memset(info, 0, sizeof(*info));
	if (!ref || !id || !dref || !json_is_array(layers))
		return err_set(err, ERR_INTERNAL, "bad image record");
	snprintf(info->ref, sizeof(info->ref), "%s", ref);
	snprintf(info->id, sizeof(info->id), "%s", id);
	snprintf(info->digest_ref, sizeof(info->digest_ref), "%s", dref);
	info->size = json_integer_value(json_object_get(rec, "size"));
	info->config = json_object_get(rec, "config");
	info->config = json_is_object(info->config) ?
	    json_deep_copy(info->config) : json_object();
	info->layers = calloc(json_array_size(layers) + 1, sizeof(char *));
	if (info->layers == NULL || info->config == NULL)
		goto oom;
	json_array_foreach(layers, i, l) {
		const char *d = json_string_value(l);

		if (d == NULL || !image_digest_valid(d)) {
			image_info_release(info);
			return err_set(err, ERR_INTERNAL, "bad image record");
		}
		imagestore_layer_path(s, d, path);
		if ((info->layers[info->nlayers] = strdup(path)) == NULL)
			goto oom;
		info->nlayers++;
	}
	return 0;
oom:
	image_info_release(info);
	return err_set(err, ERR_INTERNAL, "out of memory");
}

int
imagestore_record(struct imagestore *s, const char *ref,
    const char *manifest_digest, const char *index_digest,
    struct image_info *out, struct err *err)
{
	json_t *man = NULL, *cfg = NULL, *rec = NULL, *layers, *l, *jc;
	struct image_ref r;
	char path[PATH_MAX], name[768], dref[600];
	const char *cd, *ld;
	long long size = 0;
	char *text = NULL;
	size_t i;
	int ret = -1;

	if (image_ref_parse(ref, &r, err) < 0)
		return -1;
	image_ref_name(&r, name, sizeof(name));
	snprintf(dref, sizeof(dref), "%s/%s@%s", r.domain, r.repo,
	    manifest_digest);
	if ((man = imagestore_load_blob(s, manifest_digest, err)) == NULL)
		goto out;
	jc = json_object_get(man, "config");
	cd = json_string_value(json_object_get(jc, "digest"));
	layers = json_object_get(man, "layers");
	if (cd == NULL || !json_is_array(layers)) {
		err_set(err, ERR_BAD_REQUEST, "manifest %s has no config or "
		    "layers", manifest_digest);
		goto out;
	}
	if ((cfg = imagestore_load_blob(s, cd, err)) == NULL)
		goto out;
	size += json_integer_value(json_object_get(jc, "size"));
	rec = json_pack("{s:s, s:s, s:s, s:s, s:[]}", "ref", name,
	    "digestRef", dref, "manifest", manifest_digest, "id", cd,
	    "layers");
	if (rec == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	if (index_digest != NULL)
		json_object_set_new(rec, "index", json_string(index_digest));
	json_array_foreach(layers, i, l) {
		ld = json_string_value(json_object_get(l, "digest"));
		if (ld == NULL || !image_digest_valid(ld)) {
			err_set(err, ERR_BAD_REQUEST, "manifest %s: layer %zu "
			    "has no sha256 digest", manifest_digest, i);
			goto out;
		}
		if (imagestore_layer_ensure(s, ld, err) < 0)
			goto out;
		size += json_integer_value(json_object_get(l, "size"));
		json_array_append_new(json_object_get(rec, "layers"),
		    json_string(ld));
	}
	json_object_set_new(rec, "size", json_integer(size));
	jc = json_object_get(cfg, "config");
	json_object_set_new(rec, "config", json_is_object(jc) ?
	    json_deep_copy(jc) : json_object());
	text = json_dumps(rec, JSON_COMPACT);
	if (text == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	imagestore_record_path(s, name, path);
	if (file_write_atomic(path, text, strlen(text), 0600, err) < 0)
		goto out;
	ret = out ? imagestore_info_from(s, rec, out, err) : 0;
out:
	free(text);
	json_decref(man);
	json_decref(cfg);
	json_decref(rec);
	return ret;
}

/* Loads the record of the normalized name; ERR_NOT_FOUND if absent or if
 * one of its layer directories is gone. */
static int
imagestore_load_record(struct imagestore *s, const char *name,
    struct image_info *out, struct err *err)
{
	char path[PATH_MAX];
	json_t *rec;
	size_t i;
	int ret;

	imagestore_record_path(s, name, path);
	rec = json_load_file(path, 0, NULL);
	if (rec == NULL)
		return err_set(err, ERR_NOT_FOUND, "image \"%s\" not found",
		    name);
	ret = imagestore_info_from(s, rec, out, err);
	json_decref(rec);
	if (ret < 0)
		return -1;
	for (i = 0; i < out->nlayers; i++)
		if (!imagestore_exists(out->layers[i])) {
			image_info_release(out);
			return err_set(err, ERR_NOT_FOUND, "image \"%s\": "
			    "layer missing", name);
		}
	return 0;
}

int
image_lookup(struct imagestore *s, const char *ref, struct image_info *out,
    struct err *err)
{
	struct image_ref r;
	char name[768];

	if (image_ref_parse(ref, &r, err) < 0)
		return -1;
	image_ref_name(&r, name, sizeof(name));
	return imagestore_load_record(s, name, out, err);
}

/* Downloads the blob digest (of the given size) unless stored. */
static int
imagestore_fetch_blob(struct imagestore *s, struct image_client *c,
    const json_t *desc, struct err *err)
{
	const char *d = json_string_value(json_object_get(desc, "digest"));
	json_t *js = json_object_get(desc, "size");
	char dst[PATH_MAX], tmp[PATH_MAX];

	if (d == NULL || !image_digest_valid(d))
		return err_set(err, ERR_BAD_REQUEST, "a descriptor without "
		    "a sha256 digest");
	imagestore_blob_path(s, d, dst);
	if (imagestore_exists(dst))
		return 0;
	imagestore_tmp_path(s, "tmp", tmp);
	if (image_client_blob(c, d, json_is_integer(js) ?
	    json_integer_value(js) : -1, tmp, err) < 0)
		return -1;
	if (rename(tmp, dst) < 0) {
		unlink(tmp);
		return err_set(err, ERR_INTERNAL, "rename %s: %s", dst,
		    strerror(errno));
	}
	return 0;
}

/* Pulls r (named name) from its registry and records it. */
static int
imagestore_pull(struct imagestore *s, const struct image_ref *r,
    const char *name, const struct image_auth *auth, struct image_info *out,
    struct err *err)
{
	struct image_client *c;
	struct buf body = BUF_INIT(IMAGE_MANIFEST_MAX);
	char mt[128], digest[80], index[80] = "", want[80];
	json_t *j = NULL, *l;
	size_t i;
	int ret = -1;

	if ((c = image_client_new(r, auth, err)) == NULL)
		return -1;
	if (image_client_manifest(c, r->digest[0] ? r->digest : r->tag, &body,
	    mt, digest, err) < 0)
		goto out;
	if (strcmp(mt, MT_DOCKER_LIST) == 0 || strcmp(mt, MT_OCI_INDEX) == 0) {
		j = json_loadb(buf_str(&body), body.len, 0, NULL);
		if (imagestore_index_select(j, index, err) < 0 ||
		    imagestore_put_bytes(s, &body, digest, err) < 0)
			goto out;
		/* index: the platform's manifest; digest: the index's */
		snprintf(want, sizeof(want), "%s", index);
		snprintf(index, sizeof(index), "%s", digest);
		json_decref(j);
		j = NULL;
		buf_reset(&body);
		if (image_client_manifest(c, want, &body, mt, digest,
		    err) < 0)
			goto out;
	}
	if (strcmp(mt, MT_DOCKER_MANIFEST) != 0 &&
	    strcmp(mt, MT_OCI_MANIFEST) != 0) {
		err_set(err, ERR_BAD_REQUEST, "unsupported manifest media type "
		    "\"%s\"", mt);
		goto out;
	}
	j = json_loadb(buf_str(&body), body.len, 0, NULL);
	if (imagestore_fetch_blob(s, c, json_object_get(j, "config"),
	    err) < 0)
		goto out;
	json_array_foreach(json_object_get(j, "layers"), i, l)
		if (imagestore_fetch_blob(s, c, l, err) < 0)
			goto out;
	if (imagestore_put_bytes(s, &body, digest, err) < 0)
		goto out;
	ret = imagestore_record(s, name, digest, index[0] ? index : NULL, out,
	    err);
out:
	json_decref(j);
	buf_release(&body);
	image_client_free(c);
	return ret;
}

int
image_ensure(struct imagestore *s, const char *ref, const char *pull_policy,
    const struct image_auth *auth, struct image_info *out, struct err *err)
{
	struct imagestore_pull me, **pp;
	struct image_ref r;
	struct err e2;
	int waited = 0, present, ret;

	memset(out, 0, sizeof(*out));
	if (pull_policy == NULL || *pull_policy == '\0')
		pull_policy = "IfNotPresent";
	if (strcmp(pull_policy, "Always") != 0 &&
	    strcmp(pull_policy, "IfNotPresent") != 0 &&
	    strcmp(pull_policy, "Never") != 0)
		return err_set(err, ERR_BAD_REQUEST, "unknown pull policy "
		    "\"%s\"", pull_policy);
	if (image_ref_parse(ref, &r, err) < 0)
		return -1;
	memset(&me, 0, sizeof(me));
	image_ref_name(&r, me.ref, sizeof(me.ref));

	/* one pull per reference at a time; the others wait for it */
	pthread_mutex_lock(&s->mu);
	for (;;) {
		for (pp = &s->pulls; *pp; pp = &(*pp)->next)
			if (strcmp((*pp)->ref, me.ref) == 0)
				break;
		if (*pp == NULL)
			break;
		waited = 1;
		pthread_cond_wait(&s->cv, &s->mu);
	}
	me.next = s->pulls;
	s->pulls = &me;
	pthread_mutex_unlock(&s->mu);

	imagestore_busy(s, 1);
	present = imagestore_load_record(s, me.ref, out, &e2) == 0;
	if (strcmp(pull_policy, "Never") == 0) {
		ret = present ? 0 : err_set(err, ERR_NOT_FOUND, "Container "
		    "image \"%s\" is not present with pull policy of Never",
		    ref);
	} else if (present && (strcmp(pull_policy, "IfNotPresent") == 0 ||
	    waited || r.digest[0])) {
		/* Always: a pull that just ended, or a digest, is current */
		ret = 0;
	} else {
		if (present)
			image_info_release(out);
		ret = imagestore_pull(s, &r, me.ref, auth, out, err);
		if (ret < 0)
			err_wrap(err, "failed to pull and unpack image \"%s\"",
			    me.ref);
	}
	imagestore_busy(s, 0);

	pthread_mutex_lock(&s->mu);
	for (pp = &s->pulls; *pp != &me; pp = &(*pp)->next)
		;
	*pp = me.next;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return ret;
}

static int
imagestore_mkdir(const char *path, mode_t mode, struct err *err)
{
	if (mkdir(path, mode) < 0 && errno != EEXIST)
		return err_set(err, ERR_INTERNAL, "mkdir %s: %s", path,
		    strerror(errno));
	return 0;
}

int
image_rootfs_mount(struct imagestore *s, const struct image_info *img,
    const char *dir, struct err *err)
{
	char upper[PATH_MAX], work[PATH_MAX], rootfs[PATH_MAX];
	struct buf opts = BUF_INIT(4000);	/* the kernel's page limit */
	struct stat sd, sr;
	size_t i;
	int ret = -1;

	if (img->nlayers == 0)
		return err_set(err, ERR_BAD_REQUEST, "image %s has no layers",
		    img->ref);
	snprintf(upper, sizeof(upper), "%s/upper", dir);
	snprintf(work, sizeof(work), "%s/work", dir);
	snprintf(rootfs, sizeof(rootfs), "%s/rootfs", dir);
	if (file_mkdirs(dir, 0711, err) < 0 ||
	    imagestore_mkdir(upper, 0755, err) < 0 ||
	    imagestore_mkdir(work, 0700, err) < 0 ||
	    imagestore_mkdir(rootfs, 0755, err) < 0)
		goto out;
	if (stat(dir, &sd) == 0 && stat(rootfs, &sr) == 0 &&
	    sd.st_dev != sr.st_dev) {
		ret = 0;	/* mounted already (an agent restart) */
		goto out;
	}
	if (buf_adds(&opts, "lowerdir=") < 0)
		goto toolong;
	for (i = img->nlayers; i-- > 0;)
		if (buf_addf(&opts, "%s%s", img->layers[i], i ? ":" : "") < 0)
			goto toolong;
	if (buf_addf(&opts, ",upperdir=%s,workdir=%s", upper, work) < 0)
		goto toolong;
	if (mount("overlay", rootfs, "overlay", 0, buf_str(&opts)) < 0) {
		err_set(err, ERR_INTERNAL, "mount overlay on %s: %s", rootfs,
		    strerror(errno));
		goto out;
	}
	ret = 0;
	goto out;
toolong:
	err_set(err, ERR_BAD_REQUEST, "image %s: too many layers for one "
	    "overlay mount", img->ref);
out:
	buf_release(&opts);
	(void)s;
	return ret;
}

int
image_rootfs_umount(const char *dir, struct err *err)
{
	char rootfs[PATH_MAX];

	snprintf(rootfs, sizeof(rootfs), "%s/rootfs", dir);
	if (umount2(rootfs, 0) < 0 && errno != EINVAL && errno != ENOENT) {
		if (errno != EBUSY || umount2(rootfs, MNT_DETACH) < 0)
			return err_set(err, ERR_INTERNAL, "umount %s: %s",
			    rootfs, strerror(errno));
	}
	return image_layer_remove(dir, err);
}

/* Every record, as JSON objects in an array. */
static json_t *
imagestore_records(struct imagestore *s, struct err *err)
{
	char path[PATH_MAX];
	struct dirent *de;
	json_t *all = json_array(), *rec;
	DIR *d;

	snprintf(path, sizeof(path), "%s/images", s->dir);
	if (all == NULL || (d = opendir(path)) == NULL) {
		json_decref(all);
		err_set(err, ERR_INTERNAL, "opendir %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.' || n < 6 ||
		    strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/images/%s", s->dir,
		    de->d_name);
		rec = json_load_file(path, 0, NULL);
		if (json_is_object(rec)) {
			json_object_set_new(rec, "_file", json_string(path));
			json_array_append(all, rec);
		}
		json_decref(rec);
	}
	closedir(d);
	return all;
}

static int
imagestore_add_name(struct image_entry *e, const char *name)
{
	size_t i;
	char **nn;

	for (i = 0; i < e->nnames; i++)
		if (strcmp(e->names[i], name) == 0)
			return 0;
	nn = realloc(e->names, (e->nnames + 1) * sizeof(*nn));
	if (nn == NULL)
		return -1;
	e->names = nn;
	if ((nn[e->nnames] = strdup(name)) == NULL)
		return -1;
	e->nnames++;
	return 0;
}

int
image_list(struct imagestore *s, struct image_entry **out, size_t *n,
    struct err *err)
{
	struct image_entry *l = NULL, *nl;
	size_t cnt = 0, i, k;
	json_t *all, *rec;

	*out = NULL;
	*n = 0;
	imagestore_busy(s, 1);
	all = imagestore_records(s, err);
	imagestore_busy(s, 0);
	if (all == NULL)
		return -1;
	json_array_foreach(all, i, rec) {
		const char *id = json_string_value(json_object_get(rec, "id"));
		const char *ref = json_string_value(json_object_get(rec, "ref"));
		const char *dr = json_string_value(json_object_get(rec,
		    "digestRef"));

		if (!id || !ref || !dr)
			continue;
		for (k = 0; k < cnt; k++)
			if (strcmp(l[k].id, id) == 0)
				break;
		if (k == cnt) {
			nl = realloc(l, (cnt + 1) * sizeof(*l));
			if (nl == NULL)
				goto oom;
			l = nl;
			memset(&l[cnt], 0, sizeof(l[cnt]));
			snprintf(l[cnt].id, sizeof(l[cnt].id), "%s", id);
			l[cnt].size = json_integer_value(json_object_get(rec,
			    "size"));
			cnt++;
		}
		if (imagestore_add_name(&l[k], ref) < 0 ||
		    imagestore_add_name(&l[k], dr) < 0)
			goto oom;
	}
	json_decref(all);
	*out = l;
	*n = cnt;
	return 0;
oom:
	json_decref(all);
	image_list_free(l, cnt);
	return err_set(err, ERR_INTERNAL, "out of memory");
}

void
image_list_free(struct image_entry *l, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < l[i].nnames; k++)
			free(l[i].names[k]);
		free(l[i].names);
	}
	free(l);
}

/* Removes every entry of DIR/sub whose name is not the hex of a digest in
 * keep (an object used as a set). */
static int
imagestore_sweep(struct imagestore *s, const char *sub, const json_t *keep,
    struct err *err)
{
	char path[PATH_MAX], d[80];
	struct dirent *de;
	DIR *dh;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/%s", s->dir, sub);
	if ((dh = opendir(path)) == NULL)
		return err_set(err, ERR_INTERNAL, "opendir %s: %s", path,
		    strerror(errno));
	while ((de = readdir(dh)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(d, sizeof(d), "sha256:%.70s", de->d_name);
		if (keep != NULL && json_object_get(keep, d) != NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", s->dir, sub,
		    de->d_name);
		if (image_layer_remove(path, err) < 0)
			ret = -1;
	}
	closedir(dh);
	return ret;
}

int
image_gc(struct imagestore *s, const char *const *in_use_ids, size_t n,
    struct err *err)
{
	json_t *all, *rec, *keep = json_object(), *l;
	const char *id, *file;
	size_t i, k;
	int used, ret = -1;

	if (keep == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	pthread_rwlock_wrlock(&s->gc);
	if ((all = imagestore_records(s, err)) == NULL)
		goto out;
	json_array_foreach(all, i, rec) {
		id = json_string_value(json_object_get(rec, "id"));
		file = json_string_value(json_object_get(rec, "_file"));
		used = 0;
		for (k = 0; id && k < n; k++)
			if (strcmp(in_use_ids[k], id) == 0)
				used = 1;
		if (!used) {
			if (unlink(file) < 0 && errno != ENOENT) {
				err_set(err, ERR_INTERNAL, "unlink %s: %s",
				    file, strerror(errno));
				goto out;
			}
			continue;
		}
		json_object_set_new(keep, id, json_true());
		json_object_set_new(keep, json_string_value(json_object_get(rec,
		    "manifest")) ?: "-", json_true());
		if (json_string_value(json_object_get(rec, "index")))
			json_object_set_new(keep, json_string_value(
			    json_object_get(rec, "index")), json_true());
		json_array_foreach(json_object_get(rec, "layers"), k, l)
			if (json_string_value(l))
				json_object_set_new(keep, json_string_value(l),
				    json_true());
	}
	if (imagestore_sweep(s, "blobs/sha256", keep, err) < 0 ||
	    imagestore_sweep(s, "layers", keep, err) < 0 ||
	    imagestore_sweep(s, "tmp", NULL, err) < 0)
		goto out;
	ret = 0;
out:
	pthread_rwlock_unlock(&s->gc);
	json_decref(all);
	json_decref(keep);
	return ret;
}
