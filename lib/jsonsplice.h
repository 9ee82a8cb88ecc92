/* jsonsplice.h - adding one member to an object inside a JSON text
 * without decoding and encoding the whole text again.
 *
 * The watch cache keeps each object's JSON with metadata.resourceVersion
 * set; the store holds it without (the revision is only known once the
 * write commits).  Splicing the member into the stored text costs a scan;
 * encoding the decoded tree again cost about a tenth of the server's time
 * on a create.
 */
#ifndef KUBEC_JSONSPLICE_H
#define KUBEC_JSONSPLICE_H

#include <stddef.h>

#include "buf.h"

/*
 * Writes to out the JSON text data with `"name":value` (value: a JSON
 * text, written as given) as the first member of the object that the
 * top-level object of data has under the key parent.  -1 (out unchanged)
 * when data is not such an object, parent is absent or not an object,
 * the object has name already, a key on the way is escaped, or out is
 * full; the caller then encodes the tree itself.
 */
int	jsonsplice_member(const char *data, size_t len, const char *parent,
	    const char *name, const char *value, struct buf *out);

/*
 * The same when the place is known: data is such a text (jsonenc_dup
 * wrote it and gave off, just after the object's '{'), without the
 * member.  -1 (out unchanged) when off is not after a '{' or out is
 * full.
 */
int	jsonsplice_at(const char *data, size_t len, size_t off,
	    const char *name, const char *value, struct buf *out);

#endif
