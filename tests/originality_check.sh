#!/bin/sh
# No run of N consecutive words (12 unless given) in a content pack's text
# also appears in any source document.  Words are compared lowercased with
# punctuation removed.  The pack is read as one stream of words in the order
# a reader meets its strings (as PACK_TEXT prints them), so a run copied
# across two strings, such as a list of questions taken one by one, is
# found as well as one inside a string.  A source is read as one stream of
# words too, ignoring its line breaks and the numbers of numbered lists
# ("1." or "2)" opening a line), which a reader of the pack never sees.
# The source documents live beside the repository, not in it, so the check
# is skipped (exit 77) when they are absent.
# Usage: originality_check.sh PACK_TEXT PACK_DIR SOURCES_DIR [N]
# Exit 0 when no run matches, 1 when some do, 2 on errors, 77 skipped.
set -u
tool=$1
pack=$2
sources=$3
n=${4:-12}

if [ ! -d "$sources" ]; then
	echo "originality_check: SKIP: no source documents at $sources"
	exit 77
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if ! "$tool" "$pack" >"$tmp/text"; then
	echo "originality_check: could not read the text of $pack"
	exit 2
fi

# Drop a list number opening the line, lowercase, drop apostrophes, turn the
# PDF ligature placeholder (U+FFFD, standing for "fi") back into letters,
# and make everything else a space.
normalise='{
	s = $0
	sub(/^[ \t]*[0-9]+[.)]([ \t]|$)/, "", s)
	s = tolower(s)
	gsub(/\357\277\275/, "fi", s)
	gsub(/\342\200\231|\047/, "", s)
	gsub(/[^a-z0-9]+/, " ", s)
	print s
}'
# Every run of n words in the whole input, read as one stream of words.
grams='
function emit(   i, j, g) {
	for (i = 1; i + n - 1 <= k; i++) {
		g = w[i]
		for (j = 1; j < n; j++)
			g = g " " w[i + j]
		print g
	}
	k = 0
}
{
	for (i = 1; i <= NF; i++)
		w[++k] = $i
}
END { emit() }'

awk "$normalise" "$tmp/text" | awk -v n="$n" "$grams" | sort -u >"$tmp/pack"
: >"$tmp/src"
nsrc=0
for f in "$sources"/*; do
	[ -f "$f" ] || continue
	nsrc=$((nsrc + 1))
	awk "$normalise" "$f" | awk -v n="$n" "$grams" >>"$tmp/src"
done
sort -u -o "$tmp/src" "$tmp/src"
comm -12 "$tmp/pack" "$tmp/src" >"$tmp/both"
if [ -s "$tmp/both" ]; then
	echo "originality_check: runs of $n words shared with $sources:"
	sed 's/^/  /' "$tmp/both"
	exit 1
fi
echo "originality_check: $(wc -l <"$tmp/pack") runs of $n words in $pack," \
	"none found in $nsrc source documents"
