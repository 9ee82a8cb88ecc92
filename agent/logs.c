/* logs.c - CRI log files read back as the container's output, with
 * follow, tail, since, timestamps and a byte limit; see logs.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/rfc3339.h"
#include "logs.h"

#define LOGS_LINE_MAX	(1 << 20)	/* a record longer is cut */
#define LOGS_TAIL_MAX	(1 << 20)	/* lines --tail may ask for */
#define LOGS_POLL_MS	100

struct logs {
	int		 fd;
	char		*path;		/* to follow it across rotations */
	off_t		 pos;		/* of the next byte read */
	struct logs_opts o;
	struct buf	 in;		/* bytes read, not yet a whole record */
	struct buf	 out;		/* output not yet handed out */
	size_t		 out_off;
	long long	 sent;
	int		 line_start;	/* the next record starts a line */
	int		 done;
};

/* One record: time, stream, tag and text (not NUL-terminated). */
struct logs_rec {
	const char	*time;
	size_t		 time_len;
	int		 partial;
	const char	*text;
	size_t		 text_len;
};

static int
logs_parse(const char *line, size_t len, struct logs_rec *r)
{
	const char *end = line + len, *s1, *s2, *s3;

	if ((s1 = memchr(line, ' ', len)) == NULL ||
	    (s2 = memchr(s1 + 1, ' ', (size_t)(end - s1 - 1))) == NULL)
		return -1;
	s3 = memchr(s2 + 1, ' ', (size_t)(end - s2 - 1));
	/* "<time> stdout|stderr P|F[:flags] <text>" */
	if (!((s2 - s1 == 7 && (memcmp(s1 + 1, "stdout", 6) == 0 ||
	    memcmp(s1 + 1, "stderr", 6) == 0))) || s2 + 1 >= end ||
	    (s2[1] != 'P' && s2[1] != 'F'))
		return -1;
	r->time = line;
	r->time_len = (size_t)(s1 - line);
	/* the tag: "F" or "P", perhaps with more flags after ':' */
	r->partial = s2[1] == 'P';
	r->text = s3 != NULL ? s3 + 1 : end;
	r->text_len = (size_t)(end - r->text);
	return 0;
}

static long long
logs_time_ns(const struct logs_rec *r)
{
	char t[64];
	struct timespec ts;

	if (r->time_len >= sizeof t)
		return 0;
	memcpy(t, r->time, r->time_len);
	t[r->time_len] = '\0';
	if (rfc3339_parse(t, &ts) < 0)
		return 0;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The record's time as kubelet prints it: UTC, RFC 3339 with the
 * nanoseconds Go's RFC3339Nano keeps (trailing zeros dropped). */
static void
logs_time_out(const struct logs_rec *r, struct buf *out)
{
	char t[64], frac[16];
	struct timespec ts;
	struct tm tm;
	size_t n;

	if (r->time_len >= sizeof t)
		goto raw;
	memcpy(t, r->time, r->time_len);
	t[r->time_len] = '\0';
	if (rfc3339_parse(t, &ts) < 0 || gmtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		goto raw;
	frac[0] = '\0';
	if (ts.tv_nsec > 0) {
		snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
		for (n = strlen(frac); frac[n - 1] == '0'; n--)
			frac[n - 1] = '\0';
	}
	buf_addf(out, "%s%sZ ", t, frac);
	return;
raw:
	buf_add(out, r->time, r->time_len);
	buf_addc(out, ' ');
}

/* For --tail: the offset of the first record of the last n lines. */
static off_t
logs_tail_offset(int fd, long long n)
{
	off_t *ring, pos = 0, start;
	size_t cap, count = 0, head = 0, lcap = 0;
	char *line = NULL;
	ssize_t len;
	int line_start = 1, dfd;
	FILE *f;

	if (n <= 0)
		return lseek(fd, 0, SEEK_END);
	cap = n > LOGS_TAIL_MAX ? LOGS_TAIL_MAX : (size_t)n;
	if ((dfd = dup(fd)) < 0)
		return 0;
	if ((f = fdopen(dfd, "r")) == NULL) {
		close(dfd);
		return 0;
	}
	if ((ring = malloc(cap * sizeof *ring)) == NULL) {
		fclose(f);
		return 0;
	}
	while ((len = getline(&line, &lcap, f)) > 0) {
		struct logs_rec r;

		if (line[len - 1] != '\n')
			break;		/* being written: not a record yet */
		if (logs_parse(line, (size_t)len - 1, &r) == 0) {
			if (line_start) {
				ring[head] = pos;
				head = (head + 1) % cap;
				if (count < cap)
					count++;
			}
			line_start = !r.partial;
		}
		pos += len;
	}
	start = count == 0 ? pos : count < cap ? ring[0] : ring[head];
	free(line);
	free(ring);
	fclose(f);
	return start;
}

struct logs *
logs_open(const char *path, const struct logs_opts *o, struct err *err)
{
	struct logs *l;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		err_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_INTERNAL,
		    "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((l = calloc(1, sizeof *l)) == NULL) {
		close(fd);
		err_set(err, ERR_INTERNAL, "out of memory");
		return NULL;
	}
	l->fd = fd;
	l->path = strdup(path);
	l->o = *o;
	l->line_start = 1;
	buf_init(&l->in, LOGS_LINE_MAX + 65536);
	buf_init(&l->out, LOGS_LINE_MAX + 128);
	if (o->tail_lines >= 0)
		l->pos = logs_tail_offset(fd, o->tail_lines);
	return l;
}

/* Turns the whole records in l->in into output. */
static void
logs_records(struct logs *l)
{
	size_t off = 0;
	char *nl;

	while (off < l->in.len && (nl = memchr(l->in.data + off, '\n',
	    l->in.len - off)) != NULL) {
		size_t len = (size_t)(nl - (l->in.data + off));
		struct logs_rec r;

		if (logs_parse(l->in.data + off, len, &r) == 0 &&
		    (l->o.since_ns == 0 || logs_time_ns(&r) >= l->o.since_ns)) {
			if (l->o.timestamps && l->line_start)
				logs_time_out(&r, &l->out);
			buf_add(&l->out, r.text, r.text_len);
			if (!r.partial)
				buf_addc(&l->out, '\n');
			l->line_start = !r.partial;
		}
		off += len + 1;
	}
	if (off > 0) {
		memmove(l->in.data, l->in.data + off, l->in.len - off);
		buf_truncate(&l->in, l->in.len - off);
	}
	/* a record longer than the buffer: drop what is there */
	if (l->in.len >= LOGS_LINE_MAX)
		buf_reset(&l->in);
}

/* Reads more of the file; 1 when bytes came, 0 at its end, -1 error. */
static int
logs_fill(struct logs *l)
{
	char chunk[65536];
	struct stat st;
	ssize_t n;

	/* conmon truncates a file over its size limit: start again */
	if (fstat(l->fd, &st) == 0 && st.st_size < l->pos) {
		l->pos = 0;
		buf_reset(&l->in);
	}
	n = pread(l->fd, chunk, sizeof chunk, l->pos);
	if (n < 0)
		return errno == EINTR ? 1 : -1;
	if (n == 0)
		return 0;
	l->pos += n;
	if (buf_add(&l->in, chunk, (size_t)n) < 0)
		buf_reset(&l->in);
	logs_records(l);
	return 1;
}

/* Whether conmon replaced the file (a rotation: a new file renamed over
 * the path); the new one is then read from its start. */
static int
logs_rotated(struct logs *l)
{
	struct stat cur, now;
	int fd;

	if (l->path == NULL || fstat(l->fd, &cur) < 0 ||
	    stat(l->path, &now) < 0 || (now.st_ino == cur.st_ino &&
	    now.st_dev == cur.st_dev))
		return 0;
	if ((fd = open(l->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	close(l->fd);
	l->fd = fd;
	l->pos = 0;
	buf_reset(&l->in);
	return 1;
}

ssize_t
logs_read(struct logs *l, char *out, size_t max)
{
	size_t n;
	int r, last = 0;

	while (l->out.len == l->out_off) {
		buf_reset(&l->out);
		l->out_off = 0;
		if (l->done || (l->o.stop != NULL && *l->o.stop))
			return 0;
		if ((r = logs_fill(l)) < 0)
			return -1;
		if (r > 0)
			continue;
		if (!l->o.follow || last) {
			l->done = 1;
			continue;
		}
		if (logs_rotated(l))
			continue;	/* on with the new file */
		if (l->o.alive == NULL || !l->o.alive(l->o.arg)) {
			last = 1;	/* one more read: what it wrote last */
			continue;
		}
		usleep(LOGS_POLL_MS * 1000);
	}
	n = l->out.len - l->out_off;
	if (n > max)
		n = max;
	if (l->o.limit_bytes >= 0 && l->sent + (long long)n >=
	    l->o.limit_bytes) {
		n = (size_t)(l->o.limit_bytes - l->sent);
		l->done = 1;
	}
	memcpy(out, l->out.data + l->out_off, n);
	l->out_off = l->done ? l->out.len : l->out_off + n;
	l->sent += (long long)n;
	return (ssize_t)n;
}

void
logs_close(struct logs *l)
{
	if (l == NULL)
		return;
	close(l->fd);
	free(l->path);
	buf_release(&l->in);
	buf_release(&l->out);
	free(l);
}
