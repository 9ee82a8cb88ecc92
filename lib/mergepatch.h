/* mergepatch.h - JSON Merge Patch (RFC 7386): apply, and compute the patch
 * that turns one document into another. */
#ifndef KUBEC_MERGEPATCH_H
#define KUBEC_MERGEPATCH_H

#include <jansson.h>

#include "err.h"

/* A new tree: doc with patch merged in (null deletes).  doc may be NULL. */
json_t	*mergepatch_apply(const json_t *doc, const json_t *patch,
	    struct err *err);
/* The merge patch from `from` to `to` ({} when equal); new reference. */
json_t	*mergepatch_diff(const json_t *from, const json_t *to);

#endif
