package dev.skiff.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel's {@code major.minor}, the only part seccomp profiles compare ({@code minKernel}):
 * {@code 3.12.25-gentoo} and {@code 3.12-1-amd64} are both 3.12, as in containers/common.
 */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
    private static final Pattern PREFIX = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** @throws SpecException when {@code release} does not start with {@code major.minor} */
    public static KernelVersion parse(String release) {
        Matcher m = PREFIX.matcher(release.trim());
        if (!m.find()) {
            throw new SpecException("kernel version", release, "expected MAJOR.MINOR");
        }
        try {
            return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new SpecException("kernel version", release, "number too large", e);
        }
    }

    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KernelVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
