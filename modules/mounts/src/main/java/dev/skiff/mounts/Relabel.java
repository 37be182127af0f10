package dev.skiff.mounts;

/**
 * SELinux relabeling of a bind volume's host path: {@code z} shares the content between
 * containers (level {@code s0}), {@code Z} makes it private to this one (the mount label).
 */
public enum Relabel {
    NONE, SHARED, PRIVATE
}
