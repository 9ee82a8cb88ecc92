/* manifest.c - the objects of -f: a YAML or JSON file, standard input
 * ("-"), or a directory's .yaml, .yml and .json files in name order (-R:
 * its subdirectories too), multi-document streams and Lists taken apart
 * into their objects, as kubectl's resource builder reads them. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/file.h"
#include "../lib/yaml.h"
#include "console.h"

#define MANIFEST_MAX	((size_t)64 << 20)

static int
manifest_add(json_t *docs, const char *source, json_t *obj)
{
	const char *kind = json_string_value(json_object_get(obj, "kind"));
	json_t *items = json_object_get(obj, "items");
	size_t n = kind ? strlen(kind) : 0;

	if (json_is_null(obj))
		return 0;
	if (n >= 4 && strcmp(kind + n - 4, "List") == 0 &&
	    json_is_array(items)) {
		size_t i;
		json_t *it;

		json_array_foreach(items, i, it)
			json_array_append_new(docs, json_pack("{s:s, s:O}",
			    "source", source, "object", it));
		return 0;
	}
	return json_array_append_new(docs, json_pack("{s:s, s:O}", "source",
	    source, "object", obj));
}

static int
manifest_text(const char *source, const struct buf *b, json_t *docs,
    struct err *err)
{
	json_t *all = NULL, *d;
	size_t i;

	if (yaml_parse_all(b->data ? b->data : "", b->len, &all, err) < 0) {
		err_wrap(err, "error parsing %s", source);
		err->reason = ERR_NONE;
		return -1;
	}
	json_array_foreach(all, i, d)
		manifest_add(docs, source, d);
	json_decref(all);
	return 0;
}

static int
manifest_stdin(json_t *docs, struct err *err)
{
	struct buf b = BUF_INIT(MANIFEST_MAX);
	char chunk[65536];
	size_t n;
	int ret;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		if (buf_add(&b, chunk, n) < 0) {
			buf_release(&b);
			return err_set(err, ERR_NONE, "standard input is "
			    "larger than %zu bytes", MANIFEST_MAX);
		}
	ret = manifest_text("STDIN", &b, docs, err);
	buf_release(&b);
	return ret;
}

static int
manifest_file(const char *path, json_t *docs, struct err *err)
{
	struct buf b = BUF_INIT(MANIFEST_MAX);
	int ret = file_read(path, &b, err);

	if (ret == 0)
		ret = manifest_text(path, &b, docs, err);
	else
		err->reason = ERR_NONE;
	buf_release(&b);
	return ret;
}

static int
manifest_wanted(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL && (strcmp(dot, ".yaml") == 0 ||
	    strcmp(dot, ".yml") == 0 || strcmp(dot, ".json") == 0);
}

static int
manifest_dir(const char *path, int recursive, int depth, json_t *docs,
    struct err *err)
{
	struct dirent **ents = NULL;
	int n = scandir(path, &ents, NULL, alphasort), ret = 0;

	if (n < 0)
		return err_set(err, ERR_NONE, "%s: %s", path, strerror(errno));
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char sub[4096];
		struct stat st;

		if (ret == 0 && name[0] != '.' && snprintf(sub, sizeof sub,
		    "%s/%s", path, name) < (int)sizeof sub &&
		    stat(sub, &st) == 0) {
			if (S_ISDIR(st.st_mode) && recursive && depth < 32)
				ret = manifest_dir(sub, recursive, depth + 1,
				    docs, err);
			else if (S_ISREG(st.st_mode) && manifest_wanted(name))
				ret = manifest_file(sub, docs, err);
		}
		free(ents[i]);
	}
	free(ents);
	return ret;
}

int
manifests_read(const char *path, int recursive, json_t *docs,
    struct err *err)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return manifest_stdin(docs, err);
	if (stat(path, &st) < 0)
		return err_set(err, ERR_NONE, "the path \"%s\" does not exist",
		    path);
	if (S_ISDIR(st.st_mode))
		return manifest_dir(path, recursive, 0, docs, err);
	return manifest_file(path, docs, err);
}
