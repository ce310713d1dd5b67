#!/bin/sh
# Every piece of text in a content pack is spelt correctly in British
# English (hunspell's en_GB dictionary plus the project word list).
# Usage: spell_check.sh PACK_TEXT PACK_DIR WORDLIST
# Exit 0 when every word is known, 1 when some are not, 2 on errors.
set -u
tool=$1
pack=$2
words=$3

if ! command -v hunspell >/dev/null 2>&1; then
	echo "spell_check: hunspell is not installed (Debian: hunspell hunspell-en-gb)"
	exit 2
fi
if ! hunspell -D </dev/null 2>&1 | grep -q '/en_GB$'; then
	echo "spell_check: hunspell has no en_GB dictionary (Debian: hunspell-en-gb)"
	exit 2
fi
text=$(mktemp) || exit 2
trap 'rm -f "$text"' EXIT
if ! "$tool" "$pack" >"$text"; then
	echo "spell_check: could not read the text of $pack"
	exit 2
fi
lines=$(wc -l <"$text")
unknown=$(hunspell -i UTF-8 -d en_GB -p "$words" -l <"$text" | sort -u)
if [ -n "$unknown" ]; then
	echo "spell_check: words not in the en_GB dictionary or $words:"
	for w in $unknown; do
		printf '  %s\t' "$w"
		grep -m 1 -w -- "$w" "$text" | cut -c 1-100
	done
	echo "Fix the spelling, or add a correct name or term to $words."
	exit 1
fi
echo "spell_check: $lines strings of $pack, every word known"
