/* main.c - kubec, the console: the verb and its options from the command
 * line, a connection as the kubeconfig says, then the verb (commands[] in
 * cmd/cmd.c).  kubec with no verb prints what it can do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console.h"

static void
usage(FILE *f)
{
	fputs("kubec controls a Kubernetes cluster, as kubectl does.\n\n"
	    "Commands:\n", f);
	for (int i = 0; commands[i] != NULL; i++)
		fprintf(f, "  %-14s %s\n", commands[i]->name,
		    commands[i]->summary);
	fputs("\nUsage:\n  kubec [flags] COMMAND [options]\n\n"
	    "Use \"kubec COMMAND --help\" for more information about a "
	    "command, and man kubec-COMMAND.\n", f);
}

static void
opt_help(FILE *f, const struct opt_def *d)
{
	for (; d->name != NULL; d++) {
		char left[64];

		if (d->c)
			snprintf(left, sizeof left, "-%c, --%s%s", d->c,
			    d->name, d->arg ? "=''" : "");
		else
			snprintf(left, sizeof left, "    --%s%s", d->name,
			    d->arg ? "=''" : "");
		fprintf(f, "  %-34s %s\n", left, d->help);
	}
}

static void
cmd_help(FILE *f, const struct cmd_entry *cmd)
{
	fprintf(f, "%s\n\nUsage:\n  %s\n\nOptions:\n", cmd->summary,
	    cmd->usage);
	opt_help(f, cmd->opts);
	fputs("\nGlobal options:\n", f);
	opt_help(f, cli_global_opts);
	fprintf(f, "\nSee man kubec-%s for the details.\n", cmd->name);
}

/* The index of the verb: the first argument that is not an option or the
 * value of a global option given before it (kubec -n ns get pods). */
static int
find_verb(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		const char *a = argv[i];
		int takes = 0;

		for (const struct opt_def *d = cli_global_opts; d->name; d++)
			if (d->arg && ((a[1] == '-' && strcmp(a + 2,
			    d->name) == 0) || (d->c && a[1] == d->c &&
			    a[2] == '\0')))
				takes = 1;
		i += takes ? 2 : 1;
	}
	return i;
}

int
main(int argc, char **argv)
{
	const struct opt_def *tables[3];
	const struct cmd_entry *cmd;
	struct cli c;
	struct err err;
	char **args = NULL, **rest;
	int nargs = 0, v, rc, i, n;

	memset(&c, 0, sizeof c);
	c.out = stdout;
	c.errout = stderr;
	err_clear(&err);
	v = find_verb(argc, argv);
	if (v >= argc && !(isatty(0) && isatty(1))) {
		usage(stdout);
		return 0;
	}
	if (v >= argc) {
		cmd = cmd_find("ui");	/* on a terminal: the dashboard */
	} else if (strcmp(argv[v], "help") == 0) {
		if (v + 1 < argc && (cmd = cmd_find(argv[v + 1])) != NULL)
			cmd_help(stdout, cmd);
		else
			usage(stdout);
		return 0;
	} else if ((cmd = cmd_find(argv[v])) == NULL) {
		fprintf(stderr, "error: unknown command \"%s\" for \"kubec\"\n"
		    "Run 'kubec --help' for usage.\n", argv[v]);
		return 1;
	}
	/* the arguments other than the verb, in order */
	if ((rest = calloc((size_t)argc, sizeof *rest)) == NULL)
		return 1;
	for (i = 1, n = 0; i < argc; i++)
		if (i != v)
			rest[n++] = argv[i];	/* v == argc: every one */
	tables[0] = cmd->opts;
	tables[1] = cli_global_opts;
	tables[2] = NULL;
	if (opts_parse(tables, n, rest, &c.o, &args, &nargs, &err) < 0) {
		fprintf(stderr, "error: %s\nSee 'kubec %s --help' for "
		    "usage.\n", err.msg, cmd->name);
		rc = 1;
		goto out;
	}
	if (opt_bool(&c.o, "help")) {
		cmd_help(stdout, cmd);
		rc = 0;
		goto out;
	}
	if (!(cmd->flags & CMD_OFFLINE) && cli_connect(&c, &err) < 0) {
		rc = cli_error(&c, &err);
		goto out;
	}
	rc = cmd->exec(&c, nargs, args);
out:
	fflush(stdout);
	free(args);
	free(rest);
	cli_release(&c);
	return rc;
}
