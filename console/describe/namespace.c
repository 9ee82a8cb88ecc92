/* namespace.c - kubec describe for Namespaces: status, resource quotas
 * and limit ranges. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

void
describe_namespace(struct cli *c, const json_t *obj, struct buf *b)
{
	const char *name = describe_str(json_object_get(obj, "metadata"), "name");
	struct buf path = BUF_INIT(4096);
	json_t *quotas = NULL, *limits = NULL, *q;
	struct err err;
	size_t i;

	err_clear(&err);
	describe_meta(b, obj, 0);
	buf_addf(b, "Status:\t%s\n", describe_s(json_object_get(obj, "status"),
	    "phase"));
	buf_addf(&path, "/api/v1/namespaces/%s/resourcequotas", name ?: "");
	cli_get_json(c, buf_str(&path), &quotas, &err);
	if (json_array_size(json_object_get(quotas, "items")) == 0)
		buf_adds(b, "\nNo resource quota.\n");
	json_array_foreach(json_object_get(quotas, "items"), i, q) {
		const json_t *hard = json_object_get(json_object_get(q,
		    "status"), "hard"), *used = json_object_get(
		    json_object_get(q, "status"), "used");
		size_t n;
		const char **keys = print_keys(hard, &n);

		buf_addf(b, "\nResource Quotas\n  Name:\t%s\n  Resource\tUsed\t"
		    "Hard\n  --------\t---\t---\n", describe_s(
		    json_object_get(q, "metadata"), "name"));
		for (size_t k = 0; keys != NULL && k < n; k++)
			buf_addf(b, "  %s\t%s\t%s\n", keys[k],
			    describe_str(used, keys[k]) ?: "0",
			    describe_s(hard, keys[k]));
		free(keys);
	}
	buf_reset(&path);
	buf_addf(&path, "/api/v1/namespaces/%s/limitranges", name ?: "");
	err_clear(&err);
	cli_get_json(c, buf_str(&path), &limits, &err);
	if (json_array_size(json_object_get(limits, "items")) == 0)
		buf_adds(b, "\nNo LimitRange resource.\n");
	else
		buf_addf(b, "\nResource Limits\n (%zu LimitRange objects: "
		    "kubec get limitranges -o yaml)\n",
		    json_array_size(json_object_get(limits, "items")));
	json_decref(quotas);
	json_decref(limits);
	buf_release(&path);
}
