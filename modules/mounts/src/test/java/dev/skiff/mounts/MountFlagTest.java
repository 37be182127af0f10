package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.spec.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --mount} parsing: every accepted form and every error, by table. {@code $H} is an existing host directory. */
class MountFlagTest {
    @TempDir
    Path tmp;

    String host;

    @BeforeEach
    void setUp() throws IOException {
        host = Files.createDirectories(tmp.resolve("data")).toString();
        Files.createDirectories(tmp.resolve("with:colon"));
    }

    private String expand(String s) {
        return s.replace("$H", host).replace("$T", tmp.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            type=bind,source=$H,destination=/data                     | bind  | /data | rw,private,rbind
            type=bind,src=$H,dst=/data                                | bind  | /data | rw,private,rbind
            src=$H,target=/data/,type=bind                            | bind  | /data | rw,private,rbind
            type=bind,src=$H,dst=/data,ro                             | bind  | /data | ro,private,rbind
            type=bind,src=$H,dst=/data,readonly                       | bind  | /data | ro,private,rbind
            type=bind,src=$H,dst=/data,readonly=true                  | bind  | /data | ro,private,rbind
            type=bind,src=$H,dst=/data,readonly=false                 | bind  | /data | rw,private,rbind
            type=bind,src=$H,dst=/data,rw                             | bind  | /data | rw,private,rbind
            type=bind,src=$H,dst=/data,bind-propagation=rshared       | bind  | /data | rw,rshared,rbind
            type=bind,src=$H,dst=/data,bind-propagation=slave,ro      | bind  | /data | ro,slave,rbind
            type=bind,src=$H,dst=/data,bind-nonrecursive              | bind  | /data | rw,private,bind
            type=bind,src=$H,dst=/data,relabel=shared                 | bind  | /data | rw,private,rbind
            type=bind,src=$H,dst=/data,Z,nosuid                       | bind  | /data | rw,nosuid,private,rbind
            type=bind,src=$H,dst=/data,consistency=cached             | bind  | /data | rw,private,rbind
            type=bind,src=$T/with:colon,dst=/c                        | bind  | /c    | rw,private,rbind
            type=tmpfs,destination=/scratch                           | tmpfs | /scratch | rw,private
            type=tmpfs,dst=/scratch,tmpfs-size=64m                    | tmpfs | /scratch | rw,private,size=64m
            type=tmpfs,target=/scratch,tmpfs-size=1048576,tmpfs-mode=1777 | tmpfs | /scratch | rw,private,size=1048576,mode=1777
            type=tmpfs,dst=/scratch,tmpfs-mode=0755,ro,noexec         | tmpfs | /scratch | ro,noexec,private,mode=755
            type=tmpfs,dst=/scratch,tmpfs-size=50%                    | tmpfs | /scratch | rw,private,size=50%
            """)
    void acceptsMount(String spec, String type, String destination, String options) throws MountException {
        Mount mount = VolumeSpec.parseMount(expand(spec)).toMount();

        assertThat(mount.type()).isEqualTo(type);
        assertThat(mount.destination()).isEqualTo(destination);
        assertThat(mount.options()).containsExactly(options.split(","));
        assertThat(mount.source()).isEqualTo(type.equals("tmpfs") ? "tmpfs" : expand(spec).replaceAll(".*(src|source)=([^,]*).*", "$2"));
    }

    @Test
    void hostPathWithColonWorksThroughMount() throws MountException {
        BindVolume volume = (BindVolume) VolumeSpec.parseMount("type=bind,src=" + tmp + "/with:colon,dst=/c");
        assertThat(volume.source()).isEqualTo(tmp.resolve("with:colon"));
    }

    @Test
    void relabelAndTmpfsFieldsAreKept() throws MountException {
        BindVolume bind = (BindVolume) VolumeSpec.parseMount("type=bind,src=" + host + ",dst=/d,relabel=private");
        assertThat(bind.relabel()).isEqualTo(Relabel.PRIVATE);
        TmpfsVolume tmpfs = (TmpfsVolume) VolumeSpec.parseMount("type=tmpfs,dst=/t,tmpfs-size=8m,tmpfs-mode=700");
        assertThat(tmpfs.size()).isEqualTo("8m");
        assertThat(tmpfs.mode()).isEqualTo(0700);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                                  | "mount ``: empty value"
            src=$H,dst=/data                                    | "no type (give type=bind or type=tmpfs)"
            type=volume,src=v,dst=/data                         | "type `volume` is not supported (bind and tmpfs are)"
            type=bind,type=bind,src=$H,dst=/d                   | "option `type` given twice"
            type=bind,dst=/data                                 | "no source (give source= or src=)"
            type=bind,src=$H                                    | "no destination (give destination=, dst= or target=)"
            type=bind,src=,dst=/data                            | "option `src` needs a value"
            type=bind,src=$H,dst=                               | "option `dst` needs a value"
            type=bind,src=$H,dst=data                           | "container path `data` is not absolute"
            type=bind,src=$H,dst=/                              | "container path `/` would cover the container's root"
            type=bind,src=rel,dst=/data                         | "host path `rel` is not absolute"
            type=bind,src=$T/missing,dst=/data                  | "host path `$T/missing` does not exist"
            type=bind,src=$H,source=$H,dst=/data                | "option `source` given twice"
            type=bind,src=$H,dst=/a,target=/b                   | "option `destination` given twice"
            type=bind,src=$H,dst=/data,ro,rw                    | "conflicting options `ro` and `rw`"
            type=bind,src=$H,dst=/data,readonly,ro              | "conflicting options `readonly` and `ro`"
            type=bind,src=$H,dst=/data,readonly=maybe           | "option `readonly` takes true or false, not `maybe`"
            type=bind,src=$H,dst=/data,rw=1                     | "option `rw` takes no value"
            type=bind,src=$H,dst=/data,bind-propagation=sideways | "unknown propagation `sideways`"
            type=bind,src=$H,dst=/data,bind-propagation=        | "option `bind-propagation` needs a value"
            type=bind,src=$H,dst=/d,bind-propagation=shared,bind-propagation=slave | "option `bind-propagation` given twice"
            type=bind,src=$H,dst=/d,relabel=both                | "option `relabel` takes shared or private, not `both`"
            type=bind,src=$H,dst=/d,z,relabel=private           | "conflicting options `z` and `relabel`"
            type=bind,src=$H,dst=/d,nosuid=1                    | "option `nosuid` takes no value"
            type=bind,src=$H,dst=/d,tmpfs-size=1m               | "option `tmpfs-size` does not apply to type=bind"
            type=tmpfs,src=$H,dst=/d                            | "option `src` does not apply to type=tmpfs"
            type=tmpfs,dst=/d,bind-propagation=shared           | "option `bind-propagation` does not apply to type=tmpfs"
            type=tmpfs,dst=/d,tmpfs-size=64MB                   | "size `64MB` is not a tmpfs size"
            type=tmpfs,dst=/d,tmpfs-size=-1                     | "size `-1` is not a tmpfs size"
            type=tmpfs,dst=/d,tmpfs-mode=rwx                    | "tmpfs-mode `rwx` is not an octal mode"
            type=tmpfs,dst=/d,tmpfs-mode=17777                  | "tmpfs-mode `17777` is beyond 7777"
            type=tmpfs,dst=/d,,ro                               | "empty option"
            type=tmpfs,dst=/d,bogus                             | "unknown option `bogus`"
            type=tmpfs,dst=/d,bogus=1                           | "unknown option `bogus`"
            """)
    void rejectsMount(String spec, String message) {
        String expanded = expand(spec);
        assertThatThrownBy(() -> VolumeSpec.parseMount(expanded))
                .isInstanceOf(MountException.class)
                .hasMessageStartingWith("mount `" + expanded + "`: ")
                .hasMessageContaining(expand(message));
    }
}
