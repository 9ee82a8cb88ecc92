/* ui.h - kubec's full-screen console (kubec ui), a k9s-class dashboard
 * on ncurses: what its parts share.
 *
 * app.c runs the one loop (poll() over the keyboard, a self-pipe the
 * watchers write to, and a tick), keeps the stack of views, draws the
 * header, the status line and the prompt, and dispatches keys through a
 * table (the help screen is made from it).  table.c is the one resource
 * table every kind uses: a thread per table lists then watches the
 * server's Tables (kubectl's columns) and keeps the rows; the UI thread
 * draws them.  text.c shows text (YAML, describe, help) to scroll.
 * logs.c follows a container's logs.  manifests.c compares a folder of
 * manifests with the cluster (kubec ui DIR, :manifests DIR); mfkey.c
 * has its keys.  forwards.c
 * keeps the port-forwards (shift-f on a pod), a thread each, and their
 * view (:pf).  reap.c lets the threads of closed views end away from the
 * UI thread.  containers.c keeps the containers view (Enter on a pod).
 */
#ifndef KUBEC_UI_H
#define KUBEC_UI_H

#include <pthread.h>
#include <stddef.h>
#include <time.h>

#include "../console.h"

struct ui_app;

#define UI_TABLE_COLS	32	/* the columns a table shows at most */

/* One row of a table: an object. */
struct ui_row {
	char		*key;		/* "ns/name" */
	char		*ns;
	char		*name;
	char		**cells;	/* as many as the table's columns */
	time_t		 created;	/* for the Age column, kept current */
	int		 deleting;	/* deletionTimestamp set */
	int		 marked;	/* space: for the keys acting on many */
	json_t		*labels;	/* metadata.labels, NULL when none */
};

/* A live table of one resource type. */
struct ui_table {
	struct ui_app	*app;
	const struct api_res *res;
	char		 ns[254];	/* "" for all namespaces */
	char		 labels[512];	/* server-side label selector */
	char		 fields[512];	/* server-side field selector */
	char		 filter[256];	/* "/" text, or "-l SELECTOR"; a
					 * leading '!' inverts */
	/* the model: the watcher thread writes, the UI thread reads (mu) */
	pthread_mutex_t	 mu;
	char		**cols;
	size_t		 ncols;
	int		 age_col, status_col;	/* -1: none */
	struct ui_row	**rows;
	size_t		 nrows, cap;
	int		 loaded;
	char		 error[512];	/* the watch's trouble, "" when none */
	int		 lost;		/* the server cannot be reached */
	unsigned	 gen;		/* bumped on each change */
	pthread_t	 thread;
	int		 started;
	int		 local;		/* rows given, no watcher (contexts) */
	char		 pod[254];	/* the containers view's pod, or "" */
	const struct api_res *res_pods;	/* the containers view's */
	volatile int	 stop;
	/* the UI thread's */
	size_t		 sel, top;
	char		 sel_key[600];
	int		 sort;		/* 0 (namespace, name), 'N', 'A', 'S',
					 * 'C' (sort_col) */
	int		 sort_col;
	int		 sort_desc;
	/* the "-l" filter's selector, parsed from sel_text (mu) */
	struct selector	*sel_filter;
	char		 sel_text[256];
	int		 sel_bad;
	/* the rows shown, in order, and the columns' widths: kept (under
	 * mu) until the rows, the filter or the sort change */
	size_t		*order;
	size_t		 norder, order_cap;
	int		 order_ok;
	unsigned	 order_gen;
	int		 order_sort, order_desc, order_col;
	char		 order_filter[256];
	unsigned	 order_serial;	/* bumped when order is made again */
	unsigned	 width_serial;
	time_t		 width_at;	/* the ages' second */
	size_t		 width[UI_TABLE_COLS];
};

#define UI_LOGS_MAX	5000	/* lines a logs view keeps */

/* A container's logs, followed. */
struct ui_logs {
	struct ui_app	*app;
	char		 ns[254], pod[254], container[254];
	int		 previous;	/* the previous run's, not followed */
	/* the model: the thread writes, the UI thread reads (mu) */
	pthread_mutex_t	 mu;
	char		**ring;		/* the last UI_LOGS_MAX lines */
	size_t		 head, n;
	unsigned long long dropped;	/* lines dropped from the ring */
	struct buf	 partial;	/* a line not ended yet */
	char		 last_ts[64];	/* the last line's timestamp */
	int		 resumed;	/* taken up again: skip what was seen */
	char		 state[512];	/* the stream's trouble, "" when none */
	unsigned	 gen;
	pthread_t	 thread;
	int		 started;
	volatile int	 stop;
	/* the UI's, under mu too */
	int		 follow, wrap, timestamps;
	unsigned long long top;		/* the first line shown (dropped +) */
	char		 search[256];
};

/* The state of an object of the manifests against the cluster. */
enum ui_mf_state {
	UI_MF_SYNC,		/* there, applying changes nothing */
	UI_MF_DRIFT,		/* there, applying would change it */
	UI_MF_MISSING,		/* not in the cluster */
	UI_MF_ONLY,		/* applied once, in no file now */
	UI_MF_ERROR,		/* cannot tell: state_text says why */
};

/* An object of the manifests view: of a file, or only in the cluster. */
struct ui_mf_row {
	char		*key;		/* file, kind, namespace, name */
	char		*path;		/* the file; "" when in none */
	char		*file;		/* the same under the folder */
	char		*kind;
	char		*ns;
	char		*name;
	char		*state_text;
	enum ui_mf_state state;
	const struct api_res *res;	/* NULL: a kind the server lacks */
	json_t		*obj;		/* the file's object (NULL: none) */
	time_t		 created;	/* the live object's */
	int		 marked;
};

/* The objects of a folder of manifests and their states: a thread
 * computes them when asked and when the files change, the UI thread
 * draws them. */
struct ui_mf {
	struct ui_app	*app;
	char		 dir[4096];
	char		 ns[254];	/* of the objects that name none */
	char		 filter[256];
	/* the model: the thread writes, the UI thread reads (mu) */
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct ui_mf_row **rows;
	size_t		 nrows;
	int		 loaded, busy, want;
	char		 error[512];
	pthread_t	 thread;
	int		 started;
	volatile int	 stop;
	/* the UI thread's */
	size_t		 sel, top;
	char		 sel_key[2048];
};

/* A port-forward (shift-f on a pod): a thread forwards local to remote
 * (console/portforward.c) until stopped, listed by :pf. */
struct ui_forward {
	struct ui_app	*app;
	unsigned	 id;		/* the app's count of them */
	char		 ns[254], pod[254], container[254];
	char		 ports[64];	/* as asked: "LOCAL:REMOTE" */
	unsigned	 remote;
	time_t		 started;
	int		 stop[2];	/* written to: stop */
	pthread_t	 thread;
	int		 running;	/* the thread was started */
	/* the thread writes, the UI thread reads (the app's fw_mu) */
	unsigned	 local;		/* known once listening (:REMOTE) */
	unsigned long	 conns;		/* connections handled */
	char		 state[512];	/* "forwarding", the last error */
	int		 failed;
	char		 listening[256];	/* the first "Forwarding from" */
	char		 note[640];	/* for the status line, once */
	int		 note_err;
	struct ui_forward *next;
};

enum ui_view_kind { UI_TABLE, UI_TEXT, UI_LOGS, UI_MANIFESTS, UI_FORWARDS };

/* A screen of the stack: a table, text, logs, manifests, or the
 * port-forwards. */
struct ui_view {
	enum ui_view_kind kind;
	struct ui_table	*table;
	struct ui_mf	*mf;		/* UI_MANIFESTS */
	char		*title;
	char		**lines;	/* UI_TEXT */
	size_t		 nlines, top;
	struct ui_logs	*logs;		/* UI_LOGS */
	char		**items;	/* UI_LOGS: the pod's containers */
	size_t		 nitems, item;
	size_t		 sel;		/* UI_FORWARDS: the row selected */
	struct ui_view	*prev;
};

struct ui_app {
	struct cli	*c;
	struct ui_view	*view;		/* the top of the stack */
	int		 wake[2];	/* the watchers' self-pipe */
	int		 readonly;
	char		 ns[254];	/* the namespace views start in */
	char		 version[64];	/* the server's gitVersion */
	char		 flash[512];
	int		 flash_err;
	time_t		 flash_at;
	char		 prompt_kind;	/* ':', '/', '#' (replicas), 'F' (the
					 * ports to forward), 0: none */
	char		 prompt_label[256];	/* shown before the text */
	char		 prompt[512];
	char		 confirm[512];	/* a question waiting for a key */
	void		(*confirm_fn)(struct ui_app *a, int key);
	char		**pending;	/* what it is about: "ns/name"s */
	size_t		 npending;
	char		 recent[9][254];	/* namespaces for 1-9 */
	int		 quit;
	int		 rows, cols;	/* the screen's size */
	/* the port-forwards, in the order started (forwards.c) */
	pthread_mutex_t	 fw_mu;
	struct ui_forward *forwards;
	unsigned	 fw_ids;
};

/* app.c */
/* dir: the manifests view first (NULL: the pods). */
int	 ui_run(struct cli *c, int readonly, const char *dir);
void	 ui_flash(struct ui_app *a, int err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Wakes the loop from another thread. */
void	 ui_wake(struct ui_app *a);
/* v on top of the views' stack (NULL: nothing). */
void	 ui_push(struct ui_app *a, struct ui_view *v);
/* What a question was about (pending) forgotten. */
void	 ui_pending_free(struct ui_app *a);
/* The user's editor on path, the terminal handed over and taken back; 0
 * when it ended well. */
int	 ui_editor(const char *path);

/* mfkey.c: the manifests view's keys (bound in app.c's table) */
/* The manifests view of dir on top; -1 (said) when it cannot be read. */
int	 ui_mfkey_open(struct ui_app *a, const char *dir);
void	 ui_mfkey_diff(struct ui_app *a);
void	 ui_mfkey_edit(struct ui_app *a);
void	 ui_mfkey_apply(struct ui_app *a);
void	 ui_mfkey_delete(struct ui_app *a);
void	 ui_mfkey_mark(struct ui_app *a);
void	 ui_mfkey_refresh(struct ui_app *a);

/* table.c */
struct ui_table *ui_table_open(struct ui_app *a, const struct api_res *r,
	    const char *ns, const char *labels, const char *fields);
/* A table of rows given (ui_table_add), not watched: r names it. */
struct ui_table *ui_table_local(struct ui_app *a, const struct api_res *r,
	    const char *const *cols, size_t ncols);
/* A row of a local table, in the place of key (NULL: "ns/name"; rows
 * are in keys' order, a row of the same key replaced): the object name
 * (ns "" when none), the time for the Age column (0: its cell), its
 * cells (as many as the columns). */
void	 ui_table_add(struct ui_table *t, const char *key, const char *ns,
	    const char *name, time_t created, const char *const *cells);
/* Every row gone; loaded, the trouble ("" or NULL: none) and whether the
 * server is lost, set: for the threads that keep local tables. */
void	 ui_table_clear(struct ui_table *t);
/* For the thread of a table, after its list or watch ended with err
 * (ERR_NONE: well): the trouble said in the table (lost: the server could
 * not be reached at all), then a pause before trying again, longer after
 * each failure (1, 2, 4, then 8 s); pause: what it returned last time. */
int	 ui_table_retry(struct ui_table *t, struct rest *rest,
	    const struct err *err, int pause);
void	 ui_table_state(struct ui_table *t, int loaded, const char *error,
	    int lost);
/* Stops its watcher and frees it, in the background. */
void	 ui_table_close(struct ui_table *t);
/* Draws the table in the rows [y, y + h) of the screen. */
void	 ui_table_draw(struct ui_table *t, int y, int h, int w);
/* Moves the selection by delta rows (page: h); to the top or the end. */
void	 ui_table_move(struct ui_table *t, long delta);
/* The selected row's namespace and name into ns and name; 0 when none. */
int	 ui_table_selected(struct ui_table *t, char *ns, size_t nslen,
	    char *name, size_t namelen);
/* Sorts by 'N'ame, 'A'ge or 'S'tatus; again the other way round. */
void	 ui_table_sort(struct ui_table *t, int by);
/* Sorts by the column after (step 1) or before (-1) the one sorted. */
void	 ui_table_sort_step(struct ui_table *t, int step);
/* The order of the sort the other way round. */
void	 ui_table_sort_invert(struct ui_table *t);
/* Marks or unmarks the selected row; the keys of the marked rows shown
 * ("ns/name", each and the array to free()). */
void	 ui_table_mark(struct ui_table *t);
size_t	 ui_table_marked(struct ui_table *t, char ***keys);
/* The title: "pods(default)[3]" with the filter. */
void	 ui_table_title(struct ui_table *t, struct buf *b);

/* containers.c: the containers of ns/pod, a local table kept live by a
 * thread of its own (closed as any table); NULL (said) on a failure. */
struct ui_table *ui_containers_open(struct ui_app *a, const char *ns,
	    const char *pod);

/* logs.c: a thread follows ns/pod's container from the open on */
struct ui_logs *ui_logs_open(struct ui_app *a, const char *ns,
	    const char *pod, const char *container, int previous);
void	 ui_logs_close(struct ui_logs *l);
void	 ui_logs_draw(struct ui_logs *l, int y, int h, int w);
/* Scrolls (and stops following); LONG_MAX: follow again. */
void	 ui_logs_move(struct ui_logs *l, long delta, int h);
/* Shows the next (dir 1) or previous (-1) line with text, which is
 * marked wherever it shows; 0 when none has it. */
int	 ui_logs_find(struct ui_logs *l, const char *text, int dir);

/* manifests.c: the manifests view of dir (its objects without a
 * namespace go to ns); NULL with err when dir cannot be read. */
struct ui_mf *ui_mf_open(struct ui_app *a, const char *dir, const char *ns,
	    struct err *err);
void	 ui_mf_close(struct ui_mf *m);
/* The states computed again, in the background. */
void	 ui_mf_refresh(struct ui_mf *m);
void	 ui_mf_draw(struct ui_mf *m, int y, int h, int w);
void	 ui_mf_move(struct ui_mf *m, long delta);
void	 ui_mf_title(struct ui_mf *m, struct buf *b);
void	 ui_mf_mark(struct ui_mf *m);
/* Copies (ui_mf_row_free()) of the selected row, of the marked ones (an
 * array to free()), of the row of key; NULL or 0 when none. */
struct ui_mf_row *ui_mf_selected(struct ui_mf *m);
size_t	 ui_mf_marked(struct ui_mf *m, struct ui_mf_row ***rows);
struct ui_mf_row *ui_mf_find(struct ui_mf *m, const char *key);
void	 ui_mf_row_free(struct ui_mf_row *r);
/* What kubec diff shows for the row's object, or why not (free() it);
 * *same set when applying would change nothing. */
char	*ui_mf_diff(struct ui_app *a, const struct ui_mf_row *r, int *same);
/* The row's object applied (kubec apply, client-side), or deleted (an
 * object only in the cluster); 0, or -1 with msg saying why; msg says
 * what was done otherwise. */
int	 ui_mf_apply(struct ui_app *a, const struct ui_mf_row *r, char *msg,
	    size_t len);
int	 ui_mf_delete(struct ui_app *a, const struct ui_mf_row *r, char *msg,
	    size_t len);
/* forwards.c: the port-forwards */
/* Starts forwarding ports ("LOCAL:REMOTE", "PORT", ":REMOTE") to ns/pod
 * (container: the one declaring the port, for the list) in the
 * background; said on the status line when listening or failing. */
int	 ui_forwards_start(struct ui_app *a, const char *ns, const char *pod,
	    const char *container, const char *ports, unsigned remote);
/* What the forwards have to say, onto the status line (the UI thread). */
void	 ui_forwards_poll(struct ui_app *a);
/* Stops the forward of id; every one (quitting). */
void	 ui_forwards_stop(struct ui_app *a, unsigned id);
void	 ui_forwards_stop_all(struct ui_app *a);
/* The :pf view. */
struct ui_view *ui_forwards_view(struct ui_app *a);
void	 ui_forwards_draw(struct ui_app *a, struct ui_view *v, int y, int h,
	    int w);
void	 ui_forwards_move(struct ui_app *a, struct ui_view *v, long delta);
/* The selected forward's id and "ns/pod LOCAL:REMOTE"; 0 when none. */
unsigned ui_forwards_selected(struct ui_app *a, struct ui_view *v,
	    char *desc, size_t len);
size_t	 ui_forwards_count(struct ui_app *a);

/* reap.c: joins thread, then fn(arg), in the background */
void	 ui_reap(pthread_t thread, void (*fn)(void *), void *arg);
/* Returns once every thread given to ui_reap() ended. */
void	 ui_reap_wait(void);

/* text.c */
struct ui_view *ui_text_new(const char *title, const char *text);
void	 ui_text_draw(struct ui_view *v, int y, int h, int w);
void	 ui_text_move(struct ui_view *v, long delta, int h);
void	 ui_view_free(struct ui_view *v);

#endif
