/* threeway.h - the object kubectl apply (client-side) makes of what was
 * applied last, what is applied now and what the server has.
 *
 * Given original (the last-applied-configuration, or NULL), modified
 * (what is applied now) and current (the live object), the result is
 * current with every field of modified set to modified's value and every
 * field that original had and modified no longer has removed; fields only
 * current has (defaults, status, other writers' fields) stay.  Lists with
 * a patch merge key (containers by name, ports by containerPort, ...) are
 * merged element by element the same way, primitive lists that merge
 * (finalizers) as sets; other lists are modified's.  The patch kubectl
 * would send is then the two-way strategic patch from current to the
 * result (smpatch_diff); {} means unchanged.
 */
#ifndef KUBEC_THREEWAY_H
#define KUBEC_THREEWAY_H

#include <jansson.h>

/* kind: "Deployment", ...; NULL or unknown: every list replaced. */
json_t	*threeway_merge(const json_t *original, const json_t *modified,
	    const json_t *current, const char *kind);

#endif
