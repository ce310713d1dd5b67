/* test_notesock.c: notes messages and a real presenter/follower socket. */
#include <criterion/criterion.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "notesock.h"
#include "util.h"

static char dir[] = "/tmp/notesock-test.XXXXXX";
static char *path;

static void
make_dir(void)
{
	cr_assert_not_null(mkdtemp(dir));
	path = util_path_join(dir, "notes.sock");
}

static void
remove_dir(void)
{
	unlink(path);
	free(path);
	rmdir(dir);
}

TestSuite(notesock, .init = make_dir, .fini = remove_dir);

Test(notesock, a_message_survives_encoding_with_newlines_and_unicode)
{
	struct notes_msg m = {0}, back = {0};
	char *line, *err = NULL;

	m.title = xstrdup("Fred\xe2\x80\x99s story");
	m.notes = xstrdup("Line one.\nLine \"two\".");
	m.timer = xstrdup("12:05 / 40:00");
	line = notesock_encode(&m);
	cr_expect_eq(strchr(line, '\n'), line + strlen(line) - 1,
		     "one line, newline only at the end");
	cr_assert_eq(notesock_decode(line, strlen(line) - 1, &back, &err), 0);
	cr_expect_str_eq(back.title, m.title);
	cr_expect_str_eq(back.notes, m.notes);
	cr_expect_str_eq(back.timer, m.timer);
	cr_expect_null(back.next);
	cr_expect_not(back.ended);
	free(line);
	notes_msg_clear(&m);
	notes_msg_clear(&back);
}

Test(notesock, the_law_a_screen_states_goes_to_the_follower)
{
	struct notes_msg m = {0}, back = {0};
	char *line, *err = NULL;

	m.title = xstrdup("Consent");
	m.jurisdiction = xstrdup("England and Wales");
	m.reviewed = xstrdup("2025-01-06");
	m.review_overdue = true;
	line = notesock_encode(&m);
	cr_assert_eq(notesock_decode(line, strlen(line) - 1, &back, &err), 0);
	cr_expect_str_eq(back.jurisdiction, "England and Wales");
	cr_expect_str_eq(back.reviewed, "2025-01-06");
	cr_expect(back.review_overdue);
	free(line);
	notes_msg_clear(&back);
	/* A screen that states no law sends nulls. */
	free(m.jurisdiction);
	free(m.reviewed);
	m.jurisdiction = m.reviewed = NULL;
	m.review_overdue = false;
	line = notesock_encode(&m);
	cr_expect_neq(strstr(line, "\"jurisdiction\":null"), NULL, "%s", line);
	cr_assert_eq(notesock_decode(line, strlen(line) - 1, &back, &err), 0);
	cr_expect_null(back.jurisdiction);
	cr_expect_null(back.reviewed);
	cr_expect_not(back.review_overdue);
	free(line);
	notes_msg_clear(&m);
	notes_msg_clear(&back);
}

Test(notesock, decode_refuses_what_is_not_a_notes_message)
{
	static const char *bad[] = {
	    "not json",
	    "[1]",
	    "{\"v\":2,\"title\":\"x\"}",
	    "{\"v\":1}",
	    "{\"v\":1,\"title\":7}",
	    "{\"v\":1,\"title\":\"a\",\"title\":\"b\"}",
	    "{\"v\":1,\"title\":\"a\",\"jurisdiction\":1}",
	    "{\"v\":1,\"title\":\"a\",\"reviewed\":[]}",
	};
	struct notes_msg m = {0};
	char *err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err = NULL;
		cr_expect_eq(notesock_decode(bad[i], strlen(bad[i]), &m, &err),
			     -1, "%s", bad[i]);
		cr_expect_not_null(err);
		cr_expect_null(m.title);
		free(err);
	}
}

/* Wait until the client has something, then read it. */
static int
read_wait(struct notesock_server *s, struct notesock_client *c,
	  struct notes_msg *m, char **err)
{
	struct pollfd p = {.fd = notesock_client_fd(c), .events = POLLIN};
	int i, r;

	for (i = 0; i < 100; i++) {
		if (s != NULL)
			notesock_server_poll(s);
		if ((r = notesock_client_read(c, m, err)) != 0)
			return r;
		poll(&p, 1, 50);
	}
	return 0;
}

Test(notesock, a_follower_gets_the_current_screen_then_each_change)
{
	struct notesock_server *s;
	struct notesock_client *c;
	struct notes_msg m = {0}, got = {0};
	char *err = NULL;
	struct stat st;

	s = notesock_listen(path, &err);
	cr_assert_not_null(s, "%s", err);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect(S_ISSOCK(st.st_mode));
	cr_expect_eq(st.st_mode & 0777, 0600);

	m.title = xstrdup("Welcome");
	m.notes = xstrdup("Say hello.");
	m.next = xstrdup("Sex or sexuality?");
	notesock_publish(s, &m);
	c = notesock_connect(path, &err);
	cr_assert_not_null(c, "%s", err);
	cr_assert_eq(read_wait(s, c, &got, &err), 1);
	cr_expect_eq(notesock_followers(s), 1);
	cr_expect_str_eq(got.title, "Welcome");
	cr_expect_str_eq(got.notes, "Say hello.");
	cr_expect_str_eq(got.next, "Sex or sexuality?");

	notes_msg_clear(&m);
	m.title = xstrdup("Sex or sexuality?");
	notesock_publish(s, &m);
	cr_assert_eq(read_wait(s, c, &got, &err), 1);
	cr_expect_str_eq(got.title, "Sex or sexuality?");
	cr_expect_null(got.notes);

	notesock_server_close(s);
	cr_expect_eq(access(path, F_OK), -1, "the socket is removed");
	cr_assert_eq(read_wait(NULL, c, &got, &err), 1);
	cr_expect(got.ended);
	cr_expect_eq(read_wait(NULL, c, &got, &err), -1);
	cr_expect_str_eq(err, "the presenter has gone");
	free(err);
	notesock_client_close(c);
	notes_msg_clear(&m);
	notes_msg_clear(&got);
}

Test(notesock, a_second_presenter_is_refused_and_a_stale_socket_replaced)
{
	struct notesock_server *s;
	char *err = NULL;
	struct stat st;
	pid_t pid;
	int status;

	s = notesock_listen(path, &err);
	cr_assert_not_null(s);
	cr_expect_null(notesock_listen(path, &err));
	cr_expect(strstr(err, "another facilitate session") != NULL, "%s", err);
	free(err);
	notesock_server_close(s);
	/* A presenter that crashed leaves its socket behind. */
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0)
		_exit(notesock_listen(path, &err) != NULL ? 0 : 1);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert_eq(status, 0);
	cr_assert_eq(lstat(path, &st), 0);
	s = notesock_listen(path, &err);
	cr_expect_not_null(s, "%s", err);
	notesock_server_close(s);
}

Test(notesock, a_file_that_is_not_a_socket_is_left_alone)
{
	char *err = NULL;
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fclose(f);
	cr_expect_null(notesock_listen(path, &err));
	cr_expect(strstr(err, "not a socket") != NULL);
	cr_expect_eq(access(path, F_OK), 0);
	free(err);
}

Test(notesock, connecting_with_no_presenter_says_so)
{
	char *err = NULL;

	cr_expect_null(notesock_connect(path, &err));
	cr_expect(strstr(err, "no facilitate session is presenting") != NULL);
	free(err);
}

Test(notesock, a_follower_that_hangs_up_is_dropped)
{
	struct notesock_server *s;
	struct notesock_client *c;
	char *err = NULL;
	int i;

	s = notesock_listen(path, &err);
	c = notesock_connect(path, &err);
	notesock_server_poll(s);
	cr_expect_eq(notesock_followers(s), 1);
	notesock_client_close(c);
	for (i = 0; i < 100 && notesock_followers(s) != 0; i++) {
		usleep(10000);
		notesock_server_poll(s);
	}
	cr_expect_eq(notesock_followers(s), 0);
	notesock_server_close(s);
}

Test(notesock, the_default_path_is_in_a_private_runtime_directory)
{
	char *err = NULL, *p, *want;
	struct stat st;

	setenv("XDG_RUNTIME_DIR", dir, 1);
	p = notesock_default_path(&err);
	cr_assert_not_null(p, "%s", err);
	want = xasprintf("%s/workshop/notes.sock", dir);
	cr_expect_str_eq(p, want);
	*strrchr(want, '/') = '\0';
	cr_assert_eq(stat(want, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0700);
	/* A directory others can enter is refused. */
	chmod(want, 0755);
	free(p);
	cr_expect_null(notesock_default_path(&err));
	cr_expect(strstr(err, "not a private directory") != NULL);
	free(err);
	rmdir(want);
	free(want);
}

Test(notesock, a_runtime_directory_that_is_not_there_falls_back_to_tmp)
{
	char *err = NULL, *p, *want;

	setenv("XDG_RUNTIME_DIR", "/nonexistent/run", 1);
	p = notesock_default_path(&err);
	cr_assert_not_null(p, "%s", err);
	want =
	    xasprintf("/tmp/workshop-%lu/notes.sock", (unsigned long)getuid());
	cr_expect_str_eq(p, want);
	free(p);
	free(want);
}
