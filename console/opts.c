/* opts.c - the command line as kubectl (cobra/pflag) reads it: options
 * anywhere among the arguments, --name=value or --name value, -c value or
 * -cvalue, flags clustered (-it), --flag=false, and "--" ending options
 * (what follows goes to the verb: exec's command). */
#include <stdlib.h>
#include <string.h>

#include "console.h"

static const struct opt_def *
opts_long(const struct opt_def *const *tables, const char *name, size_t len)
{
	for (int t = 0; tables[t] != NULL; t++)
		for (const struct opt_def *d = tables[t]; d->name != NULL; d++)
			if (strlen(d->name) == len &&
			    strncmp(d->name, name, len) == 0)
				return d;
	return NULL;
}

static const struct opt_def *
opts_short(const struct opt_def *const *tables, char ch)
{
	for (int t = 0; tables[t] != NULL; t++)
		for (const struct opt_def *d = tables[t]; d->name != NULL; d++)
			if (d->c == ch)
				return d;
	return NULL;
}

static int
opts_add(struct opts *o, const struct opt_def *d, const char *val,
    struct err *err)
{
	if (o->n == OPTS_MAX)
		return err_set(err, ERR_BAD_REQUEST, "too many options");
	o->def[o->n] = d;
	o->val[o->n++] = val;
	return 0;
}

/* -abc: flags, the last (or the first taking a value) may take one. */
static int
opts_cluster(const struct opt_def *const *tables, struct opts *o,
    char **argv, int argc, int *i, struct err *err)
{
	const char *p = argv[*i] + 1;

	for (; *p != '\0'; p++) {
		const struct opt_def *d = opts_short(tables, *p);

		if (d == NULL)
			return err_set(err, ERR_BAD_REQUEST, "unknown shorthand "
			    "flag: '%c' in %s", *p, argv[*i]);
		if (!d->arg) {
			if (opts_add(o, d, "true", err) < 0)
				return -1;
			continue;
		}
		if (p[1] != '\0')
			return opts_add(o, d, p[1] == '=' ? p + 2 : p + 1, err);
		if (*i + 1 >= argc)
			return err_set(err, ERR_BAD_REQUEST, "flag needs an "
			    "argument: '%c' in -%c", *p, *p);
		return opts_add(o, d, argv[++*i], err);
	}
	return 0;
}

int
opts_parse(const struct opt_def *const *tables, int argc, char **argv,
    struct opts *o, char ***args, int *nargs, struct err *err)
{
	char **pos = calloc((size_t)argc + 1, sizeof *pos);
	int n = 0, i;

	if (pos == NULL)
		return err_set(err, ERR_INTERNAL, "out of memory");
	for (i = 0; i < argc; i++) {
		char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				pos[n++] = argv[i];
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {	/* "-" is stdin */
			pos[n++] = a;
			continue;
		}
		if (a[1] != '-') {
			if (opts_cluster(tables, o, argv, argc, &i, err) < 0)
				goto fail;
			continue;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		const struct opt_def *d = opts_long(tables, name,
		    eq ? (size_t)(eq - name) : strlen(name));

		if (d == NULL) {
			err_set(err, ERR_BAD_REQUEST, "unknown flag: --%.*s",
			    eq ? (int)(eq - name) : (int)strlen(name), name);
			goto fail;
		}
		if (eq != NULL) {
			if (opts_add(o, d, eq + 1, err) < 0)
				goto fail;
		} else if (!d->arg) {
			if (opts_add(o, d, "true", err) < 0)
				goto fail;
		} else if (i + 1 < argc) {
			if (opts_add(o, d, argv[++i], err) < 0)
				goto fail;
		} else {
			err_set(err, ERR_BAD_REQUEST, "flag needs an argument: "
			    "--%s", d->name);
			goto fail;
		}
	}
	*args = pos;
	*nargs = n;
	return 0;
fail:
	free(pos);
	return -1;
}

const char *
opt_str(const struct opts *o, const char *name)
{
	for (int i = o->n - 1; i >= 0; i--)
		if (strcmp(o->def[i]->name, name) == 0)
			return o->val[i];
	return NULL;
}

int
opt_bool(const struct opts *o, const char *name)
{
	const char *v = opt_str(o, name);

	return v != NULL && strcmp(v, "false") != 0 && strcmp(v, "0") != 0;
}

const char *
opt_nth(const struct opts *o, const char *name, int nth)
{
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->def[i]->name, name) == 0 && nth-- == 0)
			return o->val[i];
	return NULL;
}
