#!/bin/sh
# The worked example of workshop-log(5) is true.  Its key file, log and
# output are taken from the page: workshop verify prints exactly that
# output; the public key, key id and line hashes the page states are what
# base64, od and b2sum make of the bytes, by the page's own definitions;
# forge (a signer written from the page alone) signs the records, with the
# page's seed, into the very same lines; a changed letter is one error; and
# the checkpoint's prefix line is as the page shows and defines it.
# Usage: log_example.sh WORKSHOP SOURCE_DIR FORGE
set -u
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$1") page=$(abs "$2/man/workshop-log.5") forge=$(abs "$3")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-logex.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
ok() { echo "ok: $1"; }
not_ok() { echo "FAIL: $1${2:+: $2}"; fail=1; }

# The text after the comment '.\" example: NAME': its .EX block, or the
# word of the .B or .BR line that follows.
unroff() { sed -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g' -e 's/\\&//g' -e 's/\\e/\\/g'; }
block() {
	awk -v name="$1" '
		$0 == ".\\\" example: " name { want = 1; next }
		want && /^\.EX/ { inex = 1; next }
		inex && /^\.EE/ { exit }
		inex { print }' "$page" | unroff
}
word() {
	awk -v name="$1" '
		$0 == ".\\\" example: " name { getline; print $2; exit }' "$page" | unroff
}
hash() { # CONTEXT: BLAKE2b-256 of CONTEXT, a zero byte and standard input
	{ printf '%s\0' "$1"; cat; } | b2sum -l 256 | cut -d' ' -f1
}

cd "$tmp" || exit 2
block example.pub >example.pub
block example.log >example.log
block output >expected
[ "$(wc -l <example.log)" = 3 ] && [ -s example.pub ] && [ -s expected ] ||
	{ not_ok "the page has the example's key file, log and output"; exit 1; }

"$bin" verify -k example.pub example.log >out 2>err
st=$?
[ "$st" = 0 ] && ok "the example log verifies" || not_ok "the example log verifies" "status $st: $(cat err)"
if cmp -s out expected; then
	ok "verify prints the output the page shows"
else
	not_ok "verify prints the output the page shows" "$(diff expected out)"
fi

pk=$(sed -n 2p example.pub | base64 -d | od -An -v -tx1 | tr -d ' \n')
[ "$pk" = "$(word 'public key')" ] && ok "the public key is as stated" ||
	not_ok "the public key is as stated" "$pk"
kid=$(sed -n 2p example.pub | base64 -d | hash workshop/v1/keyid | cut -c1-16)
[ "$kid" = "$(word 'key id')" ] && [ "$(sed -n '1s/.* //p' example.pub)" = "$kid" ] &&
	ok "the key id is the first 8 bytes of BLAKE2b-256 of the key" ||
	not_ok "the key id is the first 8 bytes of BLAKE2b-256 of the key" "$kid"
for i in 1 2 3; do
	h=$(sed -n "${i}p" example.log | tr -d '\n' | hash workshop/v1/line)
	[ "$h" = "$(word "hash of line $i")" ] && ok "line $i's hash is as stated" ||
		not_ok "line $i's hash is as stated" "$h"
	[ "$i" = 3 ] && continue
	if sed -n "$((i + 1))p" example.log | grep -qF "\"prev\":\"$h\""; then
		ok "line $((i + 1)) names line $i as prev"
	else
		not_ok "line $((i + 1)) names line $i as prev"
	fi
done

# The records, from byte 129 to the last but one, signed again.
cut -c130- example.log | sed 's/}$//' >recs
if "$forge" log "$(word seed)" <recs >again && cmp -s again example.log; then
	ok "the seed signs the records into the same lines"
else
	not_ok "the seed signs the records into the same lines" "$(diff example.log again)"
fi

sed '2s/Ann Smith/Ann Smyth/' example.log >changed.log
"$bin" verify -k example.pub changed.log >out 2>err
st=$?
n=$(grep -c ': error: ' err)
[ "$st" = 1 ] && [ "$n" = 1 ] && grep -q '^changed.log:2: error: bad signature' err &&
	grep -q '^changed.log: FAIL: 1 problem in 3 lines; 2 records verified' out &&
	ok "a changed letter is one error, on its line" ||
	not_ok "a changed letter is one error, on its line" "status $st: $(cat out err)"
# The checkpoint's prefix line: written as the page shows it, its hashes
# what b2sum makes of the bytes the page names, and a second run checks
# nothing but them.
"$bin" verify -k example.pub --checkpoint checkpoints example.log >/dev/null 2>&1
line=$(grep '^#workshop-prefix ' checkpoints)
want=$(block 'prefix line')
[ -n "$want" ] && [ "$line" = "$want" ] && ok "verify writes the prefix line the page shows" ||
	not_ok "verify writes the prefix line the page shows" "$line"
set -- $want
[ "$6" = "$(wc -c <example.log)" ] && [ "$7" = "$(head -c "$6" example.log | hash workshop/v1/prefix)" ] &&
	ok "its BLAKE2B is BLAKE2b-256 of workshop/v1/prefix, a zero byte and the log's bytes" ||
	not_ok "its BLAKE2B is BLAKE2b-256 of workshop/v1/prefix, a zero byte and the log's bytes"
trust=$({ printf '%s' "$9"; sed -n 2p example.pub | base64 -d; head -c 16 /dev/zero; } |
	hash workshop/v1/trust)
[ "${10}" = "$trust" ] &&
	ok "its TRUST is BLAKE2b-256 of workshop/v1/trust, a zero byte, the key id, key and no window" ||
	not_ok "its TRUST is BLAKE2b-256 of workshop/v1/trust, a zero byte, the key id, key and no window" "$trust"
"$bin" verify -k example.pub --checkpoint checkpoints example.log >out 2>err
grep -q '^example.log: PASS: 3 records (0 new since the checkpoint, 3 unchanged), ends at seq 2' out &&
	ok "run again, nothing is new" || not_ok "run again, nothing is new" "$(cat out err)"
[ "$fail" = 0 ]
