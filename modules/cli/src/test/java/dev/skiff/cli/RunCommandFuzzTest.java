package dev.skiff.cli;

import dev.skiff.testkit.Fuzz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile command lines for {@code skiff run}: every argv parses or is a {@link UsageException}.
 * Values that name files (image config, seccomp profile, namespace, bind sources) point into a
 * temporary directory, or are mutations of such paths, so nothing real is read.
 */
class RunCommandFuzzTest {
    @TempDir
    Path dir;

    /** Each flag with values that are valid (or nearly) for it; "" marks a flag that takes none. */
    private Map<String, List<String>> flags;

    @BeforeEach
    void files() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"config\": {\"Env\": [\"A=b\"], \"User\": \"1000\", \"Cmd\": [\"sh\"], \"Volumes\": {\"/v\": {}}}}");
        Path badConfig = Files.writeString(dir.resolve("bad.json"), "{\"config\": {\"Env\": [null]}}");
        Path profile = Files.writeString(dir.resolve("seccomp.json"),
                "{\"defaultAction\": \"SCMP_ACT_ERRNO\","
                        + " \"syscalls\": [{\"names\": [\"read\"], \"action\": \"allow\"}]}");
        Path ns = Files.createFile(dir.resolve("netns"));
        String d = dir.toString();
        flags = Map.ofEntries(
                Map.entry("--rootfs", List.of(d, "rootfs")),
                Map.entry("-e", List.of("A=b", "PATH", "=x", "A=", "SKIFF_FUZZ_UNSET")),
                Map.entry("--env", List.of("LANG=C.UTF-8")),
                Map.entry("--workingdir", List.of("/work", "rel")),
                Map.entry("--hostname", List.of("box")),
                Map.entry("--runtime", List.of("runc", "crun")),
                Map.entry("--runtime-flag", List.of("debug", "--log=" + d + "/log")),
                Map.entry("--state-dir", List.of(d + "/state")),
                Map.entry("--name", List.of("web")),
                Map.entry("-t", List.of("")),
                Map.entry("--tty", List.of("", "=true", "=false")),
                Map.entry("-v", List.of(d + ":/data:ro,z", d + ":/data")),
                Map.entry("--mount", List.of("type=bind,source=" + d + ",destination=/d,ro",
                        "type=tmpfs,destination=/t,tmpfs-size=64m,tmpfs-mode=1777")),
                Map.entry("--add-host", List.of("db:10.0.0.1", "db:fd00::1")),
                Map.entry("--no-hosts", List.of("", "=true")),
                Map.entry("--shm-size", List.of("64m")),
                Map.entry("--mounts-conf", List.of(d + "/mounts.conf")),
                Map.entry("--cni-config-dir", List.of(d + "/net.d")),
                Map.entry("--cni-plugin-path", List.of(d + "/bin:" + d + "/lib")),
                Map.entry("--dry-run", List.of("", "=false")),
                Map.entry("--cap-add", List.of("net_raw,CAP_SYS_ADMIN", "all")),
                Map.entry("--cap-drop", List.of("kill", "ALL")),
                Map.entry("-u", List.of("1000:1000", "app")),
                Map.entry("--ulimit", List.of("nofile=1024:2048", "nproc=unlimited")),
                Map.entry("-m", List.of("512m", "1g")),
                Map.entry("--memory-swap", List.of("1g", "-1")),
                Map.entry("--cpu-period", List.of("100000")),
                Map.entry("--cpu-quota", List.of("50000", "-1")),
                Map.entry("--cpu-shares", List.of("512")),
                Map.entry("--cpuset-cpus", List.of("0-3,7")),
                Map.entry("--cpuset-mems", List.of("0")),
                Map.entry("--cgroup-parent", List.of("skiff.slice")),
                Map.entry("--security-opt", List.of("seccomp=" + profile, "seccomp=unconfined", "seccomp=" + badConfig,
                        "apparmor=unconfined", "no-new-privileges", "no-new-privileges=false")),
                Map.entry("--pid", List.of("host", "private", "ns:" + ns)),
                Map.entry("--ipc", List.of("host", ns.toString())),
                Map.entry("--uts", List.of("private")),
                Map.entry("--userns", List.of("private", "host")),
                Map.entry("--cgroupns", List.of("host", "private")),
                Map.entry("--network", List.of("none", "host", "private", "podman,other", "ns:" + ns)),
                Map.entry("--uidmap", List.of("0:1000:1", "0:100000:65536")),
                Map.entry("--gidmap", List.of("0:1000:1:1:100000:65536")),
                Map.entry("--image-config", List.of(config.toString(), badConfig.toString())));
    }

    @Test
    void runCommandLines() {
        Fuzz.check("skiff run", argv(), RunCommand::parse, UsageException.class);
    }

    /** The option walker alone, driven in random ways. */
    @Test
    void optionWalker() {
        Fuzz.check("args", argv(), argv -> {
            Args args = new Args(argv);
            Random r = new Random(argv.hashCode());
            for (String flag = args.nextOption(); flag != null; flag = args.nextOption()) {
                switch (r.nextInt(3)) {
                    case 0 -> args.value();
                    case 1 -> args.booleanValue();
                    default -> args.noValue();
                }
            }
            args.operands();
        }, UsageException.class);
    }

    /** Options (mostly known flags with near-valid values), then a command; now and then junk. */
    private Function<Random, List<String>> argv() {
        return r -> {
            List<String> names = List.copyOf(flags.keySet());
            List<String> argv = new ArrayList<>();
            boolean rootfs = r.nextInt(10) > 0;
            int options = r.nextInt(7);
            int rootfsAt = r.nextInt(options + 1);
            for (int i = 0; i <= options; i++) {
                if (i == rootfsAt && rootfs) {
                    addFlag(r, argv, "--rootfs");
                }
                if (i < options) {
                    addFlag(r, argv, names.get(r.nextInt(names.size())));
                }
            }
            if (r.nextInt(10) == 0) {
                argv.add(r.nextInt(argv.size() + 1), switch (r.nextInt(4)) {
                    case 0 -> "--";
                    case 1 -> "-";
                    case 2 -> "--bogus";
                    default -> Fuzz.arbitrary(r);
                });
            }
            if (r.nextInt(10) > 0) {
                argv.addAll(r.nextBoolean() ? List.of("sh", "-c", "id") : List.of("true"));
            }
            return argv;
        };
    }

    private void addFlag(Random r, List<String> argv, String flag) {
        String value = flags.get(flag).get(r.nextInt(flags.get(flag).size()));
        if (r.nextInt(4) == 0) {
            value = Fuzz.mutate(r, value);
        }
        boolean takesNone = value.isEmpty() || value.startsWith("=");
        if (takesNone && flags.get(flag).contains("")) {
            argv.add(flag + value);
        } else if (flag.startsWith("--") && r.nextInt(3) == 0) {
            argv.add(flag + "=" + value);
        } else {
            argv.add(flag);
            if (r.nextInt(20) > 0) {
                argv.add(value);
            }
        }
    }
}
