/* recorder.h - the Events that the scheduler and the controllers record
 * (Scheduled, FailedScheduling, SuccessfulCreate, ScalingReplicaSet, ...),
 * as client-go's event recorder sends them: core/v1 Events in the
 * involved object's namespace (default for cluster-scoped objects), named
 * <object>.<hex nanoseconds>, with source.component and
 * reportingComponent set.  Recording never blocks its caller: events
 * queue (at most RECORDER_QUEUE; more are dropped, as client-go drops
 * them) for a thread of their own.  The same event again (same object,
 * type, reason and message) within ten minutes is the same Event object
 * with a higher count, PATCHed at most every few seconds.
 */
#ifndef KUBEC_RECORDER_H
#define KUBEC_RECORDER_H

#include "cache.h"
#include "server.h"

#define RECORDER_QUEUE	1000

struct recorder;

struct recorder	*recorder_start(struct server *s, struct err *err);
/* Sends what is queued, then stops. */
void		 recorder_stop(struct recorder *r);

/* Records an event about o (type "Normal" or "Warning") from component. */
void	recorder_event(struct recorder *r, const struct cobj *o,
	    const char *component, const char *type, const char *reason,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
