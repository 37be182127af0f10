package dev.skiff.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A seccomp profile in the containers format ({@code seccomp.json} of containers-common, the
 * format of docker's profiles too): the OCI form plus {@code archMap} and per-rule
 * {@code includes}/{@code excludes} that {@link #toOci} resolves for one container. Everything
 * is checked when the profile is read, so a bad file fails before anything runs.
 *
 * @param architectures the old flat list; a profile has either this or {@code archMap}
 * @param source where the profile came from, for messages
 */
public record SeccompProfile(
        SeccompAction defaultAction,
        Integer defaultErrnoRet,
        List<String> architectures,
        List<ArchMap> archMap,
        List<Rule> syscalls,
        List<String> flags,
        String source) {

    /** The profile bundled with Skiff, used when the system has none. */
    public static final String BUNDLED = "seccomp-default.json";

    public SeccompProfile {
        Objects.requireNonNull(defaultAction, "defaultAction");
        architectures = Copies.list(architectures);
        archMap = Copies.list(archMap);
        syscalls = Copies.list(syscalls);
        flags = Copies.list(flags);
    }

    /** An architecture and the sub-architectures a filter for it must also cover. */
    public record ArchMap(String architecture, List<String> subArchitectures) {
        public ArchMap {
            subArchitectures = Copies.list(subArchitectures);
        }
    }

    /** When a rule applies: all listed caps present, the native arch listed, the kernel at least this. */
    public record Filter(List<String> caps, List<String> arches, KernelVersion minKernel) {
        public static final Filter NONE = new Filter(List.of(), List.of(), null);

        public Filter {
            caps = Copies.list(caps);
            arches = Copies.list(arches);
        }
    }

    /** One syscall rule and the conditions under which it is part of a container's filter. */
    public record Rule(List<String> names, SeccompAction action, Integer errnoRet, List<SeccompArg> args,
            Filter includes, Filter excludes) {
        public Rule {
            names = Copies.list(names);
            args = Copies.list(args);
            includes = includes == null ? Filter.NONE : includes;
            excludes = excludes == null ? Filter.NONE : excludes;
        }
    }

    /** @throws SpecException naming the file when it cannot be read or is not a valid profile */
    public static SeccompProfile read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new SpecException("seccomp profile", path.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** The profile bundled with Skiff (a resource of this module). */
    public static SeccompProfile bundled() {
        try (InputStream in = SeccompProfile.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED + " is missing from dev.skiff.spec");
            }
            return parse(in, "bundled:" + BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled seccomp profile", e);
        }
    }

    /** The system's profile when {@code host} has one, else the bundled one. */
    public static SeccompProfile systemDefault(HostInfo host) {
        return host.seccompProfile().map(SeccompProfile::read).orElseGet(SeccompProfile::bundled);
    }

    /**
     * @param source names the profile in messages
     * @throws SpecException when the JSON is malformed or names an unknown action, operator,
     *     architecture or kernel version
     */
    public static SeccompProfile parse(InputStream json, String source) throws IOException {
        SeccompProfileJson.Profile raw;
        try {
            raw = SeccompProfileReader.read(json);
        } catch (SeccompProfileReader.Mismatch e) {
            throw new SpecException("seccomp profile", source, e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new SpecException("seccomp profile", source, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (raw == null) {
            throw new SpecException("seccomp profile", source, "empty (null)");
        }
        return SeccompProfileJson.convert(raw, source);
    }

    /**
     * This profile with {@code names} refused with {@code errno} whatever the capabilities: they
     * leave every other rule (one left without names goes) and get one ERRNO rule of their own,
     * since libseccomp refuses two rules of different actions for one syscall.
     */
    public SeccompProfile refusing(List<String> names, int errno) {
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : syscalls) {
            List<String> rest = rule.names().stream().filter(n -> !names.contains(n)).toList();
            if (!rest.isEmpty()) {
                rules.add(new Rule(rest, rule.action(), rule.errnoRet(), rule.args(), rule.includes(), rule.excludes()));
            }
        }
        rules.add(new Rule(names, SeccompAction.ERRNO, errno, List.of(), Filter.NONE, Filter.NONE));
        return new SeccompProfile(defaultAction, defaultErrnoRet, architectures, archMap, rules, flags, source);
    }

    /**
     * The OCI {@code linux.seccomp} for one container, as containers/common's
     * {@code setupSeccomp} builds it: the native architecture's {@code archMap} entry and its
     * sub-architectures; the rules whose {@code excludes} do not match and whose
     * {@code includes} all match the container's capabilities, the native architecture and the
     * running kernel; errno returns kept.
     *
     * @param capabilities the container's bounding set, {@code CAP_*} names
     * @param arch the native architecture, libseccomp's short name ({@code amd64})
     */
    public Seccomp toOci(List<String> capabilities, String arch, KernelVersion kernel) {
        List<Syscall> rules = new ArrayList<>();
        for (Rule rule : syscalls) {
            if (!excluded(rule.excludes(), capabilities, arch, kernel) && included(rule.includes(), capabilities, arch, kernel)) {
                rules.add(new Syscall(rule.names(), rule.action(), rule.errnoRet(), rule.args()));
            }
        }
        return new Seccomp(defaultAction, defaultErrnoRet, ociArchitectures(arch), flags, null, null, rules, null);
    }

    private List<String> ociArchitectures(String arch) {
        if (!architectures.isEmpty()) {
            return architectures;
        }
        String nativeArch = SeccompArches.constantOf(arch);
        for (ArchMap entry : archMap) {
            if (entry.architecture().equals(nativeArch)) {
                List<String> all = new ArrayList<>(List.of(entry.architecture()));
                all.addAll(entry.subArchitectures());
                return all;
            }
        }
        // No entry for this machine: libseccomp then filters the native architecture only.
        return List.of();
    }

    /** Any one matching condition excludes the rule. */
    private static boolean excluded(Filter f, List<String> caps, String arch, KernelVersion kernel) {
        return f.arches().contains(arch)
                || f.caps().stream().anyMatch(caps::contains)
                || (f.minKernel() != null && kernel.atLeast(f.minKernel()));
    }

    /** Every condition must hold for the rule to be included. */
    private static boolean included(Filter f, List<String> caps, String arch, KernelVersion kernel) {
        return (f.arches().isEmpty() || f.arches().contains(arch))
                && caps.containsAll(f.caps())
                && (f.minKernel() == null || kernel.atLeast(f.minKernel()));
    }
}
