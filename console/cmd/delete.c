/* delete.c - kubec delete: objects by type and name, by label (-l), all of
 * a type (--all) or those of files (-f), each with a DELETE carrying the
 * grace period and propagation policy; then, as kubectl does, it waits
 * until they are gone (--wait=false: not).
 *
 *   kubec delete TYPE NAME... | TYPE/NAME... | TYPE -l SEL | TYPE --all
 *   kubec delete -f FILE
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../console.h"

static const struct opt_def delete_opts[] = {
	{ "filename", 'f', 1, "The files that contain the objects to delete "
	    "('-': standard input)" },
	{ "recursive", 'R', 0, "Process the directory used in -f recursively" },
	{ "selector", 'l', 1, "Selector (label query) to filter on" },
	{ "all", 0, 0, "Delete all resources of the type in the namespace" },
	{ "all-namespaces", 'A', 0, "With -l or --all: in every namespace" },
	{ "grace-period", 0, 1, "Seconds given to the object to terminate "
	    "gracefully (-1: its own default)" },
	{ "now", 0, 0, "Signal the objects to shut down at once (grace 1)" },
	{ "cascade", 0, 1, "background, foreground or orphan (default "
	    "background)" },
	{ "wait", 0, 0, "Wait until the objects are gone (default true; --wait=false: not)" },
	{ "timeout", 0, 1, "How long to wait, as 30s, 5m (default: a week)" },
	{ "ignore-not-found", 0, 0, "Treat \"resource not found\" as a "
	    "successful delete" },
	{ "output", 'o', 1, "name: print only kind/name of each object" },
	{ NULL, 0, 0, NULL }
};

static json_t *
delete_options(struct cli *c)
{
	const char *cascade = opt_str(&c->o, "cascade");
	const char *grace = opt_str(&c->o, "grace-period");
	json_t *o = json_pack("{s:s, s:s}", "kind", "DeleteOptions",
	    "apiVersion", "v1");
	const char *policy = "Background";

	if (cascade != NULL && strcmp(cascade, "foreground") == 0)
		policy = "Foreground";
	else if (cascade != NULL && (strcmp(cascade, "orphan") == 0 ||
	    strcmp(cascade, "false") == 0))
		policy = "Orphan";
	json_object_set_new(o, "propagationPolicy", json_string(policy));
	if (opt_bool(&c->o, "now"))
		json_object_set_new(o, "gracePeriodSeconds", json_integer(1));
	else if (grace != NULL && atoi(grace) >= 0)
		json_object_set_new(o, "gracePeriodSeconds",
		    json_integer(atoi(grace)));
	return o;
}

/* Waits until every deleted object is gone (or made again: a new uid). */
static void
delete_wait(struct cli *c, struct targets *d, int *failed)
{
	const char *to = opt_str(&c->o, "timeout");
	long limit = to ? cli_duration(to) : 0;
	time_t end = time(NULL) + (limit > 0 ? limit : 7 * 86400);

	for (size_t i = 0; i < d->n; i++) {
		struct target *t = &d->t[i];
		struct buf path = BUF_INIT(8192);

		if (t->uid[0] == '\0')
			continue;
		target_path(t, &path);
		for (;;) {
			json_t *obj = NULL;
			struct err err;
			const char *uid;

			err_clear(&err);
			if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
				if (err.reason != ERR_NOT_FOUND) {
					cli_error(c, &err);
					*failed = 1;
				}
				break;
			}
			uid = json_string_value(json_object_get(
			    json_object_get(obj, "metadata"), "uid"));
			if (uid == NULL || strcmp(uid, t->uid) != 0) {
				json_decref(obj);
				break;
			}
			json_decref(obj);
			if (time(NULL) >= end) {
				cli_eprintf(c, "error: timed out waiting "
				    "for the condition on %s/%s\n",
				    t->res->name, t->name);
				*failed = 1;
				break;
			}
			usleep(100000);
		}
		buf_release(&path);
	}
}

static int
delete_exec(struct cli *c, int argc, char **argv)
{
	struct targets d = { 0 };
	json_t *opts = delete_options(c);
	const char *w = opt_str(&c->o, "wait");
	int rc, failed = 0, o_name = opt_str(&c->o, "output") != NULL &&
	    strcmp(opt_str(&c->o, "output"), "name") == 0;

	rc = targets_collect(c, "delete", argc, argv, &d);
	if (rc == 0 && d.n == 0 && d.listed &&
	    !opt_bool(&c->o, "ignore-not-found"))
		cli_eprintf(c, "No resources found\n");
	for (size_t i = 0; rc == 0 && i < d.n; i++) {
		struct target *t = &d.t[i];
		struct buf path = BUF_INIT(8192), kind = BUF_INIT(256);
		json_t *gone = NULL;
		struct err err;

		err_clear(&err);
		target_path(t, &path);
		res_kind_name(t->res, &kind);
		if (rest_do(c->rest, "DELETE", buf_str(&path), NULL, opts,
		    &gone, &err) < 0) {
			if (err.reason != ERR_NOT_FOUND ||
			    !opt_bool(&c->o, "ignore-not-found")) {
				if (t->source != NULL)
					err_wrap(&err, "error when deleting "
					    "\"%s\"", t->source);
				cli_error(c, &err);
				failed = 1;
			}
		} else {
			/* the object as it is now, or a Status when gone */
			const char *uid = json_string_value(json_object_get(
			    json_object_get(gone, "metadata"), "uid"));

			if (uid == NULL)
				uid = json_string_value(json_object_get(
				    json_object_get(gone, "details"), "uid"));
			snprintf(t->uid, sizeof t->uid, "%s", uid ? uid : "");
			if (o_name)
				fprintf(c->out, "%s/%s\n", buf_str(&kind),
				    t->name);
			else
				fprintf(c->out, "%s \"%s\" deleted\n",
				    buf_str(&kind), t->name);
		}
		json_decref(gone);
		buf_release(&path);
		buf_release(&kind);
	}
	fflush(c->out);
	if (rc == 0 && (w == NULL || strcmp(w, "false") != 0))
		delete_wait(c, &d, &failed);
	json_decref(opts);
	targets_release(&d);
	return rc ? rc : failed;
}

const struct cmd_entry cmd_delete_entry = {
	.name = "delete",
	.summary = "Delete resources by file names, stdin, resources and "
	    "names, or by resources and label selector",
	.usage = "kubec delete ([-f FILENAME] | TYPE [(NAME | -l label | "
	    "--all)]) [flags]",
	.opts = delete_opts,
	.exec = delete_exec,
};
