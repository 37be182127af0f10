package dev.skiff.spec;

import java.util.List;

/**
 * {@code linux.personality}: the execution domain set with personality(2).
 *
 * @param domain {@code LINUX} or {@code LINUX32}
 */
public record Personality(String domain, List<String> flags) {
    public Personality {
        flags = Copies.list(flags);
    }
}
