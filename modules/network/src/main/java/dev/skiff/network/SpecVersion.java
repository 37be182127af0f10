package dev.skiff.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CNI spec version ({@code cniVersion}), compared numerically so the version rules of
 * the spec (prevResult chaining from 0.3.0, CHECK and DEL's prevResult from 0.4.0) read
 * as comparisons.
 */
public record SpecVersion(int major, int minor, int patch) implements Comparable<SpecVersion> {
    public static final SpecVersion V0_1_0 = new SpecVersion(0, 1, 0);
    public static final SpecVersion V0_2_0 = new SpecVersion(0, 2, 0);
    public static final SpecVersion V0_3_0 = new SpecVersion(0, 3, 0);
    public static final SpecVersion V0_3_1 = new SpecVersion(0, 3, 1);
    public static final SpecVersion V0_4_0 = new SpecVersion(0, 4, 0);
    public static final SpecVersion V1_0_0 = new SpecVersion(1, 0, 0);

    // Semantic versions as configs spell them; libcni also accepts a missing patch.
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?");

    public SpecVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version part: " + major + "." + minor + "." + patch);
        }
    }

    /** Parses {@code "0.4.0"} (or {@code "0.4"}); fails with the text it could not read. */
    public static SpecVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a CNI version: \"" + text + "\"");
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new SpecVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch);
    }

    public boolean atLeast(SpecVersion other) {
        return compareTo(other) >= 0;
    }

    /** From 0.4.0 on the runtime may CHECK an attachment. */
    public boolean hasCheck() {
        return atLeast(V0_4_0);
    }

    /** From 0.4.0 on DEL (and CHECK) receive the ADD result as prevResult. */
    public boolean deleteGetsPrevResult() {
        return atLeast(V0_4_0);
    }

    @Override
    public int compareTo(SpecVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
