/* probe.h - liveness, readiness and startup probes (exec, httpGet,
 * tcpSocket) with kubelet's timing fields. */
#ifndef KUBEC_AGENT_PROBE_H
#define KUBEC_AGENT_PROBE_H

#include <time.h>

#include <jansson.h>

enum probe_result {
	PROBE_UNKNOWN = 0,	/* not yet decided */
	PROBE_SUCCESS,
	PROBE_FAILURE,
};

struct probe {
	const json_t	*spec;		/* the probe object; NULL: none */
	time_t		 next;		/* when it runs next */
	int		 oks, fails;	/* consecutive results */
	enum probe_result result;
	char		 msg[512];	/* why the last run failed */
};

/* Runs command (a JSON array) in the container; 1 when it exited 0. */
typedef int probe_exec_fn(void *arg, const json_t *command, int timeout_s,
    char *msg, size_t msglen);

/* For a container started at started: the first run waits
 * initialDelaySeconds. */
void	probe_init(struct probe *p, const json_t *spec, time_t started);
int	probe_due(const struct probe *p, time_t now);
/* Runs p once against the pod's ip; returns the result after the
 * success and failure thresholds. */
int	probe_run(struct probe *p, const json_t *ctr, const char *ip,
	    probe_exec_fn *exec, void *arg, time_t now);

#endif
