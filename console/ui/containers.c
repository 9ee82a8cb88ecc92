/* containers.c - the containers view (Enter on a pod, as k9s has it): a
 * row per container of one pod, init containers first, in the order of
 * its spec, with k9s's columns (NAME, IMAGE, READY, STATE, INIT,
 * RESTARTS, PROBES(L:R), CPU/R:L, MEM/R:L, PORTS, AGE).  It is a table of
 * rows given (table.c) that a thread keeps live: it reads the pod, then
 * watches it (a field selector on its name) and puts its containers' rows
 * again on each change; the pod deleted empties the view and says so.
 * See ui.h.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/rfc3339.h"
#include "ui.h"

/* What the view is a table of (no server serves it as such). */
static const struct api_res ct_res = {
	.name = "containers", .singular = "container", .kind = "Container",
	.namespaced = 1,
};

static const char *const ct_cols[] = { "NAME", "IMAGE", "READY", "STATE",
    "INIT", "RESTARTS", "PROBES(L:R)", "CPU/R:L", "MEM/R:L", "PORTS",
    "AGE" };
#define CT_NCOLS	(sizeof ct_cols / sizeof ct_cols[0])
#define CT_STATE	3
#define CT_AGE		10

/* The status of the container named name among the statuses. */
static const json_t *
ct_status(const json_t *statuses, const char *name)
{
	const json_t *s;
	size_t i;

	json_array_foreach(statuses, i, s)
		if (strcmp(json_string_value(json_object_get(s, "name")) ?: "",
		    name) == 0)
			return s;
	return NULL;
}

/* "REQUEST:LIMIT" of a resource, 0 for what is not set (as k9s). */
static void
ct_rl(const json_t *ctr, const char *what, char *out, size_t len)
{
	const json_t *res = json_object_get(ctr, "resources");
	const char *r = json_string_value(json_object_get(json_object_get(res,
	    "requests"), what));
	const char *l = json_string_value(json_object_get(json_object_get(res,
	    "limits"), what));

	snprintf(out, len, "%s:%s", r ?: "0", l ?: "0");
}

/* The state shown and the time it began: Running, the reason waiting
 * (ContainerCreating, CrashLoopBackOff...) or terminated (Completed,
 * Error, OOMKilled). */
static const char *
ct_state(const json_t *st, time_t *since)
{
	const json_t *state = json_object_get(st, "state"), *s;
	const char *at = NULL, *why;
	struct timespec ts;

	*since = 0;
	if ((s = json_object_get(state, "running")) != NULL) {
		at = json_string_value(json_object_get(s, "startedAt"));
		why = "Running";
	} else if ((s = json_object_get(state, "terminated")) != NULL) {
		at = json_string_value(json_object_get(s, "startedAt"));
		why = json_string_value(json_object_get(s, "reason")) ?:
		    "Terminated";
	} else if ((s = json_object_get(state, "waiting")) != NULL) {
		why = json_string_value(json_object_get(s, "reason")) ?:
		    "Waiting";
	} else {
		why = "Waiting";
	}
	if (at != NULL && rfc3339_parse(at, &ts) == 0)
		*since = ts.tv_sec;
	return why;
}

/* The row of one container: init, its index in the spec's list. */
static void
ct_row(struct ui_table *t, const json_t *pod, const json_t *ctr, int init,
    size_t idx)
{
	const json_t *status = json_object_get(pod, "status"), *st, *p;
	const char *name = json_string_value(json_object_get(ctr, "name")) ?:
	    "", *cells[CT_NCOLS];
	char key[300], restarts[32], probes[16], cpu[64], mem[64];
	struct buf ports = BUF_INIT(1024);
	time_t since;
	size_t i;

	st = ct_status(json_object_get(status, init ? "initContainerStatuses" :
	    "containerStatuses"), name);
	snprintf(key, sizeof key, "%s/%d%04zu", t->ns, init ? 0 : 1, idx);
	snprintf(restarts, sizeof restarts, "%lld", (long long)
	    json_integer_value(json_object_get(st, "restartCount")));
	snprintf(probes, sizeof probes, "%s:%s",
	    json_object_get(ctr, "livenessProbe") ? "on" : "off",
	    json_object_get(ctr, "readinessProbe") ? "on" : "off");
	ct_rl(ctr, "cpu", cpu, sizeof cpu);
	ct_rl(ctr, "memory", mem, sizeof mem);
	json_array_foreach(json_object_get(ctr, "ports"), i, p) {
		const char *pn = json_string_value(json_object_get(p, "name"));

		buf_addf(&ports, "%s%s%s%lld/%s", i ? "," : "", pn ?: "",
		    pn ? ":" : "", (long long)json_integer_value(
		    json_object_get(p, "containerPort")), json_string_value(
		    json_object_get(p, "protocol")) ?: "TCP");
	}
	cells[0] = name;
	cells[1] = json_string_value(json_object_get(ctr, "image")) ?: "";
	cells[2] = json_is_true(json_object_get(st, "ready")) ? "true" :
	    "false";
	cells[CT_STATE] = ct_state(st, &since);
	cells[4] = init ? "true" : "false";
	cells[5] = restarts;
	cells[6] = probes;
	cells[7] = cpu;
	cells[8] = mem;
	cells[9] = ports.len ? buf_str(&ports) : "";
	cells[CT_AGE] = "n/a";
	ui_table_add(t, key, t->ns, name, since, cells);
	buf_release(&ports);
}

/* The pod's containers into the table: their rows replaced. */
static void
ct_pod(struct ui_table *t, const json_t *pod)
{
	const json_t *spec = json_object_get(pod, "spec"), *c;
	size_t i;

	json_array_foreach(json_object_get(spec, "initContainers"), i, c)
		ct_row(t, pod, c, 1, i);
	json_array_foreach(json_object_get(spec, "containers"), i, c)
		ct_row(t, pod, c, 0, i);
	ui_table_state(t, 1, NULL, 0);
}

struct ct_watch {
	struct ui_table	*t;
	char		 rv[64];
};

static int
ct_event(void *arg, const char *type, json_t *obj)
{
	struct ct_watch *w = arg;
	struct ui_table *t = w->t;
	const char *rv = json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), "resourceVersion"));

	if (strcmp(type, "ERROR") == 0)
		return 1;		/* read it again */
	if (rv != NULL)
		snprintf(w->rv, sizeof w->rv, "%s", rv);
	if (strcmp(type, "DELETED") == 0) {
		char gone[600];

		snprintf(gone, sizeof gone, "the pod %s/%s is gone", t->ns,
		    t->pod);
		ui_table_clear(t);
		ui_table_state(t, 1, gone, 0);
	} else if (strcmp(type, "BOOKMARK") != 0) {
		ct_pod(t, obj);
	}
	ui_wake(t->app);
	return t->stop;
}

static void *
ct_thread(void *arg)
{
	struct ui_table *t = arg;
	struct ct_watch w = { .t = t };
	struct rest *rest;
	struct err err;
	int pause = 0;

	err_clear(&err);
	rest = rest_open(&t->app->c->t, "kubec-ui", &err);
	while (rest != NULL && !t->stop) {
		struct buf path = BUF_INIT(4096);
		json_t *pod = NULL;

		err_clear(&err);
		res_path(t->res_pods, t->ns, t->pod, &path);
		if (rest_do(rest, "GET", buf_str(&path), NULL, NULL, &pod,
		    &err) >= 0) {
			ct_pod(t, pod);
			snprintf(w.rv, sizeof w.rv, "%s", json_string_value(
			    json_object_get(json_object_get(pod, "metadata"),
			    "resourceVersion")) ?: "");
			json_decref(pod);
			ui_wake(t->app);
			buf_reset(&path);
			res_path(t->res_pods, t->ns, NULL, &path);
			cli_query_arg(&path, "fieldSelector", t->fields);
			buf_addf(&path, "&watch=1&resourceVersion=%s&"
			    "allowWatchBookmarks=true", w.rv);
			if (rest_watch(rest, buf_str(&path), ct_event, &w,
			    &t->stop, &err) >= 0)
				pause = 0;
		}
		buf_release(&path);
		if (t->stop)
			break;
		if (err.reason == ERR_NOT_FOUND)	/* the pod is gone */
			ui_table_clear(t);
		pause = ui_table_retry(t, rest, &err, pause);
	}
	if (rest == NULL) {
		ui_table_state(t, 1, err.msg, 0);
		ui_wake(t->app);
	}
	rest_close(rest);
	return NULL;
}

struct ui_table *
ui_containers_open(struct ui_app *a, const char *ns, const char *pod)
{
	const struct api_res *pods;
	struct ui_table *t;
	struct err err;

	err_clear(&err);
	if ((pods = disco_find(a->c, "pods", &err)) == NULL) {
		ui_flash(a, 1, "%s", err.msg);
		return NULL;
	}
	if ((t = ui_table_local(a, &ct_res, ct_cols, CT_NCOLS)) == NULL)
		return NULL;
	t->res_pods = pods;
	t->loaded = 0;
	t->status_col = CT_STATE;
	t->age_col = CT_AGE;
	snprintf(t->ns, sizeof t->ns, "%s", ns);
	snprintf(t->pod, sizeof t->pod, "%s", pod);
	snprintf(t->fields, sizeof t->fields, "metadata.name=%s", pod);
	if (pthread_create(&t->thread, NULL, ct_thread, t) == 0)
		t->started = 1;
	return t;
}
