package dev.skiff.spec;

import java.util.List;

/**
 * One rule of {@code linux.seccomp.syscalls}: an action for the named syscalls, optionally only
 * when all {@code args} conditions hold.
 *
 * @param errnoRet the errno for {@code SCMP_ACT_ERRNO}/{@code SCMP_ACT_TRACE}; null for the default
 */
public record Syscall(List<String> names, SeccompAction action, Integer errnoRet, List<SeccompArg> args) {
    public Syscall {
        names = Copies.list(names);
        args = Copies.list(args);
    }

    public static Syscall of(SeccompAction action, String... names) {
        return new Syscall(List.of(names), action, null, List.of());
    }
}
