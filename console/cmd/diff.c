/* diff.c - kubec diff -f: the live objects against what applying the files
 * would make of them, as kubectl diff shows it.
 *
 * Each object of the files (-f FILE|DIR|-, -R, -l) is read from the
 * server; what it would become comes from the server too, as a dry run
 * (dryRun=All): the client-side apply patch (the three-way merge of the
 * last-applied annotation, the file and the live object, lib/threeway.c,
 * with the live resourceVersion; nothing sent when it is empty), a create
 * when the object does not exist, or with --server-side an apply patch.
 * Both are written as YAML, managedFields left out and a Secret's data
 * masked, into $TMPDIR/LIVE-<digits> and $TMPDIR/MERGED-<digits>, one file
 * per object named [group.]version.Kind.namespace.name, and compared with
 * `diff -u -N` or $KUBECTL_EXTERNAL_DIFF.  Exit status: 0 no differences,
 * 1 differences, 2 (or diff's own above 1) an error; kubectl's diff.go.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/mergepatch.h"
#include "../../lib/proc.h"
#include "../../lib/selector.h"
#include "../../lib/smpatch.h"
#include "../../lib/threeway.h"
#include "../../lib/yaml.h"
#include "../console.h"

#define LAST_APPLIED	"kubectl.kubernetes.io/last-applied-configuration"
#define DIFF_RETRIES	4

static const struct opt_def diff_opts[] = {
	{ "filename", 'f', 1, "The files that contain the configuration to "
	    "diff ('-': standard input)" },
	{ "recursive", 'R', 0, "Process the directory used in -f recursively" },
	{ "selector", 'l', 1, "Only the objects of the files with these "
	    "labels" },
	{ "server-side", 0, 0, "Diff against a server-side apply" },
	{ "force-conflicts", 0, 0, "With --server-side: take over the fields "
	    "other managers own" },
	{ "field-manager", 0, 1, "The name of the manager of the fields" },
	{ "show-managed-fields", 0, 0, "Keep managedFields in the diff" },
	{ "concurrency", 0, 1, "Accepted; the objects go one by one" },
	{ NULL, 0, 0, NULL }
};

struct diff_run {
	struct cli	*c;
	char		 live[4096], merged[4096];
	struct selector	*sel;
	struct diff_how	 how;
	int		 keep_managed;
};

/* $TMPDIR/<prefix><digits>, made (Go's os.MkdirTemp). */
static int
diff_tempdir(const char *prefix, char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	for (int i = 0; i < 10000; i++) {
		snprintf(path, size, "%s/%s%u", dir, prefix,
		    (unsigned)random());
		if (mkdir(path, 0700) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	path[0] = '\0';
	return -1;
}

static void
diff_rmdir(const char *path)
{
	DIR *d;
	struct dirent *de;

	if (path[0] == '\0' || (d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char p[8192];

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", path, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(path);
}

/* A Secret's data masked as kubectl's Masker does: "***", or "***
 * (before)" and "*** (after)" for a key whose value changes. */
static void
diff_mask(json_t *from, json_t *to)
{
	json_t *fd = json_object_get(from, "data"),
	    *td = json_object_get(to, "data"), *v;
	const char *k;
	void *tmp;

	if (!json_is_object(fd))
		fd = NULL;
	if (!json_is_object(td))
		td = NULL;
	if (fd != NULL)
		json_object_foreach_safe(fd, tmp, k, v) {
			json_t *tv = td ? json_object_get(td, k) : NULL;

			if (tv != NULL && !json_equal(v, tv)) {
				json_object_set_new(fd, k,
				    json_string("*** (before)"));
				json_object_set_new(td, k,
				    json_string("*** (after)"));
				continue;
			}
			if (tv != NULL)
				json_object_set_new(td, k, json_string("***"));
			json_object_set_new(fd, k, json_string("***"));
		}
	if (td != NULL)
		json_object_foreach_safe(td, tmp, k, v)
			if (fd == NULL || json_object_get(fd, k) == NULL)
				json_object_set_new(td, k, json_string("***"));
}

static int
diff_write(const char *dir, const char *name, const json_t *obj,
    int null)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	if (obj != NULL)
		print_yaml(f, obj);
	else if (null)
		fputs("null\n", f);	/* the Masker's nil object, marshalled */
	return fclose(f);
}

/* rest_do() keeping the refusal's Status in *status. */
static int
diff_call(struct cli *c, const char *method, const char *path,
    const char *ctype, const json_t *body, json_t **out, json_t **status,
    struct err *err)
{
	struct buf ob = BUF_INIT(REST_MAX_BODY);
	char *data = json_dumps(body, JSON_COMPACT);
	int rc;

	rc = rest_raw(c->rest, method, path, ctype, data ? data : "{}",
	    data ? strlen(data) : 2, &ob, err);
	free(data);
	if (rc >= 0)
		*out = json_loadb(ob.data ? ob.data : "", ob.len, 0, NULL);
	else if (status != NULL)
		*status = json_loadb(ob.data ? ob.data : "", ob.len, 0, NULL);
	buf_release(&ob);
	return rc < 0 ? -1 : 0;
}

/* An Invalid refusal as kubectl prints it, from the Status's details:
 * "The Kind "name" is invalid: cause", or the causes one a line. */
static int
diff_invalid(struct cli *c, const json_t *status)
{
	const json_t *d = json_object_get(status, "details"), *cause;
	const json_t *causes = json_object_get(d, "causes");
	size_t i, n = json_array_size(causes);

	fflush(c->out);
	fprintf(c->errout, "The %s \"%s\" is invalid: ",
	    json_string_value(json_object_get(d, "kind")) ?: "",
	    json_string_value(json_object_get(d, "name")) ?: "");
	if (n != 1)
		fputc('\n', c->errout);
	json_array_foreach(causes, i, cause)
		fprintf(c->errout, "%s%s: %s\n", n == 1 ? "" : "* ",
		    json_string_value(json_object_get(cause, "field")) ?: "",
		    json_string_value(json_object_get(cause, "message")) ?: "");
	return 1;
}

/* The object as applying it would make it: a dry run on the server. */
static int
diff_merged(struct cli *c, const struct diff_how *d, const struct api_res *r,
    const char *ns, const char *name, const json_t *local, const json_t *live,
    int force, json_t **merged, json_t **status, struct err *err)
{
	struct buf path = BUF_INIT(8192);
	json_t *mod = json_deep_copy(local), *meta, *ann, *orig = NULL,
	    *want = NULL, *patch = NULL;
	const char *last;
	int known = smpatch_known_kind(r->kind), rc = -1;

	if (!json_is_object(json_object_get(mod, "metadata")))
		json_object_set_new(mod, "metadata", json_object());
	meta = json_object_get(mod, "metadata");
	if (ns[0] != '\0')
		json_object_set_new(meta, "namespace", json_string(ns));
	if (d->server_side) {
		res_path(r, ns, name, &path);
		cli_query_arg(&path, "dryRun", "All");
		cli_query_arg(&path, "fieldManager", d->manager);
		cli_query_arg(&path, "force", d->force_conflicts ? "true" :
		    "false");
		rc = diff_call(c, "PATCH", buf_str(&path),
		    "application/apply-patch+yaml", mod, merged, status, err);
		goto out;
	}
	if (live == NULL) {
		res_path(r, ns, NULL, &path);
		cli_query_arg(&path, "dryRun", "All");
		cli_query_arg(&path, "fieldManager", d->manager);
		rc = diff_call(c, "POST", buf_str(&path), NULL, mod, merged,
		    status, err);
		goto out;
	}
	/* kubectl's GetModifiedConfiguration without the annotation */
	if (!json_is_object(json_object_get(meta, "annotations")))
		json_object_set_new(meta, "annotations", json_object());
	ann = json_object_get(meta, "annotations");
	json_object_del(ann, LAST_APPLIED);
	last = json_string_value(json_object_get(json_object_get(
	    json_object_get(live, "metadata"), "annotations"), LAST_APPLIED));
	if (last != NULL)
		orig = json_loads(last, JSON_DISABLE_EOF_CHECK, NULL);
	want = threeway_merge(orig, mod, live, known ? r->kind : NULL);
	patch = known ? smpatch_diff(live, want, r->kind) :
	    mergepatch_diff(live, want);
	if (patch == NULL) {
		err_set(err, ERR_NONE, "cannot make the patch of %s/%s",
		    r->name, name);
		goto out;
	}
	if (json_object_size(patch) == 0) {
		*merged = json_deep_copy(live);
		rc = 0;
		goto out;
	}
	if (!force) {
		json_t *pm = json_object_get(patch, "metadata");

		if (!json_is_object(pm)) {
			json_object_set_new(patch, "metadata", json_object());
			pm = json_object_get(patch, "metadata");
		}
		json_object_set(pm, "resourceVersion", json_object_get(
		    json_object_get(live, "metadata"), "resourceVersion"));
	}
	res_path(r, ns, name, &path);
	cli_query_arg(&path, "dryRun", "All");
	cli_query_arg(&path, "fieldManager", d->manager);
	rc = diff_call(c, "PATCH", buf_str(&path), known ?
	    "application/strategic-merge-patch+json" :
	    "application/merge-patch+json", patch, merged, status, err);
out:
	json_decref(mod);
	json_decref(orig);
	json_decref(want);
	json_decref(patch);
	buf_release(&path);
	return rc < 0 ? -1 : 0;
}

/* kubectl's klog warning before its last try, without the
 * resourceVersion: "W1207 00:54:55.452460    5566 diff.go:723] ..." */
static void
diff_warn_unlocked(struct cli *c, const struct api_res *r, const char *name)
{
	struct timespec ts;
	struct tm tm;
	char when[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof when, "%m%d %H:%M:%S", &tm);
	cli_eprintf(c, "W%s.%06ld %7d diff.go:723] Object (%s/%s, Kind=%s: "
	    "%s) keeps changing, diffing without lock\n", when,
	    ts.tv_nsec / 1000, (int)getpid(), r->group, r->version, r->kind,
	    name);
}

int
diff_object(struct cli *c, const struct diff_how *how,
    const struct api_res *r, const char *ns, const char *name,
    const json_t *obj, json_t **live, json_t **merged, json_t **status,
    struct err *err)
{
	struct buf path = BUF_INIT(8192);

	*live = *merged = *status = NULL;
	res_path(r, ns, name, &path);
	for (int i = 1; i <= DIFF_RETRIES; i++) {
		json_decref(*live);
		json_decref(*merged);
		json_decref(*status);
		*live = *merged = *status = NULL;
		err_clear(err);
		if (cli_get_json(c, buf_str(&path), live, err) < 0) {
			if (err->reason != ERR_NOT_FOUND) {
				buf_release(&path);
				return -1;
			}
			*live = NULL;
			err_clear(err);
		}
		if (i == DIFF_RETRIES)
			diff_warn_unlocked(c, r, name);
		if (diff_merged(c, how, r, ns, name, obj, *live,
		    i == DIFF_RETRIES, merged, status, err) == 0 ||
		    err->reason != ERR_CONFLICT)
			break;
	}
	buf_release(&path);
	if (*merged == NULL) {
		if (err->reason == ERR_NONE && err->msg[0] == '\0')
			err_set(err, ERR_INTERNAL, "no answer to the dry run");
		return -1;
	}
	return 0;
}

int
diff_clean(const struct api_res *r, json_t *live, json_t *merged,
    int keep_managed)
{
	int secret = strcmp(r->kind, "Secret") == 0 && r->group[0] == '\0' &&
	    strcmp(r->version, "v1") == 0;

	if (!keep_managed) {
		print_strip_managed(live);
		print_strip_managed(merged);
	}
	if (secret)
		diff_mask(live, merged);
	return secret;
}

/* The name of an object's files in LIVE and MERGED. */
static void
diff_fname(const struct api_res *r, const char *ns, const char *name,
    struct buf *fname)
{
	if (r->group[0] != '\0')
		buf_addf(fname, "%s.", r->group);
	buf_addf(fname, "%s.%s.%s.%s", r->version, r->kind, ns, name);
}

/* One object of the files into LIVE and MERGED; 0, or the exit status
 * after printing the error. */
static int
diff_one(struct diff_run *d, const json_t *doc)
{
	struct cli *c = d->c;
	json_t *obj = json_object_get(doc, "object"), *live = NULL,
	    *merged = NULL, *status = NULL;
	const struct api_res *r;
	const char *ns, *name = json_string_value(json_object_get(
	    json_object_get(obj, "metadata"), "name"));
	struct buf fname = BUF_INIT(1024);
	struct err err;
	int rc = 0, secret;

	err_clear(&err);
	/* kubectl diff says it as an error (create does not) */
	ns = json_string_value(json_object_get(json_object_get(obj,
	    "metadata"), "namespace"));
	if (c->ns_given && ns != NULL && ns[0] != '\0' &&
	    strcmp(ns, c->ns) != 0) {
		cli_eprintf(c, "error: the namespace from the provided object "
		    "\"%s\" does not match the namespace \"%s\". You must "
		    "pass '--namespace=%s' to perform this operation.\n", ns,
		    c->ns, ns);
		return 2;
	}
	if (cli_doc_target(c, doc, &r, &ns) < 0)
		return 2;
	if (d->sel != NULL && !selector_matches(d->sel, json_object_get(
	    json_object_get(obj, "metadata"), "labels")))
		return 0;
	if (name == NULL || name[0] == '\0') {
		cli_eprintf(c, "error: resource name may not be empty\n");
		return 2;
	}
	if (diff_object(c, &d->how, r, ns, name, obj, &live, &merged,
	    &status, &err) < 0) {
		if (err.reason == ERR_INVALID && json_object_get(status,
		    "details") != NULL)
			diff_invalid(c, status);
		else
			cli_error(c, &err);
		rc = 2;
		goto out;
	}
	secret = diff_clean(r, live, merged, d->keep_managed);
	diff_fname(r, ns, name, &fname);
	if (diff_write(d->live, buf_str(&fname), live, secret) < 0 ||
	    diff_write(d->merged, buf_str(&fname), merged, secret) < 0) {
		cli_eprintf(c, "error: cannot write %s: %s\n", buf_str(&fname),
		    strerror(errno));
		rc = 2;
		goto out;
	}
	if (json_object_get(json_object_get(live, "metadata"),
	    "deletionTimestamp") != NULL)
		cli_eprintf(c, "Warning: Detected changes to resource %s which "
		    "is currently being deleted.\n", name);
out:
	json_decref(live);
	json_decref(merged);
	json_decref(status);
	buf_release(&fname);
	return rc;
}

/* diff -u -N LIVE MERGED, or $KUBECTL_EXTERNAL_DIFF; the exit status. */
static int
diff_program(struct cli *c, const char *live, const char *merged, int outfd)
{
	const char *env = getenv("KUBECTL_EXTERNAL_DIFF");
	char *words = NULL, *argv[64];
	int n = 0, st = 0;
	struct err err;
	regex_t re;

	if (env != NULL && env[0] != '\0') {
		char *s, *sp;

		words = strdup(env);
		regcomp(&re, "^[a-zA-Z0-9=-]+$", REG_EXTENDED | REG_NOSUB);
		for (s = words; s != NULL && n < 60; s = sp) {
			if ((sp = strchr(s, ' ')) != NULL)
				*sp++ = '\0';
			if (n == 0 || regexec(&re, s, 0, NULL, 0) == 0)
				argv[n++] = s;
		}
		regfree(&re);
	} else {
		argv[n++] = "diff";
		argv[n++] = "-u";
		argv[n++] = "-N";
	}
	/* kubectl: the program first, its own words, then the two dirs */
	if (env != NULL && env[0] != '\0' && n > 1) {
		memmove(argv + 3, argv + 1, (size_t)(n - 1) * sizeof *argv);
		argv[1] = (char *)live;
		argv[2] = (char *)merged;
		n += 2;
	} else {
		argv[n++] = (char *)live;
		argv[n++] = (char *)merged;
	}
	argv[n] = NULL;
	fflush(c->out);
	fflush(c->errout);
	err_clear(&err);
	if (proc_run_tty(&(struct proc){ .argv = argv }, outfd, &st,
	    &err) < 0) {
		n = cli_fail(c, "failed to run \"%s\": %s", argv[0],
		    err.reason == ERR_NOT_FOUND && strchr(argv[0], '/') ==
		    NULL ? "executable file not found in $PATH" : err.msg) + 1;
		free(words);
		return n;
	}
	if (st <= 1)
		n = st;
	else if (st > 128 && st < 128 + NSIG)	/* as proc_run_tty says */
		n = cli_fail(c, "failed to run \"%s\": signal: %s",
		    argv[0], strsignal(st - 128)) + 1;
	else
		n = cli_fail(c, "failed to run \"%s\": exit status %d",
		    argv[0], st) + 1;
	free(words);
	return n;
}

/* LIVE and MERGED made, the object's files written into them. */
static int
diff_dirs(char *live, char *merged, size_t size, const struct api_res *r,
    const char *ns, const char *name, const json_t *lobj,
    const json_t *mobj, int secret)
{
	struct buf fname = BUF_INIT(1024);
	int rc = -1;

	if (diff_tempdir("LIVE-", live, size) < 0 ||
	    diff_tempdir("MERGED-", merged, size) < 0)
		goto out;
	diff_fname(r, ns, name, &fname);
	if (diff_write(live, buf_str(&fname), lobj, secret) < 0 ||
	    diff_write(merged, buf_str(&fname), mobj, secret) < 0)
		goto out;
	rc = 0;
out:
	buf_release(&fname);
	return rc;
}

int
diff_text(struct cli *c, const struct api_res *r, const char *ns,
    const char *name, const json_t *live, const json_t *merged, int secret,
    char **text)
{
	char ldir[4096] = "", mdir[4096] = "";
	struct buf b = BUF_INIT(64 << 20);
	FILE *f = tmpfile();
	char chunk[8192];
	size_t n;
	int rc = 2;

	*text = NULL;
	if (f == NULL || diff_dirs(ldir, mdir, sizeof ldir, r, ns, name, live,
	    merged, secret) < 0) {
		buf_addf(&b, "cannot write the files to compare: %s\n",
		    strerror(errno));
		goto out;
	}
	rc = diff_program(c, ldir, mdir, fileno(f));
	rewind(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
out:
	if (f != NULL)
		fclose(f);
	diff_rmdir(ldir);
	diff_rmdir(mdir);
	buf_addc(&b, '\0');
	*text = buf_detach(&b, NULL);
	return rc;
}

static int
diff_exec(struct cli *c, int argc, char **argv)
{
	struct diff_run d = { .c = c };
	const char *sel = opt_str(&c->o, "selector"), *f;
	json_t *docs = NULL, *doc;
	struct err err;
	struct timespec ts;
	size_t i;
	int rc = 0;

	err_clear(&err);
	if (opt_str(&c->o, "filename") == NULL)
		return cli_fail(c, "must specify one of -f and -k") + 1;
	if (argc > 0) {
		struct buf b = BUF_INIT(8192);

		for (int k = 0; k < argc; k++)
			buf_addf(&b, "%s%s", k ? " " : "", argv[k]);
		rc = cli_usage_error(c, "diff", "Unexpected args: [%s]",
		    buf_str(&b));
		buf_release(&b);
		return rc + 1;
	}
	d.how.server_side = opt_bool(&c->o, "server-side");
	d.how.force_conflicts = opt_bool(&c->o, "force-conflicts");
	d.keep_managed = opt_bool(&c->o, "show-managed-fields");
	if (d.how.force_conflicts && !d.how.server_side)
		return cli_fail(c, "--force-conflicts only works with "
		    "--server-side") + 1;
	d.how.manager = opt_str(&c->o, "field-manager");
	if (d.how.manager == NULL)
		d.how.manager = d.how.server_side ? "kubectl" :
		    "kubectl-client-side-apply";
	if (sel != NULL && selector_parse(sel, &d.sel, &err) < 0)
		return cli_error(c, &err) + 1;
	clock_gettime(CLOCK_REALTIME, &ts);
	srandom((unsigned)(ts.tv_nsec ^ getpid()));
	if (diff_tempdir("LIVE-", d.live, sizeof d.live) < 0 ||
	    diff_tempdir("MERGED-", d.merged, sizeof d.merged) < 0) {
		rc = cli_fail(c, "mkdir: %s", strerror(errno)) + 1;
		goto out;
	}
	docs = json_array();
	for (int k = 0; (f = opt_nth(&c->o, "filename", k)) != NULL; k++)
		if (manifests_read(f, opt_bool(&c->o, "recursive"), docs,
		    &err) < 0) {
			rc = cli_error(c, &err) + 1;
			goto out;
		}
	json_array_foreach(docs, i, doc)
		if ((rc = diff_one(&d, doc)) != 0)
			goto out;
	rc = diff_program(c, d.live, d.merged, -1);
out:
	diff_rmdir(d.live);
	diff_rmdir(d.merged);
	json_decref(docs);
	if (d.sel != NULL)
		selector_free(d.sel);
	return rc;
}

const struct cmd_entry cmd_diff_entry = {
	.name = "diff",
	.summary = "Diff the live version against a would-be applied version",
	.usage = "kubec diff -f FILENAME [--server-side]",
	.opts = diff_opts,
	.exec = diff_exec,
};
