package dev.skiff.spec;

/**
 * One entry of {@code linux.resources.hugepageLimits}.
 *
 * @param pageSize {@code 2MB}, {@code 1GB}, ...
 * @param limit bytes, unsigned
 */
public record HugepageLimit(String pageSize, @Unsigned64 long limit) {}
