/* test-workqueue.c - unit tests for lib/workqueue.c: dedup, re-queue of a
 * key added while held, delays, rate-limited backoff, kick, shutdown, and
 * several threads adding and taking at once. */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "../../lib/workqueue.h"
#include "test.h"

static long long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The next key, or "" when none comes within ms. */
static char got[256];
static const char *
next(struct workqueue *q, int ms)
{
	char *k;

	got[0] = '\0';
	if (workqueue_get(q, &k, ms) == 1) {
		snprintf(got, sizeof got, "%s", k);
		workqueue_done(q, k);
		free(k);
	}
	return got;
}

static void
test_dedup_fifo(void)
{
	struct workqueue *q = workqueue_new();

	workqueue_add(q, "a");
	workqueue_add(q, "b");
	workqueue_add(q, "a");
	workqueue_add(q, "c");
	CHECK_INT(workqueue_len(q), 3);
	CHECK_STR(next(q, 0), "a");
	CHECK_STR(next(q, 0), "b");
	CHECK_STR(next(q, 0), "c");
	CHECK_STR(next(q, 0), "");
	workqueue_free(q);
}

static void
test_added_while_held(void)
{
	struct workqueue *q = workqueue_new();
	char *k;

	workqueue_add(q, "a");
	CHECK_INT(workqueue_get(q, &k, 0), 1);
	CHECK_STR(k, "a");
	/* changed while a worker holds it: not handed out twice at once */
	workqueue_add(q, "a");
	workqueue_add(q, "a");
	CHECK_INT(workqueue_len(q), 0);
	CHECK_STR(next(q, 0), "");
	workqueue_done(q, k);
	free(k);
	/* but once more after the worker is done */
	CHECK_INT(workqueue_len(q), 1);
	CHECK_STR(next(q, 0), "a");
	CHECK_STR(next(q, 0), "");
	workqueue_free(q);
}

static void
test_delays(void)
{
	struct workqueue *q = workqueue_new();
	long long t0 = ms_now(), t;

	workqueue_add_after(q, "late", 150);
	workqueue_add_after(q, "soon", 50);
	workqueue_add_after(q, "x", 400);
	workqueue_add_after(q, "x", 100);	/* the sooner wins */
	CHECK_STR(next(q, 0), "");
	CHECK_STR(next(q, 1000), "soon");
	t = ms_now() - t0;
	CHECK(t >= 45 && t < 140);
	CHECK_STR(next(q, 1000), "x");
	CHECK_STR(next(q, 1000), "late");
	t = ms_now() - t0;
	CHECK(t >= 145 && t < 380);
	CHECK_STR(next(q, 300), "");	/* x was not queued a second time */
	/* a delayed key that is also added now comes once, now */
	workqueue_add_after(q, "y", 100);
	workqueue_add(q, "y");
	CHECK_STR(next(q, 0), "y");
	workqueue_free(q);
}

static void
test_rate_limited(void)
{
	struct workqueue *q = workqueue_new();
	long long t0, t;
	int i;

	for (i = 0; i < 5; i++) {
		t0 = ms_now();
		workqueue_add_rate_limited(q, "k");
		CHECK_STR(next(q, 2000), "k");
		t = ms_now() - t0;
		/* 5, 10, 20, 40, 80 ms */
		CHECK(t >= (WORKQUEUE_BASE_DELAY_MS << i) - 1);
		CHECK(t < (WORKQUEUE_BASE_DELAY_MS << i) + 60);
	}
	CHECK_INT(workqueue_failures(q, "k"), 5);
	workqueue_forget(q, "k");
	CHECK_INT(workqueue_failures(q, "k"), 0);
	t0 = ms_now();
	workqueue_add_rate_limited(q, "k");
	CHECK_STR(next(q, 2000), "k");
	CHECK(ms_now() - t0 < 60);
	workqueue_forget(q, "k");
	workqueue_free(q);
}

static void *
kicker(void *arg)
{
	struct timespec ts = { 0, 50 * 1000000 };

	nanosleep(&ts, NULL);
	workqueue_kick(arg);
	return NULL;
}

static void
test_kick_shutdown(void)
{
	struct workqueue *q = workqueue_new();
	pthread_t t;
	long long t0 = ms_now();
	char *k;

	pthread_create(&t, NULL, kicker, q);
	CHECK_INT(workqueue_get(q, &k, -1), 0);
	CHECK(ms_now() - t0 < 1000);
	pthread_join(t, NULL);
	workqueue_kick(q);	/* with nobody waiting: the next get */
	CHECK_INT(workqueue_get(q, &k, -1), 0);
	workqueue_add(q, "a");
	workqueue_shutdown(q);
	CHECK_INT(workqueue_get(q, &k, -1), -1);
	workqueue_add(q, "b");
	CHECK_INT(workqueue_len(q), 1);
	workqueue_free(q);
}

#define N_KEYS		200
#define N_ROUNDS	50

struct worker_arg {
	struct workqueue *q;
	int		 seen[N_KEYS];
	int		 busy[N_KEYS];
	int		 overlap;
	pthread_mutex_t	 mu;
};

static void *
worker(void *p)
{
	struct worker_arg *a = p;
	char *k;
	int i;

	while (workqueue_get(a->q, &k, -1) >= 0) {
		if (k == NULL)
			continue;
		i = atoi(k);
		pthread_mutex_lock(&a->mu);
		if (a->busy[i]++)
			a->overlap = 1;
		a->seen[i]++;
		pthread_mutex_unlock(&a->mu);
		pthread_mutex_lock(&a->mu);
		a->busy[i]--;
		pthread_mutex_unlock(&a->mu);
		workqueue_done(a->q, k);
		free(k);
	}
	return NULL;
}

static void
test_threads(void)
{
	static struct worker_arg a;
	pthread_t w[4];
	char key[16];
	int i, r, missing = 0;

	a.q = workqueue_new();
	pthread_mutex_init(&a.mu, NULL);
	for (i = 0; i < 4; i++)
		pthread_create(&w[i], NULL, worker, &a);
	for (r = 0; r < N_ROUNDS; r++)
		for (i = 0; i < N_KEYS; i++) {
			snprintf(key, sizeof key, "%d", i);
			workqueue_add(a.q, key);
		}
	/* let the workers finish what is queued */
	for (i = 0; i < 200 && workqueue_len(a.q) > 0; i++) {
		struct timespec ts = { 0, 10 * 1000000 };

		nanosleep(&ts, NULL);
	}
	{
		struct timespec ts = { 0, 50 * 1000000 };

		nanosleep(&ts, NULL);
	}
	workqueue_shutdown(a.q);
	for (i = 0; i < 4; i++)
		pthread_join(w[i], NULL);
	for (i = 0; i < N_KEYS; i++)
		missing += a.seen[i] == 0;
	CHECK_INT(missing, 0);
	CHECK_INT(a.overlap, 0);
	workqueue_free(a.q);
}

int
main(void)
{
	RUN(test_dedup_fifo);
	RUN(test_added_while_held);
	RUN(test_delays);
	RUN(test_rate_limited);
	RUN(test_kick_shutdown);
	RUN(test_threads);
	return TEST_EXIT();
}
