/* fuzz-selector.c - libFuzzer target for lib/selector.c: label selectors
 * (string form, re-parsed from their canonical form, and the JSON form)
 * and field selectors. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/selector.h"

static void
fuzz_label(const char *s)
{
	struct selector *sel, *again;
	struct buf b = BUF_INIT(0), b2 = BUF_INIT(0);
	struct err err;
	json_t *labels;

	if (selector_parse(s, &sel, &err) < 0)
		return;
	selector_string(sel, &b);
	/* the canonical form parses to itself */
	if (selector_parse(buf_str(&b), &again, &err) < 0)
		abort();
	selector_string(again, &b2);
	if (strcmp(buf_str(&b), buf_str(&b2)) != 0)
		abort();
	labels = json_pack("{ss ss}", "a", "b", s, s);
	selector_matches(sel, labels);
	selector_matches(sel, NULL);
	json_decref(labels);
	selector_free(again);
	selector_free(sel);
	buf_release(&b);
	buf_release(&b2);
}

static void
fuzz_json(const char *s)
{
	struct selector *sel;
	json_t *js;

	if ((js = json_loads(s, JSON_DECODE_ANY, NULL)) == NULL)
		return;
	if (selector_from_json(js, &sel, NULL) == 0) {
		selector_matches(sel, js);
		selector_free(sel);
	}
	if (selector_from_map(js, &sel, NULL) == 0)
		selector_free(sel);
	json_decref(js);
}

static void
fuzz_field(const char *s)
{
	struct fieldsel *f, *again, *third;
	struct buf b = BUF_INIT(0), b2 = BUF_INIT(0), b3 = BUF_INIT(0);
	struct err err;
	json_t *obj;
	size_t i;

	if (fieldsel_parse(s, &f, &err) < 0)
		return;
	for (i = 0; fieldsel_field(f, i) != NULL; i++)
		;
	fieldsel_string(f, &b);
	if (fieldsel_parse(buf_str(&b), &again, &err) < 0)
		abort();
	/* terms print in the order of the input's sorted terms ("==" prints
	 * as "="), so only a printed form reprints itself */
	fieldsel_string(again, &b2);
	if (fieldsel_parse(buf_str(&b2), &third, &err) < 0)
		abort();
	fieldsel_string(third, &b3);
	if (strcmp(buf_str(&b2), buf_str(&b3)) != 0)
		abort();
	fieldsel_free(third);
	buf_release(&b3);
	obj = json_pack("{s{ss}s{si}}", "metadata", "name", s, "spec",
	    "replicas", 3);
	fieldsel_matches(f, obj);
	json_decref(obj);
	fieldsel_free(again);
	fieldsel_free(f);
	buf_release(&b);
	buf_release(&b2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size > 4096)
		return 0;
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	fuzz_label(s);
	fuzz_field(s);
	fuzz_json(s);
	free(s);
	return 0;
}
