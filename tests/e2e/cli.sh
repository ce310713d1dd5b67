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

e2e_finish
