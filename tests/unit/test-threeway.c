/* test-threeway.c - unit tests for lib/threeway.c: client-side apply's
 * merge of the last-applied, the applied and the live object. */
#include <stdlib.h>

#include "../../lib/smpatch.h"
#include "../../lib/threeway.h"
#include "test.h"

/* The merge of three JSON texts, as compact sorted JSON. */
static char *
t_merge(const char *o, const char *m, const char *c, const char *kind)
{
	json_t *jo = o ? json_loads(o, 0, NULL) : NULL, *jm = json_loads(m, 0,
	    NULL), *jc = json_loads(c, 0, NULL), *r;
	char *s;

	r = threeway_merge(jo, jm, jc, kind);
	s = json_dumps(r, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(jo);
	json_decref(jm);
	json_decref(jc);
	json_decref(r);
	return s;
}

#define CHECK_MERGE(o, m, c, kind, want) do {				\
	char *got_ = t_merge(o, m, c, kind);				\
	CHECK_STR(got_, want);						\
	free(got_);							\
} while (0)

static void
test_maps(void)
{
	/* a field dropped from what is applied goes; others' stay */
	CHECK_MERGE("{\"data\":{\"a\":\"1\",\"b\":\"2\"}}",
	    "{\"data\":{\"a\":\"1\",\"c\":\"3\"}}",
	    "{\"data\":{\"a\":\"1\",\"b\":\"2\",\"x\":\"9\"},"
	    "\"metadata\":{\"uid\":\"u\"}}", "ConfigMap",
	    "{\"data\":{\"a\":\"1\",\"c\":\"3\",\"x\":\"9\"},"
	    "\"metadata\":{\"uid\":\"u\"}}");
	/* nothing applied before: nothing removed */
	CHECK_MERGE(NULL, "{\"data\":{\"a\":\"2\"}}",
	    "{\"data\":{\"a\":\"1\",\"b\":\"2\"}}", "ConfigMap",
	    "{\"data\":{\"a\":\"2\",\"b\":\"2\"}}");
	/* a map applied over a scalar, and a whole map removed */
	CHECK_MERGE("{\"spec\":{\"x\":{\"y\":1}}}", "{\"spec\":{\"z\":{}}}",
	    "{\"spec\":{\"x\":{\"y\":1},\"z\":3}}", NULL,
	    "{\"spec\":{\"z\":{}}}");
}

static void
test_keyed_lists(void)
{
	/* containers by name: the applied one changed, its env dropped,
	 * the server's default kept, another writer's sidecar kept */
	CHECK_MERGE("{\"spec\":{\"template\":{\"spec\":{\"containers\":["
	    "{\"name\":\"a\",\"image\":\"1\",\"env\":[{\"name\":\"E\"}]}]}}}}",
	    "{\"spec\":{\"template\":{\"spec\":{\"containers\":["
	    "{\"name\":\"a\",\"image\":\"2\"}]}}}}",
	    "{\"spec\":{\"template\":{\"spec\":{\"containers\":["
	    "{\"name\":\"a\",\"image\":\"1\",\"env\":[{\"name\":\"E\"}],"
	    "\"imagePullPolicy\":\"Always\"},{\"name\":\"side\"}]}}}}",
	    "Deployment",
	    "{\"spec\":{\"template\":{\"spec\":{\"containers\":["
	    "{\"image\":\"2\",\"imagePullPolicy\":\"Always\",\"name\":\"a\"},"
	    "{\"name\":\"side\"}]}}}}");
	/* an element applied before and no longer goes */
	CHECK_MERGE("{\"spec\":{\"containers\":[{\"name\":\"a\"},"
	    "{\"name\":\"b\"}]}}", "{\"spec\":{\"containers\":["
	    "{\"name\":\"a\"}]}}", "{\"spec\":{\"containers\":["
	    "{\"name\":\"a\",\"x\":1},{\"name\":\"b\"}]}}", "Pod",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"x\":1}]}}");
	/* ports by containerPort, an integer key */
	CHECK_MERGE(NULL, "{\"spec\":{\"containers\":[{\"name\":\"a\","
	    "\"ports\":[{\"containerPort\":80,\"name\":\"web\"}]}]}}",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":["
	    "{\"containerPort\":80,\"protocol\":\"TCP\"}]}]}}", "Pod",
	    "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":["
	    "{\"containerPort\":80,\"name\":\"web\",\"protocol\":\"TCP\"}]}]}}");
}

static void
test_other_lists(void)
{
	/* finalizers merge as a set */
	CHECK_MERGE("{\"metadata\":{\"finalizers\":[\"x\"]}}",
	    "{\"metadata\":{\"finalizers\":[\"y\"]}}",
	    "{\"metadata\":{\"finalizers\":[\"x\",\"z\"]}}", "ConfigMap",
	    "{\"metadata\":{\"finalizers\":[\"y\",\"z\"]}}");
	/* an atomic list (args) is what is applied */
	CHECK_MERGE(NULL, "{\"spec\":{\"containers\":[{\"name\":\"a\","
	    "\"args\":[\"2\"]}]}}", "{\"spec\":{\"containers\":[{\"name\":"
	    "\"a\",\"args\":[\"1\",\"3\"]}]}}", "Pod",
	    "{\"spec\":{\"containers\":[{\"args\":[\"2\"],\"name\":\"a\"}]}}");
	/* a kind without merge keys: every list replaced */
	CHECK_MERGE(NULL, "{\"spec\":{\"items\":[{\"name\":\"a\"}]}}",
	    "{\"spec\":{\"items\":[{\"name\":\"a\",\"x\":1},{\"name\":\"b\"}]}}",
	    "Widget", "{\"spec\":{\"items\":[{\"name\":\"a\"}]}}");
	CHECK_INT(smpatch_known_kind("Deployment"), 1);
	CHECK_INT(smpatch_known_kind("Widget"), 0);
}

int
main(void)
{
	RUN(test_maps);
	RUN(test_keyed_lists);
	RUN(test_other_lists);
	return TEST_EXIT();
}
