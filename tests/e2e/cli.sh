#!/bin/sh
# End-to-end: the command line as a user types it, in a terminal.
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

e2e_start 100 30 validate --content "$E2E_FIXTURES/pack"
e2e_check "validate prints its summary" "ok: 5 files, 2 modules"
st=$(e2e_exited)
[ "$st" = 0 ] && e2e_ok "validate exits 0" || e2e_not_ok "validate exits 0" "status $st"

e2e_start 100 30 validate "$E2E_FIXTURES/errors/control-char.yaml"
e2e_check "a control character is reported with its position" \
	"control-char.yaml:3:8: error: key \"title\": control character U+001B"
st=$(e2e_exited)
[ "$st" = 1 ] && e2e_ok "invalid content exits 1" || e2e_not_ok "invalid content exits 1" "status $st"

e2e_start 100 30 list --content "$E2E_FIXTURES/pack"
e2e_check "list shows the programme with start times" "09:30  basics"
e2e_check "list shows the end of the day" "10:55  (end of the day)"
e2e_check "list shows where and when law was reviewed" \
	"Law of England and Wales, reviewed 2026-11-01"

# Law reviewed over a year ago is flagged in the list and its JSON.
old="$E2E_TMP/oldpack"
cp -r "$E2E_FIXTURES/pack" "$old"
sed -i 's/^reviewed: .*/reviewed: 2020-01-01/' "$old"/modules/law.yaml "$old"/quizzes/*.yaml
e2e_start 120 30 list --content "$old"
e2e_check "list warns of a review over a year old" \
	"Law of England and Wales, reviewed 2020-01-01: over a year ago, may be out of date"
json=$("$E2E_BIN" list --json --content "$old")
case $(printf '%s' "$json" | jq -c '.modules[] | select(.id == "law") | [.jurisdiction, .reviewed, .review_overdue, .refresh]') in
'["England and Wales","2020-01-01",true,"12 months"]') e2e_ok "list --json gives a module's law, review and refresh" ;;
*) e2e_not_ok "list --json gives a module's law, review and refresh" "$json" ;;
esac

# An installed layout (PREFIX/bin/workshop, PREFIX/share/workshop): the
# files listed are named without "bin/..", and a --content given with "."
# and ".." is listed normalised too.
prefix="$E2E_TMP/prefix"
mkdir -p "$prefix/bin" "$prefix/share/workshop"
cp "$E2E_BIN" "$prefix/bin/workshop"
cp -r "$E2E_FIXTURES/pack/modules" "$prefix/share/workshop/"
[ -d "$E2E_FIXTURES/pack/quizzes" ] && cp -r "$E2E_FIXTURES/pack/quizzes" "$prefix/share/workshop/"
[ -d "$E2E_FIXTURES/pack/scenarios" ] && cp -r "$E2E_FIXTURES/pack/scenarios" "$prefix/share/workshop/"
files=$(env -u WORKSHOP_CONTENT "$prefix/bin/workshop" list --json | grep '"file"')
case $files in
*"$prefix/share/workshop/modules/"*) e2e_ok "list --json finds the installed pack" ;;
*) e2e_not_ok "list --json finds the installed pack" "$files" ;;
esac
case $files in
*/../* | */./*) e2e_not_ok "list --json prints installed paths normalised" "$files" ;;
*) e2e_ok "list --json prints installed paths normalised" ;;
esac
files=$("$E2E_BIN" list --json --content "$E2E_FIXTURES/pack/modules/../." | grep '"file"')
case $files in
*/../* | */./* | "") e2e_not_ok "list --json prints a given pack's paths normalised" "$files" ;;
*) e2e_ok "list --json prints a given pack's paths normalised" ;;
esac

e2e_finish
