#!/bin/sh
# The bundled pack validates with no errors and no warnings: the output is
# exactly one "ok:" summary line, on standard output, and the exit status 0.
# Usage: pack_validate.sh WORKSHOP SOURCE_DIR
set -u
bin=$1
src=$2
out=$(WORKSHOP_CONTENT= "$bin" validate --content "$src" 2>&1)
rc=$?
echo "$out"
if [ "$rc" -ne 0 ]; then
	echo "FAIL: workshop validate exited $rc"
	exit 1
fi
if [ "$(printf '%s\n' "$out" | wc -l)" -ne 1 ] ||
	! printf '%s\n' "$out" | grep -q '^ok: '; then
	echo "FAIL: expected exactly one line starting with \"ok: \""
	exit 1
fi
