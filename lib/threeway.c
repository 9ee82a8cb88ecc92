/* threeway.c - client-side apply's three-way merge; see threeway.h. */
#include <string.h>

#include "buf.h"
#include "smpatch.h"
#include "threeway.h"

static json_t	*tw_merge(const json_t *, const json_t *, const json_t *,
		    const char *, struct buf *);

/* The element of list whose key field equals v's, or NULL. */
static const json_t *
tw_find(const json_t *list, const char *key, const json_t *elem)
{
	const json_t *want = json_object_get(elem, key), *e;
	size_t i;

	if (want == NULL || !json_is_array(list))
		return NULL;
	json_array_foreach(list, i, e)
		if (json_equal(json_object_get(e, key), want))
			return e;
	return NULL;
}

static int
tw_has(const json_t *list, const json_t *v)
{
	const json_t *e;
	size_t i;

	if (!json_is_array(list))
		return 0;
	json_array_foreach(list, i, e)
		if (json_equal(e, v))
			return 1;
	return 0;
}

static json_t *
tw_list(const json_t *o, const json_t *m, const json_t *c, const char *kind,
    struct buf *path)
{
	const char *key = kind ? smpatch_merge_key(kind, buf_str(path)) : NULL;
	json_t *res = json_array(), *e;
	size_t i;

	if (key == NULL) {
		json_decref(res);
		return json_deep_copy(m);
	}
	if (key[0] == '\0') {
		/* a set: modified's, and what others added */
		json_array_foreach(m, i, e)
			json_array_append_new(res, json_deep_copy(e));
		json_array_foreach(c, i, e)
			if (!tw_has(m, e) && !tw_has(o, e))
				json_array_append_new(res, json_deep_copy(e));
		return res;
	}
	json_array_foreach(m, i, e) {
		const json_t *ce = json_is_object(e) ? tw_find(c, key, e) :
		    NULL;

		json_array_append_new(res, ce != NULL ? tw_merge(tw_find(o,
		    key, e), e, ce, kind, path) : json_deep_copy(e));
	}
	json_array_foreach(c, i, e)
		if (!json_is_object(e) || (tw_find(m, key, e) == NULL &&
		    tw_find(o, key, e) == NULL))
			json_array_append_new(res, json_deep_copy(e));
	return res;
}

static json_t *
tw_merge(const json_t *o, const json_t *m, const json_t *c, const char *kind,
    struct buf *path)
{
	const char *k;
	json_t *res, *v;

	if (json_is_array(m) && json_is_array(c))
		return tw_list(o, m, c, kind, path);
	if (!json_is_object(m) || !json_is_object(c))
		return json_deep_copy(m);
	res = json_deep_copy(c);
	json_object_foreach((json_t *)m, k, v) {
		size_t len = path->len;

		if (len > 0)
			buf_addc(path, '.');
		buf_adds(path, k);
		json_object_set_new(res, k, tw_merge(json_is_object(o) ?
		    json_object_get(o, k) : NULL, v, json_object_get(c, k),
		    kind, path));
		buf_truncate(path, len);
	}
	if (json_is_object(o))
		json_object_foreach((json_t *)o, k, v)
			if (json_object_get(m, k) == NULL)
				json_object_del(res, k);
	return res;
}

json_t *
threeway_merge(const json_t *original, const json_t *modified,
    const json_t *current, const char *kind)
{
	struct buf path = BUF_INIT(4096);
	json_t *res = tw_merge(original, modified, current, kind, &path);

	buf_release(&path);
	return res;
}
