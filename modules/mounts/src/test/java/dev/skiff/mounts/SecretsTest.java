package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skiff.libc.Processes;
import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mounts.conf: which file, its lines, and the copies made of its entries. */
class SecretsTest {
    private static final HostOwner CONTAINER_ROOT = new HostOwner(100000, 100001);

    @TempDir
    Path tmp;

    Path secrets;
    Path bundle;

    @BeforeEach
    void setUp() throws IOException {
        secrets = Files.createDirectories(tmp.resolve("host/secrets"));
        Path certs = Files.createDirectories(secrets.resolve("certs"));
        Files.writeString(certs.resolve("entitlement.pem"), "-----BEGIN-----\n");
        Files.setAttribute(certs.resolve("entitlement.pem"), "unix:mode", 0600);
        Files.setAttribute(certs, "unix:mode", 0750);
        Files.writeString(secrets.resolve("token"), "t0k3n\n");
        Files.createSymbolicLink(secrets.resolve("linked"), secrets.resolve("token"));
        bundle = Files.createDirectories(tmp.resolve("bundle"));
    }

    private static long attr(Path path, String name) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS)).longValue();
    }

    @Test
    void parsesLinesAsContainersCommonDoes() {
        MountsConf conf = MountsConf.parse(Path.of("mounts.conf"), List.of(
                "# RHEL subscriptions",
                "/usr/share/rhel/secrets:/run/secrets",
                "",
                "  /etc/foo.conf  ",
                "/etc/a:run/a/",
                "/etc/escape:/run/../../etc",
                "relative:/x",
                ":/x",
                "/etc/root:/"));

        assertThat(conf.entries()).containsExactly(
                new MountsConf.Entry(Path.of("/usr/share/rhel/secrets"), "/run/secrets"),
                new MountsConf.Entry(Path.of("/etc/foo.conf"), "/etc/foo.conf"),
                new MountsConf.Entry(Path.of("/etc/a"), "/run/a"));
    }

    @Test
    void theFirstExistingFileIsUsedAloneNotMerged() throws IOException {
        Path etc = tmp.resolve("etc-mounts.conf");
        Path usr = Files.writeString(tmp.resolve("usr-mounts.conf"), "/usr/thing:/run/usr\n");

        Optional<MountsConf> onlyUsr = MountsConf.load(List.of(etc, usr));
        Files.writeString(etc, "/etc/thing:/run/etc\n");
        Optional<MountsConf> etcWins = MountsConf.load(List.of(etc, usr));

        assertThat(onlyUsr.orElseThrow().entries()).extracting(MountsConf.Entry::container).containsExactly("/run/usr");
        assertThat(etcWins.orElseThrow().file()).isEqualTo(etc);
        assertThat(etcWins.orElseThrow().entries()).extracting(MountsConf.Entry::container).containsExactly("/run/etc");
        assertThat(MountsConf.load(List.of(tmp.resolve("none")))).isEmpty();
    }

    @Test
    void defaultSearchPathIsEtcThenUsrShareWithTheUsersFirstWhenRootless() {
        assertThat(MountsConf.searchPath(false))
                .containsExactly(Path.of("/etc/containers/mounts.conf"), Path.of("/usr/share/containers/mounts.conf"));
        assertThat(MountsConf.searchPath(true)).hasSize(3).last().isEqualTo(MountsConf.DEFAULT_FILE);
        assertThat(MountsConf.searchPath(true).getFirst().toString()).endsWith("/.config/containers/mounts.conf");
    }

    @Test
    void entriesAreCopiedIntoTheBundleOwnedByTheContainersRootAndMounted() throws IOException {
        assumeTrue(Processes.geteuid() == 0, "chown to the container's root needs root");
        MountsConf conf = MountsConf.parse(tmp.resolve("mounts.conf"), List.of(
                secrets + ":/run/secrets",
                secrets.resolve("token") + ":/etc/token",
                tmp.resolve("missing") + ":/run/missing",
                secrets.resolve("token") + ":/run/secrets"));
        CreatedFiles created = new CreatedFiles();

        List<Mount> mounts = SecretMounts.copy(conf, bundle, CONTAINER_ROOT, java.util.Set.of(), created);

        Map<String, Mount> byDestination = mounts.stream().collect(Collectors.toMap(Mount::destination, m -> m));
        Path copy = bundle.resolve("secrets/run/secrets");
        assertThat(byDestination).containsOnlyKeys("/run/secrets", "/etc/token");
        assertThat(byDestination.get("/run/secrets"))
                .isEqualTo(Mount.of("/run/secrets", "bind", copy.toString(), List.of("bind", "rprivate")));
        assertThat(Files.readString(copy.resolve("certs/entitlement.pem"))).isEqualTo("-----BEGIN-----\n");
        assertThat(Files.readString(copy.resolve("linked"))).isEqualTo("t0k3n\n");
        assertThat(Files.isSymbolicLink(copy.resolve("linked"))).isFalse();
        assertThat(attr(copy.resolve("certs/entitlement.pem"), "mode") & 07777).isEqualTo(0600);
        assertThat(attr(copy.resolve("certs"), "mode") & 07777).isEqualTo(0750);
        for (Path p : List.of(copy, copy.resolve("certs"), copy.resolve("certs/entitlement.pem"), copy.resolve("token"))) {
            assertThat(attr(p, "uid")).as(p.toString()).isEqualTo(CONTAINER_ROOT.uid());
            assertThat(attr(p, "gid")).as(p.toString()).isEqualTo(CONTAINER_ROOT.gid());
        }
        assertThat(Files.readString(bundle.resolve("secrets/etc/token"))).isEqualTo("t0k3n\n");
        assertThat(created.paths()).containsExactly(bundle.resolve("secrets"));

        created.deleteAll();
        assertThat(bundle).isEmptyDirectory();
        assertThat(secrets.resolve("token")).exists();
    }

    @Test
    void aVolumeOverTheSecretsPathSkipsTheCopy() throws IOException {
        MountsConf conf = MountsConf.parse(tmp.resolve("mounts.conf"), List.of(secrets + ":/run/secrets"));

        List<Mount> mounts = SecretMounts.copy(conf, bundle, HostOwner.ROOT, java.util.Set.of("/run/secrets"),
                new CreatedFiles());

        assertThat(mounts).isEmpty();
        assertThat(bundle).isEmptyDirectory();
    }
}
