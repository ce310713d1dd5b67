#!/bin/sh
# End-to-end: the bundled pack's wording for each audience.  A learner alone
# (curses and plain) reads the self-study wording of the ground rules, the
# ice breaker and the quiz's intro, never the room's; a facilitator's room
# reads the room's, never the self-study pass mark.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

pack=$E2E_SRC

# advance_until NAME TEXT [PRESSES]: press Enter, one screen change at a
# time, until TEXT is on the screen.
advance_until() {
	i=0
	while [ "$i" -lt "${3:-40}" ]; do
		if e2e_screen | grep -qF -- "$2"; then
			e2e_ok "$1"
			return 0
		fi
		before=$(e2e_screen)
		e2e_keys Enter
		j=0
		while [ "$j" -lt $((100 * E2E_SLOW)) ] &&
			[ "$(e2e_screen)" = "$before" ]; do
			sleep 0.02
			j=$((j + 1))
		done
		i=$((i + 1))
	done
	e2e_not_ok "$1" "$(e2e_screen)"
	return 1
}

# lacks_in NAME FILE TEXT: TEXT is nowhere in FILE.
lacks_in() {
	if grep -qF -- "$3" "$2"; then
		e2e_not_ok "$1" "$(grep -F -- "$3" "$2")"
	else
		e2e_ok "$1"
	fi
}

# has_in NAME FILE TEXT: TEXT is in FILE.
has_in() {
	if grep -qF -- "$3" "$2"; then
		e2e_ok "$1"
	else
		e2e_not_ok "$1" "$(cat "$2")"
	fi
}

# -- A learner alone, full screen: the ground rules and the ice breaker.
e2e_start 100 40 learn --content "$pack" --name "Ann Example" introductions
e2e_check "the introductions start" "Welcome"
advance_until "the learner reaches the self-study ground rules" \
	"How to work through this course"
e2e_check "a learner alone reads how to work alone" \
	"Working on your"
e2e_lacks "and not that this is a discussion day" "This is a discussion day"
e2e_lacks "nor the room's title" "How we will work today"
advance_until "the learner reaches the self-study ice breaker" \
	"To start: a relationship that matters"
e2e_check "a learner alone is asked to think" "Take a few minutes to think"
e2e_lacks "and not to work in pairs" "In pairs"
e2e_lacks "nor to talk to a partner" "Tell your partner"
e2e_keys q y
e2e_exited >/dev/null

# -- A learner alone, full screen: the quiz's intro gives the pass mark.
e2e_start 100 40 learn --content "$pack" --name "Ann Example" law-quiz-module
e2e_check "the quiz module starts" "How the quiz works"
e2e_keys Enter
e2e_check "a learner alone reads the pass mark" "You pass with 80% or more"
e2e_lacks "worded for one learner, not for self-study in general" \
	"In self-study"
e2e_keys q y
e2e_exited >/dev/null

# -- A learner alone, plain mode, scripted from standard input.
out=$E2E_TMP/plain-intro.out
yes '' | head -n 40 | "$E2E_BIN" learn --plain --content "$pack" \
	--name "Pat Jones" introductions >"$out" 2>&1
has_in "plain: the self-study ground rules" "$out" \
	"== How to work through this course =="
has_in "plain: the self-study ice breaker" "$out" \
	"== To start: a relationship that matters =="
lacks_in "plain: no discussion day for a learner alone" "$out" \
	"This is a discussion day"
lacks_in "plain: no pairs for a learner alone" "$out" "In pairs"
lacks_in "plain: no partner to talk to" "$out" "Tell your partner"
lacks_in "plain: no class totals for a learner alone" "$out" \
	"in class only the totals"
out=$E2E_TMP/plain-quiz.out
printf '\n' | "$E2E_BIN" learn --plain --content "$pack" --name "Pat Jones" \
	law-quiz-module >"$out" 2>&1
has_in "plain: the pass mark for a learner alone" "$out" \
	"You pass with 80% or more"
lacks_in "plain: not the general self-study line" "$out" "In self-study"

# -- The room: the facilitator's deck shows the classroom wording.
e2e_start 100 40 facilitate --new --content "$pack" introductions
e2e_check "the facilitator opens the module" "Enter begins"
advance_until "the room reaches the ground rules" "How we will work today"
e2e_check "the room reads that this is a discussion day" \
	"This is a discussion day"
e2e_lacks "and not the self-study wording" "How to work through this course"
advance_until "the room reaches the ice breaker" \
	"Ice breaker: a relationship that matters"
e2e_check "the room works in pairs" "In pairs"
e2e_keys q y
e2e_exited >/dev/null
e2e_start 100 40 facilitate --new --content "$pack" law-quiz-module
e2e_check "the facilitator opens the quiz module" "Enter begins"
advance_until "the room reaches the quiz" "Each answer comes with the reason"
e2e_lacks "the room never reads the self-study pass mark" "pass with 80%"
e2e_lacks "nor any self-study line" "self-study"
e2e_keys q y
e2e_exited >/dev/null

e2e_finish
