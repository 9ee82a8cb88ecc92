/* jsonkeys.h - the object keys of a JSON text, in document order, with
 * the paths and the duplicates that kube-apiserver's strict decoding
 * (sigs.k8s.io/json with DisallowDuplicateFields) sees.
 *
 * jansson keeps the last of two equal keys and says nothing; strict
 * decoding wants every repeated key, by path: field names joined by ".",
 * list items as "[i]", no leading dot ("metadata.name",
 * "spec.containers[0].image", "[1].op" under a top-level list).  Keys are
 * compared after their escapes are decoded.
 */
#ifndef KUBEC_JSONKEYS_H
#define KUBEC_JSONKEYS_H

#include <stddef.h>

#include "err.h"

#define JSONKEYS_MAX_DEPTH	128

/*
 * Called once per key: its path, the key itself, its depth (the number of
 * objects and lists around it: 1 at the top level) and whether the same
 * object had the key before.  A non-zero return stops the walk.
 */
typedef int jsonkeys_fn(void *arg, const char *path, const char *key,
    int depth, int dup);

/*
 * Walks the first JSON value of data.  0 when done (or stopped by fn),
 * -1 with err set when data is not JSON, nests deeper than
 * JSONKEYS_MAX_DEPTH or a path outgrows 64 KiB.
 */
int	jsonkeys_walk(const char *data, size_t len, jsonkeys_fn *fn, void *arg,
	    struct err *err);

#endif
