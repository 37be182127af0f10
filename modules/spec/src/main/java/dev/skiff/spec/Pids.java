package dev.skiff.spec;

/** {@code linux.resources.pids}: the most tasks the cgroup may hold ({@code -1}: no limit). */
public record Pids(long limit) {}
