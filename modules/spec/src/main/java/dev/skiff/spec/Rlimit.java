package dev.skiff.spec;

/**
 * One entry of {@code process.rlimits}.
 *
 * @param type {@code RLIMIT_NOFILE}, {@code RLIMIT_NPROC}, ...
 * @param hard unsigned; {@code -1L} is RLIM_INFINITY (printed 18446744073709551615)
 * @param soft unsigned, as {@code hard}
 */
public record Rlimit(String type, @Unsigned64 long hard, @Unsigned64 long soft) {}
