/* pool.h - threads that write for the controllers, so that writes which
 * each wait for their commit go to the store together (and are group-
 * committed) instead of one after another: the scheduler's bindings, a
 * ReplicaSet's new pods.  client-go's controllers get the same from
 * goroutines.
 */
#ifndef KUBEC_POOL_H
#define KUBEC_POOL_H

#include <pthread.h>
#include <stddef.h>

#define POOL_THREADS	16

typedef void pool_fn(void *arg);

int	pool_start(void);
/* Runs what was submitted, then stops the threads. */
void	pool_stop(void);
/* Runs fn(arg) on a pool thread, some time soon. */
void	pool_submit(pool_fn *fn, void *arg);

/* A batch: jobs submitted through it, waited for together. */
struct pool_batch {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cond;
	size_t		 pending;
};

void	pool_batch_init(struct pool_batch *b);
void	pool_batch_submit(struct pool_batch *b, pool_fn *fn, void *arg);
/* Waits until every job of the batch ran. */
void	pool_batch_wait(struct pool_batch *b);

#endif
