/* test-con-top.c - unit tests for kubec top's tables (cmd/top.c) from
 * PodMetricsList and NodeMetricsList items, as kubectl 1.32 top prints
 * them: every cell tab-ended in Go's tabwriter (minimum width 6, padding
 * 3, so the last column is padded too), millicores and MiB, pods summed
 * over their containers, sorting by name, namespace, cpu or memory, the
 * sum lines, the nodes' percentages and the nodes without metrics. */
#include <stdlib.h>
#include <string.h>

#include "../../console/console.h"
#include "test.h"

static const char *pods_json =
    "[{\"metadata\":{\"name\":\"web-2\",\"namespace\":\"default\"},"
    "\"containers\":[{\"name\":\"app\",\"usage\":{\"cpu\":\"1200m\","
    "\"memory\":\"100Mi\"}},{\"name\":\"sidecar\",\"usage\":{\"cpu\":\"1m\","
    "\"memory\":\"3500Ki\"}}]},"
    "{\"metadata\":{\"name\":\"dns\",\"namespace\":\"kube-system\"},"
    "\"containers\":[{\"name\":\"coredns\",\"usage\":{\"cpu\":\"3m\","
    "\"memory\":\"20Mi\"}}]},"
    "{\"metadata\":{\"name\":\"db\",\"namespace\":\"default\"},"
    "\"containers\":[{\"name\":\"postgres\",\"usage\":{\"cpu\":"
    "\"12345678n\",\"memory\":\"1Gi\"}}]}]";

static char *
t_pods(int containers, int with_ns, int no_headers, const char *sort,
    int sum)
{
	json_t *items = json_loads(pods_json, 0, NULL);
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	top_pod_table(f, items, containers, with_ns, no_headers, sort, sum);
	fclose(f);
	json_decref(items);
	return s;
}

static void
test_pods_by_name(void)
{
	char *s = t_pods(0, 0, 0, NULL, 0);

	/* 12345678n rounds up to 13m; 1200m + 1m; 100Mi + 3500Ki = 103Mi */
	CHECK_STR(s, "NAME    CPU(cores)   MEMORY(bytes)   \n"
	    "db      13m          1024Mi          \n"
	    "dns     3m           20Mi            \n"
	    "web-2   1201m        103Mi           \n");
	free(s);
}

static void
test_pods_all_namespaces_by_cpu(void)
{
	char *s = t_pods(0, 1, 0, "cpu", 0);

	CHECK_STR(s, "NAMESPACE     NAME    CPU(cores)   MEMORY(bytes)   \n"
	    "default       web-2   1201m        103Mi           \n"
	    "default       db      13m          1024Mi          \n"
	    "kube-system   dns     3m           20Mi            \n");
	free(s);
}

static void
test_pods_containers_sum(void)
{
	char *s = t_pods(1, 0, 0, "memory", 1);

	CHECK_STR(s, "POD     NAME       CPU(cores)   MEMORY(bytes)   \n"
	    "db      postgres   13m          1024Mi          \n"
	    "web-2   app        1200m        100Mi           \n"
	    "web-2   sidecar    1m           3Mi             \n"
	    "dns     coredns    3m           20Mi            \n"
	    "                   ________     ________        \n"
	    "                   1217m        1147Mi          \n");
	free(s);
}

static void
test_pods_no_headers_sum(void)
{
	/* without headers kubectl counts three columns for the sum lines */
	char *s = t_pods(0, 0, 1, NULL, 1);

	CHECK_STR(s, "db      13m        1024Mi     \n"
	    "dns     3m         20Mi       \n"
	    "web-2   1201m      103Mi      \n"
	    "        ________   ________   \n"
	    "        1217m      1147Mi     \n");
	free(s);
}

static void
test_pods_empty(void)
{
	json_t *items = json_array();
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	top_pod_table(f, items, 0, 0, 0, NULL, 0);
	fclose(f);
	CHECK_STR(s, "");
	free(s);
	json_decref(items);
}

static void
test_nodes(void)
{
	json_t *items = json_loads("[{\"metadata\":{\"name\":\"b\"},\"usage\":"
	    "{\"cpu\":\"1500m\",\"memory\":\"3Gi\"}},{\"metadata\":{\"name\":"
	    "\"a\"},\"usage\":{\"cpu\":\"250m\",\"memory\":\"512Mi\"}}]", 0,
	    NULL);
	json_t *alloc = json_loads("{\"a\":{\"cpu\":\"3800m\",\"memory\":"
	    "\"7Gi\"},\"b\":{\"cpu\":\"3800m\",\"memory\":\"7Gi\"},\"c\":"
	    "{\"cpu\":\"4\"}}", 0, NULL);
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	top_node_table(f, items, alloc, 0, "memory");
	fclose(f);
	/* 1500/3800 = 39.47 -> 39%; 3Gi/7Gi = 42.8 -> 42% */
	CHECK_STR(s, "NAME   CPU(cores)   CPU(%)      MEMORY(bytes)   "
	    "MEMORY(%)   \n"
	    "b      1500m        39%         3072Mi          42%         \n"
	    "a      250m         6%          512Mi           7%          \n"
	    "c      <unknown>    <unknown>   <unknown>       <unknown>   \n");
	free(s);
	json_decref(items);
	json_decref(alloc);
}

int
main(void)
{
	RUN(test_pods_by_name);
	RUN(test_pods_all_namespaces_by_cpu);
	RUN(test_pods_containers_sum);
	RUN(test_pods_no_headers_sum);
	RUN(test_pods_empty);
	RUN(test_nodes);
	return TEST_EXIT();
}
