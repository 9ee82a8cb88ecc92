/* describe.c - kubec describe: objects in kubectl describe's layout
 * (Key:<tab>value lines aligned by Go's tabwriter, sections, the
 * object's Events), one describer per kind in describers[], kubectl's
 * generic describer (describe_generic) for the other kinds. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../describe/describe.h"

static const struct opt_def describe_opts[] = {
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "all-namespaces", 'A', 0, "With -l: in every namespace" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "show-events", 0, 0, "Show the object's events (default true)" },
	{ NULL, 0, 0, NULL }
};

static const struct {
	const char	*kind;
	describe_fn	*fn;
} describers[] = {
	{ "ClusterRole", describe_role },
	{ "ClusterRoleBinding", describe_rolebinding },
	{ "ConfigMap", describe_configmap },
	{ "CronJob", describe_cronjob },
	{ "DaemonSet", describe_daemonset },
	{ "Deployment", describe_deployment },
	{ "EndpointSlice", describe_endpointslice },
	{ "Endpoints", describe_endpoints },
	{ "Ingress", describe_ingress },
	{ "IngressClass", describe_ingressclass },
	{ "Job", describe_job },
	{ "LimitRange", describe_limitrange },
	{ "Namespace", describe_namespace },
	{ "Node", describe_node },
	{ "PersistentVolume", describe_persistentvolume },
	{ "PersistentVolumeClaim", describe_persistentvolumeclaim },
	{ "Pod", describe_pod },
	{ "PriorityClass", describe_priorityclass },
	{ "ReplicaSet", describe_replicaset },
	{ "ResourceQuota", describe_resourcequota },
	{ "Role", describe_role },
	{ "RoleBinding", describe_rolebinding },
	{ "Secret", describe_secret },
	{ "Service", describe_service },
	{ "ServiceAccount", describe_serviceaccount },
	{ "StatefulSet", describe_statefulset },
	{ "StorageClass", describe_storageclass },
};

/* The text aligned, ESC and CR shown as kubectl's PrefixWriter does
 * ("^[", "\\r") so an object cannot drive the terminal. */
static void
describe_print(struct cli *c, const struct buf *text)
{
	struct buf esc = BUF_INIT(1 << 23);

	for (const char *p = buf_str(text); *p != '\0'; p++)
		if (*p == '\x1b')
			buf_adds(&esc, "^[");
		else if (*p == '\r')
			buf_adds(&esc, "\\r");
		else
			buf_addc(&esc, *p);
	print_tabbed(c->out, buf_str(&esc), 2);
	buf_release(&esc);
}

static int
describe_exec(struct cli *c, int argc, char **argv)
{
	struct targets ts = { 0 };
	int rc, failed = 0, shown = 0;

	/* TYPE alone: every object of the type, as kubectl does */
	if (argc == 1 && strchr(argv[0], '/') == NULL &&
	    opt_str(&c->o, "selector") == NULL) {
		static const struct opt_def all = { "all", 0, 0, "" };

		if (c->o.n < OPTS_MAX) {
			c->o.def[c->o.n] = &all;
			c->o.val[c->o.n++] = "true";
		}
	}
	if ((rc = targets_collect(c, "describe", argc, argv, &ts)) != 0)
		goto out;
	if (ts.n == 0 && ts.listed)
		cli_eprintf(c, "No resources found in %s namespace.\n", c->ns);
	for (size_t i = 0; i < ts.n; i++) {
		struct target *t = &ts.t[i];
		struct buf path = BUF_INIT(8192), text = BUF_INIT(1 << 22);
		json_t *obj = NULL;
		struct err err;
		describe_fn *fn;
		size_t k;

		err_clear(&err);
		/* kubectl's generic describer for the kinds without one */
		fn = describe_generic;
		for (k = 0; k < sizeof describers / sizeof describers[0]; k++)
			if (strcmp(describers[k].kind, t->res->kind) == 0)
				fn = describers[k].fn;
		target_path(t, &path);
		if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
			json_t *list = NULL, *it;
			size_t j, found = 0;

			/* kubectl: a name not found is tried as a prefix */
			if (err.reason == ERR_NOT_FOUND && !ts.listed) {
				struct buf lp = BUF_INIT(8192);
				struct err e2;

				err_clear(&e2);
				res_path(t->res, t->ns, NULL, &lp);
				if (cli_get_json(c, buf_str(&lp), &list,
				    &e2) < 0)
					list = NULL;
				buf_release(&lp);
			}
			json_array_foreach(json_object_get(list, "items"), j,
			    it) {
				if (strncmp(describe_str(json_object_get(it,
				    "metadata"), "name") ?: "", t->name,
				    strlen(t->name)) != 0)
					continue;
				/* as kubectl's describeMatchingResources:
				 * each followed by a blank line */
				buf_reset(&text);
				fn(c, it, &text);
				describe_print(c, &text);
				fputc('\n', c->out);
				found++;
			}
			json_decref(list);
			if (found == 0)
				failed = cli_error(c, &err);
		} else {
			fn(c, obj, &text);
			if (shown++)
				fputs("\n\n", c->out);
			describe_print(c, &text);
		}
		json_decref(obj);
		buf_release(&path);
		buf_release(&text);
	}
out:
	targets_release(&ts);
	return rc ? rc : failed;
}

const struct cmd_entry cmd_describe_entry = {
	.name = "describe",
	.summary = "Show details of a specific resource or group of resources",
	.usage = "kubec describe (-f FILENAME | TYPE [NAME...] | TYPE/NAME | "
	    "TYPE -l label)",
	.opts = describe_opts,
	.exec = describe_exec,
};
