/* cli_run.c: run a command with its output captured (see cli_run.h). */
#include "cli_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

static char *
slurp_fd(int fd)
{
	struct strbuf b;
	char buf[4096];
	ssize_t n;

	strbuf_init(&b);
	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		strbuf_add(&b, buf, (size_t)n);
	close(fd);
	return strbuf_detach(&b);
}

struct cli_run
cli_run_argv(const struct cli_command *cmd, char **argv)
{
	char out[] = "/tmp/workshop-out-XXXXXX",
	     err[] = "/tmp/workshop-err-XXXXXX";
	int fo = mkstemp(out), fe = mkstemp(err);
	int so = dup(1), se = dup(2), argc = 0;
	struct cli_run r;

	if (fo < 0 || fe < 0 || so < 0 || se < 0)
		abort();
	unlink(out);
	unlink(err);
	while (argv[argc] != NULL)
		argc++;
	fflush(stdout);
	fflush(stderr);
	dup2(fo, 1);
	dup2(fe, 2);
	r.rc = cmd->run(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	r.out = slurp_fd(fo);
	r.err = slurp_fd(fe);
	return r;
}

struct cli_run
cli_run_words(const struct cli_command *cmd, const char **words)
{
	char *argv[64];
	int n = 0;
	struct cli_run r;

	for (; words[n] != NULL && n < 63; n++)
		argv[n] = xstrdup(words[n]);
	argv[n] = NULL;
	r = cli_run_argv(cmd, argv);
	for (int i = 0; i < n; i++)
		free(argv[i]);
	return r;
}

void
cli_run_free(struct cli_run *r)
{
	free(r->out);
	free(r->err);
}
