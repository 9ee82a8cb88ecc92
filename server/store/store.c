/* store.c - picks a store backend and forwards to it (see store.h).
 *
 * etcd when etcd_servers is given, else SQLite in <data_dir>/state.db.
 * The forwarders only clear the caller's results so that a failing
 * backend never leaves them half filled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

struct store *
store_open(const char *data_dir, const char *etcd_servers, struct err *err)
{
	struct store *s;
	const struct store_ops *ops;
	char path[4096];
	const char *spec;

	if (etcd_servers != NULL && etcd_servers[0] != '\0') {
		ops = &store_etcd_ops;
		spec = etcd_servers;
	} else {
		if (data_dir == NULL || data_dir[0] == '\0') {
			err_set(err, ERR_INTERNAL, "store: no data directory");
			return NULL;
		}
		if ((size_t)snprintf(path, sizeof path, "%s/state.db",
		    data_dir) >= sizeof path) {
			err_set(err, ERR_INTERNAL, "store: data directory "
			    "path too long");
			return NULL;
		}
		ops = &store_sqlite_ops;
		spec = path;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	s->ops = ops;
	if (ops->open(s, spec, err) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	s->ops->close(s);
	free(s);
}

void
store_kv_release(struct store_kv *kv)
{
	if (kv == NULL)
		return;
	free(kv->key);
	free(kv->value);
	memset(kv, 0, sizeof *kv);
}

void
store_list_release(struct store_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		store_kv_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

int
store_get(struct store *s, const char *key, struct store_kv *out,
    struct err *err)
{
	memset(out, 0, sizeof *out);
	return s->ops->get(s, key, out, err);
}

int
store_list(struct store *s, const char *prefix, const char *start_after,
    int64_t rev, size_t limit, struct store_list *out, struct err *err)
{
	memset(out, 0, sizeof *out);
	return s->ops->list(s, prefix, start_after, rev, limit, out, err);
}

int
store_count(struct store *s, const char *prefix, int64_t *n, struct err *err)
{
	*n = 0;
	return s->ops->count(s, prefix, n, err);
}

int
store_create(struct store *s, const char *key, const char *value,
    size_t len, int64_t *rev, struct err *err)
{
	int64_t dummy;

	if (rev == NULL)
		rev = &dummy;
	*rev = 0;
	return s->ops->create(s, key, value, len, rev, err);
}

int
store_update(struct store *s, const char *key, const char *value,
    size_t len, int64_t expect_rev, int64_t *rev, struct err *err)
{
	int64_t dummy;

	if (rev == NULL)
		rev = &dummy;
	*rev = 0;
	return s->ops->update(s, key, value, len, expect_rev, rev, err);
}

int
store_delete(struct store *s, const char *key, int64_t expect_rev,
    struct store_kv *prev, int64_t *rev, struct err *err)
{
	int64_t dummy;

	if (rev == NULL)
		rev = &dummy;
	*rev = 0;
	if (prev != NULL)
		memset(prev, 0, sizeof *prev);
	return s->ops->delete(s, key, expect_rev, prev, rev, err);
}

int
store_watch(struct store *s, const char *prefix, int64_t after_rev,
    store_watch_fn *fn, void *arg, struct store_watch **w, struct err *err)
{
	*w = NULL;
	return s->ops->watch(s, prefix, after_rev, fn, arg, w, err);
}

void
store_unwatch(struct store *s, struct store_watch *w)
{
	if (w != NULL)
		s->ops->unwatch(s, w);
}

int
store_compact(struct store *s, int64_t rev, struct err *err)
{
	return s->ops->compact(s, rev, err);
}

int
store_revision(struct store *s, int64_t *rev, int64_t *compacted,
    struct err *err)
{
	int64_t r, c;

	if (rev == NULL)
		rev = &r;
	if (compacted == NULL)
		compacted = &c;
	*rev = *compacted = 0;
	return s->ops->revision(s, rev, compacted, err);
}
