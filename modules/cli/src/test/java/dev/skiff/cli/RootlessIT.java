package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code skiff run} as ordinary users the test makes itself (issue 7): one with a subordinate
 * range of 65536 IDs, one without any (the single mapping), one whose range is too small
 * for what it asks. Each runs the real launcher through {@code runuser} on a busybox rootfs it
 * owns, with its own XDG_RUNTIME_DIR, so what a run leaves is easy to see.
 */
@Tag("integration")
class RootlessIT {
    static Path base;
    static RootlessUsers users;
    static RootlessUsers.User ranged;
    static RootlessUsers.User single;
    static RootlessUsers.User small;

    @BeforeAll
    static void makeUsers() throws Exception {
        Prerequisites.root();
        Prerequisites.runc();
        RootlessUsers.requireTools();
        base = Files.createTempDirectory("skiff-rootless-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        users = new RootlessUsers(base);
        ranged = users.create(65536);
        single = users.create(0);
        small = users.create(10);
        for (RootlessUsers.User user : List.of(ranged, single, small)) {
            Path rootfs = rootfs(user);
            SkiffCommand.busyboxRootfs(rootfs);
            RootlessUsers.chown(rootfs, user.name());
        }
    }

    @AfterAll
    static void removeUsers() throws Exception {
        if (users != null) {
            users.removeAll();
        }
        if (base != null) {
            RootlessUsers.run("rm", "-rf", base.toString());
        }
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        for (RootlessUsers.User user : List.of(ranged, single, small)) {
            assertThat(SkiffCommand.entries(user.runtimeDir().resolve("skiff"))).as("bundles of " + user).isEmpty();
            Path runcRoot = user.runtimeDir().resolve("skiff-runc");
            assertThat(SkiffCommand.entries(runcRoot)).as("runc state of " + user).isEmpty();
            assertThat(processesOf(user)).as("processes of " + user).isEmpty();
        }
    }

    private static Path rootfs(RootlessUsers.User user) {
        return base.resolve("rootfs-" + user.name());
    }

    /** {@code skiff run --rootfs ROOTFS args} as {@code user}. */
    private static SkiffCommand.Result skiff(RootlessUsers.User user, String... args) throws Exception {
        Process p = start(user, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("skiff " + Arrays.toString(args) + " finished").isTrue();
        return new SkiffCommand.Result(p.exitValue(), out, err);
    }

    private static Process start(RootlessUsers.User user, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", user.name(), "--", "env",
                "XDG_RUNTIME_DIR=" + user.runtimeDir(), SkiffCommand.launcher().toAbsolutePath().toString(), "run",
                "--rootfs", rootfs(user).toString()));
        argv.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(base.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    @Test
    void rootInsideIsTheUserOnTheHost() throws Exception {
        String marker = "5" + (100000 + new Random().nextInt(800000));
        AtomicReference<String> hostUids = new AtomicReference<>("(not seen)");
        Thread killer = Thread.ofVirtual().start(() -> hostUids.set(killWhenSeen(marker)));
        SkiffCommand.Result r = skiff(ranged, "sh", "-c", "id -u; cat /proc/self/uid_map; exec sleep " + marker);
        killer.join();

        String uid = Integer.toString(ranged.uid());
        assertThat(hostUids.get().split("\\s+")).as("real, effective, saved and fs uid on the host")
                .containsExactly(uid, uid, uid, uid);

        List<String> lines = r.stdout().lines().map(String::strip).toList();
        assertThat(lines.getFirst()).isEqualTo("0");
        assertThat(lines.get(1).split("\\s+")).containsExactly("0", Integer.toString(ranged.uid()), "1");
        assertThat(lines.get(2).split("\\s+")).containsExactly("1", Long.toString(ranged.subStart()), "65536");
        assertThat(r.exitCode()).as("killed from the host with SIGKILL: " + r.stderr()).isEqualTo(137);
    }

    @Test
    void filesInAVolumeBelongToTheUserOrItsSubordinateIds() throws Exception {
        Path volume = Files.createDirectory(base.resolve("vol-" + System.nanoTime()));
        RootlessUsers.chown(volume, ranged.name());
        SkiffCommand.Result r = skiff(ranged, "-v", volume + ":/vol", "sh", "-c",
                "echo root > /vol/by-root && mkdir /vol/d && chown 1000:1000 /vol/d");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        SkiffCommand.Result asUser = skiff(ranged, "-u", "1000", "-v", volume + ":/vol", "sh", "-c",
                "echo user > /vol/d/by-user");
        assertThat(asUser.exitCode()).as(asUser.stderr()).isZero();

        assertThat(owner(volume.resolve("by-root"))).isEqualTo(ranged.uid());
        long subordinate1000 = ranged.subStart() + 999;
        assertThat((long) owner(volume.resolve("d/by-user"))).isEqualTo(subordinate1000);
    }

    @Test
    void whatNeedsAPrivilegeTheUserLacksFailsCleanly() throws Exception {
        SkiffCommand.Result mknod = skiff(ranged, "mknod", "/tmp/null", "c", "1", "3");
        assertThat(mknod.exitCode()).isEqualTo(1);
        assertThat(mknod.stderr()).contains("Operation not permitted");

        SkiffCommand.Result chown = skiff(ranged, "sh", "-c", "touch /tmp/f && chown 4000000 /tmp/f");
        assertThat(chown.exitCode()).isEqualTo(1);
        assertThat(chown.stderr()).contains("Invalid argument");
    }

    @Test
    void theNetworkIsLoopbackOnlyOrTheHostsAndNoneOfItNeedsRoot() throws Exception {
        SkiffCommand.Result own = skiff(ranged, "cat", "/proc/net/dev");
        assertThat(own.exitCode()).as(own.stderr()).isZero();
        assertThat(interfaces(own.stdout())).containsExactly("lo");

        // Other tests make interfaces meanwhile: compare the namespace itself, not its contents.
        SkiffCommand.Result host = skiff(ranged, "--network", "host", "readlink", "/proc/self/ns/net");
        assertThat(host.exitCode()).as(host.stderr()).isZero();
        assertThat(host.stdout().strip()).isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());

        SkiffCommand.Result cni = skiff(ranged, "--network", "net1", "true");
        assertThat(cni.exitCode()).isEqualTo(125);
        assertThat(cni.stderr()).contains("CNI networks need root");
    }

    @Test
    void theHostsUserNamespaceIsRefused() throws Exception {
        SkiffCommand.Result r = skiff(ranged, "--userns", "host", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.stderr()).contains("a rootless run needs a user namespace of its own");
    }

    @Test
    void withoutARangeTheUserIsRootAndAlone() throws Exception {
        Path volume = Files.createDirectory(base.resolve("vol-" + System.nanoTime()));
        RootlessUsers.chown(volume, single.name());
        SkiffCommand.Result r = skiff(single, "-v", volume + ":/vol", "sh", "-c",
                "id -u; cat /proc/self/uid_map /proc/self/gid_map; touch /vol/f");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> lines = r.stdout().lines().map(String::strip).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).isEqualTo("0");
        assertThat(lines.get(1).split("\\s+")).containsExactly("0", Integer.toString(single.uid()), "1");
        assertThat(owner(volume.resolve("f"))).isEqualTo(single.uid());

        SkiffCommand.Result asUser = skiff(single, "-u", "1000", "id");
        assertThat(asUser.exitCode()).isEqualTo(125);
        assertThat(asUser.stderr()).contains("uid 1000 is not mapped").contains("/etc/subuid");
    }

    @Test
    void aRangeTooSmallForWhatIsAskedIsAClearErrorBeforeAnythingRuns() throws Exception {
        SkiffCommand.Result user = skiff(small, "-u", "1000", "id");
        assertThat(user.exitCode()).isEqualTo(125);
        assertThat(user.stdout()).isEmpty();
        assertThat(user.stderr()).startsWith("skiff: user `1000:1000`: uid 1000 is not mapped")
                .contains("container uids 0, 1-10");

        SkiffCommand.Result map = skiff(small, "--uidmap", "0:0:65536", "id");
        assertThat(map.exitCode()).isEqualTo(125);
        assertThat(map.stderr()).contains("uidmap `0:0:65536`: ID 11 of this user's ID space is not there: it has 11");

        SkiffCommand.Result fits = skiff(small, "-u", "10:10", "id", "-u");
        assertThat(fits.stdout()).as(fits.stderr()).isEqualTo("10\n");
    }

    @Test
    void cleanupUsesTheRuntimeRootTheJournalRecorded() throws Exception {
        Process run = start(ranged, "sh", "-c", "echo started; exec sleep 3600");
        byte[] line = new byte[8];
        assertThat(run.getInputStream().readNBytes(line, 0, 8)).isEqualTo(8);
        // runuser waits for its child, the JVM that is the monitor: kill that one.
        ProcessHandle monitor = run.toHandle().descendants().filter(h -> h.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow();
        monitor.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(SkiffCommand.entries(ranged.runtimeDir().resolve("skiff-runc"))).hasSize(1);

        Process cleanup = new ProcessBuilder("/usr/sbin/runuser", "-u", ranged.name(), "--", "env",
                "XDG_RUNTIME_DIR=" + ranged.runtimeDir(), SkiffCommand.launcher().toAbsolutePath().toString(),
                "cleanup").directory(base.toFile()).redirectErrorStream(true).start();
        String out = new String(cleanup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cleanup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cleanup.exitValue()).as(out).isZero();
        assertThat(out).startsWith("cleaned skiff-");
    }

    @Test
    void aUserNamespaceOfTheUsersOwnCanBeJoined() throws Exception {
        Process holder = new ProcessBuilder("/usr/sbin/runuser", "-u", single.name(), "--", "unshare", "--user",
                "--map-root-user", "sleep", "600").start();
        try {
            ProcessHandle sleep = awaitDescendant(holder, "sleep");
            String ns = "/proc/" + sleep.pid() + "/ns/user";
            SkiffCommand.Result r = skiff(single, "--userns", "ns:" + ns, "sh", "-c",
                    "cat /proc/self/uid_map; readlink /proc/self/ns/user");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout().lines().toList()).hasSize(2);
            assertThat(r.stdout().lines().toList().get(1)).isEqualTo(Files.readSymbolicLink(Path.of(ns)).toString());
        } finally {
            holder.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Root with a mapped container root and its rootfs below a 0700 directory: runc's init could
     * not reach it as the mapped uid; the intermediate mount namespace binds it where it can.
     * The pipes are the mapped root's, so a non-root user can reopen /dev/stdout.
     */
    @Test
    void rootMappedElsewhereReachesARootfsInAClosedDirectory() throws Exception {
        Path closed = Files.createDirectory(base.resolve("closed-" + System.nanoTime()));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path rootfs = closed.resolve("rootfs");
        SkiffCommand.busyboxRootfs(rootfs);
        // As a rootfs for a mapped root is stored: owned by that root, which must create mount points in it.
        RootlessUsers.run("chown", "-R", "3000000:3000000", rootfs.toString());
        Path stateDir = Files.createDirectory(base.resolve("state-" + System.nanoTime()));

        SkiffCommand.Result r = SkiffCommand.run(List.of("run", "--state-dir", stateDir.toString(), "--rootfs",
                rootfs.toString(), "--uidmap", "0:3000000:65536", "-u", "1000", "sh", "-c",
                "id -u; echo to-stdout > /dev/stdout; cat /proc/self/uid_map"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList())
                .containsExactly("1000", "to-stdout", "0 3000000 65536");
        assertThat(SkiffCommand.entries(stateDir)).isEmpty();
        assertThat(SkiffCommand.runcContainers(stateDir)).isEmpty();
    }

    private static ProcessHandle awaitDescendant(Process parent, String command) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<ProcessHandle> found = parent.toHandle().descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("/" + command)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(command + " never started under " + parent.pid());
    }

    private static List<String> interfaces(String procNetDev) {
        return procNetDev.lines().skip(2).map(l -> l.substring(0, l.indexOf(':')).strip()).sorted().toList();
    }

    private static int owner(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:uid");
    }

    /**
     * Live processes (zombies are the reaper's business) whose real uid is the user's or one
     * of its subordinate IDs, waited for up to 10 s: a killed container dies asynchronously.
     */
    private static List<Path> processesOf(RootlessUsers.User user) throws IOException, InterruptedException {
        List<Path> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = pids().stream().filter(p -> !field(p, "State:").orElse("Z").startsWith("Z"))
                    .filter(p -> field(p, "Uid:").map(ids -> belongs(user, Long.parseLong(ids.split("\\s+")[0])))
                            .orElse(false))
                    .toList();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }

    private static boolean belongs(RootlessUsers.User user, long uid) {
        return uid == user.uid() || uid >= user.subStart() && uid < user.subStart() + user.subCount();
    }

    /**
     * Waits for the container's {@code sleep MARKER}, kills it from the host, and returns its
     * uids as the host sees them (the {@code Uid:} line of its status); gives up after 60 s.
     */
    private static String killWhenSeen(String marker) {
        byte[] wanted = ("sleep\0" + marker + "\0").getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 60_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                for (Path p : pids()) {
                    if (Arrays.equals(readOrEmpty(p.resolve("cmdline")), wanted)) {
                        String uids = field(p, "Uid:").orElse("(gone)");
                        new ProcessBuilder("kill", "-KILL", p.getFileName().toString()).start().waitFor();
                        return uids;
                    }
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            return "(failed: " + e + ")";
        }
        return "(never seen)";
    }

    private static List<Path> pids() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        }
    }

    /** A line of /proc/PID/status without its name; empty once the process is gone. */
    private static Optional<String> field(Path proc, String name) {
        try {
            return Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith(name))
                    .map(l -> l.substring(name.length()).strip()).findFirst();
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static byte[] readOrEmpty(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException gone) {
            return new byte[0];
        }
    }
}
