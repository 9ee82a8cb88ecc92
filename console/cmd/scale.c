/* scale.c - kubec scale: a new replica count for Deployments,
 * ReplicaSets, StatefulSets, ReplicationControllers and Jobs (their
 * scale subresource; a Job's parallelism), checked first against
 * --current-replicas. */
#include <stdlib.h>
#include <string.h>

#include "../console.h"

static const struct opt_def scale_opts[] = {
	{ "replicas", 0, 1, "The new desired number of replicas" },
	{ "current-replicas", 0, 1, "Precondition: the current number of "
	    "replicas" },
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "all", 0, 0, "Every object of the type in the namespace" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ "output", 'o', 1, "name: print kind/name of each object" },
	{ NULL, 0, 0, NULL }
};

static int
scale_exec(struct cli *c, int argc, char **argv)
{
	const char *rs = opt_str(&c->o, "replicas"),
	    *cur = opt_str(&c->o, "current-replicas");
	struct targets ts = { 0 };
	char *end;
	long want;
	int rc, failed = 0;

	if (rs == NULL)
		return cli_fail(c, "required flag(s) \"replicas\" not set");
	want = strtol(rs, &end, 10);
	if (*end != '\0' || end == rs || want < 0)
		return cli_fail(c, "The --replicas=COUNT flag is required, and "
		    "COUNT must be greater than or equal to 0");
	if ((rc = targets_collect(c, "scale", argc, argv, &ts)) != 0)
		goto out;
	if (ts.n == 0) {
		rc = cli_fail(c, "no objects passed to scale");
		goto out;
	}
	for (size_t i = 0; i < ts.n; i++) {
		struct target *t = &ts.t[i];
		struct buf path = BUF_INIT(8192), kind = BUF_INIT(256);
		int job = strcmp(t->res->kind, "Job") == 0;
		json_t *patch, *out = NULL;
		struct err err;

		err_clear(&err);
		target_path(t, &path);
		res_kind_name(t->res, &kind);
		if (!job)
			buf_adds(&path, "/scale");
		if (cur != NULL) {
			json_t *now = NULL;
			long have;

			if (cli_get_json(c, buf_str(&path), &now, &err) < 0) {
				cli_error(c, &err);
				failed = 1;
				goto next;
			}
			have = (long)json_integer_value(json_object_get(
			    json_object_get(now, "spec"), job ? "parallelism" :
			    "replicas"));
			json_decref(now);
			if (have != atol(cur)) {
				cli_eprintf(c, "error: Expected replicas to "
				    "be %s, was %ld\n", cur, have);
				failed = 1;
				goto next;
			}
		}
		patch = json_pack("{s:{s:I}}", "spec", job ? "parallelism" :
		    "replicas", (json_int_t)want);
		if (rest_do(c->rest, "PATCH", buf_str(&path),
		    "application/merge-patch+json", patch, &out, &err) < 0) {
			cli_error(c, &err);
			failed = 1;
		} else if (opt_str(&c->o, "output") != NULL &&
		    strcmp(opt_str(&c->o, "output"), "name") == 0) {
			fprintf(c->out, "%s/%s\n", buf_str(&kind), t->name);
		} else {
			fprintf(c->out, "%s/%s scaled\n", buf_str(&kind),
			    t->name);
		}
		json_decref(patch);
		json_decref(out);
next:
		buf_release(&path);
		buf_release(&kind);
	}
out:
	targets_release(&ts);
	return rc ? rc : failed;
}

const struct cmd_entry cmd_scale_entry = {
	.name = "scale",
	.summary = "Set a new size for a deployment, replica set, or stateful "
	    "set",
	.usage = "kubec scale [--current-replicas=COUNT] --replicas=COUNT "
	    "(-f FILENAME | TYPE NAME | TYPE/NAME | TYPE -l SEL | TYPE --all)",
	.opts = scale_opts,
	.exec = scale_exec,
};
