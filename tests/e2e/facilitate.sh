#!/bin/sh
# End-to-end: a facilitator runs the fixture day on a shared screen, with
# the notes followed in a second terminal, and signs attendance.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

pack="$E2E_FIXTURES/pack"
pass="$E2E_TMP/pass.txt"
log="$E2E_TMP/attendance.log"
roster="$E2E_TMP/roster.txt"
echo "a facilitator's passphrase" >"$pass"
"$E2E_BIN" keygen -o "$E2E_TMP/fac" --passphrase-file "$pass" >/dev/null
printf '# Tuesday\nSam Jones\tE1042\nPriya Shah\n' >"$roster"

# Text that belongs to the facilitator until revealed or toggled.
secrets='Say hello.
Read the section aloud.
Answer:
It is about the body.
Why might people disagree?
Not feeling sexual attraction.
A valid orientation.
Attracted to more than one gender.
Ask Sam what they want.
Sam has the right to relationships.'

# no_secrets NAME: none of the secrets is on the screen now.
no_secrets() {
	if found=$(e2e_screen | grep -F -- "$secrets"); then
		e2e_not_ok "$1" "shows: $found"
	else
		e2e_ok "$1"
	fi
}

# gone NAME TEXT: TEXT leaves the screen within the time.
gone() {
	i=0
	while [ "$i" -lt $((200 * E2E_SLOW)) ]; do
		if ! e2e_screen | grep -qF -- "$2"; then
			e2e_ok "$1"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	e2e_not_ok "$1" "$(e2e_screen)"
}

# notes_wait TEXT [SESSION]: the notes follower (session n, or SESSION)
# shows TEXT.
notes_wait() {
	i=0
	while [ "$i" -lt $((200 * E2E_SLOW)) ]; do
		if e2e_tmux capture-pane -p -J -S - -t "${2:-n}" |
			grep -qF -- "$1"; then
			e2e_ok "the notes follower ${2:-n} shows \"$1\""
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	e2e_not_ok "the notes follower ${2:-n} shows \"$1\"" \
		"$(e2e_tmux capture-pane -p -t "${2:-n}")"
}

# ---- Usage errors, without a terminal -------------------------------------
# status EXPECTED NAME CMD...: CMD exits with EXPECTED.
status() {
	want=$1
	name=$2
	shift 2
	"$@" </dev/null >/dev/null 2>&1
	got=$?
	[ "$got" = "$want" ] && e2e_ok "$name" || e2e_not_ok "$name" "exit $got, wanted $want"
}
status 2 "two modules are a usage error" "$E2E_BIN" facilitate --content "$pack" basics law
status 2 "an unknown module is a usage error" "$E2E_BIN" facilitate --content "$pack" nosuch
status 2 "facilitate needs a terminal" "$E2E_BIN" facilitate --content "$pack"
status 2 "notes with no session presenting" "$E2E_BIN" notes --plain
status 0 "facilitate --help" "$E2E_BIN" facilitate --help

# ---- A bad roster is refused with its position -------------------------
printf 'Sam\033[2J\n' >"$E2E_TMP/bad.txt"
e2e_start 80 24 facilitate --content "$pack" --roster "$E2E_TMP/bad.txt"
e2e_check "a control character in a roster is reported with its position" \
	"bad.txt:1:4: error: control or invisible formatting character"
st=$(e2e_exited)
[ "$st" = 1 ] && e2e_ok "a bad roster exits 1" || e2e_not_ok "a bad roster exits 1" "status $st"

# ---- The whole day, stepped through --------------------------------------
e2e_start 80 24 facilitate --content "$pack" --roster "$roster" \
	--key "$E2E_TMP/fac.key" --passphrase-file "$pass" --log "$log" \
	--facilitator "Alex Trainer"
e2e_check "the day opens on the agenda" "09:30  Basics  (40 min)"
e2e_check "the agenda shows the break" "10:10  Coffee  (15 min, break)"
e2e_check "the agenda says how to begin" "Enter begins the day."
no_secrets "the agenda shows nothing of the facilitator's"

# Everyone on the roster is here from the start.
e2e_keys p
e2e_check "the roster is listed" "Priya Shah"
e2e_keys Space Down Space
e2e_check "two are marked present" "2 here of 2"
e2e_keys p
e2e_check "back on the agenda" "Enter begins the day."

# Every screen of the day with Enter: no note or answer ever shows.
for want in "Basics 1/8" "Basics 2/8" "First point" "Second point" \
	"Item 1 of 2" "Basics 4/8" "term 1 of 2" "term 2 of 2" "Basics 6/8" \
	"Basics 7/8" "Basics 8/8" "Coffee 1/1" "The law 1/7" "The law 2/7" \
	"The law 3/7" "The law 4/7" "The law 5/7" "Discussion" \
	"The law 7/7" "Confidence before and after" "Attendance"; do
	e2e_keys Enter
	if out=$(e2e_wait "$want"); then
		no_secrets "stepping to \"$want\" reveals nothing"
	else
		e2e_not_ok "stepping reaches \"$want\"" "$out"
	fi
	# The room's confidence, before and after, by a show of hands.
	case $want in
	"Basics 6/8")
		e2e_keys Down 1 Down 3 Down 4 Down 2
		e2e_check "confidence before is counted" "4 (40%)"
		;;
	"The law 7/7")
		e2e_keys Down Down 1 Down 5 Down 4
		e2e_check "confidence after is counted" "5 (50%)"
		;;
	esac
done

e2e_check "the attendance screen lists who came" \
	"Sam Jones (E1042): Basics, The law"
e2e_keys s
e2e_check "attendance is signed with the room's counts" \
	"Signed 4 attendance records and the session's counts"
e2e_keys q
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "quitting after signing exits 0" || e2e_not_ok "quitting after signing exits 0" "status $st"

if out=$("$E2E_BIN" verify -k "$E2E_TMP/fac.pub" "$log" 2>&1); then
	e2e_ok "the attendance log verifies"
else
	e2e_not_ok "the attendance log verifies" "$out"
fi
case $out in
*"PASS: 6 records"*) e2e_ok "four attended records and a session record after the genesis" ;;
*) e2e_not_ok "four attended records and a session record after the genesis" "$out" ;;
esac
# The session record carries the counts entered in the room, and no name.
# --format json is an array of record objects, each ending with its log's
# verdict; json-logs holds the same records under each log's verdict.
n=$("$E2E_BIN" verify -k "$E2E_TMP/fac.pub" --format json "$log" 2>/dev/null |
	jq -c 'if type == "array" then [.[] | select(.result == "session") |
		[.learner, .facilitator, .present, .tallies.set, .tallies.before,
		 .tallies.after, .log_verdict, (keys_unsorted | last)]] else type end')
want='[[null,"Alex Trainer",2,"confidence",[[0,1,3,4,2]],[[0,0,1,5,4]],"PASS","log_verdict"]]'
[ "$n" = "$want" ] && e2e_ok "verify --format json shows the session record with the room's counts" ||
	e2e_not_ok "verify --format json shows the session record with the room's counts" "$n"
n=$("$E2E_BIN" verify -k "$E2E_TMP/fac.pub" --format json-logs "$log" 2>/dev/null |
	jq -c '[.logs[] | .verdict, (.records[] | select(.result == "session") |
		[.learner, .facilitator, .present, .tallies.set, .tallies.before, .tallies.after])]')
want='["PASS",[null,"Alex Trainer",2,"confidence",[[0,1,3,4,2]],[[0,0,1,5,4]]]]'
[ "$n" = "$want" ] && e2e_ok "verify --format json-logs gives the log's verdict and its session record" ||
	e2e_not_ok "verify --format json-logs gives the log's verdict and its session record" "$n"
n=$(grep -F '"type":"session"' "$log")
case $n in
*Sam* | *Priya* | *E1042*) e2e_not_ok "the session record names nobody" "$n" ;;
'') e2e_not_ok "the session record names nobody" "no session record" ;;
*) e2e_ok "the session record names nobody" ;;
esac
n=$(jq -r 'select(.rec.type == "attended") |
	[.rec.learner.name, .rec.module.id, .rec.mode, .rec.facilitator] | @tsv' "$log" | sort)
want=$(printf 'Priya Shah\tbasics\tfacilitator\tAlex Trainer\nPriya Shah\tlaw\tfacilitator\tAlex Trainer\nSam Jones\tbasics\tfacilitator\tAlex Trainer\nSam Jones\tlaw\tfacilitator\tAlex Trainer')
[ "$n" = "$want" ] && e2e_ok "one record per person and module, as the facilitator" ||
	e2e_not_ok "one record per person and module, as the facilitator" "$n"

# ---- Notes, reveals, counts, the notes follower, resume -----------------
e2e_start 80 24 facilitate --new --content "$pack"
e2e_check "a new session opens on the agenda" "Enter begins the day."
e2e_tmux kill-session -t n 2>/dev/null
e2e_tmux new-session -d -s n -x 80 -y 24 \
	-e HOME="$HOME" -e XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" \
	-e XDG_STATE_HOME="$XDG_STATE_HOME" -e TERM=xterm-256color \
	-e LANG="$LANG" -e LC_ALL="$LC_ALL" "$E2E_BIN" notes
notes_wait "On the screen now"
e2e_tmux kill-session -t p 2>/dev/null
e2e_tmux new-session -d -s p -x 80 -y 24 \
	-e HOME="$HOME" -e XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" \
	-e LANG="$LANG" -e LC_ALL="$LC_ALL" \
	sh -c '"$@"; echo "[notes exited $?]"; exec sleep 86400' notes \
	"$E2E_BIN" notes --plain
notes_wait "== A sample day" p
e2e_keys Enter Enter
e2e_check "the first text" "Everyone has the right to relationships."
e2e_lacks "its notes are hidden from the room" "Say hello."
e2e_lacks "the section timer is hidden from the room" "/ 40:00"
notes_wait "Say hello."
notes_wait "Sex or sexuality?"
notes_wait "== Welcome (Basics 2/8)" p
notes_wait "Notes: Say hello." p
notes_wait "Next: Sex or sexuality?" p
e2e_keys n
e2e_check "n shows the presenter notes" "Say hello."
e2e_check "under a heading" "Presenter notes"
e2e_check "with the section timer in the status line" "/ 40:00"
e2e_keys n
gone "n again hides them" "Say hello."
e2e_lacks "and their heading" "Presenter notes"

# To the quiz by the agenda: the law, its text, the quiz's title, question 1.
e2e_keys a
e2e_check "a opens the agenda" "Up/Down choose"
e2e_keys Down Down Enter
e2e_check "the agenda jumps to the law" "The law 1/7"
e2e_keys Enter Enter Enter
e2e_check "the first question" "Consent means agreeing by choice"
e2e_lacks "its answer is hidden" "Answer:"
e2e_lacks "its explanation is hidden" "That is the definition in the Act."
notes_wait "Read the section aloud."
e2e_keys 3 Down 9 7
e2e_check "digits type a count" "97 (97%)"
e2e_keys BSpace
e2e_check "Backspace corrects the count, not leaving the screen" "9 (75%)"
e2e_check "with every choice's share" "True   ████████████████ 3 (25%)"
e2e_lacks "counting does not reveal the answer" "Answer:"
e2e_keys r
e2e_check "r reveals the answer" "Answer: True"
e2e_check "with its source" "Source: Sexual Offences Act 2003 s.74"

# A window made tiny mid-question, then large again.
e2e_resize 20 5
e2e_check "at 20x5 it asks for a larger window" "Please enlarge the"
e2e_keys r 5
e2e_resize 80 24
e2e_check "back at 80x24 the question is as it was" "9 (75%)"
e2e_check "still revealed" "Answer: True"

# Attendance mid-day, then back to the same screen.
e2e_keys E
e2e_check "E opens the attendance screen" "Nobody is marked present yet"
e2e_keys b
e2e_check "b returns to the question" "Answer: True"

# Quit by accident, then resume where it was.
e2e_keys q
e2e_check "quitting asks first" "Leave the session?"
e2e_keys y
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "leaving exits 0" || e2e_not_ok "leaving exits 0" "status $st"
notes_wait "The session has ended."
notes_wait "== The session has ended." p
notes_wait "[notes exited 0]" p
e2e_start 80 24 facilitate --content "$pack"
e2e_check "the saved session is offered" "Resume the session?"
e2e_keys y
e2e_check "resuming returns to the question with its counts" "9 (75%)"
e2e_check "and what was revealed" "Answer: True"
notes_wait "Read the section aloud."

# The help is generated from the key table.
e2e_keys '?'
e2e_check "the help lists the reveal key" "reveal the next hidden part"
e2e_keys Escape

# The terminal goes away (a hang-up) straight after a change: it is saved.
e2e_keys Down 4
e2e_check "another count" "4 (57%)"
e2e_stop
e2e_start 80 24 facilitate --content "$pack"
e2e_check "after a hang-up the session is offered" "Resume the session?"
e2e_keys y
e2e_check "with the last count" "4 (57%)"
e2e_keys q y
e2e_exited >/dev/null
e2e_tmux kill-session -t n

# ---- Signing with the passphrase typed, and the name asked ----------------
rm -f "$log"
e2e_start 80 24 facilitate --new --content "$pack" --roster "$roster" \
	--key "$E2E_TMP/fac.key" --log "$log"
e2e_check "a session to sign by hand" "Enter begins the day."
e2e_keys p Space p Enter E s
e2e_check "the facilitator's name is asked" "Your name"
e2e_type "Alex Trainer"
e2e_keys Enter
e2e_check "the passphrase is asked on the terminal" "Passphrase"
e2e_type "not the passphrase"
e2e_keys Enter
e2e_check "a wrong passphrase is said and nothing signed" "Not signed:"
e2e_keys s
e2e_check "asked again" "Passphrase"
e2e_type "a facilitator's passphrase"
e2e_keys Enter
e2e_check "one record signed for the one present" "Signed 1 attendance record in"
e2e_keys q
e2e_exited >/dev/null
if out=$("$E2E_BIN" verify -k "$E2E_TMP/fac.pub" "$log" 2>&1); then
	e2e_ok "that log verifies"
else
	e2e_not_ok "that log verifies" "$out"
fi

# ---- From the home screen --------------------------------------------------
e2e_start 80 24 --content "$pack"
e2e_check "the home screen" "Who is using the program?"
e2e_keys Down Enter
e2e_check "Facilitator opens the day's agenda" "Enter begins the day."
e2e_lacks "a session finished and signed is not offered again" \
	"Resume the session?"
e2e_keys q y
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "leaving from the agenda exits 0" || e2e_not_ok "leaving from the agenda exits 0" "status $st"

# ---- One saved session per day and per module -----------------------------
e2e_start 80 24 facilitate --new --content "$pack"
e2e_check "a day begun" "Enter begins the day."
e2e_keys Enter q y
e2e_exited >/dev/null
e2e_start 80 24 facilitate --content "$pack" law
e2e_check "one module opens on its own agenda" "The law  (30 min)"
e2e_lacks "the interrupted day is not offered for a module" "Resume the session?"
e2e_keys q y
e2e_exited >/dev/null
e2e_start 80 24 facilitate --content "$pack"
e2e_check "the interrupted day is still offered" "Resume the session?"
e2e_keys n q y
e2e_exited >/dev/null

# A saved session that no longer fits the content is set aside, not lost.
state="$XDG_STATE_HOME/workshop/facilitate/day.json"
sed 's/"screens":[0-9]*/"screens":7/' "$state" >"$state.tmp" && mv "$state.tmp" "$state"
e2e_start 80 24 facilitate --content "$pack"
e2e_check "a session that no longer fits is said" "kept as day.json.old"
[ -s "$state.old" ] && e2e_ok "and kept" || e2e_not_ok "and kept" "$(ls -l "$(dirname "$state")")"
e2e_keys q y
e2e_exited >/dev/null

# ---- A large screen -------------------------------------------------------
e2e_start 200 60 facilitate --new --content "$pack"
e2e_check "the agenda at 200x60" "Enter begins the day."
rows=$(e2e_screen | grep -c '█')
[ "$rows" -ge 10 ] && e2e_ok "the title is drawn larger at 200x60 ($rows rows)" ||
	e2e_not_ok "the title is drawn larger at 200x60" "$(e2e_screen)"
e2e_keys q y
e2e_exited >/dev/null

e2e_finish
