/*
 * sendbench: the two halves of bench/send.sh, which measures workshop send
 * against a bare libcurl loop posting the same batches to the same LRS.
 *
 *   sendbench post ENDPOINT AUTHFILE STATEMENTS.json BATCH
 *       the bare loop: the statements (a JSON array, as workshop verify
 *       --format xapi prints it) cut into batches of BATCH, each made into
 *       the same compact JSON array workshop send posts, then posted one
 *       after another over one kept-alive libcurl handle, with the same
 *       headers and Basic authentication; nothing verified, nothing saved.
 *       Prints "post: N statements in S s, R statements/s" (the posting
 *       only) and exits 1 if any answer was not 200.
 *   sendbench run COMMAND [ARG]...
 *       run a command (its output thrown away) and print "run: S s, peak
 *       memory K KiB, status X".
 */
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "benchutil.h"
#include "util.h"

static size_t
discard(char *p, size_t size, size_t nmemb, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * nmemb;
}

/* The batches' bodies, as workshop send makes them. */
static char **
make_batches(const char *file, size_t batch, size_t *nbatches, size_t *nst)
{
	json_error_t e;
	json_t *all = json_load_file(file, 0, &e), *st;
	struct strbuf b;
	char **out = NULL, *s;
	size_t i;

	if (!json_is_array(all)) {
		fprintf(stderr, "sendbench: %s: %s\n", file, e.text);
		exit(2);
	}
	*nst = json_array_size(all);
	*nbatches = 0;
	strbuf_init(&b);
	json_array_foreach(all, i, st)
	{
		strbuf_addc(&b, i % batch == 0 ? '[' : ',');
		s = json_dumps(st, JSON_COMPACT);
		strbuf_adds(&b, s);
		free(s);
		if (i % batch == batch - 1 || i + 1 == *nst) {
			strbuf_addc(&b, ']');
			out = xreallocarray(out, *nbatches + 1, sizeof *out);
			out[(*nbatches)++] = strbuf_detach(&b);
		}
	}
	json_decref(all);
	return out;
}

static int
post(const char *endpoint, const char *authfile, const char *file, size_t batch)
{
	size_t nb, nst, len;
	char **bodies = make_batches(file, batch, &nb, &nst);
	char *auth = util_read_file(authfile, 4096, &len), *colon, *url;
	struct curl_slist *h = NULL;
	CURL *c;
	long status;
	double t0, t;
	int bad = 0;

	if (auth == NULL || (colon = strchr(auth, ':')) == NULL)
		return 2;
	*colon = '\0';
	auth[strcspn(colon + 1, "\r\n") + (size_t)(colon + 1 - auth)] = '\0';
	curl_global_init(CURL_GLOBAL_DEFAULT);
	c = curl_easy_init();
	url = xasprintf("%s/statements", endpoint);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Accept: application/json");
	h = curl_slist_append(h, "X-Experience-API-Version: 1.0.3");
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
	curl_easy_setopt(c, CURLOPT_USERNAME, auth);
	curl_easy_setopt(c, CURLOPT_PASSWORD, colon + 1);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	t0 = bench_now();
	for (size_t i = 0; i < nb; i++) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, bodies[i]);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)strlen(bodies[i]));
		if (curl_easy_perform(c) != CURLE_OK ||
		    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status) !=
			CURLE_OK ||
		    status != 200)
			bad++;
	}
	t = bench_now() - t0;
	printf("post: %zu statements in %.3f s, %.0f statements/s (%zu "
	       "batches, %d not 200)\n",
	       nst, t, nst / t, nb, bad);
	for (size_t i = 0; i < nb; i++)
		free(bodies[i]);
	free(bodies);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	free(url);
	free(auth);
	return bad == 0 ? 0 : 1;
}

static int
run(char **argv)
{
	struct rusage ru;
	double t0 = bench_now(), t;
	int st, fd;
	pid_t pid = fork();

	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		dup2(fd, 0);
		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
		return 2;
	t = bench_now() - t0;
	printf("run: %.3f s, peak memory %ld KiB, status %d\n", t, ru.ru_maxrss,
	       WIFEXITED(st) ? WEXITSTATUS(st) : 128);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 6 && strcmp(argv[1], "post") == 0)
		return post(argv[2], argv[3], argv[4],
			    (size_t)strtoul(argv[5], NULL, 10));
	if (argc >= 3 && strcmp(argv[1], "run") == 0)
		return run(argv + 2);
	fprintf(stderr, "usage: sendbench post ENDPOINT AUTHFILE "
			"STATEMENTS.json BATCH\n"
			"       sendbench run COMMAND [ARG]...\n");
	return 2;
}
