package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spec.Mount;
import dev.skiff.spec.SpecDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MountPlanTest {
    private static final Predicate<String> HOST_HAS_ALL = path -> true;
    private static final List<String> LEVELS =
            List.of("run", "container", "image", "secret", "bound", "spec");

    private static Mount bind(String destination, String source) {
        return Mount.of(destination, "bind", source, List.of("rbind"));
    }

    /** An input with, at each level from {@code from} on, a mount on {@code destination} whose source names the level. */
    private static MountPlan.Input levelsFrom(int from, String destination) {
        List<List<Mount>> levels = new ArrayList<>();
        for (int i = 0; i < LEVELS.size(); i++) {
            levels.add(i >= from ? List.of(bind(destination, LEVELS.get(i))) : List.of());
        }
        return new MountPlan.Input(levels.get(0), levels.get(1), levels.get(2), levels.get(3), levels.get(4),
                levels.get(5), NamespaceFlags.PRIVATE, null);
    }

    private static Map<String, Mount> byDestination(List<Mount> mounts) {
        return mounts.stream().collect(Collectors.toMap(Mount::destination, m -> m));
    }

    @ParameterizedTest(name = "highest level present: {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void firstDestinationWinsInTheSeedsPrecedence(int from) {
        List<Mount> plan = MountPlan.plan(levelsFrom(from, "/data"), HOST_HAS_ALL);

        List<Mount> onData = plan.stream().filter(m -> m.destination().equals("/data")).toList();
        assertThat(onData).singleElement().extracting(Mount::source).isEqualTo(LEVELS.get(from));
    }

    @Test
    void aVolumeReplacesTheGeneratedMountAtTheSamePlace() {
        MountPlan.Input input = new MountPlan.Input(List.of(bind("/dev/shm", "/host/shm")), List.of(), List.of(),
                List.of(), List.of(), SpecDefaults.MOUNTS, NamespaceFlags.PRIVATE, null);

        Mount shm = byDestination(MountPlan.plan(input, HOST_HAS_ALL)).get("/dev/shm");

        assertThat(shm.source()).isEqualTo("/host/shm");
    }

    @Test
    void destinationsAreComparedCleaned() {
        MountPlan.Input input = new MountPlan.Input(List.of(bind("/data", "run")), List.of(bind("/data/", "ctr")),
                List.of(bind("/x/../data", "image")), List.of(), List.of(), List.of(), NamespaceFlags.PRIVATE, null);

        List<Mount> plan = MountPlan.plan(input, HOST_HAS_ALL);

        assertThat(plan).filteredOn(m -> !m.type().equals("cgroup")).singleElement()
                .extracting(Mount::source).isEqualTo("run");
    }

    @Test
    void parentsAreMountedBeforeTheirChildren() {
        // The seed's order would mount /dev (a tmpfs) over a volume at /dev/foo.
        MountPlan.Input input = new MountPlan.Input(List.of(bind("/dev/foo", "/host/foo"), bind("/a/b/c", "/h/c")),
                List.of(bind("/a", "/h/a")), List.of(), List.of(), List.of(), SpecDefaults.MOUNTS,
                NamespaceFlags.PRIVATE, null);

        List<String> order = MountPlan.plan(input, HOST_HAS_ALL).stream().map(Mount::destination).toList();

        assertThat(order).containsSubsequence("/dev", "/dev/foo");
        assertThat(order).containsSubsequence("/a", "/a/b/c");
        assertThat(order).containsSubsequence("/sys", "/sys/fs/cgroup");
        assertThat(order).containsExactly("/a", "/dev", "/proc", "/sys", "/dev/foo", "/dev/mqueue", "/dev/pts",
                "/dev/shm", "/a/b/c", "/sys/fs/cgroup");
    }

    @Test
    void shmGetsTheDefaultOrTheGivenSize() {
        MountPlan.Input defaults = new MountPlan.Input(List.of(), List.of(), List.of(), List.of(), List.of(),
                SpecDefaults.MOUNTS, NamespaceFlags.PRIVATE, null);
        MountPlan.Input sized = new MountPlan.Input(List.of(), List.of(), List.of(), List.of(), List.of(),
                SpecDefaults.MOUNTS, NamespaceFlags.PRIVATE, "1g");

        assertThat(byDestination(MountPlan.plan(defaults, HOST_HAS_ALL)).get("/dev/shm"))
                .isEqualTo(Mount.of("/dev/shm", "tmpfs", "shm",
                        List.of("private", "nodev", "noexec", "nosuid", "mode=1777", "size=65536k")));
        assertThat(byDestination(MountPlan.plan(sized, HOST_HAS_ALL)).get("/dev/shm").options()).contains("size=1g");
    }

    @Test
    void inputRefusesAnInvalidShmSize() {
        assertThatThrownBy(() -> new MountPlan.Input(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), NamespaceFlags.PRIVATE, "64 MB"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 MB");
    }

    /**
     * Every namespace combination, with the host having every path: what /dev/shm, /dev/mqueue
     * and /sys become, and whether the cgroup mount is there.
     */
    @ParameterizedTest(name = "userns={0} hostIpc={1} hostNet={2}")
    @CsvSource(delimiter = '|', textBlock = """
            false | false | false | tmpfs | mqueue | sysfs | true
            false | true  | false | tmpfs | mqueue | sysfs | true
            false | false | true  | tmpfs | mqueue | sysfs | true
            false | true  | true  | tmpfs | mqueue | sysfs | true
            true  | false | false | tmpfs | mqueue | sysfs | true
            true  | true  | false | bind  | bind   | sysfs | true
            true  | false | true  | tmpfs | mqueue | bind  | false
            true  | true  | true  | bind  | bind   | bind  | false
            """)
    void rewritesForEachNamespaceCombination(boolean userNs, boolean hostIpc, boolean hostNet, String shmType,
            String mqueueType, String sysType, boolean cgroup) {
        MountPlan.Input input = new MountPlan.Input(List.of(), List.of(), List.of(), List.of(), List.of(),
                SpecDefaults.MOUNTS, new NamespaceFlags(userNs, hostIpc, hostNet), "128m");

        Map<String, Mount> plan = byDestination(MountPlan.plan(input, HOST_HAS_ALL));

        assertThat(plan.get("/dev/shm").type()).isEqualTo(shmType);
        assertThat(plan.get("/dev/mqueue").type()).isEqualTo(mqueueType);
        assertThat(plan.get("/sys").type()).isEqualTo(sysType);
        assertThat(plan.containsKey("/sys/fs/cgroup")).isEqualTo(cgroup);
        if (shmType.equals("bind")) {
            assertThat(plan.get("/dev/shm")).isEqualTo(
                    Mount.of("/dev/shm", "bind", "/dev/shm", List.of("rbind", "nosuid", "noexec", "nodev")));
            assertThat(plan.get("/dev/mqueue")).isEqualTo(
                    Mount.of("/dev/mqueue", "bind", "/dev/mqueue", List.of("bind", "nosuid", "noexec", "nodev")));
        } else {
            assertThat(plan.get("/dev/shm").options()).contains("size=128m");
        }
        if (sysType.equals("bind")) {
            assertThat(plan.get("/sys")).isEqualTo(Mount.of("/sys", "bind", "/sys",
                    List.of("rprivate", "nosuid", "noexec", "nodev", "ro", "rbind")));
        }
        if (cgroup) {
            assertThat(plan.get("/sys/fs/cgroup")).isEqualTo(Mount.of("/sys/fs/cgroup", "cgroup", "cgroup",
                    List.of("rprivate", "nosuid", "noexec", "nodev", "relatime", "rw")));
        }
        // Everything else is the generator's, untouched.
        for (String untouched : List.of("/proc", "/dev", "/dev/pts")) {
            assertThat(plan.get(untouched)).isEqualTo(generated(untouched));
        }
    }

    @Test
    void hostPathsMissingOnTheHostDropTheMount() {
        MountPlan.Input input = new MountPlan.Input(List.of(), List.of(), List.of(), List.of(), List.of(),
                SpecDefaults.MOUNTS, new NamespaceFlags(true, true, true), null);

        Map<String, Mount> plan = byDestination(MountPlan.plan(input, path -> false));

        assertThat(plan).doesNotContainKeys("/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup");
        assertThat(plan).containsKeys("/proc", "/dev", "/dev/pts");
    }

    @Test
    void onlyTheMissingHostPathIsDropped() {
        // This VM has /dev/shm but no /dev/mqueue.
        MountPlan.Input input = new MountPlan.Input(List.of(), List.of(), List.of(), List.of(), List.of(),
                SpecDefaults.MOUNTS, new NamespaceFlags(true, true, false), null);

        Map<String, Mount> plan = byDestination(MountPlan.plan(input, path -> !path.equals("/dev/mqueue")));

        assertThat(plan.get("/dev/shm").type()).isEqualTo("bind");
        assertThat(plan).doesNotContainKey("/dev/mqueue");
        assertThat(plan.get("/sys").type()).isEqualTo("sysfs");
        assertThat(plan).containsKey("/sys/fs/cgroup");
    }

    private static Mount generated(String destination) {
        Optional<Mount> mount = SpecDefaults.MOUNTS.stream().filter(m -> m.destination().equals(destination)).findFirst();
        return mount.orElseThrow();
    }
}
