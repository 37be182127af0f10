package dev.skiff.mounts;

import java.util.regex.Pattern;

/**
 * A tmpfs {@code size=} value in the syntax the kernel parses (memparse): a number of bytes
 * with an optional k, m, g, t, p or e suffix, or a percentage of RAM. Checked up front
 * because runc would only fail at mount time, after the bundle is made.
 */
final class TmpfsSize {
    /**
     * buildah's default for {@code --shm-size} (containers/common's {@code shm_size}), spelled
     * as buildah writes it into config.json: 64 MiB.
     */
    static final String DEFAULT_SHM_SIZE = "65536k";

    private static final Pattern SIZE = Pattern.compile("[0-9]{1,19}([kKmMgGtTpPeE]|%)?");

    private TmpfsSize() {}

    static boolean isValid(String size) {
        return SIZE.matcher(size).matches();
    }

    static String problem(String size) {
        return "size `" + size + "` is not a tmpfs size (a number with an optional k, m or g suffix, or a percentage)";
    }

    /** Checks {@code --shm-size}; null means the default. */
    static String checkShmSize(String size) throws MountException {
        if (size == null) {
            return DEFAULT_SHM_SIZE;
        }
        if (!isValid(size)) {
            throw MountException.invalid("shm-size", size, problem(size));
        }
        return size;
    }
}
