/* hmap.c - string-keyed chained hash map (see hmap.h). */
#include <stdlib.h>
#include <string.h>

#include "hmap.h"

uint64_t
hmap_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static struct hmap_entry **
hmap_slot(const struct hmap *m, const char *key, uint64_t h)
{
	struct hmap_entry **pp;

	pp = &m->buckets[h & (m->nbuckets - 1)];
	while (*pp != NULL) {
		if ((*pp)->hash == h && strcmp((*pp)->key, key) == 0)
			break;
		pp = &(*pp)->next;
	}
	return pp;
}

void *
hmap_get(const struct hmap *m, const char *key)
{
	struct hmap_entry **pp;

	if (m->nbuckets == 0)
		return NULL;
	pp = hmap_slot(m, key, hmap_hash(key));
	return *pp ? (*pp)->value : NULL;
}

static int
hmap_grow(struct hmap *m)
{
	struct hmap_entry **nb, *e, *next;
	size_t n = m->nbuckets ? m->nbuckets * 2 : 16, i;

	nb = calloc(n, sizeof *nb);
	if (nb == NULL)
		return -1;
	for (i = 0; i < m->nbuckets; i++) {
		for (e = m->buckets[i]; e != NULL; e = next) {
			next = e->next;
			e->next = nb[e->hash & (n - 1)];
			nb[e->hash & (n - 1)] = e;
		}
	}
	free(m->buckets);
	m->buckets = nb;
	m->nbuckets = n;
	return 0;
}

void *
hmap_put(struct hmap *m, const char *key, void *value, int *err_out)
{
	struct hmap_entry **pp, *e;
	uint64_t h = hmap_hash(key);
	void *old;

	if (err_out != NULL)
		*err_out = 0;
	if (m->count >= m->nbuckets && hmap_grow(m) < 0 && m->nbuckets == 0)
		goto nomem;
	pp = hmap_slot(m, key, h);
	if (*pp != NULL) {
		old = (*pp)->value;
		(*pp)->key = key;
		(*pp)->value = value;
		return old;
	}
	e = malloc(sizeof *e);
	if (e == NULL)
		goto nomem;
	e->next = NULL;
	e->hash = h;
	e->key = key;
	e->value = value;
	*pp = e;
	m->count++;
	return NULL;
nomem:
	if (err_out != NULL)
		*err_out = -1;
	return NULL;
}

void *
hmap_del(struct hmap *m, const char *key)
{
	struct hmap_entry **pp, *e;
	void *v;

	if (m->nbuckets == 0)
		return NULL;
	pp = hmap_slot(m, key, hmap_hash(key));
	if ((e = *pp) == NULL)
		return NULL;
	*pp = e->next;
	v = e->value;
	free(e);
	m->count--;
	return v;
}

void
hmap_release(struct hmap *m)
{
	struct hmap_entry *e, *next;
	size_t i;

	for (i = 0; i < m->nbuckets; i++) {
		for (e = m->buckets[i]; e != NULL; e = next) {
			next = e->next;
			free(e);
		}
	}
	free(m->buckets);
	m->buckets = NULL;
	m->nbuckets = 0;
	m->count = 0;
}

struct hmap_entry *
hmap_first(const struct hmap *m, size_t *it)
{
	for (*it = 0; *it < m->nbuckets; (*it)++)
		if (m->buckets[*it] != NULL)
			return m->buckets[*it];
	return NULL;
}

struct hmap_entry *
hmap_next(const struct hmap *m, size_t *it, struct hmap_entry *e)
{
	if (e->next != NULL)
		return e->next;
	for ((*it)++; *it < m->nbuckets; (*it)++)
		if (m->buckets[*it] != NULL)
			return m->buckets[*it];
	return NULL;
}
