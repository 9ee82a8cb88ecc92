/* mergepatch.c - JSON Merge Patch (RFC 7386): apply a patch, and compute the
 * patch that turns one document into another (see mergepatch.h). */
#include <stddef.h>

#include <jansson.h>

#include "err.h"
#include "mergepatch.h"

/* Merges patch into target (owned, may be NULL); returns a new tree. */
static json_t *
mergepatch_merge(json_t *target, const json_t *patch)
{
	const char *key;
	json_t *value, *sub;

	if (!json_is_object(patch)) {
		json_decref(target);
		return json_deep_copy(patch);
	}
	if (!json_is_object(target)) {
		json_decref(target);
		if ((target = json_object()) == NULL)
			return NULL;
	}
	json_object_foreach((json_t *)patch, key, value) {
		if (json_is_null(value)) {
			json_object_del(target, key);
			continue;
		}
		sub = json_object_get(target, key);
		json_incref(sub);
		sub = mergepatch_merge(sub, value);
		if (sub == NULL || json_object_set_new(target, key, sub) < 0) {
			json_decref(target);
			return NULL;
		}
	}
	return target;
}

json_t *
mergepatch_apply(const json_t *doc, const json_t *patch, struct err *err)
{
	json_t *out, *target = NULL;

	if (patch == NULL) {
		err_set(err, ERR_BAD_REQUEST, "merge patch is empty");
		return NULL;
	}
	if (doc != NULL && (target = json_deep_copy(doc)) == NULL)
		goto fail;
	if ((out = mergepatch_merge(target, patch)) == NULL)
		goto fail;
	return out;
fail:
	err_set(err, ERR_INTERNAL, "out of memory applying merge patch");
	return NULL;
}

json_t *
mergepatch_diff(const json_t *from, const json_t *to)
{
	const char *key;
	json_t *patch, *fv, *tv, *sub;

	if (to == NULL)
		return json_object();
	if (!json_is_object(from) || !json_is_object(to)) {
		if (from != NULL && json_equal((json_t *)from, (json_t *)to))
			return json_object();
		return json_deep_copy(to);
	}
	if ((patch = json_object()) == NULL)
		return NULL;
	json_object_foreach((json_t *)from, key, fv) {
		if (json_object_get(to, key) == NULL &&
		    json_object_set_new(patch, key, json_null()) < 0)
			goto fail;
	}
	json_object_foreach((json_t *)to, key, tv) {
		fv = json_object_get(from, key);
		if (fv != NULL && json_equal(fv, tv))
			continue;
		if (fv != NULL && json_is_object(fv) && json_is_object(tv))
			sub = mergepatch_diff(fv, tv);
		else
			sub = json_deep_copy(tv);
		if (sub == NULL || json_object_set_new(patch, key, sub) < 0)
			goto fail;
	}
	return patch;
fail:
	json_decref(patch);
	return NULL;
}
