/* logs.c - kubec logs: a container's output through the API server
 * (pods/log), as kubectl logs prints it: one pod (or the first pod of a
 * workload, TYPE/NAME), the pods of -l, -c or the default container or
 * all of them, -f to follow, --tail, --since, --timestamps, -p. */
#include <stdlib.h>
#include <string.h>

#include "../console.h"

static const struct opt_def logs_opts[] = {
	{ "container", 'c', 1, "The container to print the logs of" },
	{ "follow", 'f', 0, "Stream the logs as they come" },
	{ "tail", 0, 1, "Lines of recent log to print (-1: all)" },
	{ "since", 0, 1, "Only logs newer than a duration: 5s, 2m, 3h" },
	{ "timestamps", 0, 0, "Start each line with its RFC 3339 time" },
	{ "previous", 'p', 0, "The logs of the container's previous run" },
	{ "all-containers", 0, 0, "The logs of every container of the pods" },
	{ "selector", 'l', 1, "The pods whose labels match" },
	{ "prefix", 0, 0, "Start each line with [pod/NAME/CONTAINER]" },
	{ "limit-bytes", 0, 1, "The most bytes of logs to print" },
	{ NULL, 0, 0, NULL }
};

struct logs_out {
	struct cli	*c;
	const char	*prefix;	/* NULL: none */
	int		 at_line_start;
};

static int
logs_write(void *arg, const char *data, size_t len)
{
	struct logs_out *lo = arg;

	for (size_t i = 0; i < len; i++) {
		if (lo->prefix != NULL && lo->at_line_start)
			fputs(lo->prefix, lo->c->out);
		fputc(data[i], lo->c->out);
		lo->at_line_start = data[i] == '\n';
	}
	fflush(lo->c->out);
	return 0;
}

/* One container's logs. */
static int
logs_one(struct cli *c, const char *ns, const char *pod, const char *ctr,
    int prefix)
{
	struct buf path = BUF_INIT(4096), pre = BUF_INIT(512);
	struct logs_out lo = { .c = c, .at_line_start = 1 };
	const char *v;
	struct err err;
	int rc;

	err_clear(&err);
	buf_addf(&path, "/api/v1/namespaces/%s/pods/%s/log?container=%s", ns,
	    pod, ctr);
	if (opt_bool(&c->o, "follow"))
		buf_adds(&path, "&follow=true");
	if ((v = opt_str(&c->o, "tail")) != NULL && atol(v) >= 0)
		buf_addf(&path, "&tailLines=%ld", atol(v));
	if ((v = opt_str(&c->o, "since")) != NULL)
		buf_addf(&path, "&sinceSeconds=%ld", cli_duration(v));
	if (opt_bool(&c->o, "timestamps"))
		buf_adds(&path, "&timestamps=true");
	if (opt_bool(&c->o, "previous"))
		buf_adds(&path, "&previous=true");
	if ((v = opt_str(&c->o, "limit-bytes")) != NULL)
		buf_addf(&path, "&limitBytes=%ld", atol(v));
	if (prefix) {
		buf_addf(&pre, "[pod/%s/%s] ", pod, ctr);
		lo.prefix = buf_str(&pre);
	}
	rc = rest_follow(c->rest, buf_str(&path), logs_write, &lo, NULL, &err);
	if (rc < 0)
		cli_error(c, &err);
	buf_release(&path);
	buf_release(&pre);
	return rc < 0 ? 1 : 0;
}

/* The containers of pod to print: -c, --all-containers, or the default
 * one (with kubectl's notice when there are several). */
static int
logs_pod(struct cli *c, const json_t *pod, int prefix)
{
	const json_t *spec = json_object_get(pod, "spec"), *ctr;
	const json_t *ctrs = json_object_get(spec, "containers");
	const json_t *meta = json_object_get(pod, "metadata");
	const char *name = json_string_value(json_object_get(meta, "name")),
	    *ns = json_string_value(json_object_get(meta, "namespace")),
	    *want = opt_str(&c->o, "container"), *def;
	int failed = 0;
	size_t i;

	if (opt_bool(&c->o, "all-containers")) {
		json_array_foreach(json_object_get(spec, "initContainers"), i,
		    ctr)
			failed |= logs_one(c, ns, name, json_string_value(
			    json_object_get(ctr, "name")), prefix);
		json_array_foreach(ctrs, i, ctr)
			failed |= logs_one(c, ns, name, json_string_value(
			    json_object_get(ctr, "name")), prefix);
		return failed;
	}
	if (want != NULL)
		return logs_one(c, ns, name, want, prefix);
	def = pods_container(c, pod, 0);
	return logs_one(c, ns, name, def ? def : "", prefix);
}

static int
logs_exec(struct cli *c, int argc, char **argv)
{
	const char *sel = opt_str(&c->o, "selector");
	json_t *obj = NULL, *list = NULL, *it;
	struct buf path = BUF_INIT(4096);
	struct err err;
	int rc = 0, prefix = opt_bool(&c->o, "prefix");
	size_t i;

	err_clear(&err);
	if (opt_str(&c->o, "since") != NULL &&
	    cli_duration(opt_str(&c->o, "since")) < 0)
		return cli_fail(c, "invalid argument \"%s\" for \"--since\" "
		    "flag: time: invalid duration \"%s\"",
		    opt_str(&c->o, "since"), opt_str(&c->o, "since"));
	if (sel != NULL) {
		if (argc > 0)
			return cli_fail(c, "only one of -l or a name may be "
			    "given");
		if ((list = pods_list(c, sel, &err)) == NULL)
			return cli_error(c, &err);
		if (json_array_size(json_object_get(list, "items")) == 0)
			cli_eprintf(c, "No resources found in %s "
			    "namespace.\n", c->ns);
		json_array_foreach(json_object_get(list, "items"), i, it)
			rc |= logs_pod(c, it, prefix);
		goto out;
	}
	if (argc < 1 || argc > 2)
		return cli_usage_error(c, "logs", "expected POD or TYPE/NAME "
		    "(and at most a CONTAINER)");
	if (argc == 2 && opt_str(&c->o, "container") == NULL) {
		/* kubectl logs POD CONTAINER */
		if (c->o.n < OPTS_MAX) {
			static const struct opt_def ctr = { "container", 'c', 1,
			    "" };

			c->o.def[c->o.n] = &ctr;
			c->o.val[c->o.n++] = argv[1];
		}
	}
	if (pods_is_pod_arg(argv[0])) {
		const char *name = strchr(argv[0], '/') ?
		    strchr(argv[0], '/') + 1 : argv[0];

		buf_addf(&path, "/api/v1/namespaces/%s/pods/%s", c->ns, name);
		if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
			/* kubectl's own words for this one */
			if (err.reason == ERR_NOT_FOUND)
				rc = cli_fail(c, "error from server (NotFound): "
				    "pods \"%s\" not found in namespace \"%s\"",
				    name, c->ns);
			else
				rc = cli_error(c, &err);
			goto out;
		}
		rc = logs_pod(c, obj, prefix);
		goto out;
	}
	/* a workload: its first pod, as kubectl picks one */
	{
		size_t found = 0;

		if ((obj = pods_resolve(c, argv[0], &found, &err)) == NULL) {
			rc = cli_error(c, &err);
			goto out;
		}
		if (found > 1)
			cli_eprintf(c, "Found %zu pods, using pod/%s\n", found,
			    json_string_value(json_object_get(json_object_get(
			    obj, "metadata"), "name")));
		rc = logs_pod(c, obj, prefix);
	}
out:
	json_decref(obj);
	json_decref(list);
	buf_release(&path);
	return rc;
}

const struct cmd_entry cmd_logs_entry = {
	.name = "logs",
	.summary = "Print the logs for a container in a pod",
	.usage = "kubec logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] "
	    "[--tail N] [--since D] [--timestamps]",
	.opts = logs_opts,
	.exec = logs_exec,
};
