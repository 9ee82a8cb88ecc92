/* console.h - kubec, the console: what the CLI's verbs share.
 *
 * main.c parses the command line against the verb's options and the
 * global ones (opts.c), connects as the kubeconfig says (client.c) and
 * runs the verb, found in commands[] (cmd/cmd.c), one file per verb under
 * cmd/ as git's builtin/ and tmux's cmd-*.c.  Resources are named as
 * kubectl names them, resolved through the server's discovery
 * (discovery.c); output goes through print.c.  A verb returns its exit
 * status: 0 on success, 1 on an error it has printed in kubectl's words.
 */
#ifndef KUBEC_CONSOLE_H
#define KUBEC_CONSOLE_H

#include <jansson.h>
#include <stdio.h>

#include "../lib/buf.h"
#include "../lib/err.h"
#include "../lib/kubeconfig.h"
#include "../lib/rest.h"

#define KUBEC_CLIENT_VERSION	"v1.33.0+kubec"

/* An option: --name, or -c; takes a value when arg is set. */
struct opt_def {
	const char	*name;
	char		 c;
	int		 arg;
	const char	*help;
};

#define OPTS_MAX	64

/* The options given, in order. */
struct opts {
	int			 n;
	const struct opt_def	*def[OPTS_MAX];
	const char		*val[OPTS_MAX];	/* "true" for a flag */
};

/* Parses argv (after the verb) against the tables (NULL-terminated list
 * of tables, each ending in a zeroed entry); the rest, in order, go to
 * args (argc of them, which the caller frees with free()). */
int		 opts_parse(const struct opt_def *const *tables, int argc,
		    char **argv, struct opts *o, char ***args, int *nargs,
		    struct err *err);
/* The last value of an option, or NULL. */
const char	*opt_str(const struct opts *o, const char *name);
/* A flag: set without a value or with true. */
int		 opt_bool(const struct opts *o, const char *name);
/* The i-th value of a repeated option (-f a -f b), or NULL. */
const char	*opt_nth(const struct opts *o, const char *name, int i);

/* A resource as discovery lists it. */
struct api_res {
	char	group[128];
	char	version[64];
	char	name[128];		/* plural: "deployments" */
	char	singular[128];
	char	kind[128];
	char	shortnames[4][16];
	int	namespaced;
	int	preferred;		/* of its group's preferred version */
	int	in_all;			/* in the category "all" */
};

struct cli {
	struct opts		 o;
	struct kubeconfig	 kc;
	struct kube_target	 t;
	struct rest		*rest;
	char			 ns[254];	/* -n, else the context's */
	int			 ns_given;
	struct api_res		*res;		/* discovery, once loaded */
	size_t			 nres;
	FILE			*out;
	FILE			*errout;
};

/* One verb. */
struct cmd_entry {
	const char		*name;
	const char		*summary;	/* kubectl help's one line */
	const char		*usage;
	const struct opt_def	*opts;
	int			 flags;
	int			(*exec)(struct cli *c, int argc, char **argv);
};
#define CMD_OFFLINE	0x1	/* runs without a server */

extern const struct cmd_entry	*const commands[];
const struct cmd_entry	*cmd_find(const char *name);
extern const struct opt_def	 cli_global_opts[];

/* client.c */
int		 cli_connect(struct cli *c, struct err *err);
void		 cli_release(struct cli *c);
/* Prints err as kubectl does ("Error from server (NotFound): ...",
 * "error: ..."); returns 1, the exit status. */
int		 cli_error(struct cli *c, const struct err *err);
/* fprintf to standard error, what went to standard output before
 * written first (kubectl's order). */
void		 cli_eprintf(struct cli *c, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* "error: <msg>"; returns 1. */
int		 cli_fail(struct cli *c, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* A usage error: "error: <msg>\nSee 'kubec <verb> -h' for help..." */
int		 cli_usage_error(struct cli *c, const char *verb,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A duration as kubectl's flags take them ("30s", "5m", "1h30m", or
 * seconds alone) in seconds; -1 when malformed. */
long		 cli_duration(const char *s);
/* Appends key=value (value escaped) to url or to a query being built,
 * after '?' or '&' as the text so far asks; nothing when value is NULL. */
void		 cli_query_arg(struct buf *url, const char *key,
		    const char *value);
/* GET path as JSON. */
int		 cli_get_json(struct cli *c, const char *path, json_t **out,
		    struct err *err);

/* The namespace an object goes to (its own, -n, the
 * context's; "" for a cluster-scoped one), NULL after printing kubectl's
 * error when its own and -n differ. */
const char	*cli_object_ns(struct cli *c, const struct api_res *r,
		    json_t *obj);
/* The resource and namespace of a document of manifests_read(); -1
 * after printing kubectl's error. */
int		 cli_doc_target(struct cli *c, const json_t *doc,
		    const struct api_res **r, const char **ns);
/* Prints "kind.group/name DONE", or the object as -o asks. */
void		 cli_report(struct cli *c, const struct api_res *r,
		    const json_t *obj, const char *done);

/* discovery.c */
int		 disco_load(struct cli *c, struct err *err);
/* "po", "pods", "pod", "Pod", "deploy", "deployments.apps",
 * "deployments.v1.apps" */
const struct api_res *disco_find(struct cli *c, const char *type,
		    struct err *err);
/* The resource of an object's apiVersion and kind. */
const struct api_res *disco_kind(struct cli *c, const char *api_version,
		    const char *kind, struct err *err);
/* /api/v1/namespaces/NS/pods[/NAME]; ns NULL or "" for all namespaces
 * (or a cluster-scoped resource), name NULL for the collection. */
void		 res_path(const struct api_res *r, const char *ns,
		    const char *name, struct buf *out);
/* "pod", "deployment.apps": how kubectl names the kind in -o name and
 * in what it says it did ("deployment.apps/web created"). */
void		 res_kind_name(const struct api_res *r, struct buf *out);

/* target.c: the objects a verb acts on. */
struct target {
	const struct api_res	*res;
	char			 ns[254];
	char			 name[254];
	char			 uid[64];	/* the verb's to fill */
	const char		*source;	/* -f: its file */
};

struct targets {
	struct target	*t;
	size_t		 n, cap;
	json_t		*docs;		/* -f: manifests_read()'s */
	int		 listed;	/* from -l or --all */
	int		 args_used;
};

/*
 * TYPE NAME..., TYPE/NAME..., TYPE with -l (selector) or --all (and -A),
 * or -f (filename, -R): fills ts.  Returns 0, or the exit status after
 * printing kubectl's error.  A verb with arguments of its own after the
 * objects (label's KEY=VALUE) passes only the objects' arguments.
 */
int		 targets_collect(struct cli *c, const char *verb, int argc,
		    char **argv, struct targets *ts);
void		 targets_release(struct targets *ts);
/* One object of -f's files: its resource, namespace and file; 0 when
 * done, 1 after printing why not. */
typedef int target_doc_fn(struct cli *c, const struct api_res *r,
		    const char *ns, json_t *obj, const char *source, void *arg);
/* fn for every object of -f (create, replace, apply), the files read and
 * the objects' kinds resolved first; the exit status. */
int		 targets_each_doc(struct cli *c, const char *verb, int argc,
		    char **argv, target_doc_fn *fn, void *arg);
/* The object's path: /api/v1/namespaces/NS/pods/NAME. */
void		 target_path(const struct target *t, struct buf *out);

/* pods.c: the verbs on one pod's container. */
/* The pods of a label selector in c->ns (a PodList). */
json_t		*pods_list(struct cli *c, const char *selector,
		    struct err *err);
/* Whether arg names a pod (POD, pod/NAME) rather than TYPE/NAME. */
int		 pods_is_pod_arg(const char *arg);
/* The pod of POD, pod/NAME, or TYPE/NAME (the first pod of the object's
 * selector; *found, when not NULL, gets how many it selects). */
json_t		*pods_resolve(struct cli *c, const char *arg, size_t *found,
		    struct err *err);
/* The container to use when none is named: the default-container
 * annotation when it names one of the pod's, else the first, with
 * kubectl's "Defaulted container" notice on standard error when the pod
 * has others (init and ephemeral ones too), unless quiet has PODS_QUIET;
 * with PODS_SAY_MISSING, an annotation naming none is said (as kubectl
 * logs says it). */
/* Whether the pod has a container (init and ephemeral ones too) named
 * name. */
int		 pods_has_container(const json_t *pod, const char *name);
#define PODS_QUIET		0x1
#define PODS_SAY_MISSING	0x2
const char	*pods_container(struct cli *c, const json_t *pod, int quiet);

/* cmd/exec.c: cmd (NULL-terminated) in ns/pod's container ctr through
 * the server: what in gives (-1: no standard input) to the command, its
 * output to out and err, in (a terminal) in raw mode with tty; the
 * command's exit status (1 after printing an error, unless quiet). */
struct exec_io {
	int	in, out, err;
	int	tty;
	int	quiet;
	unsigned long long *written;	/* bytes given to out, added up */
	int	*lost;		/* set when the stream could not be had or
				 * broke off without the command's status
				 * (the server or the node went away) */
};
int		 exec_run(struct cli *c, const char *ns, const char *pod,
		    const char *ctr, char *const *cmd,
		    const struct exec_io *io);

/* portforward.c: the forwarding engine of kubec port-forward and of the
 * console's port-forwards.  What kubectl prints is reported instead, one
 * line (no newline) to report(arg, event, text) from the thread that
 * runs portforward_run(). */
#define PF_MAX_PORTS	64
enum pf_event {
	PF_LISTENING,	/* "Forwarding from 127.0.0.1:8080 -> 80" */
	PF_READY,	/* listening: forwarding from now on */
	PF_CONNECTION,	/* "Handling connection for 8080" */
	PF_WARNING,	/* "Unable to listen on port 8080: ..." */
	PF_POD_ERROR,	/* "an error occurred forwarding 8080 -> 80: ..."
			 * (kubectl's klog line); the forward ends */
	PF_FAILED,	/* why it ended, kubectl's error without "error: " */
};
struct pf_request {
	struct rest	 *rest;		/* the server's */
	const char	 *ns, *pod;
	const char	 *addresses;	/* comma separated; NULL: localhost */
	const char *const *ports;	/* "LOCAL:REMOTE", "PORT", ":REMOTE" */
	int		  nports;
	int		  stop_fd;	/* readable: stop */
	void		(*report)(void *arg, enum pf_event ev,
			    const char *text);
	void		 *arg;
};
/* Listens, then forwards until req->stop_fd is readable (0) or the
 * connection ends or fails (1, after PF_FAILED). */
int		 portforward_run(const struct pf_request *req);

/* cmd/top.c: kubectl top's tables from a PodMetricsList's or
 * NodeMetricsList's items (sorted in place): pods with their containers
 * (containers), namespaces (with_ns), a sum (sum); nodes with the
 * percentages of alloc, an object of node name to ResourceList (the
 * nodes without metrics printed <unknown>). sort_by: NULL, "cpu" or
 * "memory". */
void		 top_pod_table(FILE *f, json_t *items, int containers,
		    int with_ns, int no_headers, const char *sort_by, int sum);
void		 top_node_table(FILE *f, json_t *items, const json_t *alloc,
		    int no_headers, const char *sort_by);

/* cmd/apply.c: the client-side apply of one object, kubec apply's and
 * the dashboard's: created with kubectl's last-applied annotation when
 * it does not exist, else the strategic merge patch (a merge patch for
 * kinds without merge keys) of the three-way merge of the annotation,
 * obj and the live object, when not empty.  dry: 0; 1 a client dry run
 * (nothing sent); 2 a server dry run.  *out (json_decref() it) the object
 * as the server answered or as it would be, *what "created",
 * "configured" or "unchanged"; -1 with err. */
int		 apply_client(struct cli *c, const struct api_res *r,
		    const char *ns, const char *name, const json_t *obj,
		    int dry, json_t **out, const char **what,
		    struct err *err);

/* cmd/diff.c: an object of manifests against the cluster, as kubec diff
 * sees it (the dashboard's manifests view too). */
struct diff_how {
	int		 server_side;	/* an apply patch, not client-side */
	int		 force_conflicts;
	const char	*manager;	/* kubectl-client-side-apply */
};
/* *live as the server has it (NULL: not there) and *merged as applying
 * obj would make it, from a dry run on the server (the client-side
 * apply's patch with the live resourceVersion, retried on a conflict, a
 * create, or an apply patch); -1 with err, and the refusal's Status in
 * *status when there was one.  json_decref() all three. */
int		 diff_object(struct cli *c, const struct diff_how *how,
		    const struct api_res *r, const char *ns, const char *name,
		    const json_t *obj, json_t **live, json_t **merged,
		    json_t **status, struct err *err);
/* Both as kubec diff compares them: managedFields dropped (unless
 * keep_managed), a Secret's data masked; 1 for a Secret. */
int		 diff_clean(const struct api_res *r, json_t *live,
		    json_t *merged, int keep_managed);
/* What kubec diff prints for the one object (`diff -u -N` of the two as
 * YAML, or $KUBECTL_EXTERNAL_DIFF's output) in *text (free() it); the
 * program's exit status: 0 no differences, 1 differences, above 1 an
 * error (said on c->errout). */
int		 diff_text(struct cli *c, const struct api_res *r,
		    const char *ns, const char *name, const json_t *live,
		    const json_t *merged, int secret, char **text);

/* generate.c: the object of `kubec create KIND NAME ...` (argv[0] the
 * kind), in *out; the exit status after printing kubectl's error. */
int		 generate_object(struct cli *c, int argc, char **argv,
		    json_t **out);

/* metamap.c: kubec label (field "labels") and annotate ("annotations"). */
int		 metamap_exec(struct cli *c, int argc, char **argv,
		    const char *verb, const char *field);
extern const struct opt_def metamap_opts[];

/* editor.c: the user's editor, as kubectl edit runs it. */
/* Runs $KUBE_EDITOR, else $EDITOR, else vi on path, the terminal its
 * until it ends; 0, or -1 with err holding kubectl's words ("there was a
 * problem with the editor \"vi\"", "unable to launch the editor ..."). */
int		 editor_run(const char *path, struct err *err);
/* A new file $TMPDIR/<prefix><digits><suffix> holding text; its name in
 * path. */
int		 editor_tempfile(const char *prefix, const char *suffix,
		    const char *text, size_t len, char *path, size_t size,
		    struct err *err);
/* text without its comment lines (those whose first non-blank is '#',
 * not "#!"), as kubectl's ManualStrip; free() it. */
char		*editor_strip(const char *text);
/* The text of the file at path without its comment lines; NULL when it
 * cannot be read. */
char		*editor_read_uncommented(const char *path);

/* print.c */
/* Writes rows of tab-separated cells as Go's tabwriter does for kubectl
 * (minimum width 6, padding 3, the last cell unpadded). */
void		 print_columns(FILE *f, const json_t *rows);
/* The same, keeping the widths for the rows printed next (kubectl get -w:
 * Go's tabwriter with RememberWidths). */
#define PRINT_MAX_COLS	64
struct print_widths {
	size_t	w[PRINT_MAX_COLS];
};
void		 print_columns_keep(FILE *f, const json_t *rows,
		    struct print_widths *pw);
/* text (lines of tab-separated cells) aligned as Go's tabwriter does
 * with padding pad: kubectl describe's layout (pad 2). */
void		 print_tabbed(FILE *f, const char *text, size_t pad);
/* The same with a minimum width (kubectl's tables printed straight to
 * its tabwriter: minw 6, pad 3, every cell tab-ended, kubectl top). */
void		 print_tabbed_min(FILE *f, const char *text, size_t minw,
		    size_t pad);
/* The keys of object o in byte order (free() the array; NULL when out of
 * memory). */
const char	**print_keys(const json_t *o, size_t *n);
/* "k=v,k2=v2" of a string map, keys in byte order (kubectl's
 * FormatLabels); none (when not NULL) for an empty map. */
void		 print_labels(struct buf *b, const json_t *map,
		    const char *none);
/* A Table cell as kubectl's printer writes it ("<none>" for null). */
void		 print_cell(const json_t *v, struct buf *b);
/* kubectl -o json: keys sorted, four spaces of indent. */
void		 print_json(FILE *f, const json_t *v);
/* kubectl -o yaml. */
void		 print_yaml(FILE *f, const json_t *v);
/* Drops metadata.managedFields of obj (of each item of a list), as
 * kubectl prints objects without --show-managed-fields. */
void		 print_strip_managed(json_t *obj);
/* An object's list: {"apiVersion":"v1","items":[...],"kind":"List",...} */
json_t		*print_list(json_t *items);

/* manifest.c: reads the manifests of -f: a file, "-" (standard input),
 * or every .yaml, .yml and .json file of a directory (-R: and below);
 * appends {"source": FILE, "object": OBJECT} to docs for each document
 * (the items of a List one by one). */
int		 manifests_read(const char *path, int recursive, json_t *docs,
		    struct err *err);

#endif
