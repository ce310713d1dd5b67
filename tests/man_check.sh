#!/bin/sh
# The manual pages lint clean, and workshop(1) names every command and every
# option that the program's own tables (through --help) define.
# Usage: man_check.sh WORKSHOP SOURCE_DIR FIXTURES
set -u
bin=$1
src=$2
page=$src/man/workshop.1
fail=0
checked=0

for m in "$src"/man/*.[1-8]; do
	if ! out=$(mandoc -Tlint -W warning "$m" 2>&1) || [ -n "$out" ]; then
		echo "FAIL: $m is not lint-clean:"
		echo "$out"
		fail=$((fail + 1))
	fi
	checked=$((checked + 1))
done

commands=$("$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ -n "$commands" ] || { echo "FAIL: no commands in workshop --help"; exit 1; }
for c in $commands; do
	checked=$((checked + 1))
	if ! grep -q "^\.SS workshop $c\b" "$page"; then
		echo "FAIL: command '$c' has no section in workshop(1)"
		fail=$((fail + 1))
	fi
	for o in $("$bin" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		checked=$((checked + 1))
		esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
		if ! grep -q -- "$esc" "$page"; then
			echo "FAIL: option $o of '$c' is not in workshop(1)"
			fail=$((fail + 1))
		fi
	done
done
echo "man_check: $((checked - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
