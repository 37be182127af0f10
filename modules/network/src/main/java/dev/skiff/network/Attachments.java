package dev.skiff.network;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link Cni#attach} set up for one container, in attach order: what the
 * monitor keeps until teardown and hands to {@link Cni#detach}.
 */
public record Attachments(RuntimeConfig runtime, List<Attachment> list) {
    public Attachments {
        Objects.requireNonNull(runtime, "runtime");
        list = List.copyOf(list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** The same attachments once the namespace is gone (DEL then gets an empty CNI_NETNS). */
    public Attachments withoutNetns() {
        return new Attachments(runtime.withoutNetns(), list);
    }
}
