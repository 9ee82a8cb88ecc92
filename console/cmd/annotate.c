/* annotate.c - kubec annotate: set (KEY=VALUE) and remove (KEY-)
 * annotations of objects; see metamap.c. */
#include "../console.h"

static int
annotate_exec(struct cli *c, int argc, char **argv)
{
	return metamap_exec(c, argc, argv, "annotate", "annotations");
}

const struct cmd_entry cmd_annotate_entry = {
	.name = "annotate",
	.summary = "Update the annotations on a resource",
	.usage = "kubec annotate [--overwrite] (-f FILENAME | TYPE NAME | "
	    "TYPE/NAME | TYPE -l SEL | TYPE --all) KEY_1=VAL_1 ... KEY_N-",
	.opts = metamap_opts,
	.exec = annotate_exec,
};
