#!/bin/sh
# End-to-end: every screen that states law says where it applies and when it
# was last reviewed, and warns in words when that was over a year ago: the
# learner (curses and plain), the kiosk, the facilitator's shared screen,
# workshop notes, list and validate.  WORKSHOP_TODAY sets the day the
# program takes as today, so nothing here depends on the clock.
#
# The bundled pack's dates are read from its YAML, never written here: they
# change whenever the law is reviewed.  tests/fixtures/lawdate has a module
# reviewed 2025-01-06, its quiz 2025-02-03 (the second question in
# Scotland) and a scenario 2025-03-04, so on 2026-02-10 the module and the
# quiz are over a year old and the scenario is not.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

dated=$E2E_FIXTURES/lawdate
mixed=2026-02-10

# yaml_key FILE KEY: a top-level scalar of FILE, without quotes.
yaml_key() {
	sed -n "s/^$2: *//p" "$1" | head -n 1 | sed 's/^"\(.*\)"$/\1/'
}

# press_until TEXT [MAX]: press Enter until TEXT is on the screen.
press_until() {
	presses=0
	while [ "$presses" -lt "${2:-15}" ]; do
		e2e_screen | grep -qF -- "$1" && return 0
		e2e_keys Enter
		e2e_wait "$1" 1 >/dev/null && return 0
		presses=$((presses + 1))
	done
	return 1
}

# row_of TEXT: the screen's line holding TEXT.
row_of() {
	e2e_screen | grep -F -- "$1" | head -n 1
}

# ---- The bundled pack, fresh: module 07 and a scenario -------------------
m07=$E2E_SRC/modules/07-law-and-capacity.yaml
m07_title=$(yaml_key "$m07" title)
m07_tag="Law of $(yaml_key "$m07" jurisdiction), reviewed $(yaml_key "$m07" reviewed)"
m08=$(ls "$E2E_SRC"/modules/08-*.yaml)
m08_id=$(yaml_key "$m08" id)
m08_title=$(yaml_key "$m08" title)
sc_id=$(sed -n 's/^ *scenario: *//p' "$m08" | head -n 1)
sc=$(grep -l "^id: $sc_id\$" "$E2E_SRC"/scenarios/*.yaml)
sc_title=$(yaml_key "$sc" title)
sc_tag="Law of $(yaml_key "$sc" jurisdiction), reviewed $(yaml_key "$sc" reviewed)"
today=$(yaml_key "$m07" reviewed)

E2E_ENV=WORKSHOP_TODAY=$today e2e_start 80 24 learn --content "$E2E_SRC" \
	--name "Lee Ward" law-and-capacity
e2e_check "module 07 opens" "$m07_title:"
if press_until "$m07_tag" 12; then
	e2e_ok "module 07 shows its jurisdiction and reviewed date"
	case $(row_of "$m07_tag") in
	" $m07_tag") e2e_ok "as a line of its own above the status line" ;;
	*) e2e_not_ok "as a line of its own above the status line" "$(e2e_screen)" ;;
	esac
	[ "$(e2e_screen | tail -n 2 | head -n 1)" = " $m07_tag" ] &&
		e2e_ok "at the foot of the screen" ||
		e2e_not_ok "at the foot of the screen" "$(e2e_screen)"
else
	e2e_not_ok "module 07 shows its jurisdiction and reviewed date" "$(e2e_screen)"
fi
e2e_lacks "law reviewed on the day is not out of date" "over a year ago"
e2e_keys q y
e2e_exited >/dev/null

E2E_ENV=WORKSHOP_TODAY=$(yaml_key "$sc" reviewed) e2e_start 80 24 learn \
	--content "$E2E_SRC" --name "Lee Ward" "$m08_id"
e2e_check "the scenarios module opens" "$m08_title:"
if press_until "$m08_title: $sc_title" 12; then
	e2e_check "a scenario shows its jurisdiction and reviewed date" "$sc_tag"
	e2e_keys Enter
	e2e_check "and keeps it through its questions" "Question 1 of"
	e2e_check "the tag is still there" "$sc_tag"
else
	e2e_not_ok "the learner reaches the scenario $sc_id" "$(e2e_screen)"
fi
e2e_keys q y
e2e_exited >/dev/null

# Plain mode: the tag on the line after the step's heading.
# after_heading FILE HEADING TEXT: the line after "== HEADING ==" is TEXT.
after_heading() {
	awk -v h="== $2 ==" -v t="$3" '
		found { if ($0 == t) ok = 1; found = 0 }
		$0 == h { found = 1 }
		END { exit !ok }' "$1"
}
printf '\n\n\n\n\n\n\n\n\n\n\n\nq\n' | WORKSHOP_TODAY=$today "$E2E_BIN" learn \
	--plain --content "$E2E_SRC" --name "Pat Plain" law-and-capacity \
	>"$E2E_TMP/p07.out" 2>&1
if grep -qxF -- "$m07_tag" "$E2E_TMP/p07.out" &&
	awk -v t="$m07_tag" 'prev ~ /^== .* ==$/ && $0 == t { ok = 1 } { prev = $0 }
		END { exit !ok }' "$E2E_TMP/p07.out"; then
	e2e_ok "plain mode: module 07 says its law under a heading"
else
	e2e_not_ok "plain mode: module 07 says its law under a heading" \
		"$(head -n 30 "$E2E_TMP/p07.out")"
fi
printf '\n\n\n\n\n\n\n\n\n\nq\n' | WORKSHOP_TODAY=$today "$E2E_BIN" learn \
	--plain --content "$E2E_SRC" --name "Pat Plain" "$m08_id" \
	>"$E2E_TMP/p08.out" 2>&1
after_heading "$E2E_TMP/p08.out" "$sc_title" "$sc_tag" &&
	e2e_ok "plain mode: a scenario says its law under its heading" ||
	e2e_not_ok "plain mode: a scenario says its law under its heading" \
		"$(cat "$E2E_TMP/p08.out")"

# ---- Over a year old: the fixture pack on $mixed -------------------------
E2E_ENV=WORKSHOP_TODAY=$mixed e2e_start 80 24 learn --content "$dated" \
	--name "Old Law" dated-law
e2e_check "a text that cites law" "Dated law: Consent"
e2e_check "warns in words that its review is over a year old" \
	"Law of England and Wales, reviewed 2025-01-06: over a year ago"
line=$(e2e_tmux capture-pane -p -e -t t | grep -F "over a year ago")
case $line in
*"[31m"* | *";31m"*) e2e_ok "and in the warning's colour" ;;
*) e2e_not_ok "and in the warning's colour" "$line" ;;
esac
e2e_keys Enter
e2e_check "a text that cites no law" "Dated law: Talking it over"
e2e_lacks "has no tag" "reviewed 2025"
e2e_keys Enter
e2e_check "the glossary" "Capacity"
e2e_check "carries its module's tag" "reviewed 2025-01-06: over a year ago"
e2e_keys Enter
e2e_check "the quiz" "Quiz 1/2"
e2e_check "carries the quiz's date" \
	"Law of England and Wales, reviewed 2025-02-03: over a year ago"
e2e_keys 1 Enter
e2e_check "the next question" "Quiz 2/2"
e2e_check "a question with its own jurisdiction says so" \
	"Law of Scotland, reviewed 2025-02-03: over a year ago"
e2e_keys 1 Enter
e2e_check "the results" "You got 2 of 2 right"
e2e_check "carry the quiz's tag again" \
	"Law of England and Wales, reviewed 2025-02-03: over a year ago"
e2e_keys Enter
e2e_check "the scenario" "Dated law: Dee asks about a date"
e2e_check "carries its own date" "Law of England and Wales, reviewed 2025-03-04"
e2e_lacks "reviewed within the year, it is no warning" "over a year ago"
e2e_keys Enter
e2e_check "its question" "Question 1 of 1:"
e2e_check "keeps the tag" "Law of England and Wales, reviewed 2025-03-04"
e2e_keys Enter Enter Enter
e2e_check "the reflection" "Looking back"
e2e_lacks "states no law" "reviewed 2025"
e2e_keys q y
e2e_exited >/dev/null

# A narrow window keeps the warning, in fewer words.
E2E_ENV=WORKSHOP_TODAY=$mixed e2e_start 40 10 learn --content "$dated" \
	--name "Narrow Law" dated-law
e2e_check "at 40 columns the warning is still whole" \
	"Reviewed 2025-01-06: over a year ago"
e2e_keys q y
e2e_exited >/dev/null

printf '\n\n\nq\n' | WORKSHOP_TODAY=$mixed "$E2E_BIN" learn --plain \
	--content "$dated" --name "Old Plain" dated-law >"$E2E_TMP/old.out" 2>&1
after_heading "$E2E_TMP/old.out" "Consent" \
	"Law of England and Wales, reviewed 2025-01-06: over a year ago, may be out of date" &&
	e2e_ok "plain mode says the review is over a year old" ||
	e2e_not_ok "plain mode says the review is over a year old" \
		"$(cat "$E2E_TMP/old.out")"

# The kiosk runs the same screens.
printf 'kiosk secret\n' >"$E2E_TMP/pass"
"$E2E_BIN" keygen -o "$E2E_TMP/station" --passphrase-file "$E2E_TMP/pass" \
	>/dev/null || e2e_not_ok "keygen for the kiosk"
E2E_ENV=WORKSHOP_TODAY=$mixed e2e_start 80 24 kiosk --content "$dated" \
	--key "$E2E_TMP/station.key" --passphrase-file "$E2E_TMP/pass" \
	--log "$E2E_TMP/kiosk.log"
e2e_check "the kiosk asks a name" "Your name:"
e2e_type "Kit Kiosk"
e2e_keys Enter Enter
e2e_check "and offers the modules" "Modules for Kit Kiosk"
e2e_keys 2
e2e_check "the kiosk's learner sees the tag and its warning" \
	"Law of England and Wales, reviewed 2025-01-06: over a year ago"
e2e_stop

# ---- The facilitator's shared screen and workshop notes ------------------
E2E_ENV=WORKSHOP_TODAY=$mixed e2e_start 80 24 facilitate --new \
	--content "$dated" dated-law
e2e_check "facilitate opens on the agenda" "Enter begins the day."
e2e_lacks "the agenda states no law" "reviewed 2025"
e2e_tmux kill-session -t n 2>/dev/null
e2e_tmux new-session -d -s n -x 80 -y 24 \
	-e HOME="$HOME" -e XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" \
	-e TERM=xterm-256color -e LANG="$LANG" -e LC_ALL="$LC_ALL" \
	"$E2E_BIN" notes
e2e_tmux kill-session -t p 2>/dev/null
e2e_tmux new-session -d -s p -x 100 -y 40 \
	-e HOME="$HOME" -e XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" \
	-e LANG="$LANG" -e LC_ALL="$LC_ALL" "$E2E_BIN" notes --plain
# pane_wait SESSION NAME TEXT: the follower in SESSION shows TEXT.
pane_wait() {
	i=0
	while [ "$i" -lt $((200 * E2E_SLOW)) ]; do
		if e2e_tmux capture-pane -p -J -S - -t "$1" | grep -qF -- "$3"; then
			e2e_ok "$2"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	e2e_not_ok "$2" "$(e2e_tmux capture-pane -p -t "$1")"
}
pane_wait n "notes follows the presenter" "On the screen now"
e2e_keys Enter
e2e_check "the module's title screen" "6 steps"
e2e_check "shows the module's law with its warning" \
	"Law of England and Wales, reviewed 2025-01-06: over a year ago"
pane_wait n "workshop notes shows it too" \
	"Law of England and Wales, reviewed 2025-01-06: over a year ago"
pane_wait p "workshop notes --plain says it" \
	"Law of England and Wales, reviewed 2025-01-06: over a year ago, may be out of date"
e2e_keys Enter
e2e_check "the text that cites law" "Consent means agreeing by choice"
e2e_check "carries the tag on the shared screen" \
	"reviewed 2025-01-06: over a year ago"
e2e_keys Enter
e2e_check "the text that cites none" "This step cites no law."
e2e_lacks "has none" "reviewed 2025"
e2e_keys Enter Enter Enter
e2e_check "the quiz's first question" "Consent means agreeing by choice with"
e2e_keys Enter
e2e_check "the Scottish question" "In Scotland the definition"
e2e_check "names its own jurisdiction on the shared screen" \
	"Law of Scotland, reviewed 2025-02-03: over a year ago"
pane_wait n "and in workshop notes" "Law of Scotland, reviewed 2025-02-03"
e2e_keys Enter
e2e_check "the scenario" "Dee would like to go on a date"
e2e_check "carries its own date" "Law of England and Wales, reviewed 2025-03-04"
e2e_lacks "without a warning" "over a year ago"
e2e_keys q y
e2e_exited >/dev/null
e2e_tmux kill-session -t n 2>/dev/null
e2e_tmux kill-session -t p 2>/dev/null

# ---- validate and list -----------------------------------------------------
out=$(WORKSHOP_TODAY=$mixed "$E2E_BIN" validate --content "$dated" 2>&1)
st=$?
[ "$st" = 0 ] && e2e_ok "validate: old law is a warning, exit 0" ||
	e2e_not_ok "validate: old law is a warning, exit 0" "status $st: $out"
case $out in
*"modules/law.yaml:5:11: warning: law content last reviewed 2025-01-06, over a year ago"*)
	e2e_ok "the warning points at the reviewed date" ;;
*) e2e_not_ok "the warning points at the reviewed date" "$out" ;;
esac
case $out in
*"quizzes/dated.yaml:6:11: warning:"*) e2e_ok "the quiz is warned of too" ;;
*) e2e_not_ok "the quiz is warned of too" "$out" ;;
esac
case $out in
*scenarios/dated.yaml*) e2e_not_ok "a scenario within the year is not" "$out" ;;
*) e2e_ok "a scenario within the year is not" ;;
esac
out=$(WORKSHOP_TODAY=2025-06-01 "$E2E_BIN" validate --content "$dated" 2>&1)
case $out in
*warning*) e2e_not_ok "fresh law gets no warning" "$out" ;;
*) e2e_ok "fresh law gets no warning" ;;
esac
out=$(WORKSHOP_TODAY=$mixed "$E2E_BIN" validate "$dated/scenarios/dated.yaml" \
	"$dated/quizzes/dated.yaml" 2>&1)
case $out in
*"quizzes/dated.yaml:6:11: warning:"*) e2e_ok "validate FILE warns too" ;;
*) e2e_not_ok "validate FILE warns too" "$out" ;;
esac

out=$(WORKSHOP_TODAY=$mixed "$E2E_BIN" list --content "$dated")
case $out in
*"Law of England and Wales, reviewed 2025-02-03: over a year ago, may be out of date"*"Law of England and Wales, reviewed 2025-03-04"*)
	e2e_ok "list says the same, with the warning" ;;
*) e2e_not_ok "list says the same, with the warning" "$out" ;;
esac
json=$(WORKSHOP_TODAY=$mixed "$E2E_BIN" list --json --content "$dated")
case $(printf '%s' "$json" | jq -c '[.modules[].review_overdue, .quizzes[].review_overdue, (.scenarios[] | [.id, .review_overdue])]') in
'[true,false,true,["dated-scenario",false],["undated-scenario",false]]')
	e2e_ok "list --json follows WORKSHOP_TODAY" ;;
*) e2e_not_ok "list --json follows WORKSHOP_TODAY" "$json" ;;
esac

# A WORKSHOP_TODAY that is not a date is a usage error, before anything runs.
out=$(WORKSHOP_TODAY=2026-02-30 "$E2E_BIN" validate --content "$dated" 2>&1)
st=$?
[ "$st" = 2 ] && e2e_ok "an impossible WORKSHOP_TODAY exits 2" ||
	e2e_not_ok "an impossible WORKSHOP_TODAY exits 2" "status $st: $out"
case $out in
*'WORKSHOP_TODAY: expected a date YYYY-MM-DD, found "2026-02-30"'*)
	e2e_ok "and says what was expected" ;;
*) e2e_not_ok "and says what was expected" "$out" ;;
esac

e2e_finish
