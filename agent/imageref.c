/* imageref.c - image references parsed and normalized as Docker does
 * ("busybox" is docker.io/library/busybox:latest), and the host and
 * scheme a reference's registry is spoken to with. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "image.h"

int
image_digest_valid(const char *s)
{
	size_t i;

	if (strncmp(s, "sha256:", 7) != 0 || strlen(s) != 7 + 64)
		return 0;
	for (i = 7; s[i]; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return 0;
	return 1;
}

/* A repository path: components of [a-z0-9] and the separators '.',
 * '_' and '-', each starting and ending with an alphanumeric, joined by
 * '/'. */
static int
imageref_repo_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || s[0] == '/' || s[n - 1] == '/')
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (islower((unsigned char)c) || isdigit((unsigned char)c))
			continue;
		if (c != '.' && c != '_' && c != '-' && c != '/')
			return 0;
		/* each component starts and ends with an alphanumeric */
		if (i == 0 || i == n - 1)
			return 0;
		if (c == '/' && (!isalnum((unsigned char)s[i - 1]) ||
		    !isalnum((unsigned char)s[i + 1])))
			return 0;
	}
	return 1;
}

static int
imageref_tag_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 128 || s[0] == '.' || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '.' && s[i] != '-')
			return 0;
	return 1;
}

int
image_ref_parse(const char *s, struct image_ref *r, struct err *err)
{
	char name[600];
	const char *at, *slash, *colon;
	char *p;
	size_t n;

	memset(r, 0, sizeof(*r));
	if (s == NULL || *s == '\0')
		return err_set(err, ERR_BAD_REQUEST, "empty image reference");
	if (strlen(s) >= sizeof(name))
		return err_set(err, ERR_BAD_REQUEST,
		    "invalid reference format: \"%.64s...\" is too long", s);
	at = strchr(s, '@');
	if (at != NULL) {
		if (!image_digest_valid(at + 1))
			return err_set(err, ERR_BAD_REQUEST,
			    "invalid reference format: \"%s\" has a bad digest",
			    s);
		snprintf(r->digest, sizeof(r->digest), "%s", at + 1);
		n = (size_t)(at - s);
	} else
		n = strlen(s);
	memcpy(name, s, n);
	name[n] = '\0';

	/* a tag is after the last ':' that follows the last '/' */
	slash = strrchr(name, '/');
	colon = strrchr(name, ':');
	if (colon != NULL && (slash == NULL || colon > slash)) {
		if (!imageref_tag_valid(colon + 1))
			return err_set(err, ERR_BAD_REQUEST,
			    "invalid reference format: bad tag in \"%s\"", s);
		snprintf(r->tag, sizeof(r->tag), "%s", colon + 1);
		name[colon - name] = '\0';
	}

	/* the first component is a host when it has '.' or ':' or is
	 * localhost */
	p = strchr(name, '/');
	if (p != NULL && (memchr(name, '.', (size_t)(p - name)) ||
	    memchr(name, ':', (size_t)(p - name)) ||
	    (p - name == 9 && strncmp(name, "localhost", 9) == 0))) {
		*p = '\0';
		if (name[0] == '\0' || strlen(name) >= sizeof(r->domain))
			return err_set(err, ERR_BAD_REQUEST,
			    "invalid reference format: bad host in \"%s\"", s);
		snprintf(r->domain, sizeof(r->domain), "%s", name);
		if (strcmp(r->domain, "index.docker.io") == 0)
			snprintf(r->domain, sizeof(r->domain), "docker.io");
		snprintf(r->repo, sizeof(r->repo), "%s", p + 1);
	} else {
		snprintf(r->domain, sizeof(r->domain), "docker.io");
		if (strlen(name) + 8 >= sizeof(r->repo))
			return err_set(err, ERR_BAD_REQUEST,
			    "invalid reference format: \"%s\" is too long", s);
		snprintf(r->repo, sizeof(r->repo), "%s%s",
		    strchr(name, '/') ? "" : "library/", name);
	}
	if (strcmp(r->domain, "docker.io") == 0 && strchr(r->repo, '/') == NULL) {
		char tmp[sizeof(r->repo)];

		snprintf(tmp, sizeof(tmp), "%s", r->repo);
		snprintf(r->repo, sizeof(r->repo), "library/%.240s", tmp);
	}
	if (!imageref_repo_valid(r->repo)) {
		for (p = r->repo; *p; p++)
			if (isupper((unsigned char)*p))
				return err_set(err, ERR_BAD_REQUEST,
				    "invalid reference format: repository "
				    "name must be lowercase");
		return err_set(err, ERR_BAD_REQUEST,
		    "invalid reference format: \"%s\"", s);
	}
	if (r->tag[0] == '\0' && r->digest[0] == '\0')
		snprintf(r->tag, sizeof(r->tag), "latest");
	return 0;
}

void
image_ref_name(const struct image_ref *r, char *out, size_t n)
{
	snprintf(out, n, "%s/%s%s%s%s%s", r->domain, r->repo,
	    r->tag[0] ? ":" : "", r->tag, r->digest[0] ? "@" : "", r->digest);
}

const char *
image_ref_host(const struct image_ref *r)
{
	if (strcmp(r->domain, "docker.io") == 0)
		return "registry-1.docker.io";
	return r->domain;
}

int
image_ref_plain_http(const struct image_ref *r)
{
	static const char *const local[] = { "localhost", "127.0.0.1",
	    "[::1]" };
	size_t i, n;

	for (i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		n = strlen(local[i]);
		if (strncmp(r->domain, local[i], n) == 0 &&
		    (r->domain[n] == '\0' || r->domain[n] == ':'))
			return 1;
	}
	return 0;
}
