/* deployment.c - kube-controller-manager's Deployment controller: rolls a
 * Deployment's pods from one template to the next through ReplicaSets.
 *
 * Keys are "namespace/name" of Deployments; a Deployment is looked at when
 * it changes, when one of its ReplicaSets does, and (for Recreate) when a
 * pod of one of them goes.  As upstream (pkg/controller/deployment):
 *  - the new ReplicaSet is the one whose template equals the Deployment's
 *    but for the pod-template-hash label; it is made when missing, named
 *    <deployment>-<hash> (a hash of the template and collisionCount) with
 *    the deployment.kubernetes.io/revision annotation one above the
 *    highest of the others (so `kubectl rollout history` and `undo`
 *    work), and desired-replicas and max-replicas annotations;
 *  - RollingUpdate scales the new one up while all pods stay within
 *    replicas + maxSurge, and the old ones down while available pods stay
 *    at least replicas - maxUnavailable (unhealthy ones first); Recreate
 *    scales the old ones to 0, waits for their pods to go, then scales the
 *    new one up;
 *  - a change of replicas alone (or any while paused) scales the active
 *    ReplicaSets proportionally instead of rolling;
 *  - old ReplicaSets scaled to 0 beyond revisionHistoryLimit are deleted;
 *  - status: replicas, updated, ready, available and unavailable
 *    replicas, observedGeneration, collisionCount, and the Available and
 *    Progressing conditions with upstream's reasons and messages
 *    (NewReplicaSetCreated, ReplicaSetUpdated, NewReplicaSetAvailable,
 *    ProgressDeadlineExceeded, DeploymentPaused, DeploymentResumed), which
 *    `kubectl rollout status` reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/rfc3339.h"
#include "../../lib/selector.h"
#include "../recorder.h"
#include "controllers.h"
#include "podutil.h"

#define DP_COMPONENT	"deployment-controller"
#define DP_HASH_LABEL	"pod-template-hash"
#define DP_REVISION	"deployment.kubernetes.io/revision"
#define DP_HISTORY	"deployment.kubernetes.io/revision-history"
#define DP_DESIRED	"deployment.kubernetes.io/desired-replicas"
#define DP_MAX		"deployment.kubernetes.io/max-replicas"

struct dp_state {
	const struct registry_kind *d_k, *rs_k, *pods_k;
	struct ctl_owned rs;		/* ReplicaSets by Deployment uid */
	struct ctl_owned pods;		/* pods by ReplicaSet uid */
};

/* One sync's view: the Deployment and its ReplicaSets. */
struct dp_sync {
	struct ctl	*c;
	struct dp_state	*st;
	struct cobj	*d;
	const char	*key;
	struct cobj	**rs;		/* all of them, references */
	size_t		 nrs;
	struct cobj	*newrs;		/* one of rs, or NULL */
	long		 replicas;	/* spec.replicas */
	long		 surge, unavail;/* resolved */
	int		 created;	/* a new ReplicaSet was made */
	char		 newname[300];
};

static const json_t *
dp_get(const json_t *o, const char *a, const char *b)
{
	const json_t *v = json_object_get(o, a);

	return b != NULL ? json_object_get(v, b) : v;
}

static const char *
dp_annotation(const json_t *o, const char *name)
{
	return json_string_value(json_object_get(dp_get(o, "metadata",
	    "annotations"), name));
}

static long
dp_long(const json_t *v)
{
	return (long)json_integer_value(v);
}

static long
dp_rs_replicas(const struct cobj *rs)
{
	return dp_long(dp_get(rs->obj, "spec", "replicas"));
}

static long
dp_rs_status(const struct cobj *rs, const char *field)
{
	return dp_long(dp_get(rs->obj, "status", field));
}

static long
dp_revision(const struct cobj *rs)
{
	const char *r = dp_annotation(rs->obj, DP_REVISION);

	return r ? atol(r) : 0;
}

/* An intstr (maxSurge, maxUnavailable) against total: integers as they
 * are, percentages rounded up or down. */
static long
dp_intstr(const json_t *v, long total, int up, long dflt_pct)
{
	const char *s;
	long pct;

	if (json_is_integer(v))
		return dp_long(v);
	s = json_string_value(v);
	pct = s != NULL ? atol(s) : dflt_pct;
	if (up)
		return (total * pct + 99) / 100;
	return total * pct / 100;
}

/* Whether two templates are equal but for the pod-template-hash label. */
static int
dp_equal_ignore_hash(const json_t *a, const json_t *b)
{
	json_t *x = json_deep_copy(a), *y = json_deep_copy(b);
	json_t *lx, *ly;
	int eq;

	lx = (json_t *)dp_get(x, "metadata", "labels");
	ly = (json_t *)dp_get(y, "metadata", "labels");
	json_object_del(lx, DP_HASH_LABEL);
	json_object_del(ly, DP_HASH_LABEL);
	if (lx != NULL && json_object_size(lx) == 0)
		json_object_del(json_object_get(x, "metadata"), "labels");
	if (ly != NULL && json_object_size(ly) == 0)
		json_object_del(json_object_get(y, "metadata"), "labels");
	eq = json_equal(x, y);
	json_decref(x);
	json_decref(y);
	return eq;
}

static long long
dp_created(const struct cobj *o)
{
	struct timespec ts;
	const char *s = podutil_meta(o->obj, "creationTimestamp");

	if (s == NULL || rfc3339_parse(s, &ts) < 0)
		return 0;
	return (long long)ts.tv_sec;
}

/* Oldest first, by name when created in the same second. */
static int
dp_by_age(const void *a, const void *b)
{
	const struct cobj *x = *(struct cobj *const *)a;
	const struct cobj *y = *(struct cobj *const *)b;

	if (dp_created(x) != dp_created(y))
		return dp_created(x) < dp_created(y) ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int
dp_by_revision(const void *a, const void *b)
{
	long x = dp_revision(*(struct cobj *const *)a);
	long y = dp_revision(*(struct cobj *const *)b);

	return x < y ? -1 : x > y;
}

/* Reads the Deployment's ReplicaSets (again, after a write). */
static void
dp_load(struct dp_sync *s)
{
	const json_t *tmpl = dp_get(s->d->obj, "spec", "template");
	size_t i;

	ctl_objs_release(s->rs, s->nrs);
	s->rs = ctl_owned_objs(s->c, &s->st->rs, s->st->rs_k, s->d->obj,
	    &s->nrs);
	if (s->nrs > 1)
		qsort(s->rs, s->nrs, sizeof *s->rs, dp_by_age);
	s->newrs = NULL;
	for (i = 0; i < s->nrs; i++)
		if (dp_equal_ignore_hash(dp_get(s->rs[i]->obj, "spec",
		    "template"), tmpl)) {
			s->newrs = s->rs[i];
			break;
		}
}

/* The old ones: every ReplicaSet but the new one. */
#define DP_FOREACH_OLD(s, i, rs) \
	for ((i) = 0; (i) < (s)->nrs; (i)++) \
		if (((rs) = (s)->rs[(i)]) != (s)->newrs)

static long
dp_max_old_revision(struct dp_sync *s)
{
	struct cobj *rs;
	long max = 0;
	size_t i;

	DP_FOREACH_OLD(s, i, rs)
		if (dp_revision(rs) > max)
			max = dp_revision(rs);
	return max;
}

/* Scales rs to n, with the replica annotations; events when it moved. */
static int
dp_scale(struct dp_sync *s, struct cobj *rs, long n)
{
	long old = dp_rs_replicas(rs);
	char path[1024], desired[32], max[32];
	struct err err;
	json_t *patch;
	int rc;

	snprintf(desired, sizeof desired, "%ld", s->replicas);
	snprintf(max, sizeof max, "%ld", s->replicas + s->surge);
	if (old == n && dp_annotation(rs->obj, DP_DESIRED) != NULL &&
	    strcmp(dp_annotation(rs->obj, DP_DESIRED), desired) == 0 &&
	    dp_annotation(rs->obj, DP_MAX) != NULL &&
	    strcmp(dp_annotation(rs->obj, DP_MAX), max) == 0)
		return 0;
	patch = json_pack("{s:{s:{s:s, s:s}}, s:{s:I}}", "metadata",
	    "annotations", DP_DESIRED, desired, DP_MAX, max, "spec",
	    "replicas", (json_int_t)n);
	controllers_path(rs->kind, rs->ns, rs->name, path, sizeof path);
	err_clear(&err);
	rc = client_do(s->c->srv, "PATCH", path, NULL,
	    "application/merge-patch+json", patch, NULL, &err);
	json_decref(patch);
	if (rc < 0)
		return -1;
	if (old != n)
		recorder_event(s->c->srv->recorder, s->d, DP_COMPONENT,
		    "Normal", "ScalingReplicaSet", "Scaled %s replica set %s "
		    "from %ld to %ld", n > old ? "up" : "down", rs->name, old,
		    n);
	return 1;
}

/* The annotations a new ReplicaSet takes over from its Deployment. */
static json_t *
dp_copy_annotations(const json_t *d)
{
	static const char *const skip[] = {
		"kubectl.kubernetes.io/last-applied-configuration",
		DP_REVISION, DP_HISTORY, DP_DESIRED, DP_MAX,
		"deprecated.deployment.rollback.to", NULL,
	};
	json_t *out = json_object(), *v;
	const char *k;
	int i, skipped;

	json_object_foreach((json_t *)dp_get(d, "metadata", "annotations"), k,
	    v) {
		for (skipped = 0, i = 0; skip[i] != NULL; i++)
			skipped |= strcmp(skip[i], k) == 0;
		if (!skipped)
			json_object_set(out, k, v);
	}
	return out;
}

/* Writes the Deployment's revision annotation (and the reused old
 * revision into the ReplicaSet's history). */
static void
dp_set_revision(struct dp_sync *s, long rev)
{
	char path[1024], num[32];
	const char *have = dp_annotation(s->d->obj, DP_REVISION);
	struct err err;
	json_t *patch;

	snprintf(num, sizeof num, "%ld", rev);
	if (have != NULL && strcmp(have, num) == 0)
		return;
	patch = json_pack("{s:{s:{s:s}}}", "metadata", "annotations",
	    DP_REVISION, num);
	controllers_path(s->d->kind, s->d->ns, s->d->name, path, sizeof path);
	err_clear(&err);
	client_do(s->c->srv, "PATCH", path, NULL,
	    "application/merge-patch+json", patch, NULL, &err);
	json_decref(patch);
}

/*
 * The new ReplicaSet: its revision brought up to date when it is an old
 * one made new again (a rollback), or made with replicas n when missing
 * and create says so.  0, or -1 on a failure.
 */
static int
dp_new_rs(struct dp_sync *s, int create, long n)
{
	const json_t *spec = json_object_get(s->d->obj, "spec");
	long rev = dp_max_old_revision(s) + 1, collisions =
	    dp_long(dp_get(s->d->obj, "status", "collisionCount"));
	char hash[32], num[32], path[1024], desired[32], max[32];
	json_t *tmpl, *sel, *rs, *patch;
	struct err err;
	int rc;

	if (s->newrs != NULL) {
		if (dp_revision(s->newrs) < rev) {
			const char *old = dp_annotation(s->newrs->obj,
			    DP_REVISION), *hist = dp_annotation(s->newrs->obj,
			    DP_HISTORY);
			char h[512];

			snprintf(num, sizeof num, "%ld", rev);
			snprintf(h, sizeof h, "%s%s%s", hist ? hist : "",
			    hist && *hist ? "," : "", old ? old : "");
			patch = json_pack("{s:{s:{s:s, s:s}}}", "metadata",
			    "annotations", DP_REVISION, num, DP_HISTORY, h);
			controllers_path(s->newrs->kind, s->newrs->ns,
			    s->newrs->name, path, sizeof path);
			err_clear(&err);
			rc = client_do(s->c->srv, "PATCH", path, NULL,
			    "application/merge-patch+json", patch, NULL,
			    &err);
			json_decref(patch);
			if (rc < 0)
				return -1;
			dp_set_revision(s, rev);
			dp_load(s);
		} else {
			dp_set_revision(s, dp_revision(s->newrs));
		}
		if (s->newrs != NULL)
			snprintf(s->newname, sizeof s->newname, "%s",
			    s->newrs->name);
		return 0;
	}
	if (!create)
		return 0;
	for (int tries = 0; tries < 5; tries++) {
		podutil_hash(json_object_get(spec, "template"), collisions,
		    hash, sizeof hash);
		tmpl = json_deep_copy(json_object_get(spec, "template"));
		if (!json_is_object(json_object_get(tmpl, "metadata")))
			json_object_set_new(tmpl, "metadata", json_object());
		if (!json_is_object(dp_get(tmpl, "metadata", "labels")))
			json_object_set_new(json_object_get(tmpl, "metadata"),
			    "labels", json_object());
		json_object_set_new((json_t *)dp_get(tmpl, "metadata",
		    "labels"), DP_HASH_LABEL, json_string(hash));
		sel = json_deep_copy(json_object_get(spec, "selector"));
		if (!json_is_object(json_object_get(sel, "matchLabels")))
			json_object_set_new(sel, "matchLabels", json_object());
		json_object_set_new(json_object_get(sel, "matchLabels"),
		    DP_HASH_LABEL, json_string(hash));
		snprintf(s->newname, sizeof s->newname, "%.242s-%s",
		    s->d->name, hash);
		snprintf(num, sizeof num, "%ld", rev);
		snprintf(desired, sizeof desired, "%ld", s->replicas);
		snprintf(max, sizeof max, "%ld", s->replicas + s->surge);
		rs = json_pack("{s:s, s:s, s:{s:s, s:s, s:O?, s:o, s:[o]}, "
		    "s:{s:I, s:I, s:o, s:o}}", "apiVersion", "apps/v1", "kind",
		    "ReplicaSet", "metadata", "name", s->newname, "namespace",
		    s->d->ns, "labels", dp_get(tmpl, "metadata", "labels"),
		    "annotations", dp_copy_annotations(s->d->obj),
		    "ownerReferences", podutil_owner_ref(s->d->obj, "apps/v1",
		    "Deployment"), "spec", "replicas", (json_int_t)n,
		    "minReadySeconds", (json_int_t)dp_long(json_object_get(
		    spec, "minReadySeconds")), "selector", sel, "template",
		    tmpl);
		if (rs == NULL)
			return -1;
		json_object_set_new((json_t *)dp_get(rs, "metadata",
		    "annotations"), DP_REVISION, json_string(num));
		json_object_set_new((json_t *)dp_get(rs, "metadata",
		    "annotations"), DP_DESIRED, json_string(desired));
		json_object_set_new((json_t *)dp_get(rs, "metadata",
		    "annotations"), DP_MAX, json_string(max));
		err_clear(&err);
		rc = ctl_create(s->c, s->st->rs_k, s->d->ns, rs, NULL, &err);
		json_decref(rs);
		if (rc == 0) {
			s->created = 1;
			if (n > 0)
				recorder_event(s->c->srv->recorder, s->d,
				    DP_COMPONENT, "Normal",
				    "ScalingReplicaSet", "Scaled up replica "
				    "set %s from 0 to %ld", s->newname, n);
			dp_set_revision(s, rev);
			dp_load(s);
			return 0;
		}
		if (err.reason != ERR_ALREADY_EXISTS)
			return -1;
		/* a ReplicaSet of that name with another template: the
		 * hash collides; count it and hash again */
		collisions++;
		{
			struct cobj *d = s->d;
			json_t *st = json_deep_copy(json_object_get(d->obj,
			    "status"));

			if (!json_is_object(st)) {
				json_decref(st);
				st = json_object();
			}
			json_object_set_new(st, "collisionCount",
			    json_integer(collisions));
			err_clear(&err);
			rc = ctl_put_status(s->c, d, st, &err);
			json_decref(st);
			if (rc < 0)
				return -1;
		}
	}
	return -1;
}

/* The replicas of all the ReplicaSets (spec), and of the old ones. */
static long
dp_sum(struct dp_sync *s, int old_only, const char *status_field)
{
	long n = 0;
	size_t i;

	for (i = 0; i < s->nrs; i++) {
		if (old_only && s->rs[i] == s->newrs)
			continue;
		n += status_field ? dp_rs_status(s->rs[i], status_field) :
		    dp_rs_replicas(s->rs[i]);
	}
	return n;
}

/* RollingUpdate's scale-up of the new ReplicaSet; 1 when it scaled. */
static int
dp_rolling_up(struct dp_sync *s)
{
	long cur, want, have = dp_rs_replicas(s->newrs), up;

	if (have == s->replicas)
		return 0;
	if (have > s->replicas)
		return dp_scale(s, s->newrs, s->replicas);
	cur = dp_sum(s, 0, NULL);
	if (cur >= s->replicas + s->surge)
		return 0;
	up = s->replicas + s->surge - cur;
	if (up > s->replicas - have)
		up = s->replicas - have;
	want = have + up;
	return dp_scale(s, s->newrs, want);
}

/* RollingUpdate's scale-down of the old ones; 1 when it scaled. */
static int
dp_rolling_down(struct dp_sync *s)
{
	long old = dp_sum(s, 1, NULL), all, min_avail, new_unavail, max_down,
	    cleaned = 0, avail, down, n;
	struct cobj *rs;
	size_t i;
	int moved = 0;

	if (old == 0)
		return 0;
	all = dp_sum(s, 0, NULL);
	min_avail = s->replicas - s->unavail;
	new_unavail = s->newrs ? dp_rs_replicas(s->newrs) -
	    dp_rs_status(s->newrs, "availableReplicas") : 0;
	max_down = all - min_avail - new_unavail;
	if (max_down <= 0)
		return 0;
	/* the unhealthy replicas of the old ones first, oldest first */
	DP_FOREACH_OLD(s, i, rs) {
		long have = dp_rs_replicas(rs), healthy =
		    dp_rs_status(rs, "availableReplicas");

		if (cleaned >= max_down)
			break;
		if (have == 0 || have <= healthy)
			continue;
		n = have - healthy;
		if (n > max_down - cleaned)
			n = max_down - cleaned;
		if (dp_scale(s, rs, have - n) < 0)
			return -1;
		cleaned += n;
		moved = 1;
	}
	if (moved)
		dp_load(s);
	/* then as many available ones as the budget allows */
	avail = dp_sum(s, 0, "availableReplicas");
	if (avail <= min_avail)
		return moved;
	down = avail - min_avail;
	DP_FOREACH_OLD(s, i, rs) {
		long have = dp_rs_replicas(rs);

		if (down <= 0)
			break;
		if (have == 0)
			continue;
		n = have < down ? have : down;
		if (dp_scale(s, rs, have - n) < 0)
			return -1;
		down -= n;
		moved = 1;
	}
	return moved;
}

/* Old ReplicaSets scaled to 0 beyond revisionHistoryLimit go. */
static void
dp_cleanup(struct dp_sync *s)
{
	const json_t *lim = dp_get(s->d->obj, "spec", "revisionHistoryLimit");
	struct cobj **old;
	struct err err;
	size_t i, n = 0, keep;

	if (!json_is_integer(lim))
		return;
	keep = (size_t)json_integer_value(lim);
	if ((old = calloc(s->nrs + 1, sizeof *old)) == NULL)
		return;
	for (i = 0; i < s->nrs; i++)
		if (s->rs[i] != s->newrs && dp_rs_replicas(s->rs[i]) == 0 &&
		    dp_rs_status(s->rs[i], "replicas") == 0 &&
		    json_object_get(dp_get(s->rs[i]->obj, "metadata", NULL),
		    "deletionTimestamp") == NULL)
			old[n++] = s->rs[i];
	qsort(old, n, sizeof *old, dp_by_revision);
	for (i = 0; n > keep && i < n - keep; i++) {
		err_clear(&err);
		ctl_delete(s->c, old[i], NULL, &err);
	}
	free(old);
}

/* The pods of the old ReplicaSets still there (Recreate waits for them
 * to go before the new ones start). */
static int
dp_old_pods_running(struct dp_sync *s)
{
	struct cobj **pods, *rs;
	size_t i, j, n;
	int running = 0;

	DP_FOREACH_OLD(s, i, rs) {
		pods = ctl_owned_objs(s->c, &s->st->pods, s->st->pods_k,
		    rs->obj, &n);
		for (j = 0; j < n; j++) {
			const char *phase = json_string_value(dp_get(
			    pods[j]->obj, "status", "phase"));

			if (phase == NULL || (strcmp(phase, "Failed") != 0 &&
			    strcmp(phase, "Succeeded") != 0))
				running = 1;
		}
		ctl_objs_release(pods, n);
	}
	return running;
}

/* A condition of the Deployment's status, or NULL. */
static const json_t *
dp_condition(const json_t *d, const char *type)
{
	const json_t *c;
	size_t i;

	json_array_foreach(dp_get(d, "status", "conditions"), i, c)
		if (json_string_value(json_object_get(c, "type")) != NULL &&
		    strcmp(json_string_value(json_object_get(c, "type")),
		    type) == 0)
			return c;
	return NULL;
}

/* A condition with lastTransitionTime kept while the status stays and
 * lastUpdateTime moved when touch says so (or it changed). */
static json_t *
dp_cond(const json_t *d, const char *type, const char *status,
    const char *reason, const char *msg, int touch, const char *now)
{
	const json_t *old = dp_condition(d, type);
	const char *ostatus = json_string_value(json_object_get(old,
	    "status"));
	const char *oreason = json_string_value(json_object_get(old,
	    "reason"));
	const char *trans = now, *upd = now;
	int same = ostatus != NULL && strcmp(ostatus, status) == 0;

	if (same && json_string_value(json_object_get(old,
	    "lastTransitionTime")))
		trans = json_string_value(json_object_get(old,
		    "lastTransitionTime"));
	if (same && !touch && oreason != NULL && strcmp(oreason, reason) ==
	    0 && json_string_value(json_object_get(old, "lastUpdateTime")))
		upd = json_string_value(json_object_get(old,
		    "lastUpdateTime"));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "type", type,
	    "status", status, "lastUpdateTime", upd, "lastTransitionTime",
	    trans, "reason", reason, "message", msg);
}

/* The status, and whether the progress deadline needs another look. */
static int
dp_status(struct dp_sync *s, int paused, long *recheck)
{
	const json_t *spec = json_object_get(s->d->obj, "spec");
	const json_t *deadline = json_object_get(spec,
	    "progressDeadlineSeconds"), *oldp = dp_condition(s->d->obj,
	    "Progressing"), *ost = json_object_get(s->d->obj, "status");
	long replicas = dp_sum(s, 0, "replicas"), ready = dp_sum(s, 0,
	    "readyReplicas"), avail = dp_sum(s, 0, "availableReplicas"),
	    updated = s->newrs ? dp_rs_status(s->newrs, "replicas") : 0;
	long long gen = json_integer_value(dp_get(s->d->obj, "metadata",
	    "generation"));
	char now[64], msg[512];
	json_t *st, *conds;
	struct err err;
	int complete, progressing, rc;
	const char *oreason = json_string_value(json_object_get(oldp,
	    "reason"));

	*recheck = 0;
	rfc3339_format(time(NULL), now, sizeof now);
	st = json_pack("{s:I, s:I, s:I}", "observedGeneration",
	    (json_int_t)gen, "replicas", (json_int_t)replicas,
	    "updatedReplicas", (json_int_t)updated);
	if (ready > 0)
		json_object_set_new(st, "readyReplicas", json_integer(ready));
	if (avail > 0)
		json_object_set_new(st, "availableReplicas",
		    json_integer(avail));
	if (s->replicas - avail > 0)
		json_object_set_new(st, "unavailableReplicas",
		    json_integer(s->replicas - avail));
	if (json_object_get(ost, "collisionCount") != NULL)
		json_object_set(st, "collisionCount",
		    json_object_get(ost, "collisionCount"));
	conds = json_array();
	if (avail >= s->replicas - s->unavail)
		json_array_append_new(conds, dp_cond(s->d->obj, "Available",
		    "True", "MinimumReplicasAvailable", "Deployment has "
		    "minimum availability.", 0, now));
	else
		json_array_append_new(conds, dp_cond(s->d->obj, "Available",
		    "False", "MinimumReplicasUnavailable", "Deployment does "
		    "not have minimum availability.", 0, now));
	complete = s->newrs != NULL && updated == s->replicas &&
	    replicas == s->replicas && avail == s->replicas;
	/* progress: the new ReplicaSet grew, or more pods became ready or
	 * available than the last status said */
	progressing = s->created || updated > dp_long(json_object_get(ost,
	    "updatedReplicas")) || ready > dp_long(json_object_get(ost,
	    "readyReplicas")) || avail > dp_long(json_object_get(ost,
	    "availableReplicas")) || replicas < dp_long(json_object_get(ost,
	    "replicas"));
	if (paused) {
		json_array_append_new(conds, dp_cond(s->d->obj, "Progressing",
		    "Unknown", "DeploymentPaused", "Deployment is paused", 0,
		    now));
	} else if (oreason != NULL && strcmp(oreason, "DeploymentPaused") ==
	    0) {
		json_array_append_new(conds, dp_cond(s->d->obj, "Progressing",
		    "Unknown", "DeploymentResumed", "Deployment is resumed", 1,
		    now));
	} else if (complete) {
		snprintf(msg, sizeof msg, "ReplicaSet \"%s\" has successfully "
		    "progressed.", s->newrs->name);
		json_array_append_new(conds, dp_cond(s->d->obj, "Progressing",
		    "True", "NewReplicaSetAvailable", msg, 0, now));
	} else if (s->created) {
		snprintf(msg, sizeof msg, "Created new replica set \"%s\"",
		    s->newname);
		json_array_append_new(conds, dp_cond(s->d->obj, "Progressing",
		    "True", "NewReplicaSetCreated", msg, 1, now));
	} else if (progressing || oldp == NULL) {
		snprintf(msg, sizeof msg, "ReplicaSet \"%s\" is progressing.",
		    s->newname);
		json_array_append_new(conds, dp_cond(s->d->obj, "Progressing",
		    "True", "ReplicaSetUpdated", msg, 1, now));
	} else {
		/* no progress: timed out once past the deadline */
		struct timespec upd;
		const char *u = json_string_value(json_object_get(oldp,
		    "lastUpdateTime"));
		long dl = json_is_integer(deadline) ? dp_long(deadline) : 0;
		time_t t = time(NULL);

		if (json_is_integer(deadline) && u != NULL &&
		    rfc3339_parse(u, &upd) == 0 && upd.tv_sec + dl <= t &&
		    (oreason == NULL || strcmp(oreason,
		    "NewReplicaSetAvailable") != 0)) {
			snprintf(msg, sizeof msg, "ReplicaSet \"%s\" has timed "
			    "out progressing.", s->newname);
			json_array_append_new(conds, dp_cond(s->d->obj,
			    "Progressing", "False", "ProgressDeadlineExceeded",
			    msg, 0, now));
		} else {
			json_array_append_new(conds, json_deep_copy(oldp));
			if (json_is_integer(deadline) && u != NULL &&
			    rfc3339_parse(u, &upd) == 0 &&
			    upd.tv_sec + dl > t)
				*recheck = (long)(upd.tv_sec + dl - t) + 1;
		}
	}
	json_object_set_new(st, "conditions", conds);
	err_clear(&err);
	rc = ctl_put_status(s->c, s->d, st, &err);
	json_decref(st);
	if (rc < 0 && err.reason != ERR_NOT_FOUND)
		return -1;
	if (!complete && !paused && *recheck == 0 && json_is_integer(deadline))
		*recheck = dp_long(deadline) + 1;
	return 0;
}

/* Whether replicas changed and the ReplicaSets do not know it yet. */
static int
dp_scaling_event(struct dp_sync *s)
{
	char want[32];
	const char *have;
	size_t i;

	snprintf(want, sizeof want, "%ld", s->replicas);
	for (i = 0; i < s->nrs; i++) {
		if (dp_rs_replicas(s->rs[i]) == 0)
			continue;
		have = dp_annotation(s->rs[i]->obj, DP_DESIRED);
		if (have != NULL && strcmp(have, want) != 0)
			return 1;
	}
	return 0;
}

/*
 * Scaling without a rollout: the one active ReplicaSet (or the newest)
 * takes replicas; with several active ones the change is shared out in
 * proportion to their size, as upstream's proportional scaling.
 */
static int
dp_scale_only(struct dp_sync *s)
{
	struct cobj *only = NULL, *rs;
	long active = 0, total, allowed, add, done = 0, share, have, max;
	size_t i;

	for (i = 0; i < s->nrs; i++)
		if (dp_rs_replicas(s->rs[i]) > 0) {
			active++;
			only = s->rs[i];
		}
	if (active == 0 && s->newrs != NULL)
		only = s->newrs, active = 1;
	if (active == 0 && s->nrs > 0)
		only = s->rs[s->nrs - 1], active = 1;	/* the newest */
	if (active <= 1)
		return only ? dp_scale(s, only, s->replicas) : 0;
	if (s->newrs != NULL && dp_rs_replicas(s->newrs) == s->replicas &&
	    dp_rs_status(s->newrs, "availableReplicas") >= s->replicas) {
		/* saturated: the old ones go */
		DP_FOREACH_OLD(s, i, rs)
			if (dp_rs_replicas(rs) > 0 && dp_scale(s, rs, 0) < 0)
				return -1;
		return 1;
	}
	total = dp_sum(s, 0, NULL);
	allowed = s->replicas > 0 ? s->replicas + s->surge : 0;
	add = allowed - total;
	if (add == 0)
		return 0;
	for (i = s->nrs; i-- > 0;) {		/* newest first */
		rs = s->rs[i];
		have = dp_rs_replicas(rs);
		if (have == 0)
			continue;
		max = dp_annotation(rs->obj, DP_MAX) ?
		    atol(dp_annotation(rs->obj, DP_MAX)) : total;
		if (max <= 0)
			max = total > 0 ? total : 1;
		share = have * allowed / max - have;
		if (add > 0 ? share > add - done : share < add - done)
			share = add - done;
		if (have + share < 0)
			share = -have;
		done += share;
		if (dp_scale(s, rs, have + share) < 0)
			return -1;
	}
	if (done != add) {	/* the rounding left over: the largest */
		struct cobj *big = NULL;

		dp_load(s);
		for (i = 0; i < s->nrs; i++)
			if (big == NULL || dp_rs_replicas(s->rs[i]) >
			    dp_rs_replicas(big))
				big = s->rs[i];
		if (big != NULL && dp_rs_replicas(big) + add - done >= 0 &&
		    dp_scale(s, big, dp_rs_replicas(big) + add - done) < 0)
			return -1;
	}
	return 1;
}

static int
dp_rollout(struct dp_sync *s, int recreate)
{
	struct cobj *rs;
	size_t i;
	int r, moved = 0;

	if (recreate) {
		/* the old ones down, and their pods gone, first */
		DP_FOREACH_OLD(s, i, rs)
			if (dp_rs_replicas(rs) > 0) {
				if ((r = dp_scale(s, rs, 0)) < 0)
					return -1;
				moved |= r;
			}
		if (moved || dp_old_pods_running(s))
			return 0;
		if (dp_new_rs(s, 1, s->replicas) < 0)
			return -1;
		if (s->newrs != NULL && dp_rs_replicas(s->newrs) !=
		    s->replicas && dp_scale(s, s->newrs, s->replicas) < 0)
			return -1;
		return 0;
	}
	if (s->newrs == NULL) {
		/* made at its first size, as NewRSNewReplicas says */
		long n = s->replicas + s->surge - dp_sum(s, 0, NULL);

		if (n > s->replicas)
			n = s->replicas;
		return dp_new_rs(s, 1, n > 0 ? n : 0) < 0 ? -1 : 0;
	}
	if (dp_new_rs(s, 0, 0) < 0)
		return -1;
	if ((r = dp_rolling_up(s)) != 0)
		return r < 0 ? -1 : 0;
	if ((r = dp_rolling_down(s)) != 0)
		return r < 0 ? -1 : 0;
	return 0;
}

static int
dp_sync(struct ctl *c, const char *key)
{
	struct dp_state *st = c->priv;
	struct dp_sync s;
	const json_t *spec, *ru;
	const char *type;
	long recheck = 0;
	int rc = 0, paused;

	memset(&s, 0, sizeof s);
	s.c = c;
	s.st = st;
	s.key = key;
	if ((s.d = ctl_get(c, st->d_k, key)) == NULL)
		return 0;
	spec = json_object_get(s.d->obj, "spec");
	s.replicas = json_is_integer(json_object_get(spec, "replicas")) ?
	    dp_long(json_object_get(spec, "replicas")) : 1;
	type = json_string_value(dp_get(spec, "strategy", "type"));
	ru = dp_get(json_object_get(spec, "strategy"), "rollingUpdate", NULL);
	if (type == NULL || strcmp(type, "Recreate") != 0) {
		s.surge = dp_intstr(json_object_get(ru, "maxSurge"),
		    s.replicas, 1, 25);
		s.unavail = dp_intstr(json_object_get(ru, "maxUnavailable"),
		    s.replicas, 0, 25);
		if (s.surge == 0 && s.unavail == 0)
			s.unavail = 1;
		if (s.unavail > s.replicas)
			s.unavail = s.replicas;
	}
	paused = json_is_true(json_object_get(spec, "paused"));
	dp_load(&s);
	if (s.newrs != NULL)
		snprintf(s.newname, sizeof s.newname, "%s", s.newrs->name);
	if (json_object_get(dp_get(s.d->obj, "metadata", NULL),
	    "deletionTimestamp") != NULL)
		goto status;
	if (paused || dp_scaling_event(&s)) {
		if (dp_new_rs(&s, 0, 0) < 0 || dp_scale_only(&s) < 0)
			rc = -1;
		if (paused)
			dp_cleanup(&s);
	} else if (dp_rollout(&s, type != NULL &&
	    strcmp(type, "Recreate") == 0) < 0) {
		rc = -1;
	}
	dp_load(&s);
	if (s.newrs != NULL && dp_rs_replicas(s.newrs) == s.replicas &&
	    dp_sum(&s, 1, NULL) == 0)
		dp_cleanup(&s);
status:
	if (s.newrs != NULL)
		snprintf(s.newname, sizeof s.newname, "%s", s.newrs->name);
	if (dp_status(&s, paused, &recheck) < 0)
		rc = -1;
	if (recheck > 0)
		ctl_enqueue_after(c, key, recheck * 1000);
	ctl_objs_release(s.rs, s.nrs);
	cobj_unref(s.d);
	return rc;
}

static void
dp_event(struct ctl *c, const struct cevent *ev)
{
	ctl_enqueue_obj(c, ev->obj);
}

static void
dp_rs_event(struct ctl *c, const struct cevent *ev)
{
	struct dp_state *st = c->priv;
	struct cache_page page;
	struct selector *sel;
	struct err err;
	char key[600];
	size_t i;

	ctl_owned_update(&st->rs, ev);
	if (ctl_controller_key(ev->obj, "Deployment", key, sizeof key) == 0)
		ctl_enqueue(c, key);
	if (ev->prev != NULL && ctl_controller_key(ev->prev, "Deployment",
	    key, sizeof key) == 0)
		ctl_enqueue(c, key);
	if (ev->type == CEV_DELETED || podutil_controller_ref(ev->obj->obj))
		return;
	/* an orphan: the Deployments whose selector matches it */
	err_clear(&err);
	if (cache_list(c->srv->cache, st->d_k, ev->obj->ns, NULL, 0, NULL,
	    NULL, &page, &err) < 0)
		return;
	for (i = 0; i < page.n; i++) {
		if (selector_from_json(dp_get(page.items[i]->obj, "spec",
		    "selector"), &sel, NULL) < 0)
			continue;
		if (!selector_empty(sel) && selector_matches(sel,
		    dp_get(ev->obj->obj, "metadata", "labels")))
			ctl_enqueue_obj(c, page.items[i]);
		selector_free(sel);
	}
	cache_page_release(&page);
}

/* A pod of a ReplicaSet went: a Recreate rollout may go on. */
static void
dp_pod_event(struct ctl *c, const struct cevent *ev)
{
	struct dp_state *st = c->priv;
	char key[600], ckey[1024];
	struct cobj *rs;

	ctl_owned_update(&st->pods, ev);
	if (ev->type != CEV_DELETED && podutil_active(ev->obj->obj))
		return;
	if (ctl_controller_key(ev->obj, "ReplicaSet", key, sizeof key) < 0)
		return;
	object_key(st->rs_k, ev->obj->ns, strchr(key, '/') + 1, ckey,
	    sizeof ckey);
	if ((rs = cache_peek(c->srv->cache, ckey)) == NULL)
		return;
	if (ctl_controller_key(rs, "Deployment", key, sizeof key) == 0)
		ctl_enqueue(c, key);
	cobj_unref(rs);
}

static int
dp_init(struct ctl *c, struct err *err)
{
	struct dp_state *st = calloc(1, sizeof *st);

	if (st == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	c->priv = st;
	st->d_k = registry_find("apps", "deployments");
	st->rs_k = registry_find("apps", "replicasets");
	st->pods_k = registry_find("", "pods");
	if (ctl_watch_kind(c, st->d_k, dp_event, err) < 0 ||
	    ctl_watch_kind(c, st->rs_k, dp_rs_event, err) < 0 ||
	    ctl_watch_kind(c, st->pods_k, dp_pod_event, err) < 0)
		return -1;
	return 0;
}

static void
dp_fini(struct ctl *c)
{
	struct dp_state *st = c->priv;

	if (st == NULL)
		return;
	ctl_owned_release(&st->rs);
	ctl_owned_release(&st->pods);
	free(st);
	c->priv = NULL;
}

const struct controller controller_deployment = {
	.name = "deployment",
	.init = dp_init,
	.fini = dp_fini,
	.sync = dp_sync,
};
