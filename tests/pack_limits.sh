#!/bin/sh
# Limits of the content loader: a pack of about 10 MB loads, validates and
# lists; a single file over the 4 MiB limit is a clear error naming it.
#   pack_limits.sh WORKSHOP SOURCE_DIR FIXTURES
set -u
bin=$1
fixtures=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-packlimits.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
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

# big_module ID STEPS: a module of STEPS text steps of ~3.6 kB each.
big_module() {
	awk -v id="$1" -v n="$2" 'BEGIN {
		p = ""
		for (i = 0; i < 20; i++)
			p = p "Everyone has the right to relationships, and staff support people to enjoy them safely. "
		printf "id: %s\nkind: module\ntitle: Big module %s\nsummary: A large module.\nminutes: 30\nsteps:\n", id, id
		for (i = 0; i < n; i++)
			printf "  - kind: text\n    title: Step %d\n    body: |\n      %s\n\n      %s\n", i, p, p
	}'
}

cp -R "$fixtures/pack" "$tmp/pack"
for m in 0 1 2 3 4; do
	big_module "big$m" 550 >"$tmp/pack/modules/big$m.yaml"
done
size=$(du -sk "$tmp/pack" | cut -f1)
[ "$size" -ge 9000 ] && ok "the pack is about 10 MB ($size KiB)" ||
	not_ok "the pack is about 10 MB" "$size KiB"

out=$("$bin" validate --content "$tmp/pack" 2>&1)
st=$?
[ "$st" = 0 ] && ok "a 10 MB pack validates" ||
	not_ok "a 10 MB pack validates (status $st)" "$out"
case $out in
*"7 modules (2761 steps)"*) ok "every step of it is loaded" ;;
*) not_ok "every step of it is loaded" "$out" ;;
esac
out=$("$bin" list --content "$tmp/pack" 2>&1)
st=$?
[ "$st" = 0 ] && ok "a 10 MB pack lists" || not_ok "a 10 MB pack lists" "$out"

big_module huge 2900 >"$tmp/pack/modules/huge.yaml"
out=$("$bin" validate --content "$tmp/pack" 2>&1)
st=$?
[ "$st" = 1 ] && ok "a 10 MB file is refused with status 1" ||
	not_ok "a 10 MB file is refused with status 1 (status $st)" "$out"
case $out in
*"modules/huge.yaml: error: the file is larger than the limit of 4194304 bytes"*)
	ok "the refusal names the file and the limit" ;;
*) not_ok "the refusal names the file and the limit" "$out" ;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
