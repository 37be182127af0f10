package dev.skiff.spec;

import java.util.List;

/**
 * One entry of the spec's {@code mounts}.
 *
 * @param options fstab-style options ({@code nosuid}, {@code rbind}, {@code mode=755}, ...)
 * @param uidMappings ID-mapped mount (runtime-spec 1.1); empty for a plain mount
 */
public record Mount(
        String destination,
        String type,
        String source,
        List<String> options,
        List<IdMapping> uidMappings,
        List<IdMapping> gidMappings) {

    public Mount {
        options = Copies.list(options);
        uidMappings = Copies.list(uidMappings);
        gidMappings = Copies.list(gidMappings);
    }

    public static Mount of(String destination, String type, String source, List<String> options) {
        return new Mount(destination, type, source, options, List.of(), List.of());
    }

    public Mount withSource(String source) {
        return new Mount(destination, type, source, options, uidMappings, gidMappings);
    }

    public Mount withOptions(List<String> options) {
        return new Mount(destination, type, source, options, uidMappings, gidMappings);
    }

    public Mount withIdMappings(List<IdMapping> uidMappings, List<IdMapping> gidMappings) {
        return new Mount(destination, type, source, options, uidMappings, gidMappings);
    }
}
