package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code -v} parsing: every accepted form and every error, by table. {@code $H} is an existing host directory. */
class VolumeSpecTest {
    @TempDir
    Path tmp;

    String host;

    @BeforeEach
    void setUp() throws IOException {
        host = Files.createDirectories(tmp.resolve("data")).toString();
        Files.createDirectories(tmp.resolve("a:b"));
    }

    private String expand(String s) {
        return s.replace("$H", host).replace("$T", tmp.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            $H:/data                      | /data     | rw,private,rbind
            $H:/data/                     | /data     | rw,private,rbind
            $H:/a/./b/../data             | /a/data   | rw,private,rbind
            $H:/data:ro                   | /data     | ro,private,rbind
            $H:/data:rw                   | /data     | rw,private,rbind
            $H:/data:z                    | /data     | rw,private,rbind
            $H:/data:Z,ro                 | /data     | ro,private,rbind
            $H:/data:rprivate             | /data     | rw,rprivate,rbind
            $H:/data:shared               | /data     | rw,shared,rbind
            $H:/data:rshared              | /data     | rw,rshared,rbind
            $H:/data:slave                | /data     | rw,slave,rbind
            $H:/data:rslave,ro            | /data     | ro,rslave,rbind
            $H:/data:bind                 | /data     | rw,private,bind
            $H:/data:rbind,ro             | /data     | ro,private,rbind
            $H:/data:nosuid,nodev,noexec  | /data     | rw,nosuid,nodev,noexec,private,rbind
            $H:/data:exec,cached          | /data     | rw,exec,private,rbind
            $T/a\\:b:/x                   | /x        | rw,private,rbind
            """)
    void acceptsVolume(String spec, String destination, String options) throws MountException {
        VolumeSpec volume = VolumeSpec.parseVolume(expand(spec));

        Mount mount = volume.toMount();
        assertThat(mount.type()).isEqualTo("bind");
        assertThat(mount.destination()).isEqualTo(destination);
        assertThat(mount.options()).containsExactly(options.split(","));
        assertThat(volume.spec()).isEqualTo(expand(spec));
    }

    @Test
    void escapedColonIsPartOfTheHostPath() throws MountException {
        BindVolume volume = (BindVolume) VolumeSpec.parseVolume(tmp + "/a\\:b:/x:ro");
        assertThat(volume.source()).isEqualTo(tmp.resolve("a:b"));
        assertThat(volume.readOnly()).isTrue();
    }

    @Test
    void recordsRelabelAndPropagation() throws MountException {
        BindVolume volume = (BindVolume) VolumeSpec.parseVolume(host + ":/data:Z,rslave");
        assertThat(volume.relabel()).isEqualTo(Relabel.PRIVATE);
        assertThat(volume.propagation()).isEqualTo(Propagation.RSLAVE);
        assertThat(((BindVolume) VolumeSpec.parseVolume(host + ":/d:z")).relabel()).isEqualTo(Relabel.SHARED);
        assertThat(((BindVolume) VolumeSpec.parseVolume(host + ":/d")).relabel()).isEqualTo(Relabel.NONE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                       | "volume ``: empty value, expected HOST:CONTAINER[:OPTIONS]"
            $H                       | "volume `$H`: expected HOST:CONTAINER[:OPTIONS]"
            :/data                   | "volume `:/data`: empty host path"
            $H:                      | "volume `$H:`: empty container path"
            $H:/data:                | "volume `$H:/data:`: empty options after the last `:`"
            $H:/data:ro:x            | "volume `$H:/data:ro:x`: too many `:`"
            /a:b                     | "volume `/a:b`: container path `b` is not absolute"
            $H:data                  | "volume `$H:data`: container path `data` is not absolute"
            $H:/                     | "volume `$H:/`: container path `/` would cover the container's root"
            $H:/..                   | "volume `$H:/..`: container path `/..` would cover the container's root"
            data:/data               | "volume `data:/data`: host path `data` is not absolute"
            $T/missing:/data         | "volume `$T/missing:/data`: host path `$T/missing` does not exist"
            $H:/data:rw,ro           | "volume `$H:/data:rw,ro`: conflicting options `rw` and `ro`"
            $H:/data:ro,ro           | "volume `$H:/data:ro,ro`: option `ro` given twice"
            $H:/data:shared,slave    | "volume `$H:/data:shared,slave`: conflicting options `shared` and `slave`"
            $H:/data:private,private | "volume `$H:/data:private,private`: option `private` given twice"
            $H:/data:z,Z             | "volume `$H:/data:z,Z`: conflicting options `z` and `Z`"
            $H:/data:bind,rbind      | "volume `$H:/data:bind,rbind`: conflicting options `bind` and `rbind`"
            $H:/data:nosuid,suid     | "volume `$H:/data:nosuid,suid`: conflicting options `nosuid` and `suid`"
            $H:/data:ro,,z           | "volume `$H:/data:ro,,z`: empty option"
            $H:/data:ro,             | "volume `$H:/data:ro,`: empty option"
            $H:/data:bogus           | "volume `$H:/data:bogus`: unknown option `bogus`"
            $H:/data:RO              | "volume `$H:/data:RO`: unknown option `RO`"
            $H:/data:O               | "volume `$H:/data:O`: option `O` (overlay mount) is not supported"
            $H:/data:U               | "volume `$H:/data:U`: option `U` (chown to the container user) is not supported"
            $H:/data:idmap           | "volume `$H:/data:idmap`: option `idmap` (ID-mapped mount) is not supported"
            """)
    void rejectsVolume(String spec, String message) {
        assertThatThrownBy(() -> VolumeSpec.parseVolume(expand(spec)))
                .isInstanceOf(MountException.class)
                .hasMessageStartingWith(expand(message))
                .extracting(e -> ((MountException) e).spec()).isEqualTo(expand(spec));
    }

    @Test
    void syntaxIsCheckedBeforeTheHostPath() {
        // Both wrong: the relative container path is reported, without looking at the host.
        assertThatThrownBy(() -> VolumeSpec.parseVolume(tmp + "/missing:rel"))
                .hasMessageContaining("container path `rel` is not absolute");
    }

    @Test
    void splitColonsKeepsEmptyPartsAndUnescapes() {
        assertThat(VolumeFlag.splitColons("a\\:b:c::")).containsExactly("a:b", "c", "", "");
        assertThat(VolumeFlag.splitColons("\\:x")).containsExactly(":x");
        assertThat(VolumeFlag.splitColons("a\\b:c")).containsExactly("a\\b", "c");
        assertThat(VolumeFlag.splitColons("")).containsExactly("");
        assertThat(List.of(VolumeFlag.splitColons("/a:/b:ro").toArray())).hasSize(3);
    }
}
