/* test-quantity.c - unit tests for lib/quantity.c, with the cases of
 * apimachinery's quantity_test.go (TestQuantityParse, TestQuantityString,
 * TestQuantityParseEmit, TestParseQuantity) as parse -> String() pairs. */
#include <stdint.h>
#include <stdlib.h>

#include "../../lib/quantity.h"
#include "test.h"

struct qcase {
	const char	*in;
	const char	*out;	/* Go's q.String() after ParseQuantity */
};

/* TestQuantityParse: the expected Quantity of each input, printed. */
static const struct qcase quantity_parse_cases[] = {
	{ "0", "0" }, { "0n", "0" }, { "0u", "0" }, { "0m", "0" },
	{ "0Ki", "0" }, { "0k", "0" }, { "0Mi", "0" }, { "0M", "0" },
	{ "0Gi", "0" }, { "0G", "0" }, { "0Ti", "0" }, { "0T", "0" },
	{ "1", "1" },
	{ "1Ki", "1Ki" }, { "8Ki", "8Ki" }, { "7Mi", "7Mi" }, { "6Gi", "6Gi" },
	{ "5Ti", "5Ti" }, { "4Pi", "4Pi" }, { "3Ei", "3Ei" },
	{ "10Ti", "10Ti" }, { "100Ti", "100Ti" },
	{ "5n", "5n" }, { "4u", "4u" }, { "3m", "3m" }, { "9", "9" },
	{ "8k", "8k" }, { "50k", "50k" }, { "7M", "7M" }, { "6G", "6G" },
	{ "5T", "5T" }, { "40T", "40T" }, { "300T", "300T" }, { "2P", "2P" },
	{ "1E", "1E" },
	/* exponents: kept as typed when already in canonical shape */
	{ "1E-3", "1E-3" }, { "1e3", "1e3" }, { "1E6", "1E6" },
	{ "1e9", "1e9" }, { "1E12", "1E12" }, { "1e15", "1e15" },
	{ "1E18", "1E18" },
	{ "1e14", "100e12" }, { "1e13", "10e12" },
	{ "100.035k", "100.035k" },
	{ "0.001", "1m" }, { "0.0005k", "500m" }, { "0.005", "5m" },
	{ "0.05", "50m" }, { "0.5", "500m" }, { "0.00050k", "500m" },
	{ "0.00500", "5m" }, { "0.05000", "50m" }, { "0.50000", "500m" },
	{ "0.5e0", "500e-3" }, { "0.5e-1", "50e-3" }, { "0.5e-2", "5e-3" },
	{ "10.035M", "10.035M" },
	{ "1.2e3", "1200" }, { "1.3E+6", "1300e3" }, { "1.40e9", "1400e6" },
	{ "1.53E12", "1530e9" }, { "1.6e15", "1600e12" },
	{ "1.7E18", "1700e15" },
	{ "9.01", "9010m" }, { "8.1k", "8100" }, { "7.123456M", "7.123456M" },
	{ "6.987654321G", "6.987654321G" }, { "5.444T", "5.444T" },
	{ "40.1T", "40100G" }, { "300.2T", "300200G" }, { "2.5P", "2500T" },
	{ "1.01E", "1010P" },
	/* things that saturate or round */
	{ "3.001n", "4n" }, { "1.1E-9", "2e-9" }, { "0.0000000001", "1n" },
	{ "0.0000000005", "1n" }, { "0.00000000050", "1n" },
	{ "0.5e-9", "1e-9" }, { "0.9n", "1n" }, { "0.00000012345", "124n" },
	{ "0.00000012354", "124n" },
	{ "9Ei", "9223372036854775807" },
	{ "9223372036854775807Ki", "9223372036854775807" },
	{ "12E", "12E" },
	/* fractional binary */
	{ "100.035Ki", "102435840m" }, { "0.5Mi", "512Ki" },
	{ "0.05Gi", "53687091200m" }, { "0.025Ti", "27487790694400m" },
	/* things written by trolls */
	{ "0.000000000001Ki", "2n" }, { ".001", "1m" }, { ".0001k", "100m" },
	{ "1.", "1." }, { "1.G", "1.G" },
	/* TestQuantityParseEmit */
	{ "1Mi", "1Mi" }, { "1Gi", "1Gi" }, { "1024Mi", "1Gi" },
	{ "1000M", "1G" }, { ".001Ki", "1024m" }, { ".000001Ki", "1024u" },
	{ ".000000001Ki", "1024n" }, { ".000000000001Ki", "2n" },
	{ "-1Ki", "-1Ki" }, { "-1024Mi", "-1Gi" }, { "-1000M", "-1G" },
	{ "-.001Ki", "-1024m" }, { "-.000000000001Ki", "-2n" },
	/* TestQuantityString: alternates print canonically */
	{ "307200Ki", "300Mi" }, { "1025024Mi", "1001Gi" }, { "1024Gi", "1Ti" },
	{ "5000m", "5" }, { "0.001T", "1G" }, { "1000u", "1m" },
	{ "1.08", "1080m" }, { "1080000000n", "1080m" }, { ".001e12", "1e9" },
	{ "0.001e0", "1e-3" }, { "1000e-12", "1e-9" }, { "00", "0" },
	/* TestQuantityString: canonical inputs are kept */
	{ "300Mi", "300Mi" }, { "6Ki", "6Ki" }, { "1001Gi", "1001Gi" },
	{ "1Ti", "1Ti" }, { "5", "5" }, { "500m", "500m" }, { "1G", "1G" },
	{ "1m", "1m" }, { "80m", "80m" }, { "1080m", "1080m" },
	{ "300M", "300M" }, { "1T", "1T" }, { "1234567M", "1234567M" },
	{ "1234567m", "1234567m" }, { "3k", "3k" }, { "1025", "1025" },
	{ "80e-3", "80e-3" }, { "300e6", "300e6" }, { "1e12", "1e12" },
	{ "3e3", "3e3" }, { "1e-3", "1e-3" }, { "1e-9", "1e-9" },
	{ "1n", "1n" }, { "80n", "80n" }, { "1080n", "1080n" }, { "1u", "1u" },
	{ "80u", "80u" }, { "1080u", "1080u" },
	/* TestParseQuantity: 18 to 20 digits and the int64 limits */
	{ "-999999999999999999", "-999999999999999999" },
	{ "999999999999999999", "999999999999999999" },
	{ "-999999999999999999.0", "-999999999999999999" },
	{ "999999999999999999.0", "999999999999999999" },
	{ "-999999999999999999.1", "-999999999999999999100m" },
	{ "999999999999999999.1", "999999999999999999100m" },
	{ "-9999999999999999999", "-9999999999999999999" },
	{ "9999999999999999999", "9999999999999999999" },
	{ "-1E", "-1E" },
	{ "-1000000000000000000", "-1E" }, { "1000000000000000000", "1E" },
	{ "-9999999999999999999.0", "-9999999999999999999" },
	{ "9999999999999999999.0", "9999999999999999999" },
	{ "-1.0E", "-1E" }, { "1.0E", "1E" },
	{ "-1000000000000000000.0", "-1E" }, { "1000000000000000000.0", "1E" },
	{ "-9999999999999999999000m", "-9999999999999999999" },
	{ "9999999999999999999000m", "9999999999999999999" },
	{ "-9999999999999999999.1", "-9999999999999999999100m" },
	{ "9999999999999999999.1", "9999999999999999999100m" },
	{ "-1.0000000000000000001E", "-1000000000000000000100m" },
	{ "1.0000000000000000001E", "1000000000000000000100m" },
	{ "-1000000000000000000.1", "-1000000000000000000100m" },
	{ "1000000000000000000.1", "1000000000000000000100m" },
	{ "-1.000000000000000001E", "-1000000000000000001" },
	{ "1.000000000000000001E", "1000000000000000001" },
	{ "-1000000000000000001", "-1000000000000000001" },
	{ "1000000000000000001", "1000000000000000001" },
	{ "-10E", "-10E" }, { "10E", "10E" },
	{ "-10000000000000000000", "-10E" }, { "10000000000000000000", "10E" },
	{ "-10.0E", "-10E" }, { "10.0E", "10E" },
	{ "-10000000000000000000.0", "-10E" },
	{ "10000000000000000000.0", "10E" },
	{ "-10000000000000000000000m", "-10E" },
	{ "10000000000000000000000m", "10E" },
	{ "-10.0000000000000000001E", "-10000000000000000000100m" },
	{ "10.0000000000000000001E", "10000000000000000000100m" },
	{ "-10000000000000000000.1", "-10000000000000000000100m" },
	{ "10000000000000000000.1", "10000000000000000000100m" },
	{ "-10.000000000000000001E", "-10000000000000000001" },
	{ "10.000000000000000001E", "10000000000000000001" },
	{ "-10000000000000000001", "-10000000000000000001" },
	{ "10000000000000000001", "10000000000000000001" },
	{ "-9223372036854775809", "-9223372036854775809" },
	{ "9223372036854775806", "9223372036854775806" },
	{ "-9223372036854775809.0", "-9223372036854775809" },
	{ "9223372036854775806.0", "9223372036854775806" },
	{ "-9223372036854775809000m", "-9223372036854775809" },
	{ "9223372036854775806000m", "9223372036854775806" },
	{ "-9223372036854775809.1", "-9223372036854775809100m" },
	{ "9223372036854775806.1", "9223372036854775806100m" },
	{ "-9223372036854775808", "-9223372036854775808" },
	{ "9223372036854775807", "9223372036854775807" },
	{ "-9223372036854775808.0", "-9223372036854775808" },
	{ "9223372036854775807.0", "9223372036854775807" },
	{ "-9223372036854775808000m", "-9223372036854775808" },
	{ "9223372036854775807000m", "9223372036854775807" },
	{ "-9223372036854775808.1", "-9223372036854775808100m" },
	{ "9223372036854775807.1", "9223372036854775807100m" },
	{ "-9223372036854775807", "-9223372036854775807" },
	{ "9223372036854775808", "9223372036854775808" },
	{ "9223372036854775808.1", "9223372036854775808100m" },
	/* the examples of the brief and kubectl's everyday values */
	{ "100m", "100m" }, { "0.1", "100m" }, { "1.5Gi", "1536Mi" },
	{ "1000Mi", "1000Mi" }, { "1000", "1k" }, { "12e6", "12e6" },
	{ "0.5Gi", "512Mi" }, { "1.1", "1100m" }, { "-1", "-1" },
	{ "2000m", "2" }, { "1500m", "1500m" }, { "128974848", "128974848" },
	{ "129e6", "129e6" }, { "129M", "129M" }, { "123Mi", "123Mi" },
	{ "0.5Ki", "512" }, { "1023Ki", "1023Ki" }, { "1536Ki", "1536Ki" },
	{ "2048Ki", "2Mi" }, { "8Ei", "9223372036854775807" },
	{ "1.0001Ki", "1024102400u" },
	/* Go keeps some inputs as typed */
	{ "+1k", "+1k" }, { "01", "01" }, { "1.200k", "1.200k" },
	{ "+1Ki", "+1Ki" }, { "1e+3", "1e+3" }, { "+0.5", "500m" },
	/* no digits at all still parses as zero on the fast path */
	{ ".", "0" }, { "-", "0" }, { "+", "0" }, { "k", "0" }, { "Ki", "0" },
	{ "e3", "0" }, { "-0", "0" },
};

static void
test_quantity_table(void)
{
	struct err err;
	char out[128];
	size_t i;
	int n;

	for (i = 0; i < sizeof quantity_parse_cases /
	    sizeof quantity_parse_cases[0]; i++) {
		const struct qcase *c = &quantity_parse_cases[i];

		err_clear(&err);
		n = quantity_canonical(c->in, out, sizeof out, &err);
		if (n < 0) {
			printf("#   %s: %s\n", c->in, err.msg);
			CHECK(n >= 0);
			continue;
		}
		if (strcmp(out, c->out) != 0)
			printf("#   input %s\n", c->in);
		CHECK_STR(out, c->out);
		CHECK_INT(n, strlen(c->out));
	}
}

/* quantity_format is always canonical (never the input as typed). */
static void
test_quantity_format(void)
{
	static const struct qcase cases[] = {
		{ "+1k", "1k" }, { "01", "1" }, { "1.200k", "1200" },
		{ "1E-3", "1e-3" }, { "1E6", "1e6" }, { "1.", "1" },
		{ "1.G", "1G" }, { "100.035k", "100035" },
		{ "10.035M", "10035k" }, { "7.123456M", "7123456" },
		{ "1e+3", "1e3" }, { "1.5", "1500m" }, { "1000m", "1" },
		{ "-0.5Gi", "-512Mi" }, { "-1.5", "-1500m" },
	};
	struct quantity q;
	struct err err;
	char out[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK_INT(quantity_parse(cases[i].in, &q, &err), 0);
		CHECK(quantity_format(&q, out, sizeof out) >= 0);
		CHECK_STR(out, cases[i].out);
	}
	CHECK_INT(quantity_parse("1Gi", &q, &err), 0);
	CHECK_INT(quantity_format(&q, out, 3), -1);
	CHECK_INT(quantity_format(&q, out, 4), 3);
	CHECK_STR(out, "1Gi");
}

static void
test_quantity_formats(void)
{
	struct quantity q;
	struct err err;

	CHECK_INT(quantity_parse("0.5Mi", &q, &err), 0);
	CHECK_INT(q.format, QUANTITY_BINARY_SI);
	CHECK_INT(quantity_parse("0.000000000001Ki", &q, &err), 0);
	CHECK_INT(q.format, QUANTITY_DECIMAL_SI);
	CHECK_INT(quantity_parse("-0.5Ki", &q, &err), 0);
	CHECK_INT(q.format, QUANTITY_BINARY_SI);
	CHECK_INT(quantity_parse("-0.0005Ki", &q, &err), 0);
	CHECK_INT(q.format, QUANTITY_DECIMAL_SI);
	CHECK_INT(quantity_parse("0Ki", &q, &err), 0);
	CHECK_INT(q.format, QUANTITY_BINARY_SI);
	CHECK_INT(quantity_parse("1e3", &q, &err), 0);
	CHECK_INT(q.format, QUANTITY_DECIMAL_EXP);
	CHECK_INT(quantity_parse("1E", &q, &err), 0);
	CHECK_INT(q.format, QUANTITY_DECIMAL_SI);
	CHECK_INT(quantity_parse("9Ei", &q, &err), 0);
	CHECK(q.nano == (__int128)INT64_MAX * 1000000000);
	CHECK_INT(quantity_parse("3.001n", &q, &err), 0);
	CHECK(q.nano == 4);
	CHECK_INT(quantity_parse("-3.001n", &q, &err), 0);
	CHECK(q.nano == -4);
}

static void
test_quantity_invalid(void)
{
	static const char *bad[] = { "", "1.1.M", "1+1.0M", "0.1mi", "0.1am",
	    "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ", "1e", "1Ki3",
	    "1ee3", ".Pi", "-Pi", "1e99999999999999999999", "1..", "--1" };
	struct quantity q;
	struct err err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&err);
		if (quantity_parse(bad[i], &q, &err) != -1)
			printf("#   parsed: \"%s\"\n", bad[i]);
		CHECK_INT(err.reason, ERR_BAD_REQUEST);
	}
	quantity_parse("1.1.M", &q, &err);
	CHECK_STR(err.msg, "quantities must match the regular expression "
	    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
	quantity_parse("0.1mi", &q, &err);
	CHECK_STR(err.msg, "unable to parse quantity's suffix");
	quantity_parse(".Pi", &q, &err);
	CHECK_STR(err.msg, "unable to parse numeric part of quantity");
	/* beyond what 128 bits of nanos hold (Go has no limit) */
	CHECK_INT(quantity_parse("1e30", &q, &err), -1);
	CHECK_INT(quantity_parse("100000P", &q, &err), 0);
}

static void
test_quantity_values(void)
{
	struct quantity q;
	struct err err;

	quantity_parse("1.5", &q, &err);
	CHECK_INT(quantity_value(&q), 2);
	CHECK_INT(quantity_milli(&q), 1500);
	quantity_parse("100m", &q, &err);
	CHECK_INT(quantity_value(&q), 1);
	CHECK_INT(quantity_milli(&q), 100);
	quantity_parse("0.1m", &q, &err);
	CHECK_INT(quantity_milli(&q), 1);
	quantity_parse("-1.5", &q, &err);
	CHECK_INT(quantity_value(&q), -2);
	quantity_parse("1Gi", &q, &err);
	CHECK_INT(quantity_value(&q), 1073741824);
	quantity_parse("100E", &q, &err);
	CHECK_INT(quantity_value(&q), INT64_MAX);
	CHECK_INT(quantity_milli(&q), INT64_MAX);
}

static void
test_quantity_arith(void)
{
	struct quantity a, b, z;
	struct err err;
	char out[64];

	quantity_parse("1Gi", &a, &err);
	quantity_parse("512Mi", &b, &err);
	quantity_add(&a, &b);
	quantity_format(&a, out, sizeof out);
	CHECK_STR(out, "1536Mi");
	quantity_sub(&a, &b);
	quantity_sub(&a, &b);
	quantity_format(&a, out, sizeof out);
	CHECK_STR(out, "512Mi");
	CHECK_INT(quantity_cmp(&a, &b), 0);
	quantity_parse("100m", &b, &err);
	CHECK_INT(quantity_cmp(&a, &b), 1);
	CHECK_INT(quantity_cmp(&b, &a), -1);
	/* adding to zero takes the other's format (AddZeroPreservesSuffix) */
	quantity_parse("0", &z, &err);
	quantity_parse("1Ki", &b, &err);
	quantity_add(&z, &b);
	CHECK_INT(z.format, QUANTITY_BINARY_SI);
	quantity_format(&z, out, sizeof out);
	CHECK_STR(out, "1Ki");
	quantity_from_milli(&a, 1500, QUANTITY_DECIMAL_SI);
	quantity_format(&a, out, sizeof out);
	CHECK_STR(out, "1500m");
	quantity_from_milli(&a, 2000, QUANTITY_DECIMAL_SI);
	quantity_format(&a, out, sizeof out);
	CHECK_STR(out, "2");
	quantity_from_value(&a, 5 * 1024 * 1024, QUANTITY_BINARY_SI);
	quantity_format(&a, out, sizeof out);
	CHECK_STR(out, "5Mi");
	quantity_from_value(&a, 5, QUANTITY_BINARY_SI);
	quantity_format(&a, out, sizeof out);
	CHECK_STR(out, "5");
	quantity_from_value(&a, 0, QUANTITY_DECIMAL_EXP);
	quantity_format(&a, out, sizeof out);
	CHECK_STR(out, "0");
}

int
main(void)
{
	RUN(test_quantity_table);
	RUN(test_quantity_format);
	RUN(test_quantity_formats);
	RUN(test_quantity_invalid);
	RUN(test_quantity_values);
	RUN(test_quantity_arith);
	return TEST_EXIT();
}
