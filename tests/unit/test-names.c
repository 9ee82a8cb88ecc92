/* test-names.c - unit tests for lib/names.c: Kubernetes name rules and
 * apimachinery's messages. */
#include <stdlib.h>

#include "../../lib/names.h"
#include "test.h"

#define SUBDOMAIN_MSG "a lowercase RFC 1123 subdomain must consist of " \
	"lower case alphanumeric characters, '-' or '.', and must start " \
	"and end with an alphanumeric character (e.g. 'example.com', regex " \
	"used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]" \
	"([-a-z0-9]*[a-z0-9])?)*')"
#define LABEL_MSG "a lowercase RFC 1123 label must consist of lower case " \
	"alphanumeric characters or '-', and must start and end with an " \
	"alphanumeric character (e.g. 'my-name',  or '123-abc', regex used " \
	"for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
#define DNS1035_MSG "a DNS-1035 label must consist of lower case " \
	"alphanumeric characters or '-', start with an alphabetic " \
	"character, and end with an alphanumeric character (e.g. 'my-name', " \
	" or 'abc-123', regex used for validation is " \
	"'[a-z]([-a-z0-9]*[a-z0-9])?')"
#define KEY_MSG "must consist of alphanumeric characters, '-', '_' or " \
	"'.', and must start and end with an alphanumeric character (e.g. " \
	"'MyName',  or 'my.name',  or '123-abc', regex used for validation " \
	"is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
#define VALUE_MSG "a valid label must be an empty string or consist of " \
	"alphanumeric characters, '-', '_' or '.', and must start and end " \
	"with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  " \
	"or '12345', regex used for validation is " \
	"'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

static char *
names_rep(char c, size_t n)
{
	char *s = malloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
test_names_subdomain(void)
{
	char why[1024], *long254, *long253;
	static const char *good[] = { "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
	    "0", "01", "012", "1a", "1-a", "1--a--b--2", "a.a", "ab.a",
	    "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "abc.1",
	    "a1.1", "a-1.1", "a--1--2--b.1", "0.a", "01.a", "012.a", "1a.a",
	    "1-a.a", "1--a--b--2", "0.1", "01.1", "012.1", "1a.1", "1-a.1",
	    "1--a--b--2.1", "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5",
	    "11.22.33.44.55" };
	static const char *bad[] = { "", "A", "ABC", "aBc", "A1", "A-1",
	    "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_",
	    "_1", "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ",
	    "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a", "ab.A",
	    "A1.a", "a1.A", "A.1", "aB.1", "A1.1", "1A.1", "0.A", "01.A",
	    "012.A", "1A.a", "1a.A", "A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e",
	    "aa.bB.cc.dd.ee", "a@b", "a,b", "a_b", "a;b", "a:b", "a%b", "a?b",
	    "a$b", "a\nb", "abc\n" };
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (names_dns1123_subdomain(good[i], why, sizeof why) != 0) {
			printf("#   rejected %s\n", good[i]);
			CHECK(0);
		}
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (names_dns1123_subdomain(bad[i], why, sizeof why) != -1) {
			printf("#   accepted \"%s\"\n", bad[i]);
			CHECK(0);
		}
		CHECK_STR(why, SUBDOMAIN_MSG);
	}
	long253 = names_rep('a', 253);
	long254 = names_rep('a', 254);
	CHECK_INT(names_dns1123_subdomain(long253, why, sizeof why), 0);
	CHECK_STR(why, "");
	CHECK_INT(names_dns1123_subdomain(long254, why, sizeof why), -1);
	CHECK_STR(why, "must be no more than 253 characters");
	long254[0] = 'A';
	CHECK_INT(names_dns1123_subdomain(long254, why, sizeof why), -1);
	CHECK_STR(why, "must be no more than 253 characters; " SUBDOMAIN_MSG);
	/* a short buffer is cut, never overrun */
	CHECK_INT(names_dns1123_subdomain("A", why, 10), -1);
	CHECK_STR(why, "a lowerca");
	CHECK_INT(names_dns1123_subdomain("A", NULL, 0), -1);
	free(long253);
	free(long254);
}

static void
test_names_label(void)
{
	char why[1024], *s;

	CHECK_INT(names_dns1123_label("my-name", why, sizeof why), 0);
	CHECK_INT(names_dns1123_label("123-abc", why, sizeof why), 0);
	CHECK_INT(names_dns1123_label("a.b", why, sizeof why), -1);
	CHECK_STR(why, "must not contain dots");
	CHECK_INT(names_dns1123_label("My-Name", why, sizeof why), -1);
	CHECK_STR(why, LABEL_MSG);
	CHECK_INT(names_dns1123_label("", why, sizeof why), -1);
	CHECK_STR(why, LABEL_MSG);
	s = names_rep('a', 64);
	CHECK_INT(names_dns1123_label(s, why, sizeof why), -1);
	CHECK_STR(why, "must be no more than 63 characters");
	s[63] = '-';
	CHECK_INT(names_dns1123_label(s, why, sizeof why), -1);
	CHECK_STR(why, "must be no more than 63 characters; " LABEL_MSG);
	s[63] = '\0';
	s[62] = '-';
	CHECK_INT(names_dns1123_label(s, why, sizeof why), -1);
	s[62] = 'a';
	CHECK_INT(names_dns1123_label(s, why, sizeof why), 0);
	free(s);

	CHECK_INT(names_dns1035_label("my-name", why, sizeof why), 0);
	CHECK_INT(names_dns1035_label("a", why, sizeof why), 0);
	CHECK_INT(names_dns1035_label("123-abc", why, sizeof why), -1);
	CHECK_STR(why, DNS1035_MSG);
	CHECK_INT(names_dns1035_label("a.b", why, sizeof why), -1);
	CHECK_STR(why, DNS1035_MSG);
	CHECK_INT(names_dns1035_label("a-", why, sizeof why), -1);
	CHECK_INT(names_dns1035_label("", why, sizeof why), -1);
}

static void
test_names_label_key(void)
{
	char why[2048], *s, *p;
	static const char *good[] = { "simple", "now-with-dashes",
	    "1-starts-with-num", "1234", "simple/simple",
	    "now-with-dashes/simple", "now-with-dashes/now-with-dashes",
	    "now.with.dots/simple", "now-with.dashes-and.dots/simple",
	    "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678",
	    "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
	    "requests.storage-foo", "a.b" };
	static const char *badname[] = { "nospecialchars%^=@", "cantendwithadash-",
	    "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
	    "example_com/abc", "example.com/", "/simple" };
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (names_label_key(good[i], why, sizeof why) != 0) {
			printf("#   rejected %s: %s\n", good[i], why);
			CHECK(0);
		}
	for (i = 0; i < sizeof badname / sizeof badname[0]; i++)
		if (names_label_key(badname[i], why, sizeof why) != -1) {
			printf("#   accepted %s\n", badname[i]);
			CHECK(0);
		}
	CHECK_INT(names_label_key("-a", why, sizeof why), -1);
	CHECK_STR(why, "name part " KEY_MSG);
	CHECK_INT(names_label_key("a/b/c", why, sizeof why), -1);
	CHECK_STR(why, "a valid label key " KEY_MSG " with an optional DNS "
	    "subdomain prefix and '/' (e.g. 'example.com/MyName')");
	CHECK_INT(names_label_key("/a", why, sizeof why), -1);
	CHECK_STR(why, "prefix part must be non-empty");
	CHECK_INT(names_label_key("Example.com/a", why, sizeof why), -1);
	CHECK_STR(why, "prefix part " SUBDOMAIN_MSG);
	CHECK_INT(names_label_key("a/", why, sizeof why), -1);
	CHECK_STR(why, "name part must be non-empty; name part " KEY_MSG);
	CHECK_INT(names_label_key("", why, sizeof why), -1);
	CHECK_STR(why, "name part must be non-empty; name part " KEY_MSG);
	s = names_rep('a', 64);
	CHECK_INT(names_label_key(s, why, sizeof why), -1);
	CHECK_STR(why, "name part must be no more than 63 characters");
	free(s);
	s = names_rep('a', 300);
	s[254] = '/';
	s[255] = '_';
	CHECK_INT(names_label_key(s, why, sizeof why), -1);
	CHECK_STR(why, "prefix part must be no more than 253 characters; "
	    "name part " KEY_MSG);
	p = s;
	free(p);
	CHECK_INT(names_qualified_name("kubernetes.io/created-by", why,
	    sizeof why), 0);
	CHECK_INT(names_qualified_name("a b", why, sizeof why), -1);
	CHECK_STR(why, "name part " KEY_MSG);
}

static void
test_names_label_value(void)
{
	char why[1024], *s;

	CHECK_INT(names_label_value("", why, sizeof why), 0);
	CHECK_INT(names_label_value("MyValue", why, sizeof why), 0);
	CHECK_INT(names_label_value("my_value", why, sizeof why), 0);
	CHECK_INT(names_label_value("1.2-3_x", why, sizeof why), 0);
	CHECK_INT(names_label_value("-x", why, sizeof why), -1);
	CHECK_STR(why, VALUE_MSG);
	CHECK_INT(names_label_value("a/b", why, sizeof why), -1);
	CHECK_STR(why, VALUE_MSG);
	s = names_rep('v', 63);
	CHECK_INT(names_label_value(s, why, sizeof why), 0);
	free(s);
	s = names_rep('v', 64);
	CHECK_INT(names_label_value(s, why, sizeof why), -1);
	CHECK_STR(why, "must be no more than 63 characters");
	s[0] = '.';
	CHECK_INT(names_label_value(s, why, sizeof why), -1);
	CHECK_STR(why, "must be no more than 63 characters; " VALUE_MSG);
	free(s);
}

static void
test_names_object(void)
{
	char why[1024];

	CHECK_INT(names_object_name("web-0", why, sizeof why), 0);
	CHECK_INT(names_object_name("kube-system.x", why, sizeof why), 0);
	CHECK_INT(names_object_name(".", why, sizeof why), -1);
	CHECK_STR(why, SUBDOMAIN_MSG);
	CHECK_INT(names_object_name("..", why, sizeof why), -1);
	CHECK_INT(names_object_name("a/b", why, sizeof why), -1);
	CHECK_INT(names_object_name("a%b", why, sizeof why), -1);

	CHECK_INT(names_path_segment("system:admin", why, sizeof why), 0);
	CHECK_INT(names_path_segment(".", why, sizeof why), -1);
	CHECK_STR(why, "may not be '.'");
	CHECK_INT(names_path_segment("..", why, sizeof why), -1);
	CHECK_STR(why, "may not be '..'");
	CHECK_INT(names_path_segment("a/b", why, sizeof why), -1);
	CHECK_STR(why, "may not contain '/'");
	CHECK_INT(names_path_segment("a/%b", why, sizeof why), -1);
	CHECK_STR(why, "may not contain '/'; may not contain '%'");
}

int
main(void)
{
	RUN(test_names_subdomain);
	RUN(test_names_label);
	RUN(test_names_label_key);
	RUN(test_names_label_value);
	RUN(test_names_object);
	return TEST_EXIT();
}
