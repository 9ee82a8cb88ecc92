/* cp.c - kubec cp: files and directories to and from a container, as
 * kubectl cp copies them: a tar stream through exec (tar -xmf - in the
 * container for a copy to it, tar cf - for a copy from it), made and read
 * here with libarchive; [[NAMESPACE/]POD:]PATH on either side. */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../console.h"

static const struct opt_def cp_opts[] = {
	{ "container", 'c', 1, "The container to copy to or from" },
	{ "no-preserve", 0, 0, "The copy's owner and mode are not kept in "
	    "the container" },
	{ "retries", 0, 1, "How many times a copy from a container is taken "
	    "up again where it broke off (negative: no end; default 0)" },
	{ NULL, 0, 0, NULL }
};

/* One side: a local path, or a pod's. */
struct cp_spec {
	char	ns[254];	/* "" the default */
	char	pod[254];	/* "" local */
	char	path[PATH_MAX];
};

static int
cp_spec_parse(const char *arg, struct cp_spec *s)
{
	const char *colon = strchr(arg, ':'), *slash;

	memset(s, 0, sizeof *s);
	if (colon == arg)
		return -1;
	if (colon == NULL) {
		snprintf(s->path, sizeof s->path, "%s", arg);
		return 0;
	}
	slash = memchr(arg, '/', (size_t)(colon - arg));
	if (slash != NULL) {
		if (memchr(slash + 1, '/', (size_t)(colon - slash - 1)) != NULL)
			return -1;
		snprintf(s->ns, sizeof s->ns, "%.*s", (int)(slash - arg), arg);
		arg = slash + 1;
	}
	snprintf(s->pod, sizeof s->pod, "%.*s", (int)(colon - arg), arg);
	snprintf(s->path, sizeof s->path, "%s", colon + 1);
	return 0;
}

/*
 * Go's path.Clean of p into out: one slash between names, no "." names,
 * ".." taking the name before it away (or kept at the start of a
 * relative path), "." for nothing.
 */
static void
cp_clean(const char *p, char *out, size_t n)
{
	int rooted = p[0] == '/';
	size_t len = 0, keep = 0;	/* keep: ".." names that stay */

	out[0] = '\0';
	if (rooted && n > 1) {
		out[len++] = '/';
		out[len] = '\0';
	}
	while (*p != '\0') {
		size_t l;

		p += strspn(p, "/");
		l = strcspn(p, "/");
		if (l == 0)
			break;
		if (l == 1 && p[0] == '.') {
			/* nothing */
		} else if (l == 2 && p[0] == '.' && p[1] == '.') {
			if (len > (size_t)rooted + keep * 3) {
				char *sl = strrchr(out + rooted, '/');

				len = sl ? (size_t)(sl - out) : (size_t)rooted;
				out[len] = '\0';
			} else if (!rooted && len + 4 < n) {
				len += (size_t)snprintf(out + len, n - len,
				    "%s..", len ? "/" : "");
				keep++;
			}
		} else if (len + l + 2 < n) {
			len += (size_t)snprintf(out + len, n - len, "%s%.*s",
			    len > (size_t)rooted ? "/" : "", (int)l, p);
		}
		p += l;
	}
	if (len == 0)
		snprintf(out, n, ".");
}

/* The last name of a cleaned path, and what comes before it. */
static const char *
cp_base(const char *clean)
{
	const char *sl = strrchr(clean, '/');

	return sl && sl[1] ? sl + 1 : sl ? "/" : clean;
}

static void
cp_dir(const char *clean, char *out, size_t n)
{
	const char *sl = strrchr(clean, '/');

	if (sl == NULL)
		snprintf(out, n, ".");
	else if (sl == clean)
		snprintf(out, n, "/");
	else
		snprintf(out, n, "%.*s", (int)(sl - clean), clean);
}

/* --- to the container ---------------------------------------------------- */

struct cp_tar {
	struct cli	*c;
	const char	*src;		/* a glob, as kubectl's */
	char		 dest[PATH_MAX];	/* the name in the archive */
	int		 fd;		/* the pipe to exec's standard input */
	char		 error[512];
};

static int
cp_tar_data(struct archive *ar, const char *path)
{
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		if (archive_write_data(ar, chunk, (size_t)n) != n) {
			rc = -1;
			break;
		}
	if (n < 0)
		rc = -1;
	close(fd);
	return rc;
}

/* path (local) into the archive as name, a directory with all below. */
static int
cp_tar_one(struct cp_tar *t, struct archive *ar, const char *path,
    const char *name)
{
	struct archive_entry *e;
	struct stat st;
	char target[PATH_MAX];
	ssize_t tl;
	int rc = 0;

	if (lstat(path, &st) < 0) {
		snprintf(t->error, sizeof t->error, "%s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		struct dirent **names;
		int n = scandir(path, &names, NULL, alphasort), shown = 0;

		if (n < 0) {
			snprintf(t->error, sizeof t->error, "%s: %s", path,
			    strerror(errno));
			return -1;
		}
		for (int i = 0; i < n; i++) {
			char sub[PATH_MAX], subname[PATH_MAX];

			if (strcmp(names[i]->d_name, ".") != 0 &&
			    strcmp(names[i]->d_name, "..") != 0 && rc == 0) {
				snprintf(sub, sizeof sub, "%s/%s", path,
				    names[i]->d_name);
				snprintf(subname, sizeof subname, "%s/%s", name,
				    names[i]->d_name);
				rc = cp_tar_one(t, ar, sub, subname);
				shown++;
			}
			free(names[i]);
		}
		free(names);
		if (shown > 0 || rc < 0)
			return rc;
		/* an empty directory: its own entry, as kubectl writes */
	}
	if ((e = archive_entry_new()) == NULL)
		return -1;
	archive_entry_copy_stat(e, &st);
	archive_entry_set_pathname(e, name);
	if (S_ISLNK(st.st_mode)) {
		tl = readlink(path, target, sizeof target - 1);
		target[tl > 0 ? tl : 0] = '\0';
		archive_entry_set_symlink(e, target);
	}
	if (!S_ISREG(st.st_mode))
		archive_entry_set_size(e, 0);
	if (archive_write_header(ar, e) != ARCHIVE_OK ||
	    (S_ISREG(st.st_mode) && cp_tar_data(ar, path) < 0)) {
		snprintf(t->error, sizeof t->error, "%s: %s", path,
		    archive_error_string(ar) ?: strerror(errno));
		rc = -1;
	}
	archive_entry_free(e);
	return rc;
}

static void *
cp_tar_thread(void *arg)
{
	struct cp_tar *t = arg;
	struct archive *ar = archive_write_new();
	glob_t g;

	if (ar == NULL || archive_write_set_format_pax_restricted(ar) !=
	    ARCHIVE_OK || archive_write_open_fd(ar, t->fd) != ARCHIVE_OK) {
		snprintf(t->error, sizeof t->error, "cannot write a tar stream");
		goto out;
	}
	memset(&g, 0, sizeof g);
	if (glob(t->src, GLOB_NOSORT, NULL, &g) == 0)
		for (size_t i = 0; i < g.gl_pathc; i++)
			if (cp_tar_one(t, ar, g.gl_pathv[i], t->dest) < 0)
				break;
	globfree(&g);
	archive_write_close(ar);
out:
	if (ar != NULL)
		archive_write_free(ar);
	close(t->fd);
	return NULL;
}

static int
cp_to_pod(struct cli *c, const struct cp_spec *src, const struct cp_spec *dst,
    const char *ns, const char *ctr)
{
	struct cp_tar t = { .c = c };
	char clean[PATH_MAX], dest[PATH_MAX], dir[PATH_MAX], srcclean[PATH_MAX];
	char *test[] = { "test", "-d", (char *)dst->path, NULL };
	char *untar[9];
	struct stat st;
	pthread_t th;
	int p[2], rc, n = 0, devnull;

	if (stat(src->path, &st) < 0)
		return cli_fail(c, "%s doesn't exist in local filesystem",
		    src->path);
	cp_clean(src->path, srcclean, sizeof srcclean);
	cp_clean(dst->path, clean, sizeof clean);
	/* a directory there: the copy goes into it */
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (exec_run(c, ns, dst->pod, ctr, test, &(struct exec_io){ .in = -1,
	    .out = devnull, .err = devnull, .quiet = 1 }) == 0 &&
	    strcmp(clean, "/") != 0)
		snprintf(dest, sizeof dest, "%s%s%s", clean,
		    strcmp(clean, "/") ? "/" : "", cp_base(srcclean));
	else
		snprintf(dest, sizeof dest, "%s", clean);
	if (devnull >= 0)
		close(devnull);
	cp_clean(dest, clean, sizeof clean);
	snprintf(t.dest, sizeof t.dest, "%s", cp_base(clean));
	cp_dir(clean, dir, sizeof dir);
	t.src = srcclean;
	untar[n++] = "tar";
	if (opt_bool(&c->o, "no-preserve")) {
		untar[n++] = "--no-same-permissions";
		untar[n++] = "--no-same-owner";
	}
	untar[n++] = "-xmf";
	untar[n++] = "-";
	untar[n++] = "-C";
	untar[n++] = dir;
	untar[n] = NULL;
	if (pipe2(p, O_CLOEXEC) < 0)
		return cli_fail(c, "pipe: %s", strerror(errno));
	t.fd = p[1];
	if (pthread_create(&th, NULL, cp_tar_thread, &t) != 0) {
		close(p[0]);
		close(p[1]);
		return cli_fail(c, "cannot start a thread");
	}
	fflush(c->out);
	rc = exec_run(c, ns, dst->pod, ctr, untar, &(struct exec_io){ .in = p[0],
	    .out = fileno(c->out), .err = fileno(c->errout) });
	close(p[0]);	/* a writer still writing gets EPIPE */
	pthread_join(th, NULL);
	if (rc == 0 && t.error[0] != '\0')
		rc = cli_fail(c, "%s", t.error);
	return rc;
}

/* --- from the container -------------------------------------------------- */

struct cp_exec {
	struct cli	*c;
	const char	*ns, *pod, *ctr;
	const char	*path;		/* in the container */
	long		 retries;	/* --retries: < 0 no end */
	int		 out;		/* the pipe's end to write */
	int		 rc;
};

/*
 * tar cf - PATH in the container into the pipe.  With --retries, as
 * kubectl: a stream that broke off (the server or the node went away) is
 * taken up again where it stopped, by `tar cf - PATH | tail -c+N` (the
 * same tar made again, its first N-1 bytes dropped), a second later,
 * saying so on standard error.
 */
static void *
cp_exec_thread(void *arg)
{
	struct cp_exec *x = arg;
	unsigned long long written = 0;
	struct buf sh = BUF_INIT(PATH_MAX * 4 + 64);
	long tries = 0;

	for (;;) {
		char *tar[] = { "tar", "cf", "-", (char *)x->path, NULL };
		char *resume[] = { "sh", "-c", NULL, NULL };
		int lost = 0;

		if (written > 0) {
			buf_reset(&sh);
			buf_adds(&sh, "tar cf - '");
			for (const char *p = x->path; *p; p++)
				buf_adds(&sh, *p == '\'' ? "'\\''" :
				    (char[2]){ *p, 0 });
			buf_addf(&sh, "' | tail -c+%llu", written + 1);
			resume[2] = (char *)buf_str(&sh);
		}
		/* the container's tar messages on kubec's standard output,
		 * as kubectl prints them */
		x->rc = exec_run(x->c, x->ns, x->pod, x->ctr, written > 0 ?
		    resume : tar, &(struct exec_io){ .in = -1, .out = x->out,
		    .err = fileno(x->c->out), .written = &written,
		    .lost = &lost });
		if (!lost || x->retries == 0)
			break;
		if (x->retries > 0 && tries >= x->retries) {
			cli_eprintf(x->c, "Dropping out copy after %ld "
			    "retries\n", tries);
			x->rc = 1;
			break;
		}
		tries++;
		cli_eprintf(x->c, "Resuming copy at %llu bytes, retry %ld/%ld"
		    "\n", written, tries, x->retries);
		sleep(1);
	}
	buf_release(&sh);
	close(x->out);
	return NULL;
}

/* Whether path (cleaned) stays under dir (cleaned). */
static int
cp_under(const char *dir, const char *path)
{
	size_t l = strlen(dir);

	if (strcmp(dir, ".") == 0)
		return strcmp(path, "..") != 0 && strncmp(path, "../", 3) != 0 &&
		    path[0] != '/';
	return strncmp(path, dir, l) == 0 && (path[l] == '\0' ||
	    path[l] == '/' || strcmp(dir, "/") == 0);
}

static int
cp_mkdirs(const char *path)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* The entry's data into path: -1 (errno) when it cannot be written, -2
 * when the archive cannot be read (its error in ar). */
static int
cp_write_file(struct archive *ar, const char *path)
{
	const void *blk;
	size_t len;
	la_int64_t off;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666), r;

	if (fd < 0)
		return -1;
	while ((r = archive_read_data_block(ar, &blk, &len, &off)) ==
	    ARCHIVE_OK)
		if (lseek(fd, off, SEEK_SET) < 0 ||
		    write(fd, blk, len) != (ssize_t)len) {
			close(fd);
			return -1;
		}
	close(fd);
	return r == ARCHIVE_EOF ? 0 : -2;
}

/* The tar read from fd, its names under prefix written below dest. */
static int
cp_untar(struct cli *c, int fd, const char *prefix, const char *dest,
    const struct cp_spec *src)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *e;
	char cdest[PATH_MAX], name[PATH_MAX * 2], clean[PATH_MAX], dir[PATH_MAX];
	int r, rc = 0, warned = 0;

	cp_clean(dest, cdest, sizeof cdest);
	archive_read_support_format_tar(ar);
	if (archive_read_open_fd(ar, fd, 65536) != ARCHIVE_OK) {
		rc = cli_fail(c, "%s", archive_error_string(ar));
		goto out;
	}
	while ((r = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		const char *hn = archive_entry_pathname(e) ?: "";
		mode_t type = archive_entry_filetype(e);

		if (strncmp(hn, prefix, strlen(prefix)) != 0) {
			rc = cli_fail(c, "tar contents corrupted");
			goto out;
		}
		snprintf(name, sizeof name, "%s/%s", cdest, hn +
		    strlen(prefix));
		cp_clean(name, clean, sizeof clean);
		if (!cp_under(cdest, clean)) {
			cli_eprintf(c, "warning: file \"%s\" is outside target "
			    "destination, skipping\n", clean);
			continue;
		}
		cp_dir(clean, dir, sizeof dir);
		if (cp_mkdirs(dir) < 0) {
			rc = cli_fail(c, "mkdir %s: %s", dir, strerror(errno));
			goto out;
		}
		if (type == AE_IFDIR) {
			if (cp_mkdirs(clean) < 0) {
				rc = cli_fail(c, "mkdir %s: %s", clean,
				    strerror(errno));
				goto out;
			}
			continue;
		}
		if (type == AE_IFLNK) {
			if (!warned++)
				cli_eprintf(c, "warning: skipping symlink: "
				    "\"%s\" -> \"%s\" (consider using \"kubec "
				    "exec -n \"%s\" \"%s\" -- tar cf - \"%s\" | "
				    "tar xf -\")\n", clean,
				    archive_entry_symlink(e) ?: "", src->ns,
				    src->pod, src->path);
			else
				cli_eprintf(c, "warning: skipping symlink: "
				    "\"%s\" -> \"%s\"\n", clean,
				    archive_entry_symlink(e) ?: "");
			continue;
		}
		if ((r = cp_write_file(ar, clean)) < 0) {
			rc = r == -2 ? cli_fail(c, "%s", archive_error_string(ar)
			    ?: "tar: unexpected end") : cli_fail(c, "open %s: %s",
			    clean, strerror(errno));
			goto out;
		}
	}
	if (r != ARCHIVE_EOF && rc == 0)
		rc = cli_fail(c, "%s", archive_error_string(ar) ?: "tar: "
		    "unexpected end");
out:
	archive_read_free(ar);
	return rc;
}

static int
cp_from_pod(struct cli *c, const struct cp_spec *src,
    const struct cp_spec *dst, const char *ns, const char *ctr)
{
	struct cp_exec x = { .c = c, .ns = ns, .pod = src->pod, .ctr = ctr };
	char prefix[PATH_MAX], clean[PATH_MAX];
	const char *p;
	pthread_t th;
	int pp[2], rc;

	/* the names tar gives: the path without its leading slashes and
	 * the "../" that would go above the root */
	cp_clean(src->path, clean, sizeof clean);
	p = clean + strspn(clean, "/");
	while (strncmp(p, "../", 3) == 0)
		p += 3;
	snprintf(prefix, sizeof prefix, "%s", strcmp(p, "..") == 0 ||
	    strcmp(p, ".") == 0 ? "" : p);
	x.path = src->path;
	x.retries = opt_str(&c->o, "retries") != NULL ?
	    strtol(opt_str(&c->o, "retries"), NULL, 10) : 0;
	if (pipe2(pp, O_CLOEXEC) < 0)
		return cli_fail(c, "pipe: %s", strerror(errno));
	x.out = pp[1];
	fflush(c->out);
	if (pthread_create(&th, NULL, cp_exec_thread, &x) != 0) {
		close(pp[0]);
		close(pp[1]);
		return cli_fail(c, "cannot start a thread");
	}
	rc = cp_untar(c, pp[0], prefix, dst->path, src);
	close(pp[0]);
	pthread_join(th, NULL);
	return rc ? rc : x.rc;
}

static int
cp_exec(struct cli *c, int argc, char **argv)
{
	struct cp_spec src, dst;
	const struct cp_spec *remote;
	const char *ctr = opt_str(&c->o, "container"), *ns;
	struct buf path = BUF_INIT(4096);
	struct err err;
	json_t *pod = NULL;
	int rc;

	if (argc != 2)
		return cli_fail(c, "source and destination are required");
	if (cp_spec_parse(argv[0], &src) < 0 || cp_spec_parse(argv[1],
	    &dst) < 0)
		return cli_fail(c, "filespec must match the canonical format: "
		    "[[namespace/]pod:]file/path");
	if (src.pod[0] && dst.pod[0])
		return cli_fail(c, "one of src or dest must be a local file "
		    "specification");
	if (src.path[0] == '\0' || dst.path[0] == '\0')
		return cli_fail(c, "filepath can not be empty");
	if (!src.pod[0] && !dst.pod[0])
		return cli_fail(c, "one of src or dest must be a remote file "
		    "specification");
	remote = src.pod[0] ? &src : &dst;
	ns = remote->ns[0] ? remote->ns : c->ns;
	/* the pod, for its default container (with kubectl's notice) */
	err_clear(&err);
	buf_addf(&path, "/api/v1/namespaces/%s/pods/%s", ns, remote->pod);
	if (cli_get_json(c, buf_str(&path), &pod, &err) < 0) {
		buf_release(&path);
		return cli_error(c, &err);
	}
	if (ctr == NULL)
		ctr = pods_container(c, pod, 0);
	signal(SIGPIPE, SIG_IGN);
	rc = src.pod[0] ? cp_from_pod(c, &src, &dst, ns, ctr ? ctr : "") :
	    cp_to_pod(c, &src, &dst, ns, ctr ? ctr : "");
	json_decref(pod);
	buf_release(&path);
	return rc;
}

const struct cmd_entry cmd_cp_entry = {
	.name = "cp",
	.summary = "Copy files and directories to and from containers",
	.usage = "kubec cp <file-spec-src> <file-spec-dest> [-c CONTAINER]",
	.opts = cp_opts,
	.exec = cp_exec,
};
