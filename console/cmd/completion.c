/* completion.c - kubec completion bash: a bash completion script made
 * from commands[] and each verb's options (so it never falls behind), and
 * asking the cluster for resource types and names as it completes. */
#include <string.h>

#include "../console.h"

static const struct opt_def completion_opts[] = {
	{ NULL, 0, 0, NULL }
};

static void
completion_flags(FILE *f, const struct opt_def *d)
{
	for (; d->name != NULL; d++) {
		fprintf(f, " --%s", d->name);
		if (d->c)
			fprintf(f, " -%c", d->c);
	}
}

static int
completion_exec(struct cli *c, int argc, char **argv)
{
	FILE *f = c->out;

	if (argc != 1 || strcmp(argv[0], "bash") != 0)
		return cli_fail(c, "kubec completion makes bash scripts only: "
		    "kubec completion bash");
	fputs("# bash completion for kubec: source <(kubec completion bash)\n"
	    "_kubec()\n{\n"
	    "\tlocal cur=\"${COMP_WORDS[COMP_CWORD]}\" verb=\"\" flags i w\n"
	    "\tlocal -a pos=()\n"
	    "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	    "\t\tw=${COMP_WORDS[i]}\n"
	    "\t\tcase $w in -*) ;; *) pos+=(\"$w\") ;; esac\n"
	    "\tdone\n"
	    "\tverb=${pos[0]}\n"
	    "\tif [ ${#pos[@]} -eq 0 ] && [[ $cur != -* ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"", f);
	for (int i = 0; commands[i] != NULL; i++)
		fprintf(f, "%s%s", i ? " " : "", commands[i]->name);
	fputs(" help\" -- \"$cur\"))\n\t\treturn\n\tfi\n"
	    "\tcase $verb in\n", f);
	for (int i = 0; commands[i] != NULL; i++) {
		fprintf(f, "\t%s) flags=\"", commands[i]->name);
		completion_flags(f, commands[i]->opts);
		completion_flags(f, cli_global_opts);
		fputs("\" ;;\n", f);
	}
	fputs("\tesac\n"
	    "\tif [[ $cur == -* ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
	    "\t\treturn\n\tfi\n"
	    "\tcase $verb in\n"
	    "\tget|describe|delete|label|annotate|patch|scale|edit|wait|"
	    "rollout|explain)\n"
	    "\t\tif [ $verb = rollout ] && [ ${#pos[@]} -eq 1 ]; then\n"
	    "\t\t\tCOMPREPLY=($(compgen -W \"status restart pause resume\" "
	    "-- \"$cur\"))\n"
	    "\t\t\treturn\n\t\tfi\n"
	    "\t\t[ $verb = rollout ] && pos=(\"${pos[@]:1}\")\n"
	    "\t\tif [ ${#pos[@]} -eq 1 ]; then\n"
	    "\t\t\tCOMPREPLY=($(compgen -W \"$(kubec api-resources -o name "
	    "2>/dev/null | sed 's/\\..*//')\" -- \"$cur\"))\n"
	    "\t\telse\n"
	    "\t\t\tCOMPREPLY=($(compgen -W \"$(kubec get \"${pos[1]}\" -o "
	    "name 2>/dev/null | sed 's#.*/##')\" -- \"$cur\"))\n"
	    "\t\tfi ;;\n"
	    "\tlogs)\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$(kubec get pods -o name "
	    "2>/dev/null | sed 's#.*/##')\" -- \"$cur\")) ;;\n"
	    "\tconfig)\n"
	    "\t\tif [ ${#pos[@]} -eq 1 ]; then\n"
	    "\t\t\tCOMPREPLY=($(compgen -W \"view current-context use-context "
	    "get-contexts get-clusters get-users set-context\" -- \"$cur\"))\n"
	    "\t\telse\n"
	    "\t\t\tCOMPREPLY=($(compgen -W \"$(kubec config get-contexts -o "
	    "name 2>/dev/null)\" -- \"$cur\"))\n"
	    "\t\tfi ;;\n"
	    "\t*) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
	    "\tesac\n}\n"
	    "complete -F _kubec kubec\n", f);
	return 0;
}

const struct cmd_entry cmd_completion_entry = {
	.name = "completion",
	.summary = "Output shell completion code for the specified shell "
	    "(bash)",
	.usage = "kubec completion bash",
	.opts = completion_opts,
	.flags = CMD_OFFLINE,
	.exec = completion_exec,
};
