/* leader.c - leader election for the scheduler and the controllers, as
 * kube-controller-manager and kube-scheduler do it: several kubec-servers
 * on one etcd each serve the API, but only the holder of the Lease
 * kube-system/kubec-controller-manager runs the scheduler and the
 * controllers.  The holder renews the Lease every LEADER_RENEW seconds;
 * a Lease not renewed for its leaseDurationSeconds (LEADER_DURATION) is
 * taken over, with an update that carries the resourceVersion read, so
 * two servers cannot both win.  A holder that cannot renew within the
 * lease stops its controllers before another may start (it gives up
 * after LEADER_DEADLINE seconds, sooner than the others may take over).
 * Each server's identity is its host name, listen address and pid.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../lib/rfc3339.h"
#include "server.h"

#define LEADER_NS	"kube-system"
#define LEADER_NAME	"kubec-controller-manager"
#define LEADER_PATH	"/apis/coordination.k8s.io/v1/namespaces/" \
			LEADER_NS "/leases/" LEADER_NAME
#define LEADER_DURATION	15	/* seconds, as kube-controller-manager */
#define LEADER_DEADLINE	10	/* a holder gives up after */
#define LEADER_RENEW	2	/* seconds between tries */

static struct {
	pthread_t	 thread;
	int		 running;
	int		 leading;
	char		 id[512];
} leader;

static time_t
leader_time(const char *s)
{
	struct timespec ts;

	if (s == NULL || rfc3339_parse(s, &ts) < 0)
		return 0;
	return ts.tv_sec;
}

/* One try to take or keep the Lease: 1 when held now, 0 when another
 * holds it, -1 on a failure (the store unreachable). */
static int
leader_try(struct server *s)
{
	struct timespec now;
	char ts[64];
	json_t *cur = NULL, *body, *spec;
	const char *holder;
	struct err err;
	time_t renew;
	long dur;
	int rc;

	clock_gettime(CLOCK_REALTIME, &now);
	rfc3339_format_micro(&now, ts, sizeof ts);
	err_clear(&err);
	if (client_do(s, "GET", LEADER_PATH, NULL, NULL, NULL, &cur,
	    &err) < 0) {
		if (err.reason != ERR_NOT_FOUND)
			return -1;
		body = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:s, s:i, s:s, "
		    "s:s, s:i}}", "apiVersion", "coordination.k8s.io/v1",
		    "kind", "Lease", "metadata", "name", LEADER_NAME,
		    "namespace", LEADER_NS, "spec", "holderIdentity", leader.id,
		    "leaseDurationSeconds", LEADER_DURATION, "acquireTime", ts,
		    "renewTime", ts, "leaseTransitions", 0);
		err_clear(&err);
		rc = client_do(s, "POST", "/apis/coordination.k8s.io/v1/"
		    "namespaces/" LEADER_NS "/leases", NULL, NULL, body, NULL,
		    &err);
		json_decref(body);
		if (rc == 0)
			return 1;
		return err.reason == ERR_ALREADY_EXISTS ? 0 : -1;
	}
	spec = json_object_get(cur, "spec");
	holder = json_string_value(json_object_get(spec, "holderIdentity"));
	renew = leader_time(json_string_value(json_object_get(spec,
	    "renewTime")));
	dur = (long)json_integer_value(json_object_get(spec,
	    "leaseDurationSeconds"));
	if (dur <= 0)
		dur = LEADER_DURATION;
	if (holder != NULL && holder[0] != '\0' &&
	    strcmp(holder, leader.id) != 0 && renew + dur > now.tv_sec) {
		json_decref(cur);
		return 0;		/* another's, and alive */
	}
	if (holder == NULL || strcmp(holder, leader.id) != 0) {
		json_object_set_new(spec, "holderIdentity",
		    json_string(leader.id));
		json_object_set_new(spec, "acquireTime", json_string(ts));
		json_object_set_new(spec, "leaseTransitions", json_integer(
		    json_integer_value(json_object_get(spec,
		    "leaseTransitions")) + 1));
	}
	json_object_set_new(spec, "renewTime", json_string(ts));
	json_object_set_new(spec, "leaseDurationSeconds",
	    json_integer(LEADER_DURATION));
	err_clear(&err);
	/* cur carries the resourceVersion read: a race is a Conflict */
	rc = client_do(s, "PUT", LEADER_PATH, NULL, NULL, cur, NULL, &err);
	json_decref(cur);
	if (rc == 0)
		return 1;
	return err.reason == ERR_CONFLICT ? 0 : -1;
}

static void *
leader_loop(void *arg)
{
	struct server *s = arg;
	time_t last_ok = 0;
	struct err err;
	int r;

	while (!s->stopping) {
		r = leader_try(s);
		if (r == 1)
			last_ok = time(NULL);
		if (r == 1 && !leader.leading) {
			err_clear(&err);
			if (controllers_start(s, &err) < 0) {
				fprintf(stderr, "kubec-server: %s\n", err.msg);
			} else {
				leader.leading = 1;
				fprintf(stderr, "kubec-server: leading the "
				    "scheduler and the controllers as %s\n",
				    leader.id);
			}
		} else if (leader.leading && (r == 0 ||
		    time(NULL) - last_ok >= LEADER_DEADLINE)) {
			fprintf(stderr, "kubec-server: lost the lead; the "
			    "scheduler and the controllers stop\n");
			controllers_stop(s);
			leader.leading = 0;
		}
		for (int i = 0; i < LEADER_RENEW * 10 && !s->stopping; i++)
			usleep(100000);
	}
	return NULL;
}

int
leader_start(struct server *s, struct err *err)
{
	char host[256] = "";

	gethostname(host, sizeof host - 1);
	snprintf(leader.id, sizeof leader.id, "%s_%s_%d", host,
	    s->opts.listen, (int)getpid());
	if (pthread_create(&leader.thread, NULL, leader_loop, s) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start the leader "
		    "election");
	leader.running = 1;
	return 0;
}

void
leader_stop(struct server *s)
{
	if (leader.running)
		pthread_join(leader.thread, NULL);
	leader.running = 0;
	if (leader.leading)
		controllers_stop(s);
	leader.leading = 0;
}
