# Sourced by bench/run: what every tool runs on, made once under $WORK. The one busybox
# rootfs; runc bundles pointing at it (runc spec's config, and Skiff's own); the CNI
# bridge network; buildah's working container; the library driver.

make_rootfs_and_bundles() {
  "$SKIFF" rootfs busybox "$ROOTFS" >/dev/null
  bundle true true
  bundle dd dd if=/dev/zero bs=1M count="$STDOUT_MIB" status=none
  bundle wc wc -c
  TERMINAL=1 bundle pty sh -c "$PTY_SH"
  skiff_bundle true true
}

# bundle NAME ARGS...: `runc spec`, then root = the shared rootfs and these args;
# a terminal when TERMINAL=1.
bundle() {
  local dir="$WORK/bundle-$1"; shift
  mkdir -p "$dir"
  (cd "$dir" && runc spec)
  set_process "$dir" "${TERMINAL:-0}" "$@"
}

# skiff_bundle NAME ARGS...: the config.json `skiff run` would give runc (seccomp
# profile, capabilities, mounts), with these args. Skiff makes /etc/hosts and
# /etc/hostname in its state dir at run time; the bundle gets the same files of its own.
skiff_bundle() {
  local dir="$WORK/bundle-skiff-$1"; shift
  mkdir -p "$dir/files"
  "$SKIFF" run --dry-run --network none --state-dir "$WORK/dry-run" --rootfs "$ROOTFS" true >"$dir/config.json"
  python3 - "$dir" "$WORK/dry-run" <<'EOF'
import json, os, shutil, sys
bundle, state = sys.argv[1], sys.argv[2]
path = os.path.join(bundle, "config.json")
with open(path) as f:
    c = json.load(f)
for m in c.get("mounts", []):
    if m.get("type") == "bind" and m["source"].startswith(state + "/"):
        own = os.path.join(bundle, "files", os.path.basename(m["source"]))
        if m["destination"] == "/etc/hostname":
            open(own, "w").write(c["hostname"] + "\n")
        elif m["destination"] == "/etc/hosts":
            open(own, "w").write("127.0.0.1\tlocalhost\n::1\tlocalhost\n127.0.0.1\t" + c["hostname"] + "\n")
        elif m["destination"] == "/etc/resolv.conf":
            shutil.copyfile("/etc/resolv.conf", own)
        else:
            sys.exit(f"bench: skiff's config binds {m['source']} to {m['destination']}: no stand-in for it")
        m["source"] = own
with open(path, "w") as f:
    json.dump(c, f, indent=2)
EOF
  set_process "$dir" 0 "$@"
}

# set_process DIR TERMINAL ARGS...: root = the shared rootfs, process args and terminal.
set_process() {
  python3 - "$1/config.json" "$ROOTFS" "$2" "${@:3}" <<'EOF'
import json, sys
path, rootfs, terminal, args = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4:]
with open(path) as f:
    c = json.load(f)
c["root"]["path"] = rootfs
c["process"].update(args=args, terminal=terminal)
with open(path, "w") as f:
    json.dump(c, f, indent=2)
EOF
}

# The bench's own CNI bridge (its own bridge name, subnet and IPAM store), and a
# containers.conf that points buildah and podman at it with their CNI backend.
make_cni_network() {
  mkdir -p "$WORK/cni"
  cat >"$WORK/cni/$CNI_NETWORK.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "$CNI_NETWORK",
  "plugins": [
    {"type": "bridge", "bridge": "$CNI_BRIDGE", "isGateway": true, "ipMasq": false,
     "ipam": {"type": "host-local", "dataDir": "$WORK/cni-ipam",
              "ranges": [[{"subnet": "$CNI_SUBNET"}]], "routes": [{"dst": "0.0.0.0/0"}]}}
  ]
}
EOF
  cat >"$WORK/containers.conf" <<EOF
[network]
network_backend = "cni"
cni_plugin_dirs = ["$CNI_PLUGINS"]
network_config_dir = "$WORK/cni"
EOF
}

# The warm library JVM: bench/LibraryRun.java compiled against the image's modules
# (javac --system reads them from the image) and run on the image's java.
compile_library_driver() {
  local jdk
  jdk=$(scripts/jdk)
  "$jdk/bin/javac" --system "$IMAGE" -d "$WORK/driver" "$BENCH/LibraryRun.java"
  LIBRARY="$IMAGE/bin/java --enable-native-access=dev.skiff.libc -cp $WORK/driver LibraryRun"
}

# buildah's working container: from scratch, the rootfs copied in. Dropped (with a note) if buildah fails.
make_buildah_container() {
  HAVE_BUILDAH=0
  command -v buildah >/dev/null || { SKIPPED+=("buildah: not installed"); return; }
  local mnt=""
  CTR=$(buildah from --name "$ID" scratch) && mnt=$(buildah mount "$CTR") || true
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

# buildah and podman on the bench's CNI network (their CNI backend); Skiff's must work.
check_cni_runs() {
  [ -x "$CNI_PLUGINS/bridge" ] || { echo "bench: no CNI plugins in $CNI_PLUGINS (scripts/host-packages)" >&2; exit 1; }
  HAVE_BUILDAH_CNI=0 HAVE_PODMAN_CNI=0
  if [ "$HAVE_BUILDAH" = 1 ]; then
    sh -c "$BUILDAH_CNI $CTR true" && HAVE_BUILDAH_CNI=1 \
      || SKIPPED+=("buildah on the CNI bridge: its smoke run failed")
  fi
  if [ "$HAVE_PODMAN" = 1 ]; then
    sh -c "$PODMAN_CNI true" && HAVE_PODMAN_CNI=1 \
      || SKIPPED+=("podman on the CNI bridge: its smoke run failed")
  fi
}
