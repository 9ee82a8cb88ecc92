/* workqueue.h - the work queue of a controller, as client-go's: keys
 * (strings such as "namespace/name") waiting to be reconciled.
 *
 *  - A key is queued at most once however often it is added; a key added
 *    while a worker holds it is queued again when the worker is done, so
 *    no change is lost and no key is reconciled by two workers at once.
 *  - workqueue_add_after() queues a key once a delay has passed (a sooner
 *    delay for a waiting key wins).
 *  - workqueue_add_rate_limited() does so with a delay that doubles with
 *    each failure of that key (5 ms up to WORKQUEUE_MAX_DELAY_MS), until
 *    workqueue_forget() says it went through.
 *
 * Every function is thread-safe.  Keys are copied.
 */
#ifndef KUBEC_WORKQUEUE_H
#define KUBEC_WORKQUEUE_H

#include <stddef.h>

#define WORKQUEUE_BASE_DELAY_MS	5
#define WORKQUEUE_MAX_DELAY_MS	(300 * 1000)

struct workqueue;

struct workqueue *workqueue_new(void);
void	 workqueue_free(struct workqueue *q);

void	 workqueue_add(struct workqueue *q, const char *key);
void	 workqueue_add_after(struct workqueue *q, const char *key, long ms);
void	 workqueue_add_rate_limited(struct workqueue *q, const char *key);
void	 workqueue_forget(struct workqueue *q, const char *key);
/* How often the key failed since it was last forgotten. */
int	 workqueue_failures(struct workqueue *q, const char *key);

/*
 * The next key: 1 with *key set (the caller frees it after
 * workqueue_done()); 0 when timeout_ms passed (-1: no limit) or
 * workqueue_kick() was called first; -1 once the queue is shut down.
 */
int	 workqueue_get(struct workqueue *q, char **key, int timeout_ms);
void	 workqueue_done(struct workqueue *q, const char *key);
/* Makes a waiting workqueue_get() return 0 (or the next call, when none
 * waits): for events that the worker must look at. */
void	 workqueue_kick(struct workqueue *q);
void	 workqueue_shutdown(struct workqueue *q);
/* Keys queued now (not those waiting for a delay or held by a worker). */
size_t	 workqueue_len(struct workqueue *q);

#endif
