/* config.c - kubec describe for ConfigMaps and Secrets (the sizes of a
 * Secret's values, never the values). */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

void
describe_configmap(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *data = json_object_get(obj, "data"),
	    *bin = json_object_get(obj, "binaryData");
	const char **keys;
	size_t n, i;

	describe_meta(b, obj, 1);
	buf_adds(b, "\nData\n====\n");
	keys = print_keys(data, &n);
	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s:\n----\n%s\n\n", keys[i],
		    describe_s(data, keys[i]));
	free(keys);
	buf_adds(b, "\nBinaryData\n====\n");
	keys = print_keys(bin, &n);
	for (i = 0; keys != NULL && i < n; i++)
		buf_addf(b, "%s: %zu bytes\n", keys[i], (strlen(describe_s(bin,
		    keys[i])) / 4) * 3);
	free(keys);
	buf_adds(b, "\n");
	describe_events(c, obj, b);
}

void
describe_secret(struct cli *c, const json_t *obj, struct buf *b)
{
	const json_t *data = json_object_get(obj, "data");
	const char **keys;
	size_t n, i;

	describe_meta(b, obj, 1);
	buf_addf(b, "\nType:\t%s\n\nData\n====\n", describe_s(obj, "type"));
	keys = print_keys(data, &n);
	for (i = 0; keys != NULL && i < n; i++) {
		const char *v = describe_s(data, keys[i]);
		size_t len = strlen(v), pad = len >= 2 && v[len - 1] == '=' ?
		    (v[len - 2] == '=' ? 2 : 1) : 0;

		buf_addf(b, "%s:\t%zu bytes\n", keys[i], len / 4 * 3 - pad);
	}
	free(keys);
}
