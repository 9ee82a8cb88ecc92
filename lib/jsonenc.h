/* jsonenc.h - a jansson tree as compact JSON text, written into a buf.
 *
 * Byte for byte what json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)
 * writes (members in their order, strings escaped as jansson escapes
 * them), without what makes jansson's encoder slow on the server's hot
 * path: a loop check that formats a pointer and fills a hash table for
 * every object and array, and a callback per token.  Every object the
 * server stores, answers or sends to a watch goes through it.
 */
#ifndef KUBEC_JSONENC_H
#define KUBEC_JSONENC_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

#define JSONENC_MAX_DEPTH	512
#define JSONENC_DUP_CAP		((size_t)4 << 30)	/* jsonenc_dup: 4 GiB */

/*
 * Appends v's text to out.  -1 when out's cap is reached, v nests deeper
 * than JSONENC_MAX_DEPTH, or v holds a real that is not finite; out then
 * holds a part of the text (buf_truncate to undo).
 */
int	 jsonenc(const json_t *v, struct buf *out);

/* What jsonenc_dup does with the "metadata" object of a top-level
 * object (a Kubernetes object's). */
struct jsonenc_meta {
	const char	*skip;	/* in: a member of it left out, or NULL */
	size_t		 off;	/* out: the offset just after its '{' (where
				 * a first member goes); 0 when there is none */
};

/*
 * v's text in memory of its own (free it), as json_dumps: its length in
 * *len when len is not NULL.  NULL on the errors of jsonenc.  meta may
 * be NULL.
 */
char	*jsonenc_dup(const json_t *v, size_t *len, struct jsonenc_meta *meta);

#endif
