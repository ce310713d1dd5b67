#!/bin/sh
# End-to-end: a learner's program killed outright (SIGKILL: no handler
# runs, as in a crash or a power cut) loses no answer already given, on
# the curses screens and in plain mode.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

# kill_program: SIGKILL the program running in the pane.
kill_program() {
	shpid=$(e2e_tmux display -p -t t '#{pane_pid}')
	pid=$(pgrep -P "$shpid" | head -n 1)
	if [ -n "$pid" ]; then
		kill -KILL "$pid"
		# A killed curses program leaves the cursor anywhere: the
		# exit marker may not start a line.
		if e2e_wait "[workshop exited 137]" >/dev/null; then
			e2e_ok "$1: killed with SIGKILL"
		else
			e2e_not_ok "$1: killed with SIGKILL" "$(e2e_screen)"
		fi
	else
		e2e_not_ok "$1: killed with SIGKILL" "no program in the pane"
	fi
}

# -- The curses screens: three answers, then a kill.
e2e_start 80 24 learn --name "Sam Lee" law-quiz-module
e2e_check "curses: the quiz's first step" "How the quiz works"
e2e_keys Enter
for q in 1 2 3; do
	e2e_check "curses: question $q" "Quiz $q/36"
	e2e_keys 1
	e2e_check "curses: answer $q counted" "of $q."
	e2e_keys Enter
done
e2e_check "curses: on question 4" "Quiz 4/36"
kill_program curses
e2e_start 80 24 learn --name "Sam Lee" law-quiz-module
e2e_check "curses: restarted on question 4" "Quiz 4/36"
e2e_keys 1
e2e_check "curses: the three answers before the kill still count" "of 4."
e2e_keys q
e2e_wait "Leave now?" >/dev/null
e2e_keys y
e2e_exited >/dev/null

# -- Plain mode: two answers, then a kill.
e2e_start 80 24 learn --plain --name "Pat Kaur" law-quiz-module
e2e_check "plain: the quiz's first step" "How the quiz works"
e2e_keys Enter
for q in 1 2; do
	e2e_check "plain: question $q" "Quiz $q/36"
	e2e_type 1
	e2e_keys Enter
	e2e_check "plain: answer $q counted" "Score so far: $q of $q."
	e2e_keys Enter
done
e2e_check "plain: on question 3" "Quiz 3/36"
kill_program plain
e2e_start 80 24 learn --plain --name "Pat Kaur" law-quiz-module
e2e_check "plain: restarted on question 3" "Quiz 3/36"
e2e_type 2
e2e_keys Enter
e2e_check "plain: the two answers before the kill still count" "of 3."
e2e_type q
e2e_keys Enter
e2e_exited >/dev/null

e2e_finish
