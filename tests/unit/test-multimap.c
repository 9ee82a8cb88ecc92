/* test-multimap.c - unit tests for lib/multimap.c. */
#include <stdlib.h>
#include <string.h>

#include "../../lib/multimap.h"
#include "test.h"

static int
has_value(char **v, size_t n, const char *want)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], want) == 0)
			return 1;
	return 0;
}

static void
test_multimap(void)
{
	struct multimap m = MULTIMAP_INIT;
	char **v;
	size_t n;

	CHECK_INT(multimap_add(&m, "owner-1", "ns/a"), 0);
	CHECK_INT(multimap_add(&m, "owner-1", "ns/b"), 0);
	CHECK_INT(multimap_add(&m, "owner-1", "ns/a"), 0);
	CHECK_INT(multimap_add(&m, "owner-2", "ns/a"), 0);
	CHECK_INT(multimap_count(&m, "owner-1"), 2);
	CHECK_INT(multimap_count(&m, "owner-2"), 1);
	CHECK_INT(multimap_count(&m, "nobody"), 0);
	CHECK(multimap_has(&m, "owner-1", "ns/b"));
	CHECK(!multimap_has(&m, "owner-2", "ns/b"));
	v = multimap_values(&m, "owner-1", &n);
	CHECK_INT(n, 2);
	CHECK(has_value(v, n, "ns/a") && has_value(v, n, "ns/b"));
	multimap_free_values(v, n);
	multimap_del(&m, "owner-1", "ns/a");
	multimap_del(&m, "owner-1", "ns/zzz");
	CHECK_INT(multimap_count(&m, "owner-1"), 1);
	multimap_del(&m, "owner-1", "ns/b");
	CHECK_INT(multimap_count(&m, "owner-1"), 0);
	CHECK_INT(m.keys.count, 1);	/* the empty set went */
	v = multimap_values(&m, "owner-1", &n);
	CHECK(v == NULL && n == 0);
	multimap_release(&m);
}

static void
test_many(void)
{
	struct multimap m = MULTIMAP_INIT;
	char k[32], val[32];
	int i, ok = 1;

	for (i = 0; i < 20000; i++) {
		snprintf(k, sizeof k, "k%d", i % 100);
		snprintf(val, sizeof val, "v%d", i);
		ok &= multimap_add(&m, k, val) == 0;
	}
	CHECK(ok);
	CHECK_INT(multimap_count(&m, "k7"), 200);
	for (i = 0; i < 20000; i += 2) {
		snprintf(k, sizeof k, "k%d", i % 100);
		snprintf(val, sizeof val, "v%d", i);
		multimap_del(&m, k, val);
	}
	CHECK_INT(multimap_count(&m, "k7"), 200);
	CHECK_INT(multimap_count(&m, "k8"), 0);
	CHECK_INT(m.keys.count, 50);
	multimap_release(&m);
}

int
main(void)
{
	RUN(test_multimap);
	RUN(test_many);
	return TEST_EXIT();
}
