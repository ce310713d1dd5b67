/*
 * fuzz_verify.c: libFuzzer harness for whole-log verification: the input is
 * a log, checked against one trusted key (the key that signed the seed
 * corpus), on two threads.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complog.h"
#include "sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char pubtext[] = "workshop public key d13e9e48495079c1\n"
			      "wABk2g85RIzuDAhBo60hgSO76/xrfC5XL1FbSBZuDrU=\n";

static void
on_record(const struct complog_entry *e, void *ctx)
{
	(void)ctx;
	if (e->key_label == NULL || e->ts == NULL)
		abort();
}

static void
on_problem(const char *path, unsigned long line, bool torn, const char *reason,
	   void *ctx)
{
	(void)path;
	(void)line;
	(void)torn;
	(void)ctx;
	if (reason == NULL || reason[0] == '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sign_trust trust;
	static char path[64];
	struct complog_verify_opts o = {.trust = &trust,
					.threads = 2,
					.on_record = on_record,
					.on_problem = on_problem};
	struct complog_verify_result res;
	struct sign_pub pub;
	char err[200];
	FILE *fp;
	int rc;

	if (trust.n == 0) {
		if (sign_pub_parse(pubtext, sizeof pubtext - 1, &pub, err,
				   sizeof err) < 0)
			abort();
		sign_trust_add(&trust, &pub, "fuzz");
		snprintf(path, sizeof path, "/tmp/fuzz-verify-%ld.log",
			 (long)getpid());
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	rc = complog_verify(path, &o, &res);
	/* Exactly: 0 with no problems, 1 with some. */
	if ((rc == 0) != (res.problems == 0) || rc == 2)
		abort();
	unlink(path);
	return 0;
}
