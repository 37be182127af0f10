package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * {@code linux.seccomp}: the syscall filter.
 *
 * @param defaultErrnoRet errno for a default action of ERRNO; null means EPERM
 * @param architectures {@code SCMP_ARCH_X86_64}, ... (strings: the set grows with libseccomp)
 * @param flags {@code SECCOMP_FILTER_FLAG_LOG}, ...
 * @param extensions properties this model does not name, kept for round trips
 */
public record Seccomp(
        SeccompAction defaultAction,
        Integer defaultErrnoRet,
        List<String> architectures,
        List<String> flags,
        String listenerPath,
        String listenerMetadata,
        List<Syscall> syscalls,
        @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions) {

    public Seccomp {
        architectures = Copies.list(architectures);
        flags = Copies.list(flags);
        syscalls = Copies.list(syscalls);
        extensions = Copies.map(extensions);
    }
}
