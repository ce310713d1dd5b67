#!/bin/sh
# bench/incremental.sh: nightly re-verification of a big log, against a
# full verification in the same run (README, Performance):
#
#   cmake --build build --target bench && sh bench/incremental.sh build [N] [NEW] [ROUNDS]
#
# A log of N records (default 1,000,000) is verified once with
# `--checkpoint`; NEW records (default 1,000) are then appended with the
# real appender (`logbench add`), and procbench times, round after round,
# `workshop verify` of the whole log against `workshop verify --checkpoint`
# from a fresh copy of that checkpoint, with --new (only the new records
# listed) and without (every record listed, those before the checkpoint
# parsed but not checked again).  Goal: the --new run at most 0.03 of the
# full one.
#
# The N-record log takes minutes to sign, so it is made once by `logbench
# gen` and kept in BUILD_DIR/bench-data (log-N.jsonl, shared with
# bench/perf.sh, with its key k.key); delete it to make a new one.  The
# copy with the new records and the checkpoint are made afresh in a
# temporary directory each run.  Exit: 0, 1 a run failed, 2 a tool is
# missing.
set -eu

build=${1:?usage: bench/incremental.sh BUILD_DIR [N] [NEW] [ROUNDS]}
n=${2:-1000000}
new=${3:-1000}
rounds=${4:-3}
bin="$build/workshop"
for tool in "$bin" "$build/bench/logbench" "$build/bench/procbench"; do
	if [ ! -x "$tool" ]; then
		echo "incremental: $tool is missing (cmake --build $build --target bench)" >&2
		exit 2
	fi
done
data="$build/bench-data"
mkdir -p "$data"
export XDG_CONFIG_HOME="$data/config" XDG_STATE_HOME="$data/state"
[ -f "$data/k.key" ] ||
	"$bin" keygen --unencrypted -o "$data/k" >/dev/null 2>&1
log="$data/log-$n.jsonl"
if [ ! -f "$log" ]; then
	echo "generating a log of $n records (kept as $log)..."
	"$build/bench/logbench" gen "$n" "$log.tmp" "$data/k.key"
	mv "$log.tmp" "$log"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/workshop-incremental.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$log" "$tmp/station.log"
echo "== the checkpoint: a full verification of $n records, kept"
"$bin" verify -k "$data/k.pub" --checkpoint "$tmp/checkpoint" --format csv \
	"$tmp/station.log" 2>&1 >/dev/null | grep -v '^workshop: ' || true
"$build/bench/logbench" add "$new" "$tmp/station.log" "$data/k.key"
cp "$tmp/checkpoint" "$tmp/kept"
echo "== what the next verification says"
"$bin" verify -k "$data/k.pub" --checkpoint "$tmp/kept" --new \
	"$tmp/station.log" 2>/dev/null | sed -n 1p
cp "$tmp/checkpoint" "$tmp/kept"
echo "== $new new records: verify --checkpoint against verify of the whole log"
"$build/bench/procbench" incremental "$bin" "$tmp/station.log" \
	"$data/k.pub" "$tmp/kept" "$rounds"
