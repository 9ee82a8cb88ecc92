/* cmd.c - the table of the console's verbs (as git's commands[]): each is
 * a struct cmd_entry defined in cmd/<verb>.c. */
#include <string.h>

#include "../console.h"

extern const struct cmd_entry cmd_annotate_entry, cmd_apiresources_entry,
    cmd_apply_entry, cmd_clusterinfo_entry, cmd_completion_entry,
    cmd_config_entry, cmd_cp_entry, cmd_create_entry, cmd_delete_entry,
    cmd_describe_entry, cmd_diff_entry, cmd_edit_entry, cmd_exec_entry,
    cmd_explain_entry, cmd_get_entry,
    cmd_label_entry, cmd_logs_entry, cmd_patch_entry, cmd_portforward_entry,
    cmd_replace_entry,
    cmd_rollout_entry,
    cmd_scale_entry, cmd_top_entry, cmd_ui_entry, cmd_version_entry,
    cmd_wait_entry;

const struct cmd_entry *const commands[] = {
	&cmd_annotate_entry,
	&cmd_apiresources_entry,
	&cmd_apply_entry,
	&cmd_clusterinfo_entry,
	&cmd_completion_entry,
	&cmd_config_entry,
	&cmd_cp_entry,
	&cmd_create_entry,
	&cmd_delete_entry,
	&cmd_describe_entry,
	&cmd_diff_entry,
	&cmd_edit_entry,
	&cmd_exec_entry,
	&cmd_explain_entry,
	&cmd_get_entry,
	&cmd_label_entry,
	&cmd_logs_entry,
	&cmd_patch_entry,
	&cmd_portforward_entry,
	&cmd_replace_entry,
	&cmd_rollout_entry,
	&cmd_scale_entry,
	&cmd_top_entry,
	&cmd_ui_entry,
	&cmd_version_entry,
	&cmd_wait_entry,
	NULL
};

const struct cmd_entry *
cmd_find(const char *name)
{
	for (int i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}
