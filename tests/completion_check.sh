#!/bin/sh
# bash completion (completion/workshop.bash) offers what the program's own
# --help lists: the commands, each command's options (send's among them),
# verify's report formats, and log files after them.
#   completion_check.sh WORKSHOP SOURCE_DIR FIXTURES
set -u
bin=$1
src=$2
dir=$(dirname "$bin")
exec bash -c '
. "$1/completion/workshop.bash"
PATH=$2:$PATH
cd "$1" || exit 2
fail=0
# complete WORD...: the completions of the last word.
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_workshop
	printf "%s\n" "${COMPREPLY[@]}"
}
# expect NAME WANT WORD...: WANT is among the completions.
expect() {
	name=$1 want=$2
	shift 2
	if complete_words "$@" | grep -qxF -- "$want"; then
		echo "ok: $name"
	else
		echo "FAIL: $name (no $want in: $(complete_words "$@" | tr "\n" " "))"
		fail=1
	fi
}
expect "the send command" send workshop se
expect "send'"'"'s --auth-file" --auth-file workshop send --au
expect "send'"'"'s --password-file" --password-file workshop send --pa
expect "send'"'"'s --dry-run" --dry-run workshop send --dr
expect "send'"'"'s --retry-wait" --retry-wait workshop send --retry-
expect "a log after send'"'"'s options" README.md workshop send --lrs x REA
expect "verify'"'"'s --format json-logs" json-logs workshop verify --format json-
expect "verify'"'"'s --format json" json workshop verify --format js
exit $fail
' sh "$src" "$dir"
