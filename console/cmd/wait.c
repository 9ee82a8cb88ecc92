/* wait.c - kubec wait: until each object named has a condition
 * (--for=condition=Ready, =Available=false), a field
 * (--for=jsonpath='{.status.phase}'=Running) or is gone (--for=delete),
 * reading it again every 200 ms until --timeout (30s by default). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/jsonpath.h"
#include "../console.h"

#define WAIT_POLL_US	200000

static const struct opt_def wait_opts[] = {
	{ "for", 0, 1, "delete, condition=NAME[=VALUE] or jsonpath=EXPR=VALUE" },
	{ "timeout", 0, 1, "How long to wait: 30s (the default), 5m, 1h" },
	{ "selector", 'l', 1, "The objects whose labels match" },
	{ "all", 0, 0, "Every object of the type in the namespace" },
	{ "all-namespaces", 'A', 0, "With -l or --all: in every namespace" },
	{ "filename", 'f', 1, "The objects of a file ('-': standard input)" },
	{ "recursive", 'R', 0, "The directories of -f recursively" },
	{ NULL, 0, 0, NULL }
};

struct wait_for {
	int		 del;
	char		 cond[128], want[128];	/* condition, its status */
	struct jsonpath	*jp;			/* jsonpath=, want */
};

static int
wait_parse(struct cli *c, const char *f, struct wait_for *w)
{
	struct err err;

	err_clear(&err);
	if (f == NULL)
		return cli_fail(c, "--for must be set");
	if (strcasecmp(f, "delete") == 0) {
		w->del = 1;
		return 0;
	}
	if (strncasecmp(f, "condition=", 10) == 0) {
		const char *eq = strchr(f + 10, '=');

		snprintf(w->cond, sizeof w->cond, "%.*s", eq ? (int)(eq -
		    f - 10) : (int)strlen(f + 10), f + 10);
		snprintf(w->want, sizeof w->want, "%s", eq ? eq + 1 : "True");
		return w->cond[0] ? 0 : cli_fail(c, "--for=condition needs a "
		    "condition name");
	}
	if (strncasecmp(f, "jsonpath=", 9) == 0) {
		const char *expr = f + 9, *close = strrchr(expr, '}');
		char tmpl[1024];

		if (close == NULL || close[1] != '=')
			return cli_fail(c, "jsonpath wait format must be "
			    "--for=jsonpath='{.status.readyReplicas}'=3");
		snprintf(tmpl, sizeof tmpl, "%.*s", (int)(close - expr + 1),
		    expr);
		snprintf(w->want, sizeof w->want, "%s", close + 2);
		if ((w->jp = jsonpath_parse(tmpl, &err)) == NULL)
			return cli_fail(c, "%s", err.msg);
		return 0;
	}
	return cli_fail(c, "unrecognized condition: \"%s\"", f);
}

/* 1 when obj meets w. */
static int
wait_met(const struct wait_for *w, const json_t *obj)
{
	json_t *cond;
	size_t i;

	if (w->jp != NULL) {
		struct buf b = BUF_INIT(65536);
		struct err err;
		int ok;

		err_clear(&err);
		ok = jsonpath_exec(w->jp, obj, &b, &err) == 0 &&
		    strcmp(buf_str(&b), w->want) == 0;
		buf_release(&b);
		return ok;
	}
	json_array_foreach(json_object_get(json_object_get(obj, "status"),
	    "conditions"), i, cond) {
		const char *t = json_string_value(json_object_get(cond, "type")),
		    *st = json_string_value(json_object_get(cond, "status"));

		if (t != NULL && st != NULL && strcasecmp(t, w->cond) == 0)
			return strcasecmp(st, w->want) == 0;
	}
	return 0;
}

static int
wait_exec(struct cli *c, int argc, char **argv)
{
	const char *to = opt_str(&c->o, "timeout");
	long limit = to ? cli_duration(to) : 30;
	struct wait_for w = { 0 };
	struct targets ts = { 0 };
	struct timespec now;
	double end;
	int rc, failed = 0;

	if (limit < 0)
		return cli_fail(c, "invalid argument \"%s\" for \"--timeout\" "
		    "flag", to);
	if ((rc = wait_parse(c, opt_str(&c->o, "for"), &w)) != 0)
		return rc;
	if ((rc = targets_collect(c, "wait", argc, argv, &ts)) != 0)
		goto out;
	if (ts.n == 0) {
		rc = cli_fail(c, "no matching resources found");
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	end = (double)now.tv_sec + now.tv_nsec / 1e9 + (double)limit;
	for (size_t i = 0; i < ts.n; i++) {
		struct target *t = &ts.t[i];
		struct buf path = BUF_INIT(8192), kind = BUF_INIT(256);

		int seen = 0;

		target_path(t, &path);
		res_kind_name(t->res, &kind);
		for (;;) {
			json_t *obj = NULL;
			struct err err;
			int met;

			err_clear(&err);
			if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
				if (err.reason == ERR_NOT_FOUND && w.del &&
				    !seen) {
					break;	/* kubectl: gone already */
				} else if (err.reason == ERR_NOT_FOUND &&
				    w.del) {
					met = 1;
				} else if (err.reason == ERR_NOT_FOUND) {
					met = 0;	/* it may come */
				} else {
					cli_error(c, &err);
					failed = 1;
					break;
				}
			} else {
				seen = 1;
				met = !w.del && wait_met(&w, obj);
			}
			json_decref(obj);
			if (met) {
				fprintf(c->out, "%s/%s condition met\n",
				    buf_str(&kind), t->name);
				fflush(c->out);
				break;
			}
			clock_gettime(CLOCK_MONOTONIC, &now);
			if ((double)now.tv_sec + now.tv_nsec / 1e9 >= end) {
				cli_eprintf(c, "error: timed out waiting for "
				    "the condition on %s/%s\n", t->res->name,
				    t->name);
				failed = 1;
				break;
			}
			usleep(WAIT_POLL_US);
		}
		buf_release(&path);
		buf_release(&kind);
	}
out:
	jsonpath_free(w.jp);
	targets_release(&ts);
	return rc ? rc : failed;
}

const struct cmd_entry cmd_wait_entry = {
	.name = "wait",
	.summary = "Experimental: Wait for a specific condition on one or "
	    "many resources",
	.usage = "kubec wait (-f FILENAME | TYPE NAME | TYPE/NAME | TYPE -l "
	    "SEL | TYPE --all) --for=delete|condition=C[=V]|jsonpath=E=V "
	    "[--timeout=30s]",
	.opts = wait_opts,
	.exec = wait_exec,
};
