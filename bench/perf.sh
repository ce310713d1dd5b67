#!/bin/sh
# bench/perf.sh: the figures a user meets, each against its baseline in
# the same run (README, Performance):
#
#   cmake --build build --target bench && sh bench/perf.sh build [SIZES]
#
# - `workshop verify` as a whole process on logs of 1,000, 40,000 (about a
#   year of a busy station) and 1,000,000 records (SIZES, default
#   "1000 40000 1000000"), against one core running raw
#   crypto_sign_verify_detached over the same signatures;
# - `workshop validate` on the bundled pack as a whole process, against a
#   bare libyaml parse of the same files in a process of its own;
# - the time to the first screen (startbench).
#
# The logs are made once by `logbench gen` and kept in BUILD_DIR/bench-data
# (a million records take a few minutes to sign).  Exit: 0, 1 a run failed,
# 2 a tool is missing.
set -eu

build=${1:?usage: bench/perf.sh BUILD_DIR [SIZES]}
sizes=${2:-1000 40000 1000000}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$build/workshop"
for tool in "$bin" "$build/bench/logbench" "$build/bench/procbench" \
	"$build/bench/yamlparse" "$build/bench/startbench"; do
	if [ ! -x "$tool" ]; then
		echo "perf: $tool is missing (cmake --build $build --target bench)" >&2
		exit 2
	fi
done
data="$build/bench-data"
mkdir -p "$data"
export XDG_CONFIG_HOME="$data/config" XDG_STATE_HOME="$data/state"
[ -f "$data/k.key" ] ||
	"$bin" keygen --unencrypted -o "$data/k" >/dev/null 2>&1
rc=0
echo "== verify: the whole process against raw single-core signature checks"
for n in $sizes; do
	log="$data/log-$n.jsonl"
	if [ ! -f "$log" ]; then
		"$build/bench/logbench" gen "$n" "$log.tmp" "$data/k.key" >/dev/null
		mv "$log.tmp" "$log"
	fi
	rounds=5
	[ "$n" -le 1000 ] && rounds=50
	[ "$n" -ge 1000000 ] && rounds=3
	"$build/bench/procbench" verify "$bin" "$log" "$data/k.pub" "$rounds" ||
		rc=1
done
echo "== validate: the whole process against a bare libyaml parse process"
"$build/bench/procbench" validate "$bin" "$build/bench/yamlparse" "$here" 50 ||
	rc=1
echo "== first screen"
"$build/bench/startbench" 50 || rc=1
exit $rc
