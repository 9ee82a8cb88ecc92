/* pool.c - the controllers' writer threads; see pool.h. */
#include <stdlib.h>

#include "pool.h"

struct pool_job {
	pool_fn		*fn;
	void		*arg;
	struct pool_batch *batch;
	struct pool_job	*next;
};

static struct {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cond;
	struct pool_job	*head, *tail;
	pthread_t	 threads[POOL_THREADS];
	int		 nthreads;
	int		 stop;
} pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL,
    { 0 }, 0, 0 };

static void
pool_done(struct pool_batch *b)
{
	if (b == NULL)
		return;
	pthread_mutex_lock(&b->mu);
	if (--b->pending == 0)
		pthread_cond_broadcast(&b->cond);
	pthread_mutex_unlock(&b->mu);
}

static void *
pool_loop(void *arg)
{
	struct pool_job *j;

	pthread_mutex_lock(&pool.mu);
	for (;;) {
		while (pool.head == NULL && !pool.stop)
			pthread_cond_wait(&pool.cond, &pool.mu);
		if ((j = pool.head) == NULL)
			break;
		pool.head = j->next;
		if (pool.head == NULL)
			pool.tail = NULL;
		pthread_mutex_unlock(&pool.mu);
		j->fn(j->arg);
		pool_done(j->batch);
		free(j);
		pthread_mutex_lock(&pool.mu);
	}
	pthread_mutex_unlock(&pool.mu);
	return NULL;
}

int
pool_start(void)
{
	pool.stop = 0;
	for (pool.nthreads = 0; pool.nthreads < POOL_THREADS; pool.nthreads++)
		if (pthread_create(&pool.threads[pool.nthreads], NULL,
		    pool_loop, NULL) != 0)
			return pool.nthreads > 0 ? 0 : -1;
	return 0;
}

void
pool_stop(void)
{
	pthread_mutex_lock(&pool.mu);
	pool.stop = 1;
	pthread_cond_broadcast(&pool.cond);
	pthread_mutex_unlock(&pool.mu);
	for (int i = 0; i < pool.nthreads; i++)
		pthread_join(pool.threads[i], NULL);
	pool.nthreads = 0;
}

static void
pool_put(pool_fn *fn, void *arg, struct pool_batch *b)
{
	struct pool_job *j = calloc(1, sizeof *j);

	if (j == NULL || pool.nthreads == 0) {
		free(j);
		fn(arg);	/* no thread to give it to: here and now */
		pool_done(b);
		return;
	}
	j->fn = fn;
	j->arg = arg;
	j->batch = b;
	pthread_mutex_lock(&pool.mu);
	if (pool.tail != NULL)
		pool.tail->next = j;
	else
		pool.head = j;
	pool.tail = j;
	pthread_cond_signal(&pool.cond);
	pthread_mutex_unlock(&pool.mu);
}

void
pool_submit(pool_fn *fn, void *arg)
{
	pool_put(fn, arg, NULL);
}

void
pool_batch_init(struct pool_batch *b)
{
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cond, NULL);
	b->pending = 0;
}

void
pool_batch_submit(struct pool_batch *b, pool_fn *fn, void *arg)
{
	pthread_mutex_lock(&b->mu);
	b->pending++;
	pthread_mutex_unlock(&b->mu);
	pool_put(fn, arg, b);
}

void
pool_batch_wait(struct pool_batch *b)
{
	pthread_mutex_lock(&b->mu);
	while (b->pending > 0)
		pthread_cond_wait(&b->cond, &b->mu);
	pthread_mutex_unlock(&b->mu);
	pthread_cond_destroy(&b->cond);
	pthread_mutex_destroy(&b->mu);
}
