/* benchutil.c: what the benchmarks share (see benchutil.h). */
#include "benchutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "complog_line.h"
#include "util.h"

extern char **environ;

double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

size_t
bench_list_files(const char *root, char ***out)
{
	static const char *const dirs[] = {"modules", "quizzes", "scenarios"};
	size_t n = 0;
	struct dirent *e;
	DIR *dp;

	*out = NULL;
	for (size_t i = 0; i < UTIL_NELEM(dirs); i++) {
		char *dir = util_path_join(root, dirs[i]);

		if ((dp = opendir(dir)) != NULL) {
			while ((e = readdir(dp)) != NULL) {
				if (strstr(e->d_name, ".yaml") == NULL)
					continue;
				*out = xreallocarray(*out, n + 1, sizeof **out);
				(*out)[n++] = util_path_join(dir, e->d_name);
			}
			closedir(dp);
		}
		free(dir);
	}
	return n;
}

void
bench_files_free(char **files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
bench_sort(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
}

void
bench_print_load(void)
{
	char buf[64] = "?";
	FILE *fp = fopen("/proc/loadavg", "r");

	if (fp != NULL) {
		if (fgets(buf, sizeof buf, fp) == NULL)
			strcpy(buf, "?");
		fclose(fp);
	}
	buf[strcspn(buf, " ")] = '\0';
	printf("load average (1 min) at the start: %s on %ld CPUs\n", buf,
	       sysconf(_SC_NPROCESSORS_ONLN));
}

double
bench_run(char *const argv[], char *const envp[], int want)
{
	double t0 = bench_now();
	int st, fd;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execve(argv[0], argv, envp != NULL ? envp : environ);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != want)
		return -1;
	return bench_now() - t0;
}

void
bench_raw_load(const char *log, size_t max, struct bench_raw *r)
{
	FILE *fp = fopen(log, "r");
	char *line = NULL, why[300];
	size_t cap = 0, room = 1024;
	ssize_t len;
	struct complog_line L;

	if (fp == NULL) {
		perror(log);
		exit(2);
	}
	memset(r, 0, sizeof *r);
	r->sig = xcalloc(room, 64);
	r->msg = xcalloc(room, sizeof *r->msg);
	r->mlen = xcalloc(room, sizeof *r->mlen);
	while ((max == 0 || r->n < max) &&
	       (len = getline(&line, &cap, fp)) > 1) {
		if (complog_parse_line(line, (size_t)len - 1, &L, why,
				       sizeof why) < 0)
			continue;
		if (r->n == room) {
			room *= 2;
			r->sig = xreallocarray(r->sig, room, 64);
			r->msg = xreallocarray(r->msg, room, sizeof *r->msg);
			r->mlen = xreallocarray(r->mlen, room, sizeof *r->mlen);
		}
		memcpy(r->sig[r->n], L.sig, 64);
		r->msg[r->n] = complog_signed_message(L.kid, L.rec, L.reclen,
						      &r->mlen[r->n]);
		complog_fields_free(&L.f);
		r->n++;
	}
	free(line);
	fclose(fp);
}

void
bench_raw_free(struct bench_raw *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->msg[i]);
	free(r->msg);
	free(r->sig);
	free(r->mlen);
	memset(r, 0, sizeof *r);
}

double
bench_raw_pass(const struct bench_raw *r, const unsigned char *pk, size_t *ok)
{
	double t0 = bench_now();

	*ok = 0;
	for (size_t i = 0; i < r->n; i++)
		*ok += crypto_sign_verify_detached(r->sig[i], r->msg[i],
						   r->mlen[i], pk) == 0;
	return bench_now() - t0;
}
