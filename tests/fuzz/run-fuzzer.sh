#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one libFuzzer harness for a bounded time: first every seed (and so
# every crash found before, kept as a seed), then new inputs for
# AC_FUZZ_SECONDS seconds (default 10).  New inputs go to a folder in the
# build tree, never into the repository; a crash fails the run and its
# input is kept beside them to be added to the seeds.
#
# Usage: run-fuzzer.sh FUZZER SEED-DIR WORK-DIR

set -euo pipefail

fuzzer="$1"
seeds="$2"
work="$3"
seconds="${AC_FUZZ_SECONDS:-10}"

mkdir -p "$work/corpus" "$work/crashes"
echo "# $(basename "$fuzzer"): ${seconds} s, seeds from $seeds"
if "$fuzzer" "$work/corpus" "$seeds" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
     -rss_limit_mb=2048 -artifact_prefix="$work/crashes/" -print_final_stats=1 2> "$work/log"; then
  tail -n 12 "$work/log" | sed 's/^/# /'
  echo "1..1"
  echo "ok 1 $(basename "$fuzzer") found nothing in ${seconds} s"
else
  tail -n 60 "$work/log" | sed 's/^/# /'
  echo "1..1"
  echo "not ok 1 $(basename "$fuzzer") crashed; the input is in $work/crashes/"
  exit 1
fi
