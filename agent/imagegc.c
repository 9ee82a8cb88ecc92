/* imagegc.c - kubelet's image garbage collection: a thread that, every
 * --image-gc-period, lists the stored images, notes when each was first
 * seen and last used by a pod of the node, and removes unused ones: those
 * unused for longer than --image-maximum-gc-age, and, while the image
 * store's file system is --image-gc-high-threshold percent used or more,
 * the least recently used until it would be --image-gc-low-threshold
 * percent used, sparing images first seen less than
 * --image-minimum-gc-age ago (kubelet's realImageGCManager).  Nothing runs
 * before the pod manager's first list: until then every image could look
 * unused. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "agent.h"
#include "image.h"

struct imagegc_record {
	char	id[80];
	time_t	first_seen, last_used;	/* last_used 0: never */
	int	seen;			/* in the latest list */
};

struct imagegc {
	struct imagegc_record	*rec;
	size_t			 n;
	time_t			 began;
};

/* Oldest last use first, then oldest first sighting. */
static int
imagegc_cmp(const void *x, const void *y)
{
	const struct imagegc_image *a = *(struct imagegc_image *const *)x;
	const struct imagegc_image *b = *(struct imagegc_image *const *)y;

	if (a->last_used != b->last_used)
		return a->last_used < b->last_used ? -1 : 1;
	if (a->first_seen != b->first_seen)
		return a->first_seen < b->first_seen ? -1 : 1;
	return strcmp(a->id, b->id);
}

size_t
imagegc_select(struct imagegc_image *img, size_t n,
    const struct imagegc_policy *p, long long capacity, long long available,
    time_t now)
{
	struct imagegc_image **order;
	size_t i, k = 0, removed = 0;
	long long to_free = 0, freed = 0;
	int usage;

	for (i = 0; i < n; i++)
		img[i].remove = 0;
	if (n == 0 || (order = calloc(n, sizeof *order)) == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (!img[i].in_use)
			order[k++] = &img[i];
	qsort(order, k, sizeof *order, imagegc_cmp);
	/* unused for longer than the maximum age, whatever the disk */
	for (i = 0; p->max_age > 0 && i < k; i++) {
		time_t used = order[i]->last_used ? order[i]->last_used :
		    order[i]->first_seen;

		if (now - used > p->max_age) {
			order[i]->remove = 1;
			removed++;
		}
	}
	if (available > capacity)
		available = capacity;
	if (p->high < 100 && capacity > 0) {
		usage = 100 - (int)(available * 100 / capacity);
		if (usage >= p->high)
			to_free = capacity * (100 - p->low) / 100 - available;
	}
	for (i = 0; i < k && freed < to_free; i++) {
		if (order[i]->remove) {
			freed += order[i]->size;
			continue;
		}
		if (now - order[i]->first_seen < p->min_age)
			continue;
		order[i]->remove = 1;
		removed++;
		freed += order[i]->size;
	}
	free(order);
	return removed;
}

/* The record of id, made (first seen now) when new; NULL: no memory. */
static struct imagegc_record *
imagegc_record(struct imagegc *gc, const char *id, time_t now)
{
	struct imagegc_record *r;
	size_t i;

	for (i = 0; i < gc->n; i++)
		if (strcmp(gc->rec[i].id, id) == 0)
			return &gc->rec[i];
	r = realloc(gc->rec, (gc->n + 1) * sizeof *r);
	if (r == NULL)
		return NULL;
	gc->rec = r;
	r = &gc->rec[gc->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "%s", id);
	r->first_seen = now;
	return r;
}

int
imagegc_run(struct agent *a, struct err *err)
{
	struct imagegc *gc = a->gc;
	struct imagegc_policy p = { a->opts.image_gc_high, a->opts.image_gc_low,
	    a->opts.image_min_age, a->opts.image_max_age };
	struct image_entry *list = NULL;
	struct imagegc_image *img = NULL;
	const char **keep = NULL;
	struct statvfs fs;
	json_t *refs = NULL, *used = NULL, *r;
	size_t n = 0, i, j, nkeep = 0, nrm;
	long long freed = 0;
	time_t now = time(NULL);
	int ret = -1;

	if (gc == NULL || !a->pods_synced)
		return 0;
	if (p.max_age > 0 && now - gc->began <= p.max_age)
		p.max_age = 0;	/* as kubelet: not before it ran that long */
	if (statvfs(imagestore_dir(a->images), &fs) < 0)
		return err_set(err, ERR_INTERNAL, "statvfs %s: %s",
		    imagestore_dir(a->images), strerror(errno));
	if (image_list(a->images, &list, &n, err) < 0)
		return -1;
	img = calloc(n ? n : 1, sizeof *img);
	keep = calloc(n ? n : 1, sizeof *keep);
	refs = pods_images(a);
	used = json_array();
	if (img == NULL || keep == NULL || refs == NULL || used == NULL) {
		err_set(err, ERR_INTERNAL, "out of memory");
		goto out;
	}
	/* the ids the pods' references name now */
	json_array_foreach(refs, j, r) {
		struct image_info info;
		struct err e2;

		if (image_lookup(a->images, json_string_value(r), &info,
		    &e2) < 0)
			continue;
		json_array_append_new(used, json_string(info.id));
		image_info_release(&info);
	}
	for (i = 0; i < gc->n; i++)
		gc->rec[i].seen = 0;
	for (i = 0; i < n; i++) {
		struct imagegc_record *rec = imagegc_record(gc, list[i].id,
		    now);

		if (rec == NULL) {
			err_set(err, ERR_INTERNAL, "out of memory");
			goto out;
		}
		rec->seen = 1;
		img[i].id = list[i].id;
		img[i].size = list[i].size;
		json_array_foreach(used, j, r)
			if (strcmp(json_string_value(r), list[i].id) == 0)
				img[i].in_use = 1;
		if (img[i].in_use)
			rec->last_used = now;
		img[i].first_seen = rec->first_seen;
		img[i].last_used = rec->last_used;
	}
	/* forget images that are gone */
	for (i = 0; i < gc->n;)
		if (!gc->rec[i].seen)
			gc->rec[i] = gc->rec[--gc->n];
		else
			i++;
	nrm = imagegc_select(img, n, &p, (long long)fs.f_blocks *
	    (long long)fs.f_frsize, (long long)fs.f_bavail *
	    (long long)fs.f_frsize, now);
	ret = 0;
	if (nrm == 0)
		goto out;
	for (i = 0; i < n; i++)
		if (img[i].remove)
			freed += img[i].size;
		else
			keep[nkeep++] = img[i].id;
	if (image_gc(a->images, keep, nkeep, err) < 0) {
		ret = -1;
		goto out;
	}
	for (i = 0; i < n; i++)
		if (img[i].remove)
			fprintf(stderr, "kubec-agent: image GC: removed %s (%s, "
			    "%lld bytes)\n", img[i].id, list[i].nnames ?
			    list[i].names[0] : "", img[i].size);
	fprintf(stderr, "kubec-agent: image GC: %zu images, %lld bytes "
	    "freed\n", nrm, freed);
	a->node_dirty = 1;
	ret = (int)nrm;
out:
	json_decref(used);
	json_decref(refs);
	free(keep);
	free(img);
	image_list_free(list, n);
	return ret;
}

static void *
imagegc_loop(void *arg)
{
	struct agent *a = arg;
	struct err err;
	int slept = 0;

	while (!a->stop) {
		sleep(1);
		if (++slept < a->opts.image_gc_period)
			continue;
		slept = 0;
		err_clear(&err);
		if (imagegc_run(a, &err) < 0)
			fprintf(stderr, "kubec-agent: image GC: %s\n", err.msg);
	}
	return NULL;
}

int
imagegc_start(struct agent *a, struct err *err)
{
	if (a->opts.image_gc_low < 0 || a->opts.image_gc_high > 100 ||
	    a->opts.image_gc_low >= a->opts.image_gc_high)
		return err_set(err, ERR_BAD_REQUEST, "imageGCLowThresholdPercent "
		    "(--image-gc-low-threshold) %d must be less than "
		    "imageGCHighThresholdPercent (--image-gc-high-threshold) %d",
		    a->opts.image_gc_low, a->opts.image_gc_high);
	if ((a->gc = calloc(1, sizeof *a->gc)) == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	a->gc->began = time(NULL);
	if (a->opts.image_gc_period <= 0)
		a->opts.image_gc_period = 300;
	if (pthread_create(&a->gc_thread, NULL, imagegc_loop, a) != 0)
		return err_set(err, ERR_INTERNAL, "cannot start image GC");
	a->gc_started = 1;
	return 0;
}

void
imagegc_stop(struct agent *a)
{
	a->stop = 1;
	if (a->gc_started)
		pthread_join(a->gc_thread, NULL);
	a->gc_started = 0;
	if (a->gc != NULL)
		free(a->gc->rec);
	free(a->gc);
	a->gc = NULL;
}
