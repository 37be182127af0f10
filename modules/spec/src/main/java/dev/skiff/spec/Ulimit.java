package dev.skiff.spec;

import java.util.List;
import java.util.Locale;

/**
 * One {@code --ulimit name=soft[:hard]}, as docker's go-units {@code ParseUlimit} reads it (and
 * buildah with it): the lower-case names below, decimal limits, {@code -1} for unlimited; Skiff
 * also accepts {@code unlimited}. A missing hard limit equals the soft one.
 *
 * @param soft {@code -1} is RLIM_INFINITY
 * @param hard {@code -1} is RLIM_INFINITY
 */
public record Ulimit(String name, long soft, long hard) {
    /** The names docker and buildah accept ({@code as} is not among them). */
    public static final List<String> NAMES = List.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private static final String SUBJECT = "ulimit";

    public Ulimit {
        if (!NAMES.contains(name)) {
            throw new SpecException(SUBJECT, name, "unknown ulimit name (one of " + String.join(", ", NAMES) + ")");
        }
        if (soft < -1 || hard < -1) {
            throw new SpecException(SUBJECT, name, "a limit below -1");
        }
        if (hard != -1 && (soft == -1 || soft > hard)) {
            throw new SpecException(SUBJECT, name + "=" + soft + ":" + hard, "soft limit must not exceed the hard limit");
        }
    }

    /** @throws SpecException naming the whole value and the part that is wrong */
    public static Ulimit parse(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new SpecException(SUBJECT, value, "expected name=soft[:hard]");
        }
        String name = value.substring(0, eq);
        if (!NAMES.contains(name)) {
            throw new SpecException(SUBJECT, value, "unknown ulimit name `" + name + "` (one of " + String.join(", ", NAMES) + ")");
        }
        String[] limits = value.substring(eq + 1).split(":", -1);
        if (limits.length > 2) {
            throw new SpecException(SUBJECT, value, "expected name=soft[:hard]");
        }
        long soft = limit(value, "soft", limits[0]);
        long hard = limits.length == 2 ? limit(value, "hard", limits[1]) : soft;
        if (hard != -1 && (soft == -1 || soft > hard)) {
            throw new SpecException(SUBJECT, value, "soft limit " + shown(soft) + " exceeds hard limit " + hard);
        }
        return new Ulimit(name, soft, hard);
    }

    /** The {@code process.rlimits} entry: {@code RLIMIT_NOFILE} and so on, -1 printed as 2^64-1. */
    public Rlimit toRlimit() {
        return new Rlimit("RLIMIT_" + name.toUpperCase(Locale.ROOT), hard, soft);
    }

    private static long limit(String value, String which, String text) {
        if (text.equals("unlimited")) {
            return -1;
        }
        long limit;
        try {
            limit = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new SpecException(SUBJECT, value, which + " limit `" + text + "` is not a number", e);
        }
        if (limit < -1) {
            throw new SpecException(SUBJECT, value, which + " limit `" + text + "` is negative (use -1 for unlimited)");
        }
        return limit;
    }

    private static String shown(long limit) {
        return limit == -1 ? "unlimited" : Long.toString(limit);
    }
}
