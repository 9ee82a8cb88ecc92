/* apiresources.c - kubec api-resources: the resources the server serves
 * (their groups' preferred versions), as discovery lists them, sorted by
 * group as kubectl sorts them. */
#include <stdlib.h>
#include <string.h>

#include "../console.h"

static const struct opt_def apires_opts[] = {
	{ "output", 'o', 1, "name: the resource names only" },
	{ "namespaced", 0, 1, "true: namespaced resources only; false: "
	    "cluster-scoped ones" },
	{ "api-group", 0, 1, "Only the resources of this group (\"\" for "
	    "the core group)" },
	{ "sort-by", 0, 1, "name or kind" },
	{ "no-headers", 0, 0, "Don't print headers" },
	{ NULL, 0, 0, NULL }
};

static const char *apires_sort;

static int
apires_cmp(const void *x, const void *y)
{
	const struct api_res *a = *(const struct api_res *const *)x,
	    *b = *(const struct api_res *const *)y;
	int d;

	if (apires_sort != NULL && strcmp(apires_sort, "name") == 0)
		d = strcmp(a->name, b->name);
	else if (apires_sort != NULL && strcmp(apires_sort, "kind") == 0)
		d = strcmp(a->kind, b->kind);
	else
		d = strcmp(a->group, b->group);
	/* then by name, as kubectl; then the server's order */
	if (d == 0)
		d = strcmp(a->name, b->name);
	return d ? d : (a < b ? -1 : a > b);
}

static int
apires_exec(struct cli *c, int argc, char **argv)
{
	const char *o = opt_str(&c->o, "output"), *ns = opt_str(&c->o,
	    "namespaced"), *group = opt_str(&c->o, "api-group");
	const struct api_res **sel;
	json_t *rows = json_array();
	struct err err;
	size_t n = 0;

	err_clear(&err);
	if (argc > 0)
		return cli_usage_error(c, "api-resources", "unexpected "
		    "arguments: %s", argv[0]);
	if (o != NULL && strcmp(o, "name") != 0)
		return cli_fail(c, "--output %s is not available", o);
	if (disco_load(c, &err) < 0)
		return cli_error(c, &err);
	if ((sel = calloc(c->nres + 1, sizeof *sel)) == NULL)
		return cli_fail(c, "out of memory");
	for (size_t i = 0; i < c->nres; i++) {
		const struct api_res *r = &c->res[i];

		if (!r->preferred || (ns != NULL && r->namespaced !=
		    (strcmp(ns, "true") == 0)) || (group != NULL &&
		    strcmp(group, r->group) != 0))
			continue;
		sel[n++] = r;
	}
	apires_sort = opt_str(&c->o, "sort-by");
	qsort(sel, n, sizeof *sel, apires_cmp);
	if (!opt_bool(&c->o, "no-headers") && o == NULL)
		json_array_append_new(rows, json_pack("[s,s,s,s,s]", "NAME",
		    "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"));
	for (size_t i = 0; i < n; i++) {
		const struct api_res *r = sel[i];
		struct buf sn = BUF_INIT(256), av = BUF_INIT(256);

		for (int k = 0; k < 4 && r->shortnames[k][0]; k++)
			buf_addf(&sn, "%s%s", k ? "," : "", r->shortnames[k]);
		if (r->group[0])
			buf_addf(&av, "%s/%s", r->group, r->version);
		else
			buf_adds(&av, r->version);
		if (o != NULL)
			fprintf(c->out, "%s%s%s\n", r->name, r->group[0] ?
			    "." : "", r->group);
		else
			json_array_append_new(rows, json_pack("[s,s,s,s,s]",
			    r->name, buf_str(&sn), buf_str(&av),
			    r->namespaced ? "true" : "false", r->kind));
		buf_release(&sn);
		buf_release(&av);
	}
	if (o == NULL)
		print_columns(c->out, rows);
	json_decref(rows);
	free(sel);
	return 0;
}

const struct cmd_entry cmd_apiresources_entry = {
	.name = "api-resources",
	.summary = "Print the supported API resources on the server",
	.usage = "kubec api-resources [-o name] [--namespaced=true|false] "
	    "[--api-group=GROUP] [--sort-by=name|kind]",
	.opts = apires_opts,
	.exec = apires_exec,
};
