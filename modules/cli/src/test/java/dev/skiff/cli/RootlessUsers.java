package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.testkit.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Ordinary users made for the rootless tests, each with its own runtime directory and its
 * subordinate ID range written to /etc/subuid and /etc/subgid (or none); removed again,
 * lines included, by {@link #removeAll()}.
 */
final class RootlessUsers {
    /** One test user: its name and uid, its subordinate range (count 0: none) and its XDG_RUNTIME_DIR. */
    record User(String name, int uid, long subStart, long subCount, Path runtimeDir) {}

    private static final Path SUBUID = Path.of("/etc/subuid");
    private static final Path SUBGID = Path.of("/etc/subgid");

    private final List<User> made = new ArrayList<>();
    private final Path base;

    RootlessUsers(Path base) {
        this.base = base;
    }

    /** newuidmap, newgidmap, useradd, userdel and runuser: required in CI, else the tests are skipped. */
    static void requireTools() {
        for (String tool : List.of("/usr/bin/newuidmap", "/usr/bin/newgidmap", "/usr/sbin/useradd", "/usr/sbin/userdel",
                "/usr/sbin/runuser")) {
            Prerequisite.require(Files.isExecutable(Path.of(tool)),
                    tool + " is needed for the rootless tests (Debian uidmap, passwd, util-linux)");
        }
    }

    /** A new user with {@code subCount} subordinate uids and gids (0: no line at all). */
    User create(long subCount) throws IOException, InterruptedException {
        String name = "skrl" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        // -K ..._COUNT=0: useradd would otherwise give every new user 65536 IDs itself.
        run("/usr/sbin/useradd", "-M", "-s", "/usr/sbin/nologin", "-K", "SUB_UID_COUNT=0", "-K", "SUB_GID_COUNT=0",
                name);
        int uid = Integer.parseInt(output("id", "-u", name).strip());
        long start = subCount == 0 ? 0 : freeRangeStart();
        if (subCount > 0) {
            Files.writeString(SUBUID, name + ":" + start + ":" + subCount + "\n", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(SUBGID, name + ":" + start + ":" + subCount + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        Path runtimeDir = Files.createDirectory(base.resolve("run-" + name));
        chown(runtimeDir, name);
        Files.setPosixFilePermissions(runtimeDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        User user = new User(name, uid, start, subCount, runtimeDir);
        made.add(user);
        return user;
    }

    /** The user's ranges are placed after every range the files already give out. */
    private static long freeRangeStart() throws IOException {
        long end = 1_000_000;
        for (Path file : List.of(SUBUID, SUBGID)) {
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":");
                if (f.length == 3) {
                    end = Math.max(end, Long.parseLong(f[1].strip()) + Long.parseLong(f[2].strip()));
                }
            }
        }
        return (end / 65536 + 1) * 65536;
    }

    static void chown(Path path, String user) throws IOException, InterruptedException {
        run("chown", "-R", user + ":" + user, path.toString());
    }

    /** Deletes the users and their subordinate lines; every step is tried. */
    void removeAll() throws IOException, InterruptedException {
        for (User user : made) {
            new ProcessBuilder("/usr/sbin/userdel", user.name()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            for (Path file : List.of(SUBUID, SUBGID)) {
                List<String> kept = Files.readAllLines(file).stream().filter(l -> !l.startsWith(user.name() + ":")).toList();
                Files.write(file, kept);
            }
        }
        made.clear();
    }

    static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + out).isZero();
    }

    static String output(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
