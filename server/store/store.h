/* store.h - the key/value store under kubec-server, with etcd v3 semantics.
 *
 * One global revision counter; every key carries create_rev and mod_rev.
 * create fails with AlreadyExists if the key exists; update and delete
 * compare mod_rev when expect_rev != 0 (Conflict otherwise, NotFound when
 * the key is gone).  list reads a consistent snapshot at a revision (0 =
 * now) in key order, a page at a time.  watch delivers every change under
 * a prefix after a revision, in revision order and with no gaps; compact
 * makes older revisions unreadable (Gone).  Every write returns only once
 * it is durable.  Keys are /registry/<resource>/[<namespace>/]<name>.
 *
 * Backends: store-sqlite.c (embedded, default) and store-etcd.c (etcd v3
 * through its JSON gateway).  store.c picks one and forwards to its ops.
 */
#ifndef KUBEC_STORE_H
#define KUBEC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../../lib/err.h"

struct store_kv {
	char	*key;
	char	*value;		/* NUL-terminated, value_len bytes; may be NULL */
	size_t	 value_len;
	int64_t	 create_rev;
	int64_t	 mod_rev;
};

struct store_list {
	struct store_kv	*items;
	size_t		 n;
	int64_t		 rev;	/* the snapshot revision that was read */
	int		 more;	/* keys remain after the last item */
};

enum store_event_type {
	STORE_PUT,
	STORE_DELETE,
};

struct store_event {
	enum store_event_type	type;
	int64_t			rev;	/* revision of this change */
	struct store_kv		kv;	/* PUT: new value; DELETE: key only,
					   mod_rev = rev */
	struct store_kv		prev;	/* previous value (value NULL on create) */
};

/*
 * Called for each event, in revision order, on a thread of the store.
 * ev and its strings are only valid during the call.  A call with ev ==
 * NULL means the watch ended (store closed or stream lost); err says why.
 */
typedef void store_watch_fn(void *arg, const struct store_event *ev,
    const struct err *err);

struct store;
struct store_watch;

struct store_ops {
	const char *name;
	int	(*open)(struct store *s, const char *spec, struct err *err);
	void	(*close)(struct store *s);
	int	(*get)(struct store *s, const char *key, struct store_kv *out,
		    struct err *err);
	int	(*list)(struct store *s, const char *prefix,
		    const char *start_after, int64_t rev, size_t limit,
		    struct store_list *out, struct err *err);
	int	(*count)(struct store *s, const char *prefix, int64_t *n,
		    struct err *err);
	int	(*create)(struct store *s, const char *key, const char *value,
		    size_t len, int64_t *rev, struct err *err);
	int	(*update)(struct store *s, const char *key, const char *value,
		    size_t len, int64_t expect_rev, int64_t *rev,
		    struct err *err);
	int	(*delete)(struct store *s, const char *key, int64_t expect_rev,
		    struct store_kv *prev, int64_t *rev, struct err *err);
	int	(*watch)(struct store *s, const char *prefix, int64_t after_rev,
		    store_watch_fn *fn, void *arg, struct store_watch **w,
		    struct err *err);
	void	(*unwatch)(struct store *s, struct store_watch *w);
	int	(*compact)(struct store *s, int64_t rev, struct err *err);
	int	(*revision)(struct store *s, int64_t *rev,
		    int64_t *compacted, struct err *err);
};

struct store {
	const struct store_ops	*ops;
	void			*priv;
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_etcd_ops;

/*
 * Opens the etcd backend when etcd_servers ("http://127.0.0.1:2379[,...]")
 * is set, else SQLite at <data_dir>/state.db.
 */
struct store	*store_open(const char *data_dir, const char *etcd_servers,
		    struct err *err);
void		 store_close(struct store *s);
void		 store_kv_release(struct store_kv *kv);
void		 store_list_release(struct store_list *l);

/* Thin forwarders, so callers read store_get(s, ...). */
int	store_get(struct store *s, const char *key, struct store_kv *out,
	    struct err *err);
int	store_list(struct store *s, const char *prefix, const char *start_after,
	    int64_t rev, size_t limit, struct store_list *out, struct err *err);
int	store_count(struct store *s, const char *prefix, int64_t *n,
	    struct err *err);
int	store_create(struct store *s, const char *key, const char *value,
	    size_t len, int64_t *rev, struct err *err);
int	store_update(struct store *s, const char *key, const char *value,
	    size_t len, int64_t expect_rev, int64_t *rev, struct err *err);
int	store_delete(struct store *s, const char *key, int64_t expect_rev,
	    struct store_kv *prev, int64_t *rev, struct err *err);
int	store_watch(struct store *s, const char *prefix, int64_t after_rev,
	    store_watch_fn *fn, void *arg, struct store_watch **w,
	    struct err *err);
void	store_unwatch(struct store *s, struct store_watch *w);
int	store_compact(struct store *s, int64_t rev, struct err *err);
int	store_revision(struct store *s, int64_t *rev, int64_t *compacted,
	    struct err *err);

#endif
