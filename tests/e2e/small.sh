#!/bin/sh
# End-to-end: a terminal of 20x5.  On each kind of screen the program shows
# the "please enlarge" screen, readable at that size, ignores keys that
# would change anything it cannot show, does not crash, and comes back
# where it was when the window grows again.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

# until_gone TEXT: wait until TEXT has left the screen; 1 if it stays.
until_gone() {
	i=0
	while [ "$i" -lt $((200 * E2E_SLOW)) ]; do
		e2e_screen | grep -qF -- "$1" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# shrink_and_back NAME TEXT: 20x5 then 80x24; TEXT is on screen after.
# The request must have gone too: tmux can show the old lines again as the
# pane grows, before the program has redrawn.
shrink_and_back() {
	e2e_resize 20 5
	e2e_check "$1: 20x5 asks for a larger window" "Please enlarge the"
	e2e_check "$1: the request fits in 20 columns" "It is 20x5; at least"
	e2e_resize 80 24
	if until_gone "Please enlarge the"; then
		e2e_check "$1: comes back at 80x24" "$2"
	else
		e2e_not_ok "$1: comes back at 80x24" "$(e2e_screen)"
	fi
}

e2e_start 80 24
e2e_check "home screen" "Who is using the program?"
shrink_and_back "home" "Who is using the program?"
e2e_keys '?'
e2e_check "help on the home screen" "Keys"
shrink_and_back "help" "Keys"
e2e_keys Escape
e2e_check "help closes" "Who is using the program?"
e2e_resize 20 5
e2e_wait "Please enlarge the" >/dev/null
e2e_keys Down
e2e_resize 80 24
until_gone "Please enlarge the"
e2e_check "home: back at 80x24" "Who is using the program?"
e2e_check "a key pressed while too small changed nothing" "▸ 1. Learner"
e2e_keys q
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "home: q quits" || e2e_not_ok "home: q quits" "status $st"

# Slides with staged points, views; a key while small does not advance.
e2e_start 80 24 learn --name Sam values
e2e_check "slide" "Enter shows the next point (3 more)."
e2e_resize 20 5
e2e_wait "Please enlarge the" >/dev/null
e2e_keys Enter
shrink_and_back "slide" "Step 1/3"
e2e_check "Enter while too small did not reveal a point" \
	"Enter shows the next point (3 more)."
e2e_keys Enter
e2e_check "the slide goes on" "Enter shows the next point (2 more)."
e2e_keys q
e2e_check "leaving asks first" "Leave now?"
shrink_and_back "the leave question" "Leave now?"
e2e_keys y
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "slide: leaves" || e2e_not_ok "slide: leaves" "status $st"

# A quiz question and its feedback.
e2e_start 80 24 learn --name Sam law-quiz-module
e2e_check "quiz intro" "How the quiz works"
e2e_keys Enter
e2e_check "quiz question" "Quiz 1/36"
shrink_and_back "quiz question" "2. False"
e2e_keys Enter
e2e_check "quiz feedback" "Score so far: 1 of 1."
shrink_and_back "quiz feedback" "Score so far: 1 of 1."
e2e_keys q
e2e_wait "Leave now?" >/dev/null
e2e_keys y
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "quiz: leaves" || e2e_not_ok "quiz: leaves" "status $st"

# The glossary, and the end of a module.
e2e_start 80 24 learn --name Sam a-to-z
e2e_check "glossary intro" "Why words matter"
e2e_keys Enter
e2e_check "glossary" "Age of consent"
shrink_and_back "glossary" "Age of consent"
e2e_keys Enter
e2e_check "module finished" "Module finished"
shrink_and_back "module finished" "Module finished"
e2e_keys q
e2e_wait "Leave now?" 3 >/dev/null && e2e_keys y
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "glossary: leaves" ||
	e2e_not_ok "glossary: leaves" "status $st"

# Started in a window that is already too small.
e2e_start 20 5 learn --name Sam scenarios-one
e2e_check "started at 20x5: asks for a larger window" "Please enlarge the"
e2e_resize 80 24
e2e_check "started at 20x5: the first screen once it grows" "Ask, Check, Do"
e2e_resize 20 5
e2e_wait "Please enlarge the" >/dev/null
e2e_keys q
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "q at 20x5 leaves at once, as the screen says" ||
	e2e_not_ok "q at 20x5 leaves at once, as the screen says" "status $st"

# The facilitator's screens (once this build has them).
if "$E2E_BIN" facilitate --help >/dev/null 2>&1; then
	e2e_start 80 24 facilitate --new
	e2e_check "facilitator: the agenda" "09:30  Introductions"
	shrink_and_back "facilitator agenda" "09:30  Introductions"
	# The notes follower, started at 20x5, follows while too small.
	e2e_tmux new-session -d -s n -x 20 -y 5 \
		-e HOME="$HOME" -e XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" \
		-e XDG_STATE_HOME="$XDG_STATE_HOME" -e TERM=xterm-256color \
		-e LANG="$LANG" -e LC_ALL="$LC_ALL" "$E2E_BIN" notes
	notes_has() {
		i=0
		while [ "$i" -lt $((200 * E2E_SLOW)) ]; do
			e2e_tmux capture-pane -p -t n | grep -qF -- "$2" &&
				{ e2e_ok "$1"; return; }
			sleep 0.05
			i=$((i + 1))
		done
		e2e_not_ok "$1" "$(e2e_tmux capture-pane -p -t n)"
	}
	notes_has "notes at 20x5 asks for a larger window" "Please enlarge the"
	e2e_keys Enter
	e2e_check "facilitator: a section's title" "Introductions 1/"
	e2e_tmux resize-window -t n -x 80 -y 24
	notes_has "notes, grown, shows where the room is now" "Introductions 1/"
	e2e_tmux kill-session -t n
	e2e_resize 20 5
	e2e_wait "Please enlarge the" >/dev/null
	e2e_keys Enter
	shrink_and_back "facilitator title" "Introductions 1/"
	e2e_check "Enter while too small did not move on" "6 steps"
	e2e_keys q
	e2e_check "facilitator: leaving asks first" "Leave the session?"
	shrink_and_back "facilitator leave question" "Leave the session?"
	e2e_keys y
	st=$(e2e_exited)
	[ "$st" = 0 ] && e2e_ok "facilitator: leaves" ||
		e2e_not_ok "facilitator: leaves" "status $st"
	# q while too small leaves at once, as the screen says; the session
	# is kept and offered again.
	e2e_start 80 24 facilitate
	e2e_check "facilitator: the kept session is offered" "Resume"
	e2e_keys y
	e2e_check "facilitator: resumed on its section" "Introductions 1/"
	e2e_resize 20 5
	e2e_wait "Please enlarge the" >/dev/null
	e2e_keys q
	st=$(e2e_exited)
	[ "$st" = 0 ] && e2e_ok "facilitator: q at 20x5 leaves at once" ||
		e2e_not_ok "facilitator: q at 20x5 leaves at once" "status $st"
	e2e_start 80 24 facilitate
	e2e_check "facilitator: and the session is kept" "Resume"
	e2e_keys y
	e2e_check "facilitator: resumed again" "Introductions 1/"
	e2e_keys q
	e2e_check "facilitator: at full size, leaving asks" "Leave the session?"
	e2e_keys y
	e2e_exited >/dev/null
else
	echo "skip: this build has no facilitate command"
fi

e2e_finish
