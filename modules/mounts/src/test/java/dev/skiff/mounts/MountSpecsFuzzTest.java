package dev.skiff.mounts;

import dev.skiff.testkit.Fuzz;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile {@code -v}, {@code --mount}, {@code --add-host}, {@code --shm-size} and
 * {@code --user} values: each parses or throws its parser's error ({@link MountException};
 * for user specs the documented IllegalArgumentException). Bind sources are only looked up
 * (Files.exists), never opened.
 */
class MountSpecsFuzzTest {

    @Test
    void volumes() {
        Fuzz.check("volume", Fuzz.nearValid(List.of("/tmp:/data", "/tmp:/data:ro,z", "/:/host:ro,rslave",
                "/tmp:/data:rw,rshared,nosuid,nodev,noexec,bind", "/tmp:/a/b/../c/:Z,private,suid,dev,exec,rbind",
                "/tmp/a\\:b:/x", "/tmp:/data:cached,delegated")),
                VolumeSpec::parseVolume, MountException.class);
    }

    @Test
    void mounts() {
        Fuzz.check("mount", Fuzz.nearValid(List.of("type=bind,source=/tmp,destination=/data,ro",
                "type=bind,src=/tmp,dst=/d,bind-propagation=rslave,relabel=shared,readonly=false",
                "type=bind,source=/tmp,target=/d,bind-nonrecursive,z,nosuid,consistency=cached",
                "type=tmpfs,destination=/t,tmpfs-size=64m,tmpfs-mode=1777",
                "type=tmpfs,dst=/run,tmpfs-size=50%,rw,noexec")),
                VolumeSpec::parseMount, MountException.class);
    }

    @Test
    void addHosts() {
        Fuzz.check("add-host", Fuzz.nearValid(List.of("db:10.0.0.1", "db:fd00::1", "a.b-c:255.255.255.255",
                "x:::1", "h:::ffff:1.2.3.4", "h:fe80::1")),
                ExtraHost::parse, MountException.class);
    }

    @Test
    void shmSizes() {
        Fuzz.check("shm-size", Fuzz.nearValid(List.of("64m", "1g", "50%", "1024", "8E", "9999999999999999999")),
                TmpfsSize::checkShmSize, MountException.class);
    }

    @Test
    void userSpecs() {
        Fuzz.check("user", Fuzz.nearValid(List.of("1000", "app:staff", "0:0", "", "4294967294:1", "nobody",
                "www-data:65534")),
                UserSpec::parse, IllegalArgumentException.class);
    }
}
