package dev.skiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spec.CapabilityChanges;
import dev.skiff.spec.IdMapping;
import dev.skiff.spec.NamespaceOption;
import dev.skiff.spec.NamespaceType;
import dev.skiff.spec.ResourceLimits;
import dev.skiff.spec.SeccompOption;
import dev.skiff.spec.SpecOptions;
import dev.skiff.spec.Ulimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecFlagsTest {
    /** Parses like `skiff run` does, failing on flags SpecFlags does not know. */
    private static SpecOptions parse(String... argv) throws UsageException {
        Args args = new Args(List.of(argv));
        SpecOptions.Builder b = SpecOptions.builder().args("true");
        for (String flag = args.nextOption(); flag != null; flag = args.nextOption()) {
            if (!SpecFlags.accept(flag, args, b)) {
                throw new UsageException("not a spec flag: " + flag);
            }
        }
        return SpecFlags.build(b);
    }

    @Test
    void capabilitiesInListsAndBothForms() throws UsageException {
        SpecOptions o = parse("--cap-add", "net_raw,CAP_SYS_ADMIN", "--cap-add=all", "--cap-drop", "Kill");

        assertThat(o.runCapabilities())
                .isEqualTo(new CapabilityChanges(List.of("CAP_NET_RAW", "CAP_SYS_ADMIN", "ALL"), List.of("CAP_KILL")));
        assertThat(o.builderCapabilities()).isEqualTo(CapabilityChanges.NONE);
    }

    @Test
    void userIsKeptAsGiven() throws UsageException {
        assertThat(parse("-u", "app:staff").userSpec()).isEqualTo("app:staff");
        assertThat(parse("--user=1000").userSpec()).isEqualTo("1000");
    }

    @Test
    void ulimitsAndResources() throws UsageException {
        SpecOptions o = parse("--ulimit", "nofile=100:200", "--ulimit=core=-1", "-m", "512m", "--memory-swap=1g",
                "--cpu-period", "100000", "--cpu-quota", "-1", "--cpu-shares=512", "--cpuset-cpus", "0-3,7",
                "--cpuset-mems", "0", "--cgroup-parent", "skiff.slice");

        assertThat(o.ulimits()).containsExactly(new Ulimit("nofile", 100, 200), new Ulimit("core", -1, -1));
        assertThat(o.resources()).isEqualTo(new ResourceLimits(100000L, -1L, 512L, "0-3,7", "0", 536870912L,
                1073741824L, "skiff.slice"));
        assertThat(parse("--memory", "100m", "--memory-swap", "-1").resources().memorySwap()).isEqualTo(-1);
    }

    @Test
    void securityOptions(@TempDir Path dir) throws IOException, UsageException {
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": []}");

        SpecOptions o = parse("--security-opt", "seccomp=" + profile, "--security-opt=apparmor=skiff",
                "--security-opt", "no-new-privileges");
        assertThat(o.seccomp()).isEqualTo(SeccompOption.profile(profile));
        assertThat(o.apparmorProfile()).isEqualTo("skiff");
        assertThat(o.noNewPrivileges()).isTrue();
        assertThat(parse("--security-opt", "seccomp=unconfined").seccomp()).isEqualTo(SeccompOption.UNCONFINED);
        assertThat(parse("--security-opt", "no-new-privileges=false").noNewPrivileges()).isFalse();
        assertThat(parse().seccomp()).isEqualTo(SeccompOption.DEFAULT);
    }

    @Test
    void namespaces(@TempDir Path dir) throws IOException, UsageException {
        Path ns = Files.createFile(dir.resolve("netns"));

        SpecOptions o = parse("--pid", "host", "--ipc=private", "--uts", "ns:" + ns, "--net", "net1,net2");
        assertThat(o.namespaces()).containsExactly(NamespaceOption.host(NamespaceType.PID),
                NamespaceOption.create(NamespaceType.IPC), NamespaceOption.join(NamespaceType.UTS, ns.toString()),
                NamespaceOption.cniNetworks(List.of("net1", "net2")));
        assertThat(parse("--cgroupns", "private").namespace(NamespaceType.CGROUP))
                .contains(NamespaceOption.create(NamespaceType.CGROUP));
        assertThat(parse("--network", "none").networkDisabled()).isTrue();
        assertThat(parse("--network", "none", "--net", "host").namespace(NamespaceType.NETWORK))
                .contains(NamespaceOption.host(NamespaceType.NETWORK));
        assertThat(parse("--network", ns.toString()).namespace(NamespaceType.NETWORK))
                .contains(NamespaceOption.join(NamespaceType.NETWORK, ns.toString()));
    }

    @Test
    void userNamespace(@TempDir Path dir) throws IOException, UsageException {
        Path ns = Files.createFile(dir.resolve("userns"));

        assertThat(parse("--userns", "private").namespace(NamespaceType.USER))
                .contains(NamespaceOption.create(NamespaceType.USER));
        assertThat(parse("--userns=host").namespace(NamespaceType.USER)).contains(NamespaceOption.host(NamespaceType.USER));
        assertThat(parse("--userns", "ns:" + ns).namespace(NamespaceType.USER))
                .contains(NamespaceOption.join(NamespaceType.USER, ns.toString()));
        assertThatThrownBy(() -> parse("--userns", "ns:/nope/user"))
                .hasMessage("flag --userns `ns:/nope/user`: no such namespace file `/nope/user`");
        assertThatThrownBy(() -> parse("--userns", "auto")).hasMessageContaining("flag --userns `auto`");
    }

    @Test
    void idMapsRepeat() throws UsageException {
        SpecOptions o = parse("--uidmap", "0:100000:65536", "--uidmap=65536:0:1", "--gidmap", "0:200000:1:1:300000:10");

        assertThat(o.uidMap()).containsExactly(new IdMapping(0, 100000, 65536), new IdMapping(65536, 0, 1));
        assertThat(o.gidMap()).containsExactly(new IdMapping(0, 200000, 1), new IdMapping(1, 300000, 10));
    }

    @Test
    void imageConfig(@TempDir Path dir) throws IOException, UsageException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"config\": {\"Env\": [\"A=1\"], \"WorkingDir\": \"/app\", \"Volumes\": {\"/data\": {}}}}");

        SpecOptions o = parse("--image-config", file.toString());
        assertThat(o.imageConfig().workingDir()).isEqualTo("/app");
        assertThat(o.imageConfig().volumes()).containsExactly("/data");
    }

    @Test
    void otherFlagsAreNotTaken() throws UsageException {
        Args args = new Args(List.of("--rootfs", "/x"));
        SpecOptions.Builder b = SpecOptions.builder();

        assertThat(SpecFlags.accept(args.nextOption(), args, b)).isFalse();
        assertThat(args.value()).as("the value is still there for the caller").isEqualTo("/x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--cap-add        | NET_RAW,bogus      | flag --cap-add `NET_RAW,bogus`: capability `bogus`: unknown capability",
        "--cap-drop       | wizardry           | flag --cap-drop `wizardry`: unknown capability",
        "--cap-add        | 'a,,b'             | flag --cap-add `a,,b`: empty name in the list",
        "--user           | ''                 | flag --user `` : empty value",
        "--ulimit         | nofile=abc         | flag --ulimit `nofile=abc`: soft limit `abc` is not a number",
        "--ulimit         | nofile=200:100     | flag --ulimit `nofile=200:100`: soft limit 200 exceeds hard limit 100",
        "--ulimit         | bogus=1            | flag --ulimit `bogus=1`: unknown ulimit name `bogus`",
        "--memory         | 12x                | flag --memory `12x`: not a size (a number with an optional unit b, k, m, g, t or p)",
        "-m               | -5                 | flag -m `-5`: not a size",
        "--memory-swap    | lots               | flag --memory-swap `lots`: not a size",
        "--cpu-period     | abc                | flag --cpu-period `abc`: not a number",
        "--cpu-period     | -1                 | flag --cpu-period `-1`: must not be negative",
        "--cpu-quota      | -2                 | flag --cpu-quota `-2`: must be -1 (none) or more",
        "--cpu-shares     | 1.5                | flag --cpu-shares `1.5`: not a number",
        "--cpuset-cpus    | 0-                 | flag --cpuset-cpus `0-`: expected a list such as 0-3,7",
        "--cpuset-mems    | x                  | flag --cpuset-mems `x`: expected a list such as 0-3,7",
        "--cgroup-parent  | ''                 | flag --cgroup-parent `` : empty value",
        "--security-opt   | label=disable      | flag --security-opt `label=disable`: unknown option",
        "--security-opt   | seccomp=           | flag --security-opt `seccomp=`: expected unconfined or a profile path after `=`",
        "--security-opt   | seccomp=/nope.json | flag --security-opt `seccomp=/nope.json`: seccomp profile `/nope.json`: cannot read: ",
        "--security-opt   | apparmor=          | flag --security-opt `apparmor=`: expected a profile name after `=`",
        "--security-opt   | no-new-privileges=maybe | flag --security-opt `no-new-privileges=maybe`: expected true or false",
        "--pid            | bogus              | flag --pid `bogus`: expected host, private, ns:PATH or an absolute path",
        "--ipc            | ns:/nope/ipc       | flag --ipc `ns:/nope/ipc`: no such namespace file `/nope/ipc`",
        "--uts            | none               | flag --uts `none`: expected host, private, ns:PATH or an absolute path",
        "--net            | ns:relative        | flag --net `ns:relative`: expected host, private, none, ns:PATH or CNI network names",
        "--network        | a b                | flag --network `a b`: `a b` is not a CNI network name (letters, digits, _ . -)",
        "--uidmap         | 0:1                | flag --uidmap `0:1`: expected CONTAINER:HOST:SIZE",
        "--gidmap         | 0:x:1              | flag --gidmap `0:x:1`: host ID `x` is not a number from 0 to 4294967295",
        "--image-config   | /nope.json         | flag --image-config `/nope.json`: cannot read: ",
    })
    void badValuesNameTheFlagAndTheValueOnOneLine(String flag, String value, String message) {
        String expected = message.replace("`` :", "``:");
        assertThatThrownBy(() -> parse(flag, value))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(expected)
                .extracting(Throwable::getMessage).asString().doesNotContain("\n");
    }

    @Test
    void aMalformedProfileFailsAtTheFlag(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("p.json");
        Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_MAYBE\"}");

        assertThatThrownBy(() -> parse("--security-opt", "seccomp=" + profile))
                .isInstanceOf(UsageException.class)
                .hasMessage("flag --security-opt `seccomp=" + profile + "`: seccomp profile `" + profile
                        + "`: defaultAction: unknown action `SCMP_ACT_MAYBE`");
    }

    @Test
    void aMalformedImageConfigFailsAtTheFlag(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"config\": {\"Env\": \"A=1\"}}");

        assertThatThrownBy(() -> parse("--image-config", file.toString()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("flag --image-config `" + file + "`: bad Env: ");
    }

    @Test
    void contradictionsBetweenFlagsFailWhenBuilt() {
        assertThatThrownBy(() -> parse("--memory", "1g", "--memory-swap", "512m"))
                .isInstanceOf(UsageException.class)
                .hasMessage("run: memory-swap `536870912`: must not be less than the memory limit 1073741824");
    }

    @Test
    void aMissingValueIsAUsageError() {
        assertThatThrownBy(() -> parse("--ulimit")).isInstanceOf(UsageException.class)
                .hasMessage("flag --ulimit needs a value");
    }
}
