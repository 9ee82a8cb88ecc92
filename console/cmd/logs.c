/* logs.c - kubec logs: a container's output through the API server
 * (pods/log), as kubectl logs prints it: one pod (or the first pod of a
 * workload, TYPE/NAME), the pods of -l, -c or the default container or
 * all of them, -f to follow, --tail, --since, --timestamps, -p.
 *
 * As kubectl's RunLogs: the streams (one per pod and container) are
 * read one after another, except with -f and several of them: then each
 * is followed by its own thread on its own connection (at most
 * --max-log-requests of them), whole lines written under one lock. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "../console.h"

static const struct opt_def logs_opts[] = {
	{ "container", 'c', 1, "The container to print the logs of" },
	{ "follow", 'f', 0, "Stream the logs as they come" },
	{ "tail", 0, 1, "Lines of recent log to print (-1: all; 10 with "
	    "-l)" },
	{ "since", 0, 1, "Only logs newer than a duration: 5s, 2m, 3h" },
	{ "timestamps", 0, 0, "Start each line with its RFC 3339 time" },
	{ "previous", 'p', 0, "The logs of the container's previous run" },
	{ "all-containers", 0, 0, "The logs of every container of the pods" },
	{ "selector", 'l', 1, "The pods whose labels match" },
	{ "prefix", 0, 0, "Start each line with [pod/NAME/CONTAINER]" },
	{ "limit-bytes", 0, 1, "The most bytes of logs to print" },
	{ "max-log-requests", 0, 1, "The most streams -f follows at once "
	    "(default 5)" },
	{ "ignore-errors", 0, 0, "A stream's error is printed and the others "
	    "go on" },
	{ NULL, 0, 0, NULL }
};

/* What all the streams of one command share. */
struct logs_run {
	struct cli	*c;
	pthread_mutex_t	 lock;		/* c->out, failed */
	volatile int	 stop;		/* a stream failed: the others end */
	int		 ignore_errors;
	struct err	 failed;	/* the first error (reason NONE: none) */
};

/* One container's log. */
struct logs_stream {
	struct logs_run	*run;
	char		*ns, *pod, *ctr;
	char		 prefix[600];	/* "" without --prefix */
	struct buf	 line;		/* the line not yet ended */
	struct rest	*rest;		/* its own with several threads */
	pthread_t	 th;
};

/* All of iov to fd, in one writev() when it takes it all (a line at
 * once, even when a signal ends the command); -1 when the output is
 * gone. */
static int
logs_writev(int fd, struct iovec *iov, int n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = writev(fd, iov, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= w;
		}
	}
	return 0;
}

/* Writes the prefix, a and b (one line, or what came of one) under the
 * lock; -1 when the output is gone. */
static int
logs_put(struct logs_stream *s, const char *a, size_t alen, const char *b,
    size_t blen)
{
	FILE *out = s->run->c->out;
	struct iovec iov[3] = {
		{ s->prefix, strlen(s->prefix) },
		{ (void *)a, alen },
		{ (void *)b, blen },
	};
	int rc = 0, fd = fileno(out);

	pthread_mutex_lock(&s->run->lock);
	if (fd >= 0) {
		/* what stdio holds first, then the line in one write */
		if (fflush(out) != 0 || logs_writev(fd, iov, 3) < 0)
			rc = -1;
	} else {
		for (int i = 0; i < 3; i++)
			fwrite(iov[i].iov_base, 1, iov[i].iov_len, out);
		if (fflush(out) != 0)
			rc = -1;
	}
	pthread_mutex_unlock(&s->run->lock);
	return rc;
}

/* rest_follow()'s callback: whole lines, as kubectl's
 * DefaultConsumeRequest reads them (bufio ReadBytes('\n')). */
static int
logs_data(void *arg, const char *data, size_t len)
{
	struct logs_stream *s = arg;
	const char *nl;
	size_t n;

	while (len > 0) {
		if ((nl = memchr(data, '\n', len)) == NULL) {
			if (buf_add(&s->line, data, len) == 0)
				return 0;
			/* a line over the cap: what came of it so far */
			n = len;
		} else
			n = nl - data + 1;
		if (logs_put(s, buf_str(&s->line), s->line.len, data, n) < 0)
			return 1;
		buf_reset(&s->line);
		len -= n;
		data += n;
	}
	return 0;
}

/* GETs s's log to its end (or until stop); the last line even without
 * its newline. */
static int
logs_get(struct logs_stream *s, struct err *err)
{
	struct cli *c = s->run->c;
	struct buf path = BUF_INIT(4096);
	const char *v;
	long tail = -1;
	int rc;

	buf_addf(&path, "/api/v1/namespaces/%s/pods/%s/log", s->ns, s->pod);
	cli_query_arg(&path, "container", s->ctr);
	if (opt_bool(&c->o, "follow"))
		buf_adds(&path, "&follow=true");
	/* kubectl's selectorTail: 10 lines a pod with -l, unless --tail */
	if ((v = opt_str(&c->o, "tail")) != NULL)
		tail = atol(v);
	else if (opt_str(&c->o, "selector") != NULL)
		tail = 10;
	if (tail >= 0)
		buf_addf(&path, "&tailLines=%ld", tail);
	if ((v = opt_str(&c->o, "since")) != NULL)
		buf_addf(&path, "&sinceSeconds=%ld", cli_duration(v));
	if (opt_bool(&c->o, "timestamps"))
		buf_adds(&path, "&timestamps=true");
	if (opt_bool(&c->o, "previous"))
		buf_adds(&path, "&previous=true");
	if ((v = opt_str(&c->o, "limit-bytes")) != NULL && atol(v) > 0)
		buf_addf(&path, "&limitBytes=%ld", atol(v));
	rc = rest_follow(s->rest, buf_str(&path), logs_data, s,
	    &s->run->stop, err);
	if (s->line.len > 0 && !s->run->stop)
		logs_put(s, buf_str(&s->line), s->line.len, "", 0);
	buf_reset(&s->line);
	buf_release(&path);
	return rc;
}

/* A stream's error as kubectl's --ignore-errors writes it: into the
 * output, the others going on. */
static void
logs_ignored(struct logs_run *run, const struct err *err)
{
	pthread_mutex_lock(&run->lock);
	fprintf(run->c->out, "error: %s\n", err->msg);
	fflush(run->c->out);
	pthread_mutex_unlock(&run->lock);
}

static void *
logs_thread(void *arg)
{
	struct logs_stream *s = arg;
	struct logs_run *run = s->run;
	struct err err;

	err_clear(&err);
	if (logs_get(s, &err) >= 0)
		return NULL;
	if (run->ignore_errors) {
		logs_ignored(run, &err);
		return NULL;
	}
	/* kubectl's pipe closed with the error: the command ends with it */
	pthread_mutex_lock(&run->lock);
	if (run->failed.reason == ERR_NONE) {
		run->failed = err;
		if (run->failed.reason == ERR_NONE)
			run->failed.reason = ERR_INTERNAL;
	}
	run->stop = 1;
	pthread_mutex_unlock(&run->lock);
	return NULL;
}

/* The streams, grown one at a time. */
struct logs_list {
	struct logs_stream	*s;
	size_t			 n;
};

/* Adds a stream; -1 when out of memory. */
static int
logs_add(struct logs_list *l, struct logs_run *run, const char *ns,
    const char *pod, const char *ctr)
{
	struct logs_stream *s;

	if ((s = realloc(l->s, (l->n + 1) * sizeof *s)) == NULL)
		return -1;
	l->s = s;
	s = &l->s[l->n];
	memset(s, 0, sizeof *s);
	s->run = run;
	buf_init(&s->line, BUF_CAP_DEFAULT);
	s->ns = strdup(ns);
	s->pod = strdup(pod);
	s->ctr = strdup(ctr);
	l->n++;
	if (s->ns == NULL || s->pod == NULL || s->ctr == NULL)
		return -1;
	if (opt_bool(&run->c->o, "prefix"))
		snprintf(s->prefix, sizeof s->prefix, "[pod/%s/%s] ", pod,
		    ctr);
	return 0;
}

static void
logs_list_release(struct logs_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->s[i].ns);
		free(l->s[i].pod);
		free(l->s[i].ctr);
		buf_release(&l->s[i].line);
		if (l->s[i].rest != NULL && l->s[i].rest != l->s[i].run->c->rest)
			rest_close(l->s[i].rest);
	}
	free(l->s);
}

/* The streams of pod, as kubectl's LogsForObject: every container with
 * --all-containers (init, then the others, then the ephemeral ones), -c
 * (which must be one of the pod's), else the default one (with
 * kubectl's notice when there are several); 1 after printing an error. */
static int
logs_pod(struct logs_list *l, struct logs_run *run, const json_t *pod)
{
	static const char *const lists[] = { "initContainers", "containers",
	    "ephemeralContainers" };
	struct cli *c = run->c;
	const json_t *spec = json_object_get(pod, "spec"), *ctr;
	const json_t *meta = json_object_get(pod, "metadata");
	const char *name = json_string_value(json_object_get(meta, "name")),
	    *ns = json_string_value(json_object_get(meta, "namespace")),
	    *want = opt_str(&c->o, "container");
	size_t i;

	if (name == NULL)
		name = "";
	if (ns == NULL)
		ns = c->ns;
	if (opt_bool(&c->o, "all-containers")) {
		for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
			json_array_foreach(json_object_get(spec, lists[k]), i,
			    ctr)
				if (logs_add(l, run, ns, name,
				    json_string_value(json_object_get(ctr,
				    "name")) ?: "") < 0)
					return cli_fail(c, "out of memory");
		return 0;
	}
	if (want == NULL)
		want = pods_container(c, pod, PODS_SAY_MISSING);
	if (want == NULL)
		want = "";
	if (!pods_has_container(pod, want))
		return cli_fail(c, "container %s is not valid for pod %s", want,
		    name);
	if (logs_add(l, run, ns, name, want) < 0)
		return cli_fail(c, "out of memory");
	return 0;
}

/* Reads the streams: one after another, or with -f and several, all at
 * once (kubectl's sequentialConsumeRequest, parallelConsumeRequest). */
static int
logs_consume(struct cli *c, struct logs_run *run, struct logs_list *l)
{
	struct err err;
	size_t i, started = 0;

	if (!opt_bool(&c->o, "follow") || l->n < 2) {
		for (i = 0; i < l->n; i++) {
			err_clear(&err);
			l->s[i].rest = c->rest;
			if (logs_get(&l->s[i], &err) >= 0)
				continue;
			if (!run->ignore_errors)
				return cli_error(c, &err);
			logs_ignored(run, &err);
		}
		return 0;
	}
	for (i = 0; i < l->n; i++) {
		err_clear(&err);
		if ((l->s[i].rest = rest_open(&c->t, "kubec", &err)) == NULL) {
			run->failed = err;
			run->stop = 1;
			break;
		}
		if ((errno = pthread_create(&l->s[i].th, NULL, logs_thread,
		    &l->s[i])) != 0) {
			err_set(&run->failed, ERR_INTERNAL, "pthread_create: "
			    "%s", strerror(errno));
			run->stop = 1;
			break;
		}
		started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(l->s[i].th, NULL);
	if (run->failed.reason != ERR_NONE)
		return cli_error(c, &run->failed);
	return 0;
}

/* An integer flag as pflag parses it; -1 after kubectl's error. */
static int
logs_int_flag(struct cli *c, const char *flag, long *v)
{
	const char *s = opt_str(&c->o, flag);
	char *end;

	if (s == NULL)
		return 0;
	errno = 0;
	*v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || *v > INT_MAX ||
	    *v < INT_MIN) {
		cli_fail(c, "invalid argument \"%s\" for \"--%s\" flag: "
		    "strconv.ParseInt: parsing \"%s\": %s", s, flag, s,
		    errno ? "value out of range" : "invalid syntax");
		return -1;
	}
	return 0;
}

/* kubectl's Validate(), after the object is fetched as in kubectl. */
static int
logs_validate(struct cli *c, int argc, char **argv)
{
	const char *ctr = opt_str(&c->o, "container");
	long tail = -1, limit = 0;

	if (logs_int_flag(c, "tail", &tail) < 0 ||
	    logs_int_flag(c, "limit-bytes", &limit) < 0)
		return -1;
	if (opt_str(&c->o, "since") != NULL &&
	    cli_duration(opt_str(&c->o, "since")) < 0) {
		cli_fail(c, "invalid argument \"%s\" for \"--since\" flag: "
		    "time: invalid duration \"%s\"", opt_str(&c->o, "since"),
		    opt_str(&c->o, "since"));
		return -1;
	}
	if (opt_bool(&c->o, "all-containers") && (argc == 2 || ctr != NULL)) {
		cli_fail(c, "--all-containers=true should not be specified "
		    "with container name %s", argc == 2 ? argv[1] : ctr);
		return -1;
	}
	if (ctr != NULL && argc == 2) {
		cli_fail(c, "only one of -c or an inline [CONTAINER] arg is "
		    "allowed");
		return -1;
	}
	if (limit < 0) {
		cli_fail(c, "--limit-bytes must be greater than 0");
		return -1;
	}
	if (tail < -1) {
		cli_fail(c, "--tail must be greater than or equal to -1");
		return -1;
	}
	return 0;
}

/* The object of -l (a PodList), POD or TYPE/NAME (its first pod, *found
 * of them), as kubectl's Complete() fetches it; NULL after printing an
 * error. */
static json_t *
logs_fetch(struct cli *c, const char *arg, size_t *found)
{
	const char *sel = opt_str(&c->o, "selector");
	struct buf path = BUF_INIT(4096);
	json_t *obj = NULL;
	struct err err;

	err_clear(&err);
	if (sel != NULL) {
		if ((obj = pods_list(c, sel, &err)) == NULL)
			cli_error(c, &err);
		else if (json_array_size(json_object_get(obj, "items")) == 0)
			cli_eprintf(c, "No resources found in %s "
			    "namespace.\n", c->ns);
	} else if (pods_is_pod_arg(arg)) {
		const char *name = strchr(arg, '/') ? strchr(arg, '/') + 1 :
		    arg;

		buf_addf(&path, "/api/v1/namespaces/%s/pods/%s", c->ns, name);
		if (cli_get_json(c, buf_str(&path), &obj, &err) < 0) {
			/* kubectl's own words for this one */
			if (err.reason == ERR_NOT_FOUND)
				cli_fail(c, "error from server (NotFound): "
				    "pods \"%s\" not found in namespace \"%s\"",
				    name, c->ns);
			else
				cli_error(c, &err);
			obj = NULL;
		}
	} else if ((obj = pods_resolve(c, arg, found, &err)) == NULL)
		cli_error(c, &err);
	buf_release(&path);
	return obj;
}

static int
logs_exec(struct cli *c, int argc, char **argv)
{
	struct logs_run run = { .c = c };
	struct logs_list l = { NULL, 0 };
	const char *sel = opt_str(&c->o, "selector");
	json_t *obj, *it;
	long maxreq = 5;
	size_t i, found = 0;
	int rc = 0;

	if (logs_int_flag(c, "max-log-requests", &maxreq) < 0)
		return 1;
	if (sel != NULL && argc > 0)
		return cli_usage_error(c, "logs", "only a selector (-l) or a "
		    "POD name is allowed");
	if ((sel == NULL && argc < 1) || argc > 2)
		return cli_usage_error(c, "logs", "expected 'logs [-f] [-p] "
		    "(POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a "
		    "required argument for the logs command");
	if ((obj = logs_fetch(c, argc > 0 ? argv[0] : NULL, &found)) == NULL)
		return 1;
	if (logs_validate(c, argc, argv) < 0) {
		json_decref(obj);
		return 1;
	}
	if (argc == 2 && c->o.n < OPTS_MAX) {
		/* kubectl logs POD CONTAINER */
		static const struct opt_def ctr = { "container", 'c', 1, "" };

		c->o.def[c->o.n] = &ctr;
		c->o.val[c->o.n++] = argv[1];
	}
	run.ignore_errors = opt_bool(&c->o, "ignore-errors");
	err_clear(&run.failed);
	pthread_mutex_init(&run.lock, NULL);
	/* kubectl's RunLogs(): the streams, the limit, then their logs */
	if (sel != NULL) {
		json_array_foreach(json_object_get(obj, "items"), i, it)
			if ((rc = logs_pod(&l, &run, it)) != 0)
				break;
	} else {
		/* a workload: its first pod, as kubectl picks one */
		if (found > 1)
			cli_eprintf(c, "Found %zu pods, using pod/%s\n", found,
			    json_string_value(json_object_get(json_object_get(
			    obj, "metadata"), "name")));
		rc = logs_pod(&l, &run, obj);
	}
	if (rc == 0 && opt_bool(&c->o, "follow") && l.n > 1 &&
	    (long)l.n > maxreq)
		rc = cli_fail(c, "you are attempting to follow %zu log streams, "
		    "but maximum allowed concurrency is %ld, use "
		    "--max-log-requests to increase the limit", l.n, maxreq);
	else if (rc == 0)
		rc = logs_consume(c, &run, &l);
	logs_list_release(&l);
	pthread_mutex_destroy(&run.lock);
	json_decref(obj);
	return rc;
}

const struct cmd_entry cmd_logs_entry = {
	.name = "logs",
	.summary = "Print the logs for a container in a pod",
	.usage = "kubec logs [-f] [-p] (POD | TYPE/NAME | -l SELECTOR) "
	    "[-c CONTAINER] [--all-containers] [--prefix] [--tail N] "
	    "[--since D] [--timestamps] [--max-log-requests N]",
	.opts = logs_opts,
	.exec = logs_exec,
};
