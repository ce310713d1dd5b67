#!/bin/sh
# End-to-end: a learner in the curses interface and in plain mode.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

pack=$E2E_FIXTURES/pack
printf 'e2e passphrase\n' >"$E2E_TMP/pass"
"$E2E_BIN" keygen -o "$E2E_TMP/station" --passphrase-file "$E2E_TMP/pass" \
	>/dev/null || e2e_not_ok "keygen for the tests"
log=$E2E_TMP/completions.log

# expect_exit NAME STATUS: the program ends with STATUS.
expect_exit() {
	st=$(e2e_exited)
	[ "$st" = "$2" ] && e2e_ok "$1" || e2e_not_ok "$1" "status $st"
}

# -- The home screen: Learner, then a name, then the modules.
e2e_start 80 24 --content "$pack"
e2e_check "home screen asks who is using it" "Who is using the program?"
e2e_check "home screen offers the facilitator" "2. Facilitator"
e2e_keys Enter
e2e_check "learner is asked their name" "Your name:"
e2e_type "Ann Example"
e2e_keys Enter
e2e_check "then an optional staff id" "Staff id (optional):"
e2e_keys Enter
e2e_check "then the modules" "Modules for Ann Example"
e2e_check "the whole day is offered" "1. The whole day, in order"
e2e_keys q
expect_exit "q on the module list quits at once" 0

# -- A quiz through to the results, with a resize mid-quiz; the record.
e2e_start 80 24 learn --content "$pack" --name "Sam Lee" --staff-id S42 \
	--key "$E2E_TMP/station.key" --passphrase-file "$E2E_TMP/pass" \
	--log "$log" law
e2e_check "the module starts at its first step" "The law: Consent"
e2e_check "the status line shows the position" "Step 1/4"
e2e_keys Enter
e2e_check "the quiz shows its first question" "Quiz 1/2"
e2e_keys 1
e2e_check "a right answer is marked right" "✓ Right."
e2e_check "feedback cites the law" "Source: Sexual Offences Act 2003 s.74"
e2e_keys Enter
e2e_check "the next question follows" "What is the age of consent?"
e2e_resize 20 5
e2e_check "a tiny window asks to be enlarged" "Please enlarge the"
e2e_keys 1
e2e_resize 80 24
e2e_check "back to full size, the question is still there" \
	"What is the age of consent?"
e2e_lacks "keys other than q do nothing while too small" "your answer"
e2e_keys Down Enter
e2e_check "the second answer is right" "Score so far: 2 of 2."
e2e_keys Enter
e2e_check "the results show the score" "You got 2 of 2 right (100%)."
e2e_check "the results show the pass mark" "The pass mark is 80%."
e2e_check "the results say passed" "✓ Passed."
e2e_keys Enter
e2e_check "the scenario's story" "Sam would like to meet someone."
e2e_keys Enter
e2e_check "one question at a time" "Question 1 of 1:"
e2e_keys Enter
e2e_check "then Ask, Check, Do" "Check the support plan."
e2e_keys Enter
e2e_check "then the points a good answer covers" "A good answer covers:"
e2e_keys Enter
e2e_check "the confidence rating" "Talking about relationships"
e2e_keys 4
e2e_check "the module ends" "You have finished \"The law\"."
e2e_check "a signed record was written" \
	"Recorded: passed, 2/2 (pass mark 80%)."
e2e_keys q
expect_exit "q after the module quits" 0
if out=$("$E2E_BIN" verify -k "$E2E_TMP/station.pub" "$log" 2>&1); then
	e2e_ok "the record verifies"
else
	e2e_not_ok "the record verifies" "$out"
fi
case $out in
*"Sam Lee"*passed*2/2*) e2e_ok "the report shows the pass" ;;
*) e2e_not_ok "the report shows the pass" "$out" ;;
esac

# -- Kill and resume; help; quit asks first.
e2e_start 80 24 learn --content "$pack" --name "Kim Park" law
e2e_check "no key: the learner is not promised a record" "The law: Consent"
e2e_keys Enter
e2e_check "quiz" "Quiz 1/2"
e2e_keys 2 Enter
e2e_check "on the second question" "Quiz 2/2"
shpid=$(e2e_tmux display -p -t t '#{pane_pid}')
pid=$(pgrep -P "$shpid" | head -n 1)
kill -TERM "$pid"
expect_exit "SIGTERM ends the program with 128+15" 143
# Kim's is the file written last.
pfile=$XDG_STATE_HOME/workshop/progress/$(ls -t "$XDG_STATE_HOME/workshop/progress/" | head -n 1)
mode=$(stat -c %a "$pfile")
[ "$mode" = 600 ] && e2e_ok "the progress file is private (0600)" ||
	e2e_not_ok "the progress file is private (0600)" "mode $mode"
if grep -q "Kim" "$pfile"; then
	e2e_not_ok "the progress file does not hold the name"
else
	e2e_ok "the progress file does not hold the name"
fi
grep -qx "quiz 1 1,-1" "$pfile" &&
	e2e_ok "the progress file holds the quiz answer given" ||
	e2e_not_ok "the progress file holds the quiz answer given" "$(cat "$pfile")"
e2e_start 80 24 learn --content "$pack" --name "Kim Park" law
e2e_check "restarted, the learner is back on the question" "Quiz 2/2"
e2e_keys '?'
e2e_check "? opens help generated from the key table" "Keys on this screen"
e2e_check "help lists the screen's own keys" "choose by number"
e2e_check "help lists the global keys" "q                    quit"
e2e_keys Space
e2e_check "any key closes the help" "What is the age of consent?"
e2e_keys q
e2e_check "q in a module asks first" "Leave now?"
e2e_keys n
e2e_check "n stays" "What is the age of consent?"
e2e_keys q y
expect_exit "y leaves" 0

# -- TERM=dumb in a real terminal: plain mode without being asked.
e2e_start 80 24 learn --content "$pack" --name Dee law
e2e_check "a normal terminal gets the full screen" "Step 1/4"
e2e_keys q y
e2e_exited >/dev/null
e2e_stop
e2e_tmux new-session -d -s t -x 80 -y 24 -e HOME="$HOME" \
	-e XDG_STATE_HOME="$XDG_STATE_HOME" -e LANG="$LANG" -e LC_ALL="$LC_ALL" \
	sh -c 'TERM=dumb "$@"; echo "[workshop exited $?]"; exec sleep 86400' \
	workshop "$E2E_BIN" learn --content "$pack" --name Dee law
e2e_check "TERM=dumb gives plain mode" "== Consent =="
e2e_lacks "without the full screen's status line" "Step 1/4"
e2e_type q
e2e_keys Enter
e2e_exited >/dev/null

# -- Plain mode typed in a terminal: numbered choices, line by line.
e2e_start 80 24 learn --plain --content "$pack" --name Lee law
e2e_check "plain mode prints the step" "== Consent =="
e2e_keys Enter
e2e_check "plain mode numbers the choices" "  2. False"
e2e_type 2
e2e_keys Enter
e2e_check "plain mode marks a wrong answer" "✗ Not right: the answer is True."
e2e_type q
e2e_keys Enter
e2e_check "q in plain mode says progress is kept" \
	"Stopped. Your place and quiz answers are saved."
expect_exit "q in plain mode stops" 0

# -- Plain mode, scripted from standard input, writes a record that verifies.
plog=$E2E_TMP/plain.log
printf '\n1\n\n2\n\n3\n\n\n\n\n1\n' |
	"$E2E_BIN" learn --plain --content "$pack" --name "Pat Jones" \
		--key "$E2E_TMP/station.key" --passphrase-file "$E2E_TMP/pass" \
		--log "$plog" law >"$E2E_TMP/plain.out" 2>&1
st=$?
[ "$st" = 0 ] && e2e_ok "a scripted plain run exits 0" ||
	e2e_not_ok "a scripted plain run exits 0" "$(cat "$E2E_TMP/plain.out")"
grep -q "Recorded: passed, 2/2" "$E2E_TMP/plain.out" &&
	e2e_ok "the plain run reports its record" ||
	e2e_not_ok "the plain run reports its record" "$(cat "$E2E_TMP/plain.out")"
if out=$("$E2E_BIN" verify -k "$E2E_TMP/station.pub" "$plog" 2>&1); then
	e2e_ok "the plain run's record verifies"
else
	e2e_not_ok "the plain run's record verifies" "$out"
fi
# A long name (900 bytes of two-byte letters) is recorded whole; a name the
# log cannot take is a usage error at once, never replaced by input.
long=$(printf '%0450d' 0 | sed 's/0/é/g')
llog=$E2E_TMP/long.log
printf '\n1\n\n2\n\n3\n\n\n\n\n1\n' |
	"$E2E_BIN" learn --plain --content "$pack" --name "$long" \
		--key "$E2E_TMP/station.key" --passphrase-file "$E2E_TMP/pass" \
		--log "$llog" law >"$E2E_TMP/long.out" 2>&1
if "$E2E_BIN" verify -k "$E2E_TMP/station.pub" --format json "$llog" 2>/dev/null |
	grep -qF "\"$long\""; then
	e2e_ok "a 900-byte name is recorded whole"
else
	e2e_not_ok "a 900-byte name is recorded whole" "$(tail -5 "$E2E_TMP/long.out")"
fi
printf 'Mallory\n' | "$E2E_BIN" learn --plain --content "$pack" \
	--name "$(printf 'Ann\001')" law >"$E2E_TMP/bad.out" 2>&1
st=$?
[ "$st" = 2 ] && ! grep -q Mallory "$E2E_TMP/bad.out" &&
	e2e_ok "an invalid --name is a usage error, not replaced by input" ||
	e2e_not_ok "an invalid --name is a usage error, not replaced by input" \
		"status $st: $(cat "$E2E_TMP/bad.out")"
printf '\nnonsense\n' | "$E2E_BIN" learn --plain --content "$pack" \
	--name "Pat Jones" law >"$E2E_TMP/plain2.out" 2>&1
st=$?
grep -q "Type the number of your choice" "$E2E_TMP/plain2.out" &&
	e2e_ok "invalid plain input is asked again with a hint" ||
	e2e_not_ok "invalid plain input is asked again with a hint" \
		"$(cat "$E2E_TMP/plain2.out")"
[ "$st" = 0 ] && grep -q "Stopped. Your place and quiz answers are saved." \
	"$E2E_TMP/plain2.out" && e2e_ok "the end of input stops cleanly" ||
	e2e_not_ok "the end of input stops cleanly" "status $st"

# -- The whole day: one module after another; resume; reset with a question.
e2e_start 80 24 learn --content "$pack" --name "Day Learner"
e2e_check "a new learner starts at the list" "Modules for Day Learner"
e2e_keys Enter
e2e_check "the whole day starts with the first module" "Basics: Welcome"
e2e_keys Enter
e2e_check "staged points: the first" "First point"
e2e_lacks "staged points: not the second yet" "Second point"
e2e_keys Enter
e2e_check "staged points: the second" "Second point"
e2e_keys Enter
e2e_check "the sort" "Item 1 of 2: Biology"
e2e_keys 1
e2e_check "the next item" "Item 2 of 2: Identity"
e2e_keys 1
e2e_check "sort feedback gives the reason" "It is about who a person is."
e2e_check "sort feedback marks the wrong one" "✗ Identity: Sexuality (you said Sex)"
e2e_keys Enter
e2e_check "the views" "Your answer is private"
e2e_keys 3
e2e_check "views lead to reflection" "You said: Unsure."
e2e_keys Enter
e2e_check "the glossary" "Asexual"
e2e_check "the glossary lists its letters" "Letters: A B"
e2e_keys B
e2e_check "a letter filters the glossary" "1 term under B"
e2e_check "the letter shown is marked" "Letters: A [B]"
e2e_keys /
e2e_type "attraction"
e2e_keys Enter
e2e_check "search finds by definition" "matching \"attraction\""
e2e_keys Enter
e2e_check "the rating" "How confident are you?"
e2e_keys 3 Enter Enter
e2e_check "the first module ends" "You have finished \"Basics\"."
e2e_check "and offers the next" "Enter: go on to \"The law\"."
e2e_keys Enter
e2e_check "the day goes on" "The law: Consent"
e2e_keys q y
expect_exit "leaving mid-day" 0
e2e_start 80 24 learn --content "$pack" --name "Day Learner"
e2e_check "a returning learner is offered to resume" "Welcome back, Day Learner"
e2e_check "with where they were" "You were working on \"The law\""
e2e_keys 2
e2e_check "the finished module is marked done" "Basics  ✓ done"
e2e_keys x
e2e_check "reset asks first" "Forget all your saved progress? (y/n)"
e2e_keys n
e2e_check "n keeps it" "Basics  ✓ done"
e2e_keys x y
e2e_check "y forgets" "Your saved progress was forgotten."
e2e_lacks "nothing is marked done any more" "✓ done"
e2e_keys q
expect_exit "quit from the list" 0

# -- A locale that is not UTF-8: ASCII marks and pointer.
E2E_ENV=LC_ALL=C e2e_start 80 24 learn --content "$pack" --name Ascii law
e2e_check "ASCII run" "Step 1/4"
e2e_keys Enter
e2e_check "the focus pointer is ASCII" "> 1. True"
e2e_keys 2
e2e_check "marks fall back to ASCII" "x Not right: the answer is True."
e2e_check "the right answer is marked with +" "1. True  + the answer"
e2e_keys q y
expect_exit "ASCII run ends" 0

# -- Plain mode offers to resume.
printf '\n2\nq\n' | "$E2E_BIN" learn --plain --content "$pack" --name Res law \
	>/dev/null 2>&1
printf '1\n\n' | "$E2E_BIN" learn --plain --content "$pack" --name Res \
	>"$E2E_TMP/resume.out" 2>&1
grep -q 'Welcome back. You were working on "The law".' "$E2E_TMP/resume.out" &&
	grep -q "Quiz 2/2: What is the age of consent?" "$E2E_TMP/resume.out" &&
	e2e_ok "plain mode resumes at the next question" ||
	e2e_not_ok "plain mode resumes at the next question" \
		"$(cat "$E2E_TMP/resume.out")"

# -- Long text in a small window scrolls, and says there is more.  (The row
# above the status line holds the law's tag: see lawdate.sh.)
e2e_start 40 10 learn --content "$pack" --name Scroll law
e2e_check "small window" "Step 1/4"
e2e_keys Enter
e2e_check "the status line keeps the position when narrow" "Quiz 1/2"
e2e_keys 1 Enter 2 Enter
e2e_check "the quiz's results in a small window" "3. Continue"
e2e_keys Enter Enter Enter
e2e_check "Ask, Check, Do longer than the window says there is more" \
	"v 4 more below"
e2e_lacks "the end is below" "Do support Sam."
e2e_keys NPage
e2e_check "PgDn scrolls to the rest" "Do support Sam."
e2e_check "and says what is above" "^ 4 more above"
e2e_keys q y
expect_exit "small window run ends" 0

# -- The hardware cursor sits on the focused choice (screen readers follow).
e2e_start 80 24 learn --content "$pack" --name Cursor law
e2e_check "cursor run" "Step 1/4"
e2e_keys Enter
e2e_check "on the quiz" "Quiz 1/2"
e2e_keys Down
e2e_check "the focus moved" "▸ 2. False"
y=$(e2e_tmux display -p -t t '#{cursor_y}')
line=$(e2e_screen | sed -n "$((y + 1))p")
case $line in
*"▸ 2. False"*) e2e_ok "the cursor is on the focused choice" ;;
*) e2e_not_ok "the cursor is on the focused choice" "row $y: $line" ;;
esac
e2e_keys q y
expect_exit "cursor run ends" 0

e2e_finish
