/* version.c - kubec version: the console's version and the server's
 * (GET /version), as kubectl version prints them. */
#include <string.h>

#include "../console.h"

static const struct opt_def version_opts[] = {
	{ "client", 0, 0, "If true, shows client version only (no server "
	    "required)" },
	{ "output", 'o', 1, "One of 'yaml' or 'json'" },
	{ NULL, 0, 0, NULL }
};

static int
version_exec(struct cli *c, int argc, char **argv)
{
	const char *o = opt_str(&c->o, "output");
	json_t *doc, *server = NULL;
	struct err err;
	int rc = 0;

	err_clear(&err);
	if (o != NULL && strcmp(o, "json") != 0 && strcmp(o, "yaml") != 0)
		return cli_usage_error(c, "version", "--output must be 'yaml' "
		    "or 'json'");
	doc = json_pack("{s:{s:s, s:s, s:s, s:s}}", "clientVersion", "major",
	    "1", "minor", "33", "gitVersion", KUBEC_CLIENT_VERSION,
	    "platform", "linux/amd64");
	if (!opt_bool(&c->o, "client") && (cli_connect(c, &err) < 0 ||
	    cli_get_json(c, "/version", &server, &err) < 0))
		rc = -1;
	if (server != NULL)
		json_object_set_new(doc, "serverVersion", server);
	if (o != NULL && strcmp(o, "json") == 0) {
		print_json(c->out, doc);
	} else if (o != NULL) {
		print_yaml(c->out, doc);
	} else {
		fprintf(c->out, "Client Version: %s\n", KUBEC_CLIENT_VERSION);
		if (server != NULL)
			fprintf(c->out, "Server Version: %s\n",
			    json_string_value(json_object_get(server,
			    "gitVersion")));
	}
	json_decref(doc);
	return rc < 0 ? cli_error(c, &err) : 0;
}

const struct cmd_entry cmd_version_entry = {
	.name = "version",
	.summary = "Print the client and server version information",
	.usage = "kubec version [--client] [-o yaml|json]",
	.opts = version_opts,
	.flags = CMD_OFFLINE,
	.exec = version_exec,
};
