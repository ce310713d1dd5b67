#!/bin/sh
# Limits of the signed log through the real commands: a roster of 500
# names, names of 1,000 characters, and names just over the limit.
#   log_limits.sh WORKSHOP SOURCE_DIR FIXTURES
set -u
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-limits.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
export LC_ALL=C.UTF-8
pass=0
fail=0

ok() {
	pass=$((pass + 1))
	echo "ok: $1"
}

not_ok() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	[ -z "${2:-}" ] || printf '%s\n' "$2"
}

# check NAME EXPECTED-STATUS COMMAND...: run, keeping its output in $out.
check() {
	name=$1
	want=$2
	shift 2
	out=$("$@" 2>&1)
	st=$?
	if [ "$st" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name (status $st, expected $want)" "$out"
	fi
}

# repeat TEXT N: TEXT N times.
repeat() {
	awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

key="$tmp/k"
log="$tmp/c.log"
"$bin" keygen --unencrypted -o "$key" >/dev/null 2>&1 ||
	{ echo "FAIL: keygen"; exit 1; }

# A roster of 500: each a name and a staff id; one name of 1,000 ASCII
# characters and one of 1,000 two-byte characters... which is 2,000 bytes,
# over the log's limit of 1,000 bytes, so that one goes in a roster alone.
long_ascii=$(repeat n 1000)
long_utf8=$(repeat é 500)
i=1
while [ "$i" -le 498 ]; do
	printf 'Person %d\tS%04d\n' "$i" "$i"
	i=$((i + 1))
done >"$tmp/roster"
printf '%s\tS0499\n%s\tS0500\n' "$long_ascii" "$long_utf8" >>"$tmp/roster"

check "attend records a roster of 500" 0 \
	"$bin" attend --key "$key.key" --log "$log" -m values -r "$tmp/roster"
case $out in
*"recorded attendance of 500 people"*) ok "attend says 500 people" ;;
*) not_ok "attend says 500 people" "$out" ;;
esac

check "verify passes the 500 records" 0 \
	"$bin" verify -k "$key.pub" --format csv "$log"
n=$(printf '%s\n' "$out" | grep -c ',"attended",')
[ "$n" = 500 ] && ok "the report has 500 attendances" ||
	not_ok "the report has 500 attendances" "$n lines"
printf '%s\n' "$out" | grep -q "$long_ascii" &&
	ok "a 1,000-character name is reported whole" ||
	not_ok "a 1,000-character name is reported whole"
printf '%s\n' "$out" | grep -q "$long_utf8" &&
	ok "a 500-character two-byte name (1,000 bytes) is reported whole" ||
	not_ok "a 500-character two-byte name (1,000 bytes) is reported whole"
check "the table report shows the long names too" 0 \
	"$bin" verify -k "$key.pub" "$log"

# Over the limit: a clear error naming the line, and nothing recorded.
size=$(wc -c <"$log")
printf 'Sam\n%s\n' "$(repeat é 1000)" >"$tmp/over"
check "a name of 1,000 two-byte characters is refused" 1 \
	"$bin" attend --key "$key.key" --log "$log" -m values -r "$tmp/over"
case $out in
*"over:2: the name is too long (2000 bytes; at most 1000)"*)
	ok "the refusal names the line and the limit" ;;
*) not_ok "the refusal names the line and the limit" "$out" ;;
esac
check "a name of 1,001 characters on the command line is refused" 1 \
	"$bin" attend --key "$key.key" --log "$log" -m values \
	"$(repeat x 1001)"
[ "$(wc -c <"$log")" = "$size" ] && ok "nothing was recorded" ||
	not_ok "nothing was recorded"
check "the log still verifies" 0 "$bin" verify -k "$key.pub" "$log"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
