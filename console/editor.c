/* editor.c - the user's editor on a file, as kubectl edit runs it: what
 * `kubec edit` and the dashboard's e share.
 *
 * $KUBE_EDITOR, else $EDITOR, else vi: a line without spaces is the
 * program, one with spaces but no quotes or backslashes is split at each
 * space, anything else goes to $SHELL (else /bin/bash) -c with the file
 * quoted after it (kubectl's editor.go).  The file is a new one under
 * $TMPDIR named PREFIX<digits>SUFFIX (Go's os.CreateTemp); what was saved
 * is compared without its comment lines (kubectl's ManualStrip).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/file.h"
#include "../lib/proc.h"
#include "console.h"

/* The editor's command line for path: argv (NULL-terminated, each
 * string its own allocation), and in *shown the words kubectl names in
 * its errors. */
static char **
editor_argv(const char *path, struct buf *shown)
{
	const char *ed = getenv("KUBE_EDITOR"), *sh, *s;
	struct buf line = BUF_INIT(1 << 16);
	char **argv;
	size_t n = 0, i;

	if (ed == NULL || ed[0] == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || ed[0] == '\0')
		ed = "vi";
	if (strchr(ed, ' ') != NULL && strpbrk(ed, "\"'\\") != NULL) {
		sh = getenv("SHELL");
		if (sh == NULL || sh[0] == '\0')
			sh = "/bin/bash";
		buf_addf(shown, "%s -c %s", sh, ed);
		/* Go's %q of the path */
		buf_addf(&line, "%s \"", ed);
		for (s = path; *s != '\0'; s++) {
			if (*s == '"' || *s == '\\')
				buf_addc(&line, '\\');
			buf_addc(&line, *s);
		}
		buf_addc(&line, '"');
		if ((argv = calloc(4, sizeof *argv)) != NULL) {
			argv[0] = strdup(sh);
			argv[1] = strdup("-c");
			argv[2] = buf_detach(&line, NULL);
		}
		buf_release(&line);
		return argv;
	}
	buf_adds(shown, ed);
	for (s = ed; *s != '\0'; s++)
		n += *s == ' ';
	if ((argv = calloc(n + 3, sizeof *argv)) == NULL)
		return NULL;
	/* strings.Split(ed, " "): empty words kept */
	for (i = 0, s = ed; i <= n; i++) {
		const char *sp = strchr(s, ' ');

		argv[i] = sp ? strndup(s, (size_t)(sp - s)) : strdup(s);
		if (sp == NULL)
			break;
		s = sp + 1;
	}
	argv[n + 1] = strdup(path);
	return argv;
}

static void
editor_argv_free(char **argv)
{
	if (argv == NULL)
		return;
	for (int i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

int
editor_run(const char *file, struct err *err)
{
	struct buf shown = BUF_INIT(8192);
	char path[PATH_MAX], **argv;
	struct err perr;
	int st = 0, rc = -1;

	if (file[0] != '/' && getcwd(path, sizeof path) != NULL) {
		size_t n = strlen(path);

		snprintf(path + n, sizeof path - n, "/%s", file);
	} else {
		snprintf(path, sizeof path, "%s", file);
	}
	if ((argv = editor_argv(path, &shown)) == NULL || argv[0] == NULL) {
		err_set(err, ERR_NONE, "no editor defined, can't open %s",
		    path);
		goto out;
	}
	/* the terminal is the editor's: kubectl traps the signals meanwhile */
	err_clear(&perr);
	if (proc_run_tty(&(struct proc){ .argv = argv }, -1, &st, &perr) < 0 &&
	    perr.reason == ERR_NOT_FOUND && strchr(argv[0], '/') == NULL)
		err_set(err, ERR_NONE, "unable to launch the editor \"%s\"",
		    buf_str(&shown));
	else if (perr.reason != ERR_NONE || st != 0)
		err_set(err, ERR_NONE, "there was a problem with the editor "
		    "\"%s\"", buf_str(&shown));
	else
		rc = 0;
out:
	editor_argv_free(argv);
	buf_release(&shown);
	return rc;
}

int
editor_tempfile(const char *prefix, const char *suffix, const char *text,
    size_t len, char *path, size_t size, struct err *err)
{
	const char *dir = getenv("TMPDIR");
	static int seeded;
	int fd = -1;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	if (!seeded) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		srandom((unsigned)(ts.tv_nsec ^ getpid()));
		seeded = 1;
	}
	for (int i = 0; i < 10000 && fd < 0; i++) {
		snprintf(path, size, "%s/%s%u%s", dir, prefix,
		    (unsigned)random(), suffix);
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0)
		return err_set(err, ERR_NONE, "open %s: %s", path,
		    strerror(errno));
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, text + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(path);
			return err_set(err, ERR_NONE, "write %s: %s", path,
			    strerror(errno));
		}
		off += (size_t)w;
	}
	close(fd);
	return 0;
}

char *
editor_strip(const char *text)
{
	struct buf b = BUF_INIT((size_t)64 << 20);
	const char *p = text, *nl;

	buf_adds(&b, "");
	while (*p != '\0') {
		const char *t = p;
		size_t n;

		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		while (t < p + n && (*t == ' ' || *t == '\t' || *t == '\r' ||
		    *t == '\v' || *t == '\f'))
			t++;
		if (!(t < p + n && *t == '#' && !(t + 1 < p + n &&
		    t[1] == '!')))
			buf_add(&b, p, n + (nl != NULL));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return buf_detach(&b, NULL);
}

char *
editor_read_uncommented(const char *path)
{
	struct buf b = BUF_INIT((size_t)64 << 20);
	struct err err;
	char *text, *out;

	err_clear(&err);
	if (file_read(path, &b, &err) < 0) {
		buf_release(&b);
		return NULL;
	}
	text = buf_detach(&b, NULL);
	out = editor_strip(text);
	free(text);
	return out;
}
