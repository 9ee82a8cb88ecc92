/* multimap.c - a string to a set of strings, on two levels of hmap; see
 * multimap.h. */
#include <stdlib.h>
#include <string.h>

#include "multimap.h"

/* The set of one key: the key's own copy and its values. */
struct mm_set {
	char		*key;
	struct hmap	 values;	/* value -> its own copy */
};

static void
mm_set_free(struct mm_set *s)
{
	struct hmap_entry *e;
	size_t it;

	for (e = hmap_first(&s->values, &it); e != NULL;
	    e = hmap_next(&s->values, &it, e))
		free(e->value);
	hmap_release(&s->values);
	free(s->key);
	free(s);
}

int
multimap_add(struct multimap *m, const char *key, const char *value)
{
	struct mm_set *s = hmap_get(&m->keys, key);
	char *copy;
	int err = 0;

	if (s == NULL) {
		if ((s = calloc(1, sizeof *s)) == NULL ||
		    (s->key = strdup(key)) == NULL) {
			free(s);
			return -1;
		}
		hmap_put(&m->keys, s->key, s, &err);
		if (err) {
			mm_set_free(s);
			return -1;
		}
	}
	if (hmap_get(&s->values, value) != NULL)
		return 0;
	if ((copy = strdup(value)) == NULL)
		return -1;
	hmap_put(&s->values, copy, copy, &err);
	if (err) {
		free(copy);
		return -1;
	}
	return 0;
}

void
multimap_del(struct multimap *m, const char *key, const char *value)
{
	struct mm_set *s = hmap_get(&m->keys, key);

	if (s == NULL)
		return;
	free(hmap_del(&s->values, value));
	if (s->values.count == 0) {
		hmap_del(&m->keys, key);
		mm_set_free(s);
	}
}

int
multimap_has(const struct multimap *m, const char *key, const char *value)
{
	struct mm_set *s = hmap_get(&m->keys, key);

	return s != NULL && hmap_get(&s->values, value) != NULL;
}

size_t
multimap_count(const struct multimap *m, const char *key)
{
	struct mm_set *s = hmap_get(&m->keys, key);

	return s ? s->values.count : 0;
}

char **
multimap_values(const struct multimap *m, const char *key, size_t *n)
{
	struct mm_set *s = hmap_get(&m->keys, key);
	struct hmap_entry *e;
	char **v;
	size_t it;

	*n = 0;
	if (s == NULL || (v = calloc(s->values.count, sizeof *v)) == NULL)
		return NULL;
	for (e = hmap_first(&s->values, &it); e != NULL;
	    e = hmap_next(&s->values, &it, e))
		if ((v[*n] = strdup(e->key)) != NULL)
			(*n)++;
	return v;
}

void
multimap_free_values(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
multimap_release(struct multimap *m)
{
	struct hmap_entry *e;
	size_t it;

	for (e = hmap_first(&m->keys, &it); e != NULL;
	    e = hmap_next(&m->keys, &it, e))
		mm_set_free(e->value);
	hmap_release(&m->keys);
}
