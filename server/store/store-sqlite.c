/* store-sqlite.c - the embedded store backend: SQLite, laid out like kine.
 *
 * One append-only log table, a row per revision (the row id IS the
 * revision): name, created, deleted, create_revision, prev_revision, value
 * and old_value (the value the row replaced, for watch events).  The
 * latest row of a name is its current state; a row with deleted = 1 is a
 * tombstone.  A small meta table holds the revision counter and the
 * compacted revision, so both survive compaction and reopening.
 *
 * Writes are group-committed, leader and followers as LevelDB's writers:
 * a writer queues its operation; when no commit is under way it leads:
 * takes everything queued, applies each operation in order inside one
 * transaction (each gets its own revision and its own compare), commits
 * once (WAL, synchronous=FULL: durable when acknowledged) and wakes the
 * others, and the first writer that queued meanwhile leads the next
 * batch.  Otherwise it sleeps until a leader wakes it, done or to lead.
 * So a writer never waits for a thread of the store's own to be
 * scheduled, and a lone writer does not sleep at all but for the disk.
 * Reads use a pool of read-only connections, each with its own prepared
 * statements; WAL lets them read while a leader writes.  Watches are fed
 * by one dispatcher at a time that reads new rows from the log in
 * revision order, so history and live events come from the same place and
 * cannot skip a revision.  The dispatcher is the leader that just
 * committed, once it has woken its batch and handed on the lead, when no
 * one else dispatches: a commit wakes no thread of the store's own.  The
 * dispatcher thread does the rest (a new watch catching up, events that
 * came while a leader was busy dispatching).
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"

#define SQ_POOL_MAX	32	/* idle reader connections kept */
#define SQ_WATCH_CHUNK	512	/* rows read per watch step */
#define SQ_COMPACT_STEP	10000	/* revisions compacted per transaction */
#define SQ_BUSY_MS	10000

enum sq_op_type {
	SQ_CREATE,
	SQ_UPDATE,
	SQ_DELETE,
	SQ_COMPACT,
};

/* One queued write; lives on the writer's stack. */
struct sq_op {
	enum sq_op_type	 type;
	const char	*key;
	const char	*value;
	size_t		 len;
	int64_t		 expect;	/* update/delete: mod_rev; compact: rev */
	struct store_kv	*prev;		/* delete: filled when not NULL */
	int64_t		 rev;
	int		 rc;
	struct err	*err;
	sem_t		 done;		/* posted by a leader: done or lead */
	int		 lead;		/* woken to lead the next batch */
	struct sq_op	*next;
};

/* A reader connection with its statements. */
struct sq_conn {
	sqlite3		*db;
	sqlite3_stmt	*begin;
	sqlite3_stmt	*end;
	sqlite3_stmt	*meta;
	sqlite3_stmt	*get;
	sqlite3_stmt	*list;
	sqlite3_stmt	*count;
	sqlite3_stmt	*events;
	struct sq_conn	*next;
};

struct store_watch {
	char		*lo, *hi;	/* the prefix as a key range */
	store_watch_fn	*fn;
	void		*arg;
	int64_t		 pos;		/* delivered every rev <= pos */
	int		 dead;		/* unwatched */
	int		 selffree;	/* unwatched from its own callback */
	int		 ended;		/* the NULL event was delivered */
	struct store_watch *next, *prev;
};

struct sq {
	char		*path;
	pthread_mutex_t	 mu;		/* guards all but the connections */
	pthread_cond_t	 dcond;		/* work for the dispatcher */
	pthread_cond_t	 idle;		/* busy or leading changed */
	struct sq_op	*qhead, *qtail;
	int		 leading;	/* a writer commits a batch */
	int		 waking;	/* leaders waking their batch without
					 * sq->mu (sq_close waits for them) */
	int64_t		 rev, compacted;
	int		 stop;
	int		 started;
	struct sq_conn	*pool;
	int		 npool;
	struct store_watch *watches;
	struct store_watch *busy;	/* the dispatcher works on it */
	int		 dispatching;	/* a thread dispatches (busy or not) */
	pthread_t	 dthread;	/* ... this one */
	pthread_t	 dispatcher;

	/* the write connection, used by one leader at a time */
	sqlite3		*wdb;
	sqlite3_stmt	*w_begin, *w_commit, *w_rollback, *w_latest,
			*w_value, *w_insert, *w_meta, *w_cprev, *w_cdel;
	/* the dispatcher's own connection */
	struct sq_conn	*dconn;
};

static const char sq_schema[] =
	"CREATE TABLE IF NOT EXISTS kv ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" deleted INTEGER NOT NULL,"
	" create_revision INTEGER NOT NULL,"
	" prev_revision INTEGER NOT NULL,"
	" value BLOB,"
	" old_value BLOB);"
	"CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id);"
	"CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);"
	"INSERT OR IGNORE INTO meta VALUES ('rev', 0), ('compacted', 0);";

/* Upper bound used when a prefix has no successor (empty or all 0xff). */
static const char sq_top[] = "\xff\xff\xff\xff\xff\xff\xff\xff";

static int
sq_dberr(struct err *err, sqlite3 *db, const char *what)
{
	return err_set(err, ERR_INTERNAL, "sqlite: %s: %s", what,
	    db ? sqlite3_errmsg(db) : "out of memory");
}

static int
sq_exec(sqlite3 *db, const char *sql, struct err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(err, ERR_INTERNAL, "sqlite: %s", msg ? msg :
		    sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
sq_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct err *err)
{
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL) != SQLITE_OK)
		return sq_dberr(err, db, "prepare");
	return 0;
}

/* Runs a statement that returns nothing; resets it. */
static int
sq_step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static void
sq_finish(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* [lo, hi): the keys that start with prefix, in bytewise order. */
static int
sq_range(const char *prefix, char **lo, char **hi)
{
	size_t n;

	if (prefix == NULL)
		prefix = "";
	*lo = strdup(prefix);
	*hi = strdup(prefix[0] ? prefix : sq_top);
	if (*lo == NULL || *hi == NULL) {
		free(*lo);
		free(*hi);
		*lo = *hi = NULL;
		return -1;
	}
	if (prefix[0] == '\0')
		return 0;
	n = strlen(*hi);
	while (n > 0 && (unsigned char)(*hi)[n - 1] == 0xff)
		(*hi)[--n] = '\0';
	if (n == 0) {
		free(*hi);
		*hi = strdup(sq_top);
		return *hi ? 0 : -1;
	}
	(*hi)[n - 1]++;
	return 0;
}

/* A NUL-terminated copy of a column, or NULL when it is NULL. */
static char *
sq_col_dup(sqlite3_stmt *st, int col, size_t *len)
{
	const unsigned char *p;
	char *q;
	size_t n;

	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		*len = 0;
		return NULL;
	}
	p = sqlite3_column_blob(st, col);
	n = (size_t)sqlite3_column_bytes(st, col);
	q = malloc(n + 1);
	if (q == NULL)
		return NULL;
	if (n > 0)
		memcpy(q, p, n);
	q[n] = '\0';
	*len = n;
	return q;
}

/* A column as NUL-terminated bytes valid until the next step. */
static const char *
sq_col_str(sqlite3_stmt *st, int col, size_t *len)
{
	const char *p;

	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		*len = 0;
		return NULL;
	}
	p = (const char *)sqlite3_column_text(st, col);
	*len = (size_t)sqlite3_column_bytes(st, col);
	return p ? p : "";
}

static void
sq_conn_free(struct sq_conn *c)
{
	if (c == NULL)
		return;
	sqlite3_finalize(c->begin);
	sqlite3_finalize(c->end);
	sqlite3_finalize(c->meta);
	sqlite3_finalize(c->get);
	sqlite3_finalize(c->list);
	sqlite3_finalize(c->count);
	sqlite3_finalize(c->events);
	sqlite3_close(c->db);
	free(c);
}

static struct sq_conn *
sq_conn_new(const char *path, struct err *err)
{
	struct sq_conn *c;

	c = calloc(1, sizeof *c);
	if (c == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sq_dberr(err, c->db, "open");
		goto fail;
	}
	sqlite3_busy_timeout(c->db, SQ_BUSY_MS);
	if (sq_prepare(c->db, "BEGIN", &c->begin, err) < 0 ||
	    sq_prepare(c->db, "COMMIT", &c->end, err) < 0 ||
	    sq_prepare(c->db, "SELECT (SELECT v FROM meta WHERE k = 'rev'),"
	    " (SELECT v FROM meta WHERE k = 'compacted')", &c->meta,
	    err) < 0 ||
	    sq_prepare(c->db, "SELECT id, deleted, create_revision, value"
	    " FROM kv WHERE name = ?1 ORDER BY id DESC LIMIT 1", &c->get,
	    err) < 0 ||
	    sq_prepare(c->db, "SELECT a.id, a.name, a.create_revision,"
	    " a.value FROM kv AS a"
	    " WHERE a.name >= ?1 AND a.name < ?2 AND a.name > ?3"
	    " AND a.id = (SELECT MAX(b.id) FROM kv AS b"
	    "  WHERE b.name = a.name AND b.id <= ?4)"
	    " AND a.deleted = 0 ORDER BY a.name LIMIT ?5", &c->list,
	    err) < 0 ||
	    sq_prepare(c->db, "SELECT COUNT(*) FROM kv AS a"
	    " WHERE a.name >= ?1 AND a.name < ?2"
	    " AND a.id = (SELECT MAX(b.id) FROM kv AS b"
	    "  WHERE b.name = a.name) AND a.deleted = 0", &c->count,
	    err) < 0 ||
	    sq_prepare(c->db, "SELECT id, name, created, deleted,"
	    " create_revision, prev_revision, value, old_value FROM kv"
	    " WHERE id > ?1 AND id <= ?2 AND +name >= ?3 AND +name < ?4"
	    " ORDER BY id LIMIT ?5", &c->events, err) < 0)
		goto fail;
	return c;
fail:
	sq_conn_free(c);
	return NULL;
}

static struct sq_conn *
sq_conn_get(struct store *s, struct err *err)
{
	struct sq *sq = s->priv;
	struct sq_conn *c;

	pthread_mutex_lock(&sq->mu);
	c = sq->pool;
	if (c != NULL) {
		sq->pool = c->next;
		sq->npool--;
	}
	pthread_mutex_unlock(&sq->mu);
	if (c == NULL)
		c = sq_conn_new(sq->path, err);
	return c;
}

static void
sq_conn_put(struct store *s, struct sq_conn *c)
{
	struct sq *sq = s->priv;

	if (c == NULL)
		return;
	if (!sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	pthread_mutex_lock(&sq->mu);
	if (sq->npool < SQ_POOL_MAX) {
		c->next = sq->pool;
		sq->pool = c;
		sq->npool++;
		c = NULL;
	}
	pthread_mutex_unlock(&sq->mu);
	sq_conn_free(c);
}

/* Reads the committed revision and compacted revision in a transaction. */
static int
sq_conn_meta(struct sq_conn *c, int64_t *rev, int64_t *compacted,
    struct err *err)
{
	if (sqlite3_step(c->meta) != SQLITE_ROW) {
		sq_finish(c->meta);
		return sq_dberr(err, c->db, "meta");
	}
	*rev = sqlite3_column_int64(c->meta, 0);
	*compacted = sqlite3_column_int64(c->meta, 1);
	sq_finish(c->meta);
	return 0;
}

/*
 * A leader: applies one operation inside the open transaction.
 * Returns -1 for a database failure (the batch is rolled back), 0
 * otherwise; a refused operation gets op->rc = -1 and its error.
 */
static int
sq_apply(struct sq *sq, struct sq_op *op, int64_t *rev, int64_t *compacted)
{
	sqlite3_stmt *st;
	int64_t id = 0, create_rev = 0;
	int exists = 0, rc;

	op->rc = 0;
	if (op->type == SQ_COMPACT) {
		if (op->expect <= *compacted)
			return 0;
		if (op->expect > *rev) {
			op->rc = err_set(op->err, ERR_BAD_REQUEST,
			    "required revision %lld is a future revision",
			    (long long)op->expect);
			return 0;
		}
		sqlite3_bind_int64(sq->w_cprev, 1, *compacted);
		sqlite3_bind_int64(sq->w_cprev, 2, op->expect);
		sqlite3_bind_int64(sq->w_cdel, 1, *compacted);
		sqlite3_bind_int64(sq->w_cdel, 2, op->expect);
		if (sq_step_done(sq->w_cprev) < 0 ||
		    sq_step_done(sq->w_cdel) < 0)
			return -1;
		*compacted = op->expect;
		op->rev = *rev;
		return 0;
	}

	st = sq->w_latest;
	sqlite3_bind_text(st, 1, op->key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		exists = sqlite3_column_int(st, 1) == 0;
		create_rev = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;

	if (op->type == SQ_CREATE && exists) {
		op->rc = err_set(op->err, ERR_ALREADY_EXISTS,
		    "key %s already exists", op->key);
		return 0;
	}
	if (op->type != SQ_CREATE) {
		if (!exists) {
			op->rc = err_set(op->err, ERR_NOT_FOUND,
			    "key %s not found", op->key);
			return 0;
		}
		if (op->expect != 0 && op->expect != id) {
			op->rc = err_set(op->err, ERR_CONFLICT,
			    "key %s was modified: revision %lld, expected "
			    "%lld", op->key, (long long)id,
			    (long long)op->expect);
			return 0;
		}
	}
	if (op->type == SQ_DELETE && op->prev != NULL) {
		sqlite3_bind_int64(sq->w_value, 1, id);
		if (sqlite3_step(sq->w_value) != SQLITE_ROW) {
			sqlite3_reset(sq->w_value);
			return -1;
		}
		op->prev->value = sq_col_dup(sq->w_value, 0,
		    &op->prev->value_len);
		if (op->prev->value == NULL)
			op->prev->value = strdup("");
		sqlite3_reset(sq->w_value);
		op->prev->key = strdup(op->key);
		op->prev->create_rev = create_rev;
		op->prev->mod_rev = id;
		if (op->prev->key == NULL || op->prev->value == NULL)
			return -1;
	}

	st = sq->w_insert;
	sqlite3_bind_int64(st, 1, *rev + 1);
	sqlite3_bind_text(st, 2, op->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, op->type == SQ_CREATE);
	sqlite3_bind_int(st, 4, op->type == SQ_DELETE);
	sqlite3_bind_int64(st, 5, op->type == SQ_CREATE ? *rev + 1 :
	    create_rev);
	sqlite3_bind_int64(st, 6, op->type == SQ_CREATE ? 0 : id);
	if (op->type == SQ_DELETE)
		sqlite3_bind_null(st, 7);
	else
		sqlite3_bind_blob64(st, 7, op->value ? op->value : "",
		    op->len, SQLITE_STATIC);
	rc = sq_step_done(st);
	sqlite3_clear_bindings(st);
	if (rc < 0)
		return -1;
	op->rev = ++*rev;
	return 0;
}

/* Applies a batch in one transaction; returns -1 when it was rolled back. */
static int
sq_commit_batch(struct sq *sq, struct sq_op *batch, int64_t *rev,
    int64_t *compacted, struct err *dberr)
{
	struct sq_op *op;
	int64_t rev0 = *rev, c0 = *compacted;

	if (sq_step_done(sq->w_begin) < 0) {
		sq_dberr(dberr, sq->wdb, "begin");
		return -1;
	}
	for (op = batch; op != NULL; op = op->next)
		if (sq_apply(sq, op, rev, compacted) < 0)
			goto fail;
	if (*rev != rev0) {
		sqlite3_bind_text(sq->w_meta, 1, "rev", -1, SQLITE_STATIC);
		sqlite3_bind_int64(sq->w_meta, 2, *rev);
		if (sq_step_done(sq->w_meta) < 0)
			goto fail;
	}
	if (*compacted != c0) {
		sqlite3_bind_text(sq->w_meta, 1, "compacted", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(sq->w_meta, 2, *compacted);
		if (sq_step_done(sq->w_meta) < 0)
			goto fail;
	}
	if (sq_step_done(sq->w_commit) < 0)
		goto fail;
	return 0;
fail:
	sq_dberr(dberr, sq->wdb, "write");
	if (!sqlite3_get_autocommit(sq->wdb))
		sq_step_done(sq->w_rollback);
	*rev = rev0;
	*compacted = c0;
	for (op = batch; op != NULL; op = op->next)
		if (op->prev != NULL)
			store_kv_release(op->prev);
	return -1;
}

/*
 * Commits what is queued, self included, as the leader (sq->mu held, and
 * held again on return); then wakes the writers of the batch, hands the
 * lead to the first writer queued meanwhile, if any, and delivers the
 * new events to the watches.
 */
static void sq_dispatch_inline(struct sq *sq);

static void
sq_lead(struct sq *sq, struct sq_op *self)
{
	struct sq_op *batch, *op, *nx, *next;
	struct err dberr;
	int64_t rev, compacted;
	int failed;

	batch = sq->qhead;
	sq->qhead = sq->qtail = NULL;
	rev = sq->rev;
	compacted = sq->compacted;
	pthread_mutex_unlock(&sq->mu);

	err_clear(&dberr);
	failed = sq_commit_batch(sq, batch, &rev, &compacted, &dberr) < 0;

	pthread_mutex_lock(&sq->mu);
	if (!failed) {
		sq->rev = rev;
		sq->compacted = compacted;
	}
	next = sq->qhead;
	if (next != NULL) {
		next->lead = 1;
	} else {
		sq->leading = 0;
		pthread_cond_broadcast(&sq->idle);
	}
	/* The wake-ups (a system call each) without sq->mu, which the
	 * writers queuing meanwhile want: the next leader's op stays
	 * queued, and each op of the batch lives on its writer's stack
	 * until that writer is woken (read next first).  A semaphore each:
	 * the woken writer returns without taking sq->mu. */
	sq->waking++;
	pthread_mutex_unlock(&sq->mu);
	if (next != NULL)
		sem_post(&next->done);
	for (op = batch; op != NULL; op = nx) {
		nx = op->next;
		if (failed) {
			*op->err = dberr;
			op->rc = -1;
		}
		if (op != self)
			sem_post(&op->done);
	}
	pthread_mutex_lock(&sq->mu);
	if (--sq->waking == 0)
		pthread_cond_broadcast(&sq->idle);
	if (!failed)
		sq_dispatch_inline(sq);
}

/* Queues op and returns once it is committed (or failed). */
static int
sq_submit(struct store *s, struct sq_op *op, struct err *err)
{
	struct sq *sq = s->priv;

	op->err = err;
	op->next = NULL;
	op->lead = 0;
	pthread_mutex_lock(&sq->mu);
	if (sq->stop) {
		pthread_mutex_unlock(&sq->mu);
		return err_set(err, ERR_SERVICE_UNAVAILABLE,
		    "store is closed");
	}
	if (sq->qtail != NULL)
		sq->qtail->next = op;
	else
		sq->qhead = op;
	sq->qtail = op;
	if (!sq->leading) {
		sq->leading = 1;
		sq_lead(sq, op);
		pthread_mutex_unlock(&sq->mu);
		return op->rc;
	}
	sem_init(&op->done, 0, 0);
	pthread_mutex_unlock(&sq->mu);
	while (sem_wait(&op->done) < 0)
		;	/* EINTR */
	if (op->lead) {		/* op is still queued: in this batch */
		pthread_mutex_lock(&sq->mu);
		sq_lead(sq, op);
		pthread_mutex_unlock(&sq->mu);
	}
	sem_destroy(&op->done);
	return op->rc;
}

static int
sq_create(struct store *s, const char *key, const char *value, size_t len,
    int64_t *rev, struct err *err)
{
	struct sq_op op;

	memset(&op, 0, sizeof op);
	op.type = SQ_CREATE;
	op.key = key;
	op.value = value;
	op.len = len;
	if (sq_submit(s, &op, err) < 0)
		return -1;
	*rev = op.rev;
	return 0;
}

static int
sq_update(struct store *s, const char *key, const char *value, size_t len,
    int64_t expect_rev, int64_t *rev, struct err *err)
{
	struct sq_op op;

	memset(&op, 0, sizeof op);
	op.type = SQ_UPDATE;
	op.key = key;
	op.value = value;
	op.len = len;
	op.expect = expect_rev;
	if (sq_submit(s, &op, err) < 0)
		return -1;
	*rev = op.rev;
	return 0;
}

static int
sq_delete(struct store *s, const char *key, int64_t expect_rev,
    struct store_kv *prev, int64_t *rev, struct err *err)
{
	struct sq_op op;

	memset(&op, 0, sizeof op);
	op.type = SQ_DELETE;
	op.key = key;
	op.expect = expect_rev;
	op.prev = prev;
	if (sq_submit(s, &op, err) < 0)
		return -1;
	*rev = op.rev;
	return 0;
}

static int
sq_compact(struct store *s, int64_t rev, struct err *err)
{
	struct sq *sq = s->priv;
	struct sq_op op;
	int64_t cur, compacted;

	for (;;) {
		pthread_mutex_lock(&sq->mu);
		cur = sq->rev;
		compacted = sq->compacted;
		pthread_mutex_unlock(&sq->mu);
		if (rev > cur)
			return err_set(err, ERR_BAD_REQUEST, "required "
			    "revision %lld is a future revision (current "
			    "%lld)", (long long)rev, (long long)cur);
		if (rev <= compacted)
			return 0;
		memset(&op, 0, sizeof op);
		op.type = SQ_COMPACT;
		op.expect = rev - compacted > SQ_COMPACT_STEP ?
		    compacted + SQ_COMPACT_STEP : rev;
		if (sq_submit(s, &op, err) < 0)
			return -1;
	}
}

static int
sq_revision(struct store *s, int64_t *rev, int64_t *compacted,
    struct err *err)
{
	struct sq *sq = s->priv;

	pthread_mutex_lock(&sq->mu);
	*rev = sq->rev;
	*compacted = sq->compacted;
	pthread_mutex_unlock(&sq->mu);
	return 0;
}

static int
sq_get(struct store *s, const char *key, struct store_kv *out,
    struct err *err)
{
	struct sq_conn *c;
	sqlite3_stmt *st;
	int rc, ret = -1;

	if ((c = sq_conn_get(s, err)) == NULL)
		return -1;
	st = c->get;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE ||
	    (rc == SQLITE_ROW && sqlite3_column_int(st, 1) != 0)) {
		err_set(err, ERR_NOT_FOUND, "key %s not found", key);
		goto out;
	}
	if (rc != SQLITE_ROW) {
		sq_dberr(err, c->db, "get");
		goto out;
	}
	out->mod_rev = sqlite3_column_int64(st, 0);
	out->create_rev = sqlite3_column_int64(st, 2);
	out->value = sq_col_dup(st, 3, &out->value_len);
	if (out->value == NULL)
		out->value = strdup("");
	out->key = strdup(key);
	if (out->key == NULL || out->value == NULL) {
		store_kv_release(out);
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	ret = 0;
out:
	sq_finish(st);
	sq_conn_put(s, c);
	return ret;
}

static int
sq_list(struct store *s, const char *prefix, const char *start_after,
    int64_t rev, size_t limit, struct store_list *out, struct err *err)
{
	struct sq_conn *c;
	sqlite3_stmt *st = NULL;
	struct store_kv *kv, *v;
	char *lo = NULL, *hi = NULL;
	int64_t cur, compacted;
	size_t cap = 0;
	int rc, ret = -1;

	memset(out, 0, sizeof *out);
	if (sq_range(prefix, &lo, &hi) < 0)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if ((c = sq_conn_get(s, err)) == NULL)
		goto out;
	if (sq_step_done(c->begin) < 0) {
		sq_dberr(err, c->db, "begin");
		goto out;
	}
	if (sq_conn_meta(c, &cur, &compacted, err) < 0)
		goto out;
	if (rev == 0)
		rev = cur;
	if (rev < compacted) {
		err_set(err, ERR_GONE,
		    "The resourceVersion for the provided list is too old.");
		goto out;
	}
	if (rev > cur) {
		err_set(err, ERR_TIMEOUT, "Too large resource version: %lld, "
		    "current: %lld", (long long)rev, (long long)cur);
		goto out;
	}
	st = c->list;
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, start_after ? start_after : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, rev);
	sqlite3_bind_int64(st, 5, limit ? (int64_t)limit + 1 : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (limit && out->n == limit) {
			out->more = 1;
			break;
		}
		if (out->n == cap) {
			cap = cap ? 2 * cap : 16;
			v = realloc(out->items, cap * sizeof *v);
			if (v == NULL) {
				err_set(err, ERR_INTERNAL, "out of memory");
				goto out;
			}
			out->items = v;
		}
		kv = &out->items[out->n];
		memset(kv, 0, sizeof *kv);
		kv->mod_rev = sqlite3_column_int64(st, 0);
		kv->key = strdup((const char *)sqlite3_column_text(st, 1));
		kv->create_rev = sqlite3_column_int64(st, 2);
		kv->value = sq_col_dup(st, 3, &kv->value_len);
		if (kv->value == NULL)
			kv->value = strdup("");
		out->n++;
		if (kv->key == NULL || kv->value == NULL) {
			err_set(err, ERR_INTERNAL, "out of memory");
			goto out;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sq_dberr(err, c->db, "list");
		goto out;
	}
	out->rev = rev;
	ret = 0;
out:
	if (st != NULL)
		sq_finish(st);
	if (c != NULL) {
		if (!sqlite3_get_autocommit(c->db))
			sq_step_done(c->end);
		sq_conn_put(s, c);
	}
	if (ret < 0)
		store_list_release(out);
	free(lo);
	free(hi);
	return ret;
}

static int
sq_count(struct store *s, const char *prefix, int64_t *n, struct err *err)
{
	struct sq_conn *c;
	char *lo, *hi;
	int ret = -1;

	if (sq_range(prefix, &lo, &hi) < 0)
		return err_set(err, ERR_INTERNAL, "out of memory");
	if ((c = sq_conn_get(s, err)) == NULL)
		goto out;
	sqlite3_bind_text(c->count, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->count, 2, hi, -1, SQLITE_STATIC);
	if (sqlite3_step(c->count) != SQLITE_ROW)
		sq_dberr(err, c->db, "count");
	else {
		*n = sqlite3_column_int64(c->count, 0);
		ret = 0;
	}
	sq_finish(c->count);
	sq_conn_put(s, c);
out:
	free(lo);
	free(hi);
	return ret;
}

static int
sq_watch(struct store *s, const char *prefix, int64_t after_rev,
    store_watch_fn *fn, void *arg, struct store_watch **wp, struct err *err)
{
	struct sq *sq = s->priv;
	struct store_watch *w;
	int64_t compacted;

	w = calloc(1, sizeof *w);
	if (w == NULL || sq_range(prefix, &w->lo, &w->hi) < 0) {
		free(w);
		return err_set(err, ERR_INTERNAL, "out of memory");
	}
	w->fn = fn;
	w->arg = arg;
	w->pos = after_rev < 0 ? 0 : after_rev;
	pthread_mutex_lock(&sq->mu);
	compacted = sq->compacted;
	if (w->pos < compacted || sq->stop) {
		pthread_mutex_unlock(&sq->mu);
		free(w->lo);
		free(w->hi);
		free(w);
		if (sq->stop)
			return err_set(err, ERR_SERVICE_UNAVAILABLE,
			    "store is closed");
		return err_set(err, ERR_GONE, "too old resource version: "
		    "%lld (%lld)", (long long)after_rev,
		    (long long)compacted);
	}
	w->next = sq->watches;
	if (sq->watches != NULL)
		sq->watches->prev = w;
	sq->watches = w;
	pthread_cond_broadcast(&sq->dcond);
	pthread_mutex_unlock(&sq->mu);
	*wp = w;
	return 0;
}

static void
sq_watch_unlink(struct sq *sq, struct store_watch *w)
{
	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		sq->watches = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	free(w->lo);
	free(w->hi);
	free(w);
}

static void
sq_unwatch(struct store *s, struct store_watch *w)
{
	struct sq *sq = s->priv;

	pthread_mutex_lock(&sq->mu);
	__atomic_store_n(&w->dead, 1, __ATOMIC_RELEASE);
	if (sq->busy == w && sq->dispatching &&
	    pthread_equal(pthread_self(), sq->dthread)) {
		/* from its own callback: the dispatcher frees it */
		w->selffree = 1;
		pthread_mutex_unlock(&sq->mu);
		return;
	}
	while (sq->busy == w)
		pthread_cond_wait(&sq->idle, &sq->mu);
	sq_watch_unlink(sq, w);
	pthread_mutex_unlock(&sq->mu);
}

/* Ends a watch with a NULL event; called without the lock. */
static void
sq_watch_end(struct store_watch *w, enum err_reason reason, const char *msg)
{
	struct err e;

	err_clear(&e);
	err_set(&e, reason, "%s", msg);
	w->ended = 1;
	if (!__atomic_load_n(&w->dead, __ATOMIC_ACQUIRE))
		w->fn(w->arg, NULL, &e);
}

/*
 * Delivers the events of w after w->pos up to target (at most one
 * chunk); called by the dispatcher without the lock.
 */
static void
sq_watch_step(struct sq *sq, struct store_watch *w, int64_t target)
{
	struct sq_conn *c = sq->dconn;
	sqlite3_stmt *st = c->events;
	struct store_event ev;
	struct err e;
	char msg[256];
	int64_t cur, compacted;
	size_t n = 0;
	int rc;

	err_clear(&e);
	if (sq_step_done(c->begin) < 0) {
		sq_watch_end(w, ERR_INTERNAL, sqlite3_errmsg(c->db));
		return;
	}
	if (sq_conn_meta(c, &cur, &compacted, &e) < 0) {
		sq_watch_end(w, ERR_INTERNAL, e.msg);
		goto out;
	}
	if (w->pos < compacted) {
		snprintf(msg, sizeof msg, "too old resource version: %lld "
		    "(%lld)", (long long)w->pos, (long long)compacted);
		sq_watch_end(w, ERR_GONE, msg);
		goto out;
	}
	if (target > cur)
		target = cur;
	sqlite3_bind_int64(st, 1, w->pos);
	sqlite3_bind_int64(st, 2, target);
	sqlite3_bind_text(st, 3, w->lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, w->hi, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, SQ_WATCH_CHUNK);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		memset(&ev, 0, sizeof ev);
		ev.rev = sqlite3_column_int64(st, 0);
		ev.type = sqlite3_column_int(st, 3) ? STORE_DELETE : STORE_PUT;
		ev.kv.key = (char *)sqlite3_column_text(st, 1);
		ev.kv.mod_rev = ev.rev;
		if (ev.type == STORE_PUT) {
			ev.kv.create_rev = sqlite3_column_int64(st, 4);
			ev.kv.value = (char *)sq_col_str(st, 6,
			    &ev.kv.value_len);
			if (ev.kv.value == NULL)
				ev.kv.value = (char *)"";
		}
		if (sqlite3_column_int64(st, 5) != 0) {
			ev.prev.key = ev.kv.key;
			ev.prev.create_rev = sqlite3_column_int64(st, 4);
			ev.prev.mod_rev = sqlite3_column_int64(st, 5);
			ev.prev.value = (char *)sq_col_str(st, 7,
			    &ev.prev.value_len);
			if (ev.prev.value == NULL)
				ev.prev.value = (char *)"";
		}
		w->pos = ev.rev;
		if (__atomic_load_n(&w->dead, __ATOMIC_ACQUIRE))
			break;
		w->fn(w->arg, &ev, NULL);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sq_watch_end(w, ERR_INTERNAL, sqlite3_errmsg(c->db));
		goto out;
	}
	if (rc == SQLITE_DONE && n < SQ_WATCH_CHUNK && w->pos < target)
		w->pos = target;
out:
	sq_finish(st);
	if (!sqlite3_get_autocommit(c->db))
		sq_step_done(c->end);
}

/* Whether a watch has events to be delivered (sq->mu held). */
static int
sq_work(struct sq *sq)
{
	struct store_watch *w;

	for (w = sq->watches; w != NULL; w = w->next)
		if (!w->dead && !w->ended && w->pos < sq->rev)
			return 1;
	return 0;
}

/*
 * One pass of the dispatcher over the watches that are behind, or, when
 * closing, over every watch still running to end it: sq->mu held
 * (released while a watch is served, marked busy meanwhile),
 * sq->dispatching set by the caller.
 */
static void
sq_dispatch_pass(struct sq *sq, int closing)
{
	struct store_watch *w, *nx;
	int64_t target;

	for (w = sq->watches; w != NULL && (closing || !sq->stop); w = nx) {
		if (w->dead || w->ended || (!closing && w->pos >= sq->rev)) {
			nx = w->next;
			continue;
		}
		sq->busy = w;
		target = sq->rev;
		pthread_mutex_unlock(&sq->mu);
		if (closing)
			sq_watch_end(w, ERR_SERVICE_UNAVAILABLE,
			    "store closed");
		else
			sq_watch_step(sq, w, target);
		pthread_mutex_lock(&sq->mu);
		sq->busy = NULL;
		pthread_cond_broadcast(&sq->idle);
		nx = w->next;
		if (w->selffree)
			sq_watch_unlink(sq, w);
	}
}

/*
 * A leader, after its commit (sq->mu held): delivers the new events
 * itself unless someone dispatches already; a few passes at most, then
 * what is left goes to the dispatcher thread, so that a writer under a
 * steady stream of commits still returns.
 */
static void
sq_dispatch_inline(struct sq *sq)
{
	int pass;

	if (sq->dispatching || sq->stop || !sq->started)
		return;
	sq->dispatching = 1;
	sq->dthread = pthread_self();
	for (pass = 0; pass < 4 && !sq->stop && sq_work(sq); pass++)
		sq_dispatch_pass(sq, 0);
	sq->dispatching = 0;
	if (sq->stop || sq_work(sq))
		pthread_cond_broadcast(&sq->dcond);
	pthread_cond_broadcast(&sq->idle);
}

static void *
sq_dispatcher(void *arg)
{
	struct sq *sq = arg;

	pthread_mutex_lock(&sq->mu);
	while (!sq->stop) {
		if (sq->dispatching || !sq_work(sq)) {
			pthread_cond_wait(&sq->dcond, &sq->mu);
			continue;
		}
		sq->dispatching = 1;
		sq->dthread = pthread_self();
		sq_dispatch_pass(sq, 0);
		sq->dispatching = 0;
		pthread_cond_broadcast(&sq->idle);
	}
	/* closing: a leader may still be dispatching */
	while (sq->dispatching)
		pthread_cond_wait(&sq->idle, &sq->mu);
	sq->dispatching = 1;
	sq->dthread = pthread_self();
	sq_dispatch_pass(sq, 1);	/* end every watch still running */
	sq->dispatching = 0;
	pthread_mutex_unlock(&sq->mu);
	return NULL;
}

static void
sq_free(struct sq *sq)
{
	struct sq_conn *c;

	while ((c = sq->pool) != NULL) {
		sq->pool = c->next;
		sq_conn_free(c);
	}
	sq_conn_free(sq->dconn);
	while (sq->watches != NULL)
		sq_watch_unlink(sq, sq->watches);
	sqlite3_finalize(sq->w_begin);
	sqlite3_finalize(sq->w_commit);
	sqlite3_finalize(sq->w_rollback);
	sqlite3_finalize(sq->w_latest);
	sqlite3_finalize(sq->w_value);
	sqlite3_finalize(sq->w_insert);
	sqlite3_finalize(sq->w_meta);
	sqlite3_finalize(sq->w_cprev);
	sqlite3_finalize(sq->w_cdel);
	sqlite3_close(sq->wdb);
	pthread_mutex_destroy(&sq->mu);
	pthread_cond_destroy(&sq->dcond);
	pthread_cond_destroy(&sq->idle);
	free(sq->path);
	free(sq);
}

/* Reads the counters; the row ids win should meta ever lag behind. */
static int
sq_load(struct sq *sq, struct err *err)
{
	sqlite3_stmt *st;
	int ret = -1;

	if (sq_prepare(sq->wdb, "SELECT (SELECT v FROM meta WHERE k = 'rev'),"
	    " (SELECT v FROM meta WHERE k = 'compacted'),"
	    " (SELECT COALESCE(MAX(id), 0) FROM kv)", &st, err) < 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		sq->rev = sqlite3_column_int64(st, 0);
		sq->compacted = sqlite3_column_int64(st, 1);
		if (sqlite3_column_int64(st, 2) > sq->rev)
			sq->rev = sqlite3_column_int64(st, 2);
		ret = 0;
	} else
		sq_dberr(err, sq->wdb, "load");
	sqlite3_finalize(st);
	return ret;
}

static int
sq_open(struct store *s, const char *path, struct err *err)
{
	struct sq *sq;

	sq = calloc(1, sizeof *sq);
	if (sq == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	pthread_mutex_init(&sq->mu, NULL);
	pthread_cond_init(&sq->dcond, NULL);
	pthread_cond_init(&sq->idle, NULL);
	if ((sq->path = strdup(path)) == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto fail;
	}
	if (sqlite3_open_v2(path, &sq->wdb, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sq_dberr(err, sq->wdb, "open");
		err_wrap(err, "%s", path);
		goto fail;
	}
	sqlite3_busy_timeout(sq->wdb, SQ_BUSY_MS);
	if (sq_exec(sq->wdb, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;", err) < 0 ||
	    sq_exec(sq->wdb, sq_schema, err) < 0 ||
	    sq_load(sq, err) < 0)
		goto fail;
	if (sq_prepare(sq->wdb, "BEGIN IMMEDIATE", &sq->w_begin, err) < 0 ||
	    sq_prepare(sq->wdb, "COMMIT", &sq->w_commit, err) < 0 ||
	    sq_prepare(sq->wdb, "ROLLBACK", &sq->w_rollback, err) < 0 ||
	    sq_prepare(sq->wdb, "SELECT id, deleted, create_revision FROM kv"
	    " WHERE name = ?1 ORDER BY id DESC LIMIT 1", &sq->w_latest,
	    err) < 0 ||
	    sq_prepare(sq->wdb, "SELECT value FROM kv WHERE id = ?1",
	    &sq->w_value, err) < 0 ||
	    sq_prepare(sq->wdb, "INSERT INTO kv (id, name, created, deleted,"
	    " create_revision, prev_revision, value, old_value)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " (SELECT value FROM kv WHERE id = ?6))", &sq->w_insert,
	    err) < 0 ||
	    sq_prepare(sq->wdb, "UPDATE meta SET v = ?2 WHERE k = ?1",
	    &sq->w_meta, err) < 0 ||
	    /* rows superseded by a row in (compacted, rev] */
	    sq_prepare(sq->wdb, "DELETE FROM kv WHERE id IN (SELECT"
	    " prev_revision FROM kv WHERE id > ?1 AND id <= ?2"
	    " AND prev_revision != 0)", &sq->w_cprev, err) < 0 ||
	    /* tombstones in (compacted, rev] */
	    sq_prepare(sq->wdb, "DELETE FROM kv WHERE id > ?1 AND id <= ?2"
	    " AND deleted = 1", &sq->w_cdel, err) < 0)
		goto fail;
	s->priv = sq;
	sq->dconn = sq_conn_new(path, err);
	if (sq->dconn == NULL)
		goto fail;
	if (pthread_create(&sq->dispatcher, NULL, sq_dispatcher, sq) != 0) {
		err_set(err, ERR_INTERNAL, "cannot start the dispatcher");
		goto fail;
	}
	sq->started = 1;
	return 0;
fail:
	s->priv = NULL;
	sq_free(sq);
	return -1;
}

static void
sq_close(struct store *s)
{
	struct sq *sq = s->priv;

	if (sq == NULL)
		return;
	pthread_mutex_lock(&sq->mu);
	sq->stop = 1;
	/* writes already queued still go through */
	while (sq->leading || sq->waking)
		pthread_cond_wait(&sq->idle, &sq->mu);
	pthread_cond_broadcast(&sq->dcond);
	pthread_mutex_unlock(&sq->mu);
	pthread_join(sq->dispatcher, NULL);
	sq_free(sq);
	s->priv = NULL;
}

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.get = sq_get,
	.list = sq_list,
	.count = sq_count,
	.create = sq_create,
	.update = sq_update,
	.delete = sq_delete,
	.watch = sq_watch,
	.unwatch = sq_unwatch,
	.compact = sq_compact,
	.revision = sq_revision,
};
