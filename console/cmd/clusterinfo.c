/* clusterinfo.c - kubec cluster-info: where the control plane and the
 * cluster's services (kube-system, labelled
 * kubernetes.io/cluster-service=true) are served; `dump`: the cluster's
 * state as JSON Lists, for a bug report. */
#include <string.h>

#include "../console.h"

static const struct opt_def clusterinfo_opts[] = {
	{ NULL, 0, 0, NULL }
};

/* cluster-info dump: nodes, then what kube-system and default hold. */
static int
clusterinfo_dump(struct cli *c)
{
	static const char *const types[] = { "events", "services",
	    "daemonsets.apps", "deployments.apps", "replicasets.apps",
	    "pods" };
	static const char *const nss[] = { "kube-system", "default" };
	struct err err;
	json_t *list = NULL;
	int rc = 0;

	err_clear(&err);
	if (cli_get_json(c, "/api/v1/nodes", &list, &err) < 0)
		return cli_error(c, &err);
	print_json(c->out, list);
	json_decref(list);
	for (size_t n = 0; n < 2; n++)
		for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
			const struct api_res *r = disco_find(c, types[t], &err);
			struct buf path = BUF_INIT(4096);

			if (r == NULL) {
				err_clear(&err);
				continue;
			}
			res_path(r, nss[n], NULL, &path);
			if (cli_get_json(c, buf_str(&path), &list, &err) < 0)
				rc = cli_error(c, &err);
			else
				print_json(c->out, list);
			json_decref(list);
			list = NULL;
			buf_release(&path);
		}
	return rc;
}

static int
clusterinfo_exec(struct cli *c, int argc, char **argv)
{
	json_t *svcs = NULL, *s;
	struct err err;
	size_t i;

	err_clear(&err);
	if (argc > 0 && strcmp(argv[0], "dump") == 0)
		return clusterinfo_dump(c);
	if (argc > 0)
		return cli_usage_error(c, "cluster-info", "unknown command "
		    "\"%s\"", argv[0]);
	/* the server answers, or this is an error as kubectl's */
	if (cli_get_json(c, "/api/v1/namespaces/kube-system/services?"
	    "labelSelector=kubernetes.io%2Fcluster-service%3Dtrue", &svcs,
	    &err) < 0)
		return cli_error(c, &err);
	fprintf(c->out, "Kubernetes control plane is running at %s\n",
	    c->t.server);
	json_array_foreach(json_object_get(svcs, "items"), i, s) {
		json_t *m = json_object_get(s, "metadata"),
		    *port = json_array_get(json_object_get(json_object_get(s,
		    "spec"), "ports"), 0);
		const char *name = json_string_value(json_object_get(m, "name")),
		    *shown = json_string_value(json_object_get(json_object_get(
		    m, "labels"), "kubernetes.io/name")),
		    *pname = json_string_value(json_object_get(port, "name"));

		if (pname != NULL)
			fprintf(c->out, "%s is running at %s/api/v1/namespaces/"
			    "kube-system/services/%s:%s/proxy\n", shown ? shown :
			    name, c->t.server, name, pname);
		else
			fprintf(c->out, "%s is running at %s/api/v1/namespaces/"
			    "kube-system/services/%s/proxy\n", shown ? shown :
			    name, c->t.server, name);
	}
	json_decref(svcs);
	fprintf(c->out, "\nTo further debug and diagnose cluster problems, use "
	    "'kubec cluster-info dump'.\n");
	return 0;
}

const struct cmd_entry cmd_clusterinfo_entry = {
	.name = "cluster-info",
	.summary = "Display cluster information",
	.usage = "kubec cluster-info [dump]",
	.opts = clusterinfo_opts,
	.exec = clusterinfo_exec,
};
