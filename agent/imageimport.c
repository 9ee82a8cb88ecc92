/* imageimport.c - images imported from an OCI image layout (a directory,
 * or a tar of one) for machines that cannot reach a registry. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image.h"

/* Stores the blob digest of the layout at dir. */
static int
imageimport_blob(struct imagestore *s, const char *dir, const char *digest,
    struct err *err)
{
	char src[PATH_MAX];

	if (digest == NULL || !image_digest_valid(digest))
		return err_set(err, ERR_BAD_REQUEST, "%s: a descriptor without "
		    "a sha256 digest", dir);
	snprintf(src, sizeof(src), "%s/blobs/sha256/%s", dir, digest + 7);
	return imagestore_put_blob(s, src, digest, err);
}

static json_t *
imageimport_json(struct imagestore *s, const char *digest, struct err *err)
{
	char path[PATH_MAX];
	json_error_t je;
	json_t *j;

	imagestore_blob_path(s, digest, path);
	j = json_load_file(path, 0, &je);
	if (!json_is_object(j)) {
		json_decref(j);
		err_set(err, ERR_BAD_REQUEST, "blob %s is not a JSON object: "
		    "%s", digest, je.text);
	}
	return j;
}

/* One entry of index.json registered as name. */
static int
imageimport_one(struct imagestore *s, const char *dir, const json_t *desc,
    const char *name, struct err *err)
{
	const char *d = json_string_value(json_object_get(desc, "digest"));
	char man[80], index[80] = "";
	json_t *j = NULL, *l;
	size_t i;
	int ret = -1;

	if (imageimport_blob(s, dir, d, err) < 0 ||
	    (j = imageimport_json(s, d, err)) == NULL)
		goto out;
	snprintf(man, sizeof(man), "%s", d);
	if (json_is_array(json_object_get(j, "manifests"))) {
		snprintf(index, sizeof(index), "%s", d);
		if (imagestore_index_select(j, man, err) < 0)
			goto out;
		json_decref(j);
		if (imageimport_blob(s, dir, man, err) < 0 ||
		    (j = imageimport_json(s, man, err)) == NULL)
			goto out;
	}
	if (imageimport_blob(s, dir, json_string_value(json_object_get(
	    json_object_get(j, "config"), "digest")), err) < 0)
		goto out;
	json_array_foreach(json_object_get(j, "layers"), i, l)
		if (imageimport_blob(s, dir, json_string_value(
		    json_object_get(l, "digest")), err) < 0)
			goto out;
	ret = imagestore_record(s, name, man, index[0] ? index : NULL, NULL,
	    err);
out:
	json_decref(j);
	return ret;
}

static int
imageimport_layout(struct imagestore *s, const char *dir, struct err *err)
{
	char path[PATH_MAX];
	json_t *idx = NULL, *m;
	json_error_t je;
	const char *name;
	size_t i;
	int count = 0;

	snprintf(path, sizeof(path), "%s/oci-layout", dir);
	if (access(path, R_OK) < 0)
		return err_set(err, ERR_BAD_REQUEST, "%s is not an OCI image "
		    "layout (no oci-layout file)", dir);
	snprintf(path, sizeof(path), "%s/index.json", dir);
	idx = json_load_file(path, 0, &je);
	if (!json_is_object(idx)) {
		json_decref(idx);
		return err_set(err, ERR_BAD_REQUEST, "%s: %s", path, je.text);
	}
	json_array_foreach(json_object_get(idx, "manifests"), i, m) {
		json_t *an = json_object_get(m, "annotations");

		name = json_string_value(json_object_get(an,
		    "io.containerd.image.name"));
		if (name == NULL)
			name = json_string_value(json_object_get(an,
			    "org.opencontainers.image.ref.name"));
		if (name == NULL)
			continue;
		if (strchr(name, '/') == NULL && strchr(name, ':') == NULL) {
			err_set(err, ERR_BAD_REQUEST, "%s: \"%s\" is a tag, not "
			    "an image reference (name the image as "
			    "\"repo:tag\")", path, name);
			count = -1;
			break;
		}
		if (imageimport_one(s, dir, m, name, err) < 0) {
			err_wrap(err, "importing \"%s\"", name);
			count = -1;
			break;
		}
		count++;
	}
	json_decref(idx);
	if (count == 0)
		return err_set(err, ERR_BAD_REQUEST, "%s: no image named by an "
		    "org.opencontainers.image.ref.name annotation", path);
	return count;
}

int
image_import(struct imagestore *s, const char *path, struct err *err)
{
	char tmp[PATH_MAX];
	struct stat st;
	struct err e2;
	int ret;

	if (stat(path, &st) < 0)
		return err_set(err, errno == ENOENT ? ERR_NOT_FOUND :
		    ERR_INTERNAL, "stat %s: %s", path, strerror(errno));
	imagestore_busy(s, 1);
	if (S_ISDIR(st.st_mode)) {
		ret = imageimport_layout(s, path, err);
		goto out;
	}
	snprintf(tmp, sizeof(tmp), "%s/tmp/import-XXXXXX", imagestore_dir(s));
	if (mkdtemp(tmp) == NULL) {
		ret = err_set(err, ERR_INTERNAL, "mkdtemp %s: %s", tmp,
		    strerror(errno));
		goto out;
	}
	ret = image_layer_unpack(path, tmp, err);
	if (ret == 0)
		ret = imageimport_layout(s, tmp, err);
	image_layer_remove(tmp, &e2);
out:
	imagestore_busy(s, 0);
	return ret;
}
