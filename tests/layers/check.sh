#!/bin/sh
# The layering of src/ (README.md, Architecture), checked on the sources:
# every quoted include of a file names a header of its own layer or of a
# layer below; <curses.h> only in src/ui; <yaml.h> only in the loader;
# <curl/curl.h> only in src/cli/lrs.c (workshop send's LRS client); and the
# core's libraries need no curses or libcurl symbol.
# Usage: check.sh SOURCE_DIR BUILD_DIR
set -u
src=$1/src
build=$2
fail=0
bad() { echo "layers: $*"; fail=1; }

below() {
	case $1 in
	base) echo base ;;
	content) echo content base ;;
	log) echo log base ;;
	session) echo session content log base ;;
	plain) echo plain session content log base ;;
	cli) echo cli plain session content log base ;;
	ui) echo ui cli plain session content log base ;;
	*) echo "" ;;
	esac
}

for dir in "$src"/*/; do
	layer=$(basename "$dir")
	allowed=$(below "$layer")
	[ -n "$allowed" ] || { bad "src/$layer is not a known layer"; continue; }
	for f in "$dir"*.c "$dir"*.h; do
		[ -f "$f" ] || continue
		for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
			[ "$h" = config.h ] && continue
			ok=
			for l in $allowed; do
				[ -f "$src/$l/$h" ] && ok=$l
			done
			[ -n "$ok" ] || bad "src/$layer/$(basename "$f") includes \"$h\", not of $allowed"
		done
	done
done
n=0
for f in "$src"/*/*.[ch]; do
	n=$((n + 1))
	rel=${f#"$src"/}
	if grep -q '^#include <n\{0,1\}curses' "$f"; then
		case $rel in ui/*) ;; *) bad "$rel includes curses" ;; esac
	fi
	if grep -q '^#include <yaml.h>' "$f"; then
		[ "$rel" = content/loader.c ] || bad "$rel includes <yaml.h>"
	fi
	if grep -q '^#include <curl/' "$f"; then
		[ "$rel" = cli/lrs.c ] || bad "$rel includes libcurl"
	fi
done
for lib in base content log session plain cli; do
	a=$build/src/$lib/libworkshop_$lib.a
	[ -f "$a" ] || { bad "no $a"; continue; }
	if nm -u "$a" | grep -Eq '\b(initscr|newterm|endwin|wrefresh|wgetch|doupdate|mvwaddnstr|keypad)\b'; then
		bad "libworkshop_$lib.a needs curses"
	fi
	if [ "$lib" != cli ] && nm -u "$a" | grep -q '\bcurl_'; then
		bad "libworkshop_$lib.a needs libcurl"
	fi
done
[ $fail -eq 0 ] && echo "layers: $n files, every include within its layer or below; no curses below src/ui; <yaml.h> only in the loader; libcurl only in src/cli/lrs.c"
exit $fail
