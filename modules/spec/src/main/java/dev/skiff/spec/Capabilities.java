package dev.skiff.spec;

import java.util.List;

/** {@code process.capabilities}: the five capability sets, as {@code CAP_*} names. */
public record Capabilities(
        List<String> bounding,
        List<String> effective,
        List<String> inheritable,
        List<String> permitted,
        List<String> ambient) {

    public static final Capabilities EMPTY = new Capabilities(null, null, null, null, null);

    public Capabilities {
        bounding = Copies.list(bounding);
        effective = Copies.list(effective);
        inheritable = Copies.list(inheritable);
        permitted = Copies.list(permitted);
        ambient = Copies.list(ambient);
    }

    public Capabilities withBounding(List<String> bounding) {
        return new Capabilities(bounding, effective, inheritable, permitted, ambient);
    }

    public Capabilities withEffective(List<String> effective) {
        return new Capabilities(bounding, effective, inheritable, permitted, ambient);
    }

    public Capabilities withInheritable(List<String> inheritable) {
        return new Capabilities(bounding, effective, inheritable, permitted, ambient);
    }

    public Capabilities withPermitted(List<String> permitted) {
        return new Capabilities(bounding, effective, inheritable, permitted, ambient);
    }

    public Capabilities withAmbient(List<String> ambient) {
        return new Capabilities(bounding, effective, inheritable, permitted, ambient);
    }
}
