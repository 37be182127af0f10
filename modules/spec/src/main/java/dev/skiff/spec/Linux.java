package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec's {@code linux} object.
 *
 * @param sysctl kernel parameters set in the container's namespaces
 * @param cgroupsPath the cgroup to create or join; null lets the runtime choose
 * @param rootfsPropagation {@code private}, {@code rslave}, {@code shared}, ...
 * @param extensions properties this model does not name ({@code timeOffsets}, {@code netDevices},
 *     ...), kept so that a read-then-write loses nothing
 */
public record Linux(
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings,
        Map<String, String> sysctl,
        Resources resources,
        String cgroupsPath,
        List<Namespace> namespaces,
        List<Device> devices,
        Seccomp seccomp,
        String rootfsPropagation,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        String mountLabel,
        IntelRdt intelRdt,
        Personality personality,
        @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions) {

    /** A linux object with nothing set. */
    public static final Linux EMPTY =
            new Linux(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public Linux {
        uidMappings = Copies.list(uidMappings);
        gidMappings = Copies.list(gidMappings);
        sysctl = Copies.sortedMap(sysctl);
        namespaces = Copies.list(namespaces);
        devices = Copies.list(devices);
        maskedPaths = Copies.list(maskedPaths);
        readonlyPaths = Copies.list(readonlyPaths);
        extensions = Copies.map(extensions);
    }

    /** The entry of this type, if any (runc rejects a type listed twice). */
    public Optional<Namespace> namespace(NamespaceType type) {
        return namespaces.stream().filter(namespace -> namespace.type() == type).findFirst();
    }

    /**
     * Replaces the entry of the same type in place, or appends one (runtime-tools'
     * {@code AddOrReplaceLinuxNamespace}).
     */
    public Linux withNamespace(Namespace namespace) {
        List<Namespace> changed = new ArrayList<>(namespaces);
        for (int i = 0; i < changed.size(); i++) {
            if (changed.get(i).type() == namespace.type()) {
                changed.set(i, namespace);
                return withNamespaces(changed);
            }
        }
        changed.add(namespace);
        return withNamespaces(changed);
    }

    /** Removes every entry of this type: the container then shares the runtime's namespace. */
    public Linux withoutNamespace(NamespaceType type) {
        List<Namespace> changed = new ArrayList<>(namespaces);
        changed.removeIf(namespace -> namespace.type() == type);
        return withNamespaces(changed);
    }

    public Linux withNamespaces(List<Namespace> namespaces) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withUidMappings(List<IdMapping> uidMappings) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withGidMappings(List<IdMapping> gidMappings) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withSysctl(Map<String, String> sysctl) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withResources(Resources resources) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withCgroupsPath(String cgroupsPath) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withDevices(List<Device> devices) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withSeccomp(Seccomp seccomp) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withRootfsPropagation(String rootfsPropagation) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withMaskedPaths(List<String> maskedPaths) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withReadonlyPaths(List<String> readonlyPaths) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withMountLabel(String mountLabel) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withIntelRdt(IntelRdt intelRdt) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }

    public Linux withPersonality(Personality personality) {
        return new Linux(uidMappings, gidMappings, sysctl, resources, cgroupsPath, namespaces, devices, seccomp,
                rootfsPropagation, maskedPaths, readonlyPaths, mountLabel, intelRdt, personality, extensions);
    }
}
