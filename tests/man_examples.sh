#!/bin/sh
# The EXAMPLES of workshop-content(5) form a complete pack: extract each
# example whose first line is "id:", file it by its kind, and validate the
# pack with the real program.  A man page whose examples drift from the
# format fails here.
set -u
bin=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-manex.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/pack/modules" "$tmp/pack/quizzes" "$tmp/pack/scenarios"

# Render the .EX blocks as plain text (mandoc turns \- into -), one file
# each, split on the marker lines the awk script prints.
awk '
	/^\.EX/ { n++; inex = 1; printf "@@@ %d\n", n; next }
	/^\.EE/ { inex = 0; next }
	inex { print }
' "$src/man/workshop-content.5" | sed -e 's/\\-/-/g' -e 's/\\e/\\/g' >"$tmp/all"
count=0
while IFS= read -r line; do
	case $line in
	"@@@ "*)
		cur=$tmp/ex.${line#@@@ }
		: >"$cur"
		;;
	*) printf '%s\n' "$line" >>"$cur" ;;
	esac
done <"$tmp/all"
for f in "$tmp"/ex.*; do
	head -n 1 "$f" | grep -q '^id: ' || continue
	id=$(sed -n 's/^id: //p' "$f" | head -n 1)
	kind=$(sed -n 's/^kind: //p' "$f" | head -n 1)
	case $kind in
	programme | module) dir=modules ;;
	quiz) dir=quizzes ;;
	scenario) dir=scenarios ;;
	*) echo "FAIL: example $id has an unknown kind '$kind'"; exit 1 ;;
	esac
	cp "$f" "$tmp/pack/$dir/$id.yaml"
	count=$((count + 1))
done
echo "$count examples extracted"
[ "$count" -ge 5 ] || { echo "FAIL: expected the five example files"; exit 1; }
if out=$("$bin" validate --content "$tmp/pack" 2>&1); then
	echo "$out"
	echo "ok: the man page's examples make a valid pack"
else
	echo "$out"
	echo "FAIL: the man page's examples make a valid pack"
	exit 1
fi
for kind in text sort views quiz scenario glossary rating reflection break; do
	if grep -q "kind: $kind\$" "$tmp"/pack/modules/*.yaml; then
		echo "ok: an example of the $kind step"
	else
		echo "FAIL: an example of the $kind step"
		exit 1
	fi
done
