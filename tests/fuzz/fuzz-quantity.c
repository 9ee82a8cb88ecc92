/* fuzz-quantity.c - libFuzzer target for lib/quantity.c: whatever parses
 * must print, and the printed form must parse back to the same value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/quantity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct quantity q, r, sum;
	struct err err;
	char out[128], canon[8192];
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (quantity_parse(s, &q, &err) < 0)
		goto out;
	if (quantity_format(&q, out, sizeof out) < 0)
		abort();
	if (quantity_parse(out, &r, &err) < 0)
		abort();
	if (quantity_cmp(&q, &r) != 0)
		abort();
	/* in the same format the canonical form is a fixed point ("62.5Ki"
	 * prints "64000", which reads back as decimal SI and prints "64k") */
	r.format = q.format;
	if (quantity_format(&r, canon, sizeof canon) < 0 ||
	    strcmp(out, canon) != 0)
		abort();
	/* what Go prints parses back to the same value too */
	if (quantity_canonical(s, canon, sizeof canon, &err) >= 0) {
		if (quantity_parse(canon, &r, &err) < 0 ||
		    quantity_cmp(&q, &r) != 0)
			abort();
	}
	quantity_value(&q);
	quantity_milli(&q);
	sum = q;
	quantity_add(&sum, &r);
	quantity_sub(&sum, &r);
	quantity_format(&sum, out, sizeof out);
out:
	free(s);
	return 0;
}
