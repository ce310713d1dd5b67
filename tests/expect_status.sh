#!/bin/sh
# Run a command and succeed only if it exits with the given status: used to
# show that a check really fails on a bad fixture.
# Usage: expect_status.sh STATUS COMMAND [ARG...]
set -u
want=$1
shift
"$@"
got=$?
if [ "$got" -ne "$want" ]; then
	echo "expect_status: expected exit status $want, got $got"
	exit 1
fi
echo "expect_status: exit status $got, as expected"
