# Sourced by bench/run: prerequisites, the shared setup every tool runs on, cleanup,
# and `compare`, which runs hyperfine in alternating rounds.

need_root_and_tools() {
  [ "$(id -u)" -eq 0 ] || { echo "bench: run as root (runc, buildah and podman run rootful here)" >&2; exit 1; }
  [ -x "$SKIFF" ] || { echo "bench: no $SKIFF: build it with scripts/mvn -B -DskipTests install" >&2; exit 1; }
  command -v runc >/dev/null || { echo "bench: runc is not installed (scripts/host-packages)" >&2; exit 1; }
  local missing=()
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  [ -x /usr/bin/time ] || missing+=(time)
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

# The one busybox rootfs everyone runs, and a runc bundle per command pointing at it.
make_rootfs_and_bundles() {
  "$SKIFF" rootfs busybox "$ROOTFS" >/dev/null
  bundle true true
  bundle dd dd if=/dev/zero bs=1M count=1024
  bundle wc wc -c
}

# bundle NAME ARGS...: `runc spec`, then root = the shared rootfs, these args, no terminal.
bundle() {
  local dir="$WORK/bundle-$1"; shift
  mkdir -p "$dir"
  (cd "$dir" && runc spec)
  python3 - "$dir/config.json" "$ROOTFS" "$@" <<'EOF'
import json, sys
path, rootfs, args = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(path) as f:
    c = json.load(f)
c["root"]["path"] = rootfs
c["process"].update(args=args, terminal=False)
with open(path, "w") as f:
    json.dump(c, f, indent=2)
EOF
}

# buildah's working container: from scratch, the rootfs copied in. Dropped (with a note) if buildah fails.
make_buildah_container() {
  HAVE_BUILDAH=0
  command -v buildah >/dev/null || { SKIPPED+=("buildah: not installed"); return; }
  local mnt=""
  CTR=$(buildah from --name "skiff-bench-$ID" scratch) && mnt=$(buildah mount "$CTR") || true
  if [ -z "$mnt" ] || [ "$mnt" = / ]; then
    SKIPPED+=("buildah: cannot make a working container"); return
  fi
  cp -a "$ROOTFS/." "$mnt/"
  buildah run --runtime /usr/sbin/runc --network none "$CTR" true && HAVE_BUILDAH=1 \
    || SKIPPED+=("buildah: its smoke run failed")
}

check_podman() {
  HAVE_PODMAN=0
  command -v podman >/dev/null || { SKIPPED+=("podman: not installed"); return; }
  $PODMAN true && HAVE_PODMAN=1 || SKIPPED+=("podman: its smoke run failed")
}

# The EXIT trap: best effort, whatever failed (set -e does not apply to what it ignores).
cleanup() {
  if [ -n "${CTR:-}" ]; then buildah rm "$CTR" >/dev/null 2>&1 || true; fi
  local leftover
  for leftover in $(runc list -q 2>/dev/null | grep "^$ID-" || true); do
    runc delete -f "$leftover" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}

# compare CASE UNIT NAME COMMAND [NAME COMMAND]...: `rounds` hyperfine runs of all the
# commands, so the tools alternate (the order reversed every other round), merged into RESULTS.
compare() {
  local case=$1 unit=$2; shift 2
  local names=() cmds=()
  while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
  local n=${#names[@]} r i j
  for ((r = 1; r <= ROUNDS; r++)); do
    echo "bench: $case, round $r/$ROUNDS" >&2
    local args=()
    for ((i = 0; i < n; i++)); do
      j=$(( r % 2 ? i : n - 1 - i ))
      args+=(-n "${names[j]}" "${cmds[j]}")
    done
    hyperfine --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/hyperfine.json" "${args[@]}" >/dev/null
    python3 "$BENCH/report.py" hyperfine "$RESULTS" "$case" "$unit" "$WORK/hyperfine.json"
  done
}

# expect_output WHAT EXPECTED COMMAND: the count a case's reader prints, checked once before timing.
expect_output() {
  local got
  got=$(sh -c "$3" | tr -d ' \n')
  [ "$got" = "$2" ] || { echo "bench: $1 printed '$got', expected $2" >&2; exit 1; }
}
