package dev.skiff.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@link BuildahOracleIT}'s table: the flags given to {@code skiff run} and the
 * same options in buildah's terms. buildah takes some options at {@code buildah run} and the
 * rest (resources, ulimits, security options, ID maps) only at {@code buildah from}; image
 * settings come from {@code buildah config}.
 */
final class OracleCase {
    final String name;
    final List<String> skiff = new ArrayList<>();
    final List<String> buildahFrom = new ArrayList<>();
    final List<String> buildahConfig = new ArrayList<>();
    final List<String> buildahRun = new ArrayList<>();
    final List<String> command = new ArrayList<>(List.of("/bin/true"));
    /** Fields Skiff sets that buildah 1.28 cannot: put into buildah's config before comparing. */
    final Map<String, Object> skiffOnly = new LinkedHashMap<>();

    private OracleCase(String name) {
        this.name = name;
    }

    static OracleCase named(String name) {
        return new OracleCase(name);
    }

    /** Flags spelled the same for {@code skiff run} and {@code buildah run}. */
    OracleCase run(String... flags) {
        return skiff(flags).buildahRun(flags);
    }

    /** Flags spelled the same for {@code skiff run} and {@code buildah from}. */
    OracleCase from(String... flags) {
        return skiff(flags).buildahFrom(flags);
    }

    OracleCase skiff(String... flags) {
        skiff.addAll(Arrays.asList(flags));
        return this;
    }

    OracleCase buildahRun(String... flags) {
        buildahRun.addAll(Arrays.asList(flags));
        return this;
    }

    OracleCase buildahFrom(String... flags) {
        buildahFrom.addAll(Arrays.asList(flags));
        return this;
    }

    OracleCase buildahConfig(String... flags) {
        buildahConfig.addAll(Arrays.asList(flags));
        return this;
    }

    OracleCase command(String... command) {
        this.command.clear();
        this.command.addAll(Arrays.asList(command));
        return this;
    }

    /**
     * A field only Skiff can set (buildah 1.28 refuses the option): expected at
     * {@code pointer} (an object field's JSON pointer) with {@code value}.
     */
    OracleCase skiffOnly(String pointer, Object value) {
        skiffOnly.put(pointer, value);
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
