/* multimap.h - a map from a string to a set of strings, as the indexes of
 * client-go's informers: an owner's uid to its dependents' keys, a
 * namespace to the keys of the objects in it.  Keys and values are
 * copied.  Not locked: its owner serializes access.
 */
#ifndef KUBEC_MULTIMAP_H
#define KUBEC_MULTIMAP_H

#include <stddef.h>

#include "hmap.h"

struct multimap {
	struct hmap	 keys;		/* key -> struct hmap of values */
};

#define MULTIMAP_INIT { HMAP_INIT }

/* Adds value under key (once); -1 when out of memory. */
int	 multimap_add(struct multimap *m, const char *key, const char *value);
/* Takes value out from under key; a key left without values goes. */
void	 multimap_del(struct multimap *m, const char *key, const char *value);
int	 multimap_has(const struct multimap *m, const char *key,
	    const char *value);
/* How many values key has (0 when absent). */
size_t	 multimap_count(const struct multimap *m, const char *key);
/*
 * A copy of the values under key, in no particular order: a malloc'd
 * array of *n malloc'd strings (NULL and *n = 0 when none); free it with
 * multimap_free_values().
 */
char	**multimap_values(const struct multimap *m, const char *key, size_t *n);
void	 multimap_free_values(char **v, size_t n);
void	 multimap_release(struct multimap *m);

#endif
