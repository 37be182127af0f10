package dev.skiff.cli;

import dev.skiff.mounts.BusyboxRootfs;
import dev.skiff.runtime.SkiffException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code skiff rootfs busybox DIR}: a minimal root filesystem from the host's static busybox. */
final class RootfsCommand {
    private RootfsCommand() {}

    static int run(List<String> argv) throws UsageException, SkiffException {
        if (argv.size() != 2 || !argv.get(0).equals("busybox")) {
            throw new UsageException("usage: skiff rootfs busybox DIR");
        }
        Path dir = Path.of(argv.get(1));
        try {
            BusyboxRootfs.create(dir);
        } catch (IOException e) {
            throw new SkiffException("rootfs busybox " + dir + ": " + e.getMessage(), e);
        }
        System.out.println(dir.toAbsolutePath());
        return 0;
    }
}
