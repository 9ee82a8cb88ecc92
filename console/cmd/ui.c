/* ui.c - kubec ui: the full-screen console (console/ui/), a k9s-class
 * dashboard of the cluster's objects, live from watches.  kubec with no
 * command on a terminal runs it too.
 *
 *   kubec ui [--readonly] [-n NAMESPACE | -A] [DIR]
 *
 * DIR: the manifests view of that folder first (console/ui/manifests.c).
 */
#include <unistd.h>

#include "../console.h"
#include "../ui/ui.h"

static const struct opt_def ui_opts[] = {
	{ "readonly", 0, 0, "Turn off every key that changes the cluster" },
	{ "all-namespaces", 'A', 0, "Start with the objects of every "
	    "namespace" },
	{ NULL, 0, 0, NULL }
};

static int
ui_exec(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error(c, "ui", "unexpected argument \"%s\"",
		    argv[1]);
	if (!isatty(0) || !isatty(1))
		return cli_fail(c, "kubec ui needs a terminal");
	if (opt_bool(&c->o, "all-namespaces"))
		c->ns[0] = '\0';
	return ui_run(c, opt_bool(&c->o, "readonly"), argc > 0 ? argv[0] :
	    NULL);
}

const struct cmd_entry cmd_ui_entry = {
	.name = "ui",
	.summary = "Browse the cluster full-screen, live (k9s-like)",
	.usage = "kubec ui [--readonly] [-n NAMESPACE | -A] [DIR]",
	.opts = ui_opts,
	.exec = ui_exec,
};
