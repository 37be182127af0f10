package dev.skiff.network;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Teardown did not finish cleanly: every DEL that failed, in the order they ran. Detach
 * goes on past each failure so one broken plugin does not leak the others' resources.
 */
public final class DetachException extends CniException {
    private static final long serialVersionUID = 1L;

    private final transient List<PluginException> failures;

    public DetachException(List<PluginException> failures) {
        super(failures.size() + " CNI DEL failure(s): "
                + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")));
        this.failures = List.copyOf(failures);
        failures.forEach(this::addSuppressed);
    }

    public List<PluginException> failures() {
        return failures;
    }
}
