#!/bin/sh
# A certificate from a signed record, as a learner takes it away: written
# by workshop certificate from the station's log, in both forms, with the
# record and a QR code that decodes (rendered and scanned) to the record.
# Usage: certificate.sh WORKSHOP SOURCE_DIR FIXTURES
set -u
bin=$1
fixtures=$3
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
not_ok() { fail=$((fail + 1)); echo "FAIL: $1"; [ -z "${2:-}" ] || printf '%s\n' "$2"; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-cert.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
cd "$tmp" || exit 2

"$bin" keygen --unencrypted >/dev/null 2>&1 || { echo "keygen failed"; exit 2; }
"$bin" attend --content "$fixtures/pack" -m law -f "Fay Tutor" \
	"Ann Smith" "Bob Jones" >/dev/null 2>&1 || { echo "attend failed"; exit 2; }

out=$("$bin" certificate --content "$fixtures/pack" --learner "Bob Jones" \
	-o "$tmp/bob" 2>&1)
st=$?
[ $st = 0 ] && ok "certificate exits 0" || not_ok "certificate exits 0" "$st: $out"
case $out in
*"wrote $tmp/bob.html and $tmp/bob.txt (record seq 2)"*) ok "it says what it wrote" ;;
*) not_ok "it says what it wrote" "$out" ;;
esac
for want in "    Bob Jones" "attended" "Module:          The law (law)" \
	"Mode:            classroom, facilitator Fay Tutor" \
	"Law reviewed:    2026-11-01, England and Wales" \
	"-----BEGIN WORKSHOP RECORD-----"; do
	grep -qF -- "$want" "$tmp/bob.txt" && ok "the text says: $want" ||
		not_ok "the text says: $want" "$(cat "$tmp/bob.txt")"
done
grep -qF '<strong>Bob Jones</strong>' "$tmp/bob.html" &&
	ok "the page names the learner" || not_ok "the page names the learner"
mode=$(stat -c %a "$tmp/bob.html")
[ "$mode" = 600 ] && ok "the page is private (mode 600)" || not_ok "the page is private" "$mode"
grep -q 'src=\|href=\|url(' "$tmp/bob.html" &&
	not_ok "the page loads nothing from anywhere" || ok "the page loads nothing from anywhere"

# The QR code, rendered as an image and scanned, is the record itself.
record=$(sed -n '/^-----BEGIN WORKSHOP RECORD-----$/{n;p;}' "$tmp/bob.txt")
sed -n 's/.*\(<svg class="qr".*<\/svg>\).*/\1/p' "$tmp/bob.html" >"$tmp/qr.svg"
if rsvg-convert -w 600 -h 600 "$tmp/qr.svg" -o "$tmp/qr.png" 2>/dev/null &&
	scanned=$(zbarimg -q --raw "$tmp/qr.png" 2>/dev/null); then
	[ "$scanned" = "$record" ] && ok "the QR code scans to the signed record" ||
		not_ok "the QR code scans to the signed record" "$scanned"
else
	not_ok "the QR code renders and scans (rsvg-convert, zbarimg)"
fi
grep -qF "$(printf '\342\226\210')" "$tmp/bob.txt" && ok "the text draws the QR code" ||
	not_ok "the text draws the QR code"

out=$("$bin" certificate --content "$fixtures/pack" --learner "Nobody" 2>&1)
st=$?
[ $st = 1 ] && ok "no matching record exits 1" || not_ok "no matching record exits 1" "$st"
case $out in
*"no verified completed, passed or attended record matches"*) ok "and says so" ;;
*) not_ok "and says so" "$out" ;;
esac
out=$("$bin" certificate --seq 0 2>&1)
[ $? = 2 ] && ok "a bad --seq is a usage error" || not_ok "a bad --seq is a usage error" "$out"
# Without -k, the station's own public key is trusted; another key's
# record is not.
"$bin" keygen --unencrypted -o "$tmp/other" >/dev/null 2>&1
out=$("$bin" certificate -k "$tmp/other.pub" --learner "Bob Jones" 2>&1)
[ $? = 1 ] && ok "a record no trusted key signed gets no certificate" ||
	not_ok "a record no trusted key signed gets no certificate" "$out"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
