#!/bin/sh
# Forged logs: each FIXTURES/*.recs is made into a log by forge, the
# test-only signer (validly signed and chained, with a key the verifier
# trusts unless the case says otherwise), optionally changed afterwards,
# and checked with the real workshop verify: its exit status, every error
# line (and no other: one cause, one error) and its verdict.
#
# Usage: forged_logs.sh WORKSHOP FORGE FIXTURES
#
# A .recs file is forge's input (see tests/tools/forge.c) with directives:
#   #@ status N            the exit status verify must give
#   #@ error LINE TEXT     stderr has "LOG:LINE: error: TEXT" ("-" for no
#                          line: "LOG: error: TEXT"); the number of error
#                          and torn lines must be the number of these
#   #@ torn LINE TEXT      stderr has "LOG:LINE: torn: TEXT"
#   #@ verdict TEXT        the verdict line begins "LOG: TEXT"
#   #@ untrusted           sign with key B; verify trusts key A only
#   #@ checkpoint          verify with --checkpoint once first (it passes)
#   #@ then swap A B | delete N | edit N FROM TO | keep N | rollback N
#                          change the log before verifying: swap two
#                          lines, delete one, replace FROM with TO on line
#                          N, keep the first N lines, or keep N lines and
#                          sign the records after "#@ later" after them
# In TEXT, @kidA and @kidB stand for the two keys' ids.
set -u
bin=$1 forge=$2 fixtures=$3
A=1111111111111111111111111111111111111111111111111111111111111111
B=2222222222222222222222222222222222222222222222222222222222222222
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-forged.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$forge" pub "$A" >"$tmp/A.pub" && "$forge" pub "$B" >"$tmp/B.pub" || exit 2
kidA=$(sed -n '1s/^workshop public key //p' "$tmp/A.pub")
kidB=$(sed -n '1s/^workshop public key //p' "$tmp/B.pub")
pass=0 fail=0

not_ok() {
	echo "not ok: $name: $*"
	bad=1
}

# The directive's words after "#@ KEY", with the key ids filled in.
directives() {
	sed -n "s/^#@ $1 //p" "$recs" | sed -e "s/@kidA/$kidA/g" -e "s/@kidB/$kidB/g"
}

# Sign the records of the case (before "#@ later", or all with "all").
make_log() {
	key=$A
	grep -q '^#@ untrusted' "$recs" && key=$B
	if [ "${1:-}" = all ]; then
		grep -v '^#@' "$recs"
	else
		sed '/^#@ later/,$d' "$recs"
	fi | "$forge" log "$key" >"$2"
}

change() {
	set -- $(directives then)
	[ $# -gt 0 ] || return 0
	case $1 in
	swap) awk -v a="$2" -v b="$3" '{ l[NR] = $0 } END {
		t = l[a]; l[a] = l[b]; l[b] = t; for (i = 1; i <= NR; i++) print l[i] }' \
		"$log" >"$log.new" ;;
	delete) sed "${2}d" "$log" >"$log.new" ;;
	edit) sed "${2}s/$3/$4/" "$log" >"$log.new" ;;
	keep) head -n "$2" "$log" >"$log.new" ;;
	rollback)
		# The first N records as they were, then those after "#@ later"
		# signed after them: the log went back and was appended to.
		awk -v n="$2" '/^#@ later/ { later = 1; next }
			later { print; next }
			/^[{!]/ && !/^!key|^!log/ { if (++k > n) next }
			{ print }' "$recs" | grep -v '^#@' |
			"$forge" log "$key" >"$log.new" ;;
	*) not_ok "unknown change '$1'"; return ;;
	esac
	mv "$log.new" "$log"
}

check_case() {
	bad=0
	log=$tmp/$name.log
	cp=$tmp/$name.checkpoint
	make_log first "$log" || { not_ok "forge failed"; return; }
	set -- -k "$tmp/A.pub"
	if grep -q '^#@ checkpoint' "$recs"; then
		set -- "$@" --checkpoint "$cp"
		"$bin" verify "$@" "$log" >/dev/null 2>&1 ||
			not_ok "the log did not pass before it was changed"
	fi
	change
	"$bin" verify "$@" "$log" >"$tmp/out" 2>"$tmp/err"
	st=$?
	want=$(directives status)
	[ "$st" = "$want" ] || not_ok "exit status $st, not $want"
	n=0
	while read -r line text; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		[ "$line" = - ] && at="$log: error: " || at="$log:$line: error: "
		grep -qF "$at$text" "$tmp/err" || not_ok "no \"$at$text\""
	done <<EOF
$(directives error)
EOF
	while read -r line text; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		grep -qF "$log:$line: torn: $text" "$tmp/err" ||
			not_ok "no \"$log:$line: torn: $text\""
	done <<EOF
$(directives torn)
EOF
	got=$(grep -cE "^$log(:[0-9]+)?: (error|torn): " "$tmp/err")
	[ "$got" = "$n" ] || not_ok "$got error lines, not $n"
	verdict=$(directives verdict)
	grep -qF "$log: $verdict" "$tmp/out" ||
		not_ok "no verdict \"$log: $verdict\""
	if [ "$bad" = 0 ]; then
		echo "ok: $name"
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		sed 's/^/    /' "$tmp/out" "$tmp/err"
	fi
}

for recs in "$fixtures"/*.recs; do
	name=$(basename "$recs" .recs)
	check_case
done
echo "forged_logs: $pass passed, $fail failed"
[ "$pass" -gt 0 ] && [ "$fail" -eq 0 ]
