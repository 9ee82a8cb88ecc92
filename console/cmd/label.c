/* label.c - kubec label: set (KEY=VALUE) and remove (KEY-) labels of
 * objects; see metamap.c. */
#include "../console.h"

static int
label_exec(struct cli *c, int argc, char **argv)
{
	return metamap_exec(c, argc, argv, "label", "labels");
}

const struct cmd_entry cmd_label_entry = {
	.name = "label",
	.summary = "Update the labels on a resource",
	.usage = "kubec label [--overwrite] (-f FILENAME | TYPE NAME | "
	    "TYPE/NAME | TYPE -l SEL | TYPE --all) KEY_1=VAL_1 ... KEY_N-",
	.opts = metamap_opts,
	.exec = label_exec,
};
