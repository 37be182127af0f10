# Sourced by bench/run: prerequisites, the machine, cleanup, and `compare`, which runs
# the tools of a case in alternating rounds.

need_root_and_tools() {
  [ "$(id -u)" -eq 0 ] || { echo "bench: run as root (runc, buildah and podman run rootful here)" >&2; exit 1; }
  [ -x "$SKIFF" ] || { echo "bench: no $SKIFF: build it with scripts/mvn -B -DskipTests install" >&2; exit 1; }
  command -v runc >/dev/null || { echo "bench: runc is not installed (scripts/host-packages)" >&2; exit 1; }
  local missing=()
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  [ -x /usr/bin/time ] || missing+=(time)
  # podman is a reference the issue names; buildah comes with scripts/host-packages.
  command -v podman >/dev/null || missing+=(podman)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
  fi
}

describe_machine() {
  local mem cpu
  mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  echo "machine: $(nproc) CPUs ($cpu), $mem memory, kernel $(uname -r), load average $LOAD_START at start, $(cut -d' ' -f1-3 /proc/loadavg) at end"
  echo "tools:   $(runc --version | head -1); $(buildah --version 2>/dev/null || echo 'no buildah');" \
    "$(podman --version 2>/dev/null || echo 'no podman'); $(hyperfine --version)"
  echo "skiff:   $SKIFF on $("${SKIFF%/skiff}/java" -version 2>&1 | head -1)"
}

# The EXIT trap: best effort, whatever failed (set -e does not apply to what it ignores).
cleanup() {
  if [ -n "${CTR:-}" ]; then buildah rm "$CTR" >/dev/null 2>&1 || true; fi
  local leftover
  for leftover in $(runc list -q 2>/dev/null | grep "^$ID-" || true); do
    runc delete -f "$leftover" >/dev/null 2>&1 || true
  done
  ip link del "$CNI_BRIDGE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

# compare CASE UNIT [NAME COMMAND]... [-- NAME SAMPLER]...: ROUNDS rounds, merged into
# RESULTS. In each, hyperfine times the COMMANDs (WARMUP + RUNS runs each), and each
# SAMPLER (evaluated here; it prints its own samples, one a line, in UNIT) runs once.
# Every other round reverses the order of these blocks and of hyperfine's commands, so
# the tools alternate (A B A B). UNIT: ms, MiB, or MiB/s:N for N MiB moved per command.
compare() {
  local case=$1 unit=$2; shift 2
  local names=() cmds=() sampler_names=() samplers=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do names+=("$1"); cmds+=("$2"); shift 2; done
  [ $# -eq 0 ] || shift
  while [ $# -gt 0 ]; do sampler_names+=("$1"); samplers+=("$2"); shift 2; done
  local blocks=() r b
  [ ${#names[@]} -eq 0 ] || blocks+=(hyperfine)
  for b in "${!samplers[@]}"; do blocks+=("$b"); done
  for ((r = 1; r <= ROUNDS; r++)); do
    echo "bench: $case, round $r/$ROUNDS" >&2
    for b in $(in_round_order "$r" "${blocks[@]}"); do
      if [ "$b" = hyperfine ]; then
        hyperfine_round "$r" "$case" "$unit"
      else
        eval "${samplers[b]}" >"$WORK/samples.txt"
        # shellcheck disable=SC2046 # one argument per sample
        python3 "$BENCH/report.py" add "$RESULTS" "$case" "${sampler_names[b]}" "${unit%%:*}" $(cat "$WORK/samples.txt")
      fi
    done
  done
}

# in_round_order ROUND ITEMS...: the items, reversed in even rounds.
in_round_order() {
  local r=$1; shift
  local items=("$@") i
  for i in "${!items[@]}"; do
    echo "${items[r % 2 ? i : ${#items[@]} - 1 - i]}"
  done
}

# hyperfine_round ROUND CASE UNIT: compare's names and cmds, in the round's order. The
# commands' stderr is kept with hyperfine's (its warnings), and shown if one fails.
hyperfine_round() {
  local args=() j
  for j in $(in_round_order "$1" "${!names[@]}"); do
    args+=(-n "${names[j]}" "${cmds[j]}")
  done
  if ! hyperfine --show-output --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
      "${args[@]}" >/dev/null 2>"$WORK/hyperfine.err"; then
    cat "$WORK/hyperfine.err" >&2
    echo "bench: $2, round $1: a command failed (its stderr is above)" >&2
    exit 1
  fi
  python3 "$BENCH/report.py" hyperfine "$RESULTS" "$2" "$3" "$WORK/hyperfine.json"
}

# peak_rss RUNS COMMAND...: GNU time's maximum resident set size (of the largest
# process in the tree) of each run, in MiB; a sampler for compare.
peak_rss() {
  local runs=$1 i; shift
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f %M -o "$WORK/time.txt" "$@" >/dev/null
    awk '{printf "%.1f\n", $1 / 1024}' "$WORK/time.txt"
  done
}

# expect_output WHAT EXPECTED COMMAND: the count a case's reader prints, checked once before timing.
expect_output() {
  local got
  got=$(bash -o pipefail -c "$3" | tr -d ' \n') || { echo "bench: $1 failed: $3" >&2; exit 1; }
  [ "$got" = "$2" ] || { echo "bench: $1 printed '$got', expected $2" >&2; exit 1; }
}
