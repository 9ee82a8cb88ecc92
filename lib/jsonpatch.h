/* jsonpatch.h - JSON Patch (RFC 6902) and JSON Pointer (RFC 6901).
 *
 * add, remove, replace, move, copy and test, with "-" for the end of an
 * array.  The document is not changed: the result is a new tree.  A patch
 * that is not an array of operations is ERR_BAD_REQUEST; an operation that
 * cannot apply (missing path, failed test, index out of range) is
 * ERR_INVALID with a message like kube-apiserver's, e.g.
 *   the server rejected our request due to an error in our request
 * followed by the cause ("replace operation does not apply: doc is
 * missing path: /spec/x").
 */
#ifndef KUBEC_JSONPATCH_H
#define KUBEC_JSONPATCH_H

#include <jansson.h>

#include "err.h"

json_t	*jsonpatch_apply(const json_t *doc, const json_t *patch,
	    struct err *err);
/* The value at a JSON Pointer ("" = the whole document), borrowed; NULL
 * when absent or the pointer is malformed. */
json_t	*jsonpointer_get(const json_t *doc, const char *ptr);

#endif
