/* names.h - Kubernetes name rules (DNS-1123/1035, label keys and values,
 * qualified names).  Each check returns 0 when s is valid, else -1 and
 * writes kube-apiserver's explanation into why, e.g. for a subdomain:
 *   a lowercase RFC 1123 subdomain must consist of lower case alphanumeric
 *   characters, '-' or '.', and must start and end with an alphanumeric
 *   character (e.g. 'example.com', regex used for validation is
 *   '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
 * When several rules fail (too long and a bad character), the messages
 * are joined with "; " in Kubernetes' order; kube-apiserver reports each
 * as its own cause.  Label keys and values say "bytes" where DNS names
 * say "characters" ("must be no more than 63 bytes"), as Kubernetes 1.35.
 */
#ifndef KUBEC_NAMES_H
#define KUBEC_NAMES_H

#include <stddef.h>

int	names_dns1123_subdomain(const char *s, char *why, size_t len);
int	names_dns1123_label(const char *s, char *why, size_t len);
int	names_dns1035_label(const char *s, char *why, size_t len);
int	names_label_key(const char *s, char *why, size_t len);	/* qualified name */
int	names_label_value(const char *s, char *why, size_t len);
int	names_qualified_name(const char *s, char *why, size_t len);
/* Names of most objects: subdomain; also rejects "." and ".." */
int	names_object_name(const char *s, char *why, size_t len);
/* Path segment names (RBAC roles and the like): not "." or "..", no '/'
 * and no '%': "may not contain '/'". */
int	names_path_segment(const char *s, char *why, size_t len);

#endif
