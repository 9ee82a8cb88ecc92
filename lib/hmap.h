/* hmap.h - a string-keyed hash map (chained, grows by doubling).
 * Keys are borrowed: the caller keeps them alive while they are in the map
 * (usually the key is a field of the value).
 */
#ifndef KUBEC_HMAP_H
#define KUBEC_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_entry {
	struct hmap_entry	*next;
	uint64_t		 hash;
	const char		*key;
	void			*value;
};

struct hmap {
	struct hmap_entry	**buckets;
	size_t			  nbuckets;	/* power of two */
	size_t			  count;
};

#define HMAP_INIT { NULL, 0, 0 }

uint64_t hmap_hash(const char *s);
void	*hmap_get(const struct hmap *m, const char *key);
/* Inserts or replaces; returns the old value (or NULL). -1 on ENOMEM is
 * reported through *err_out when not NULL. */
void	*hmap_put(struct hmap *m, const char *key, void *value, int *err_out);
void	*hmap_del(struct hmap *m, const char *key);
void	 hmap_release(struct hmap *m);
/* Iteration: for (e = hmap_first(m, &i); e; e = hmap_next(m, &i, e)) */
struct hmap_entry *hmap_first(const struct hmap *m, size_t *it);
struct hmap_entry *hmap_next(const struct hmap *m, size_t *it,
    struct hmap_entry *e);

#endif
