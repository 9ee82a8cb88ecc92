/* base64.h - base64 (RFC 4648) encoding and decoding, standard and URL
 * alphabets; decoding accepts both, with or without padding. */
#ifndef KUBEC_BASE64_H
#define KUBEC_BASE64_H

#include <stddef.h>

#include "buf.h"

int	base64_encode(const void *data, size_t len, int url, struct buf *out);
/* Decodes into out; -1 on a character outside the alphabet. */
int	base64_decode(const char *s, size_t len, struct buf *out);

#endif
