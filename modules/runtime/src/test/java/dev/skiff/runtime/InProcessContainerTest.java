package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.libc.Processes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The opt-in: the monitor runs in this JVM, which becomes a child subreaper. The pom
 * runs this class in a JVM of its own so that no other test shares that state.
 */
@Tag("integration")
class InProcessContainerTest extends ContainerContract {

    @Override
    ContainerBuilder configure(ContainerBuilder builder) {
        return builder.monitorInProcess(true);
    }

    @Test
    void thisJvmBecomesASubreaper() throws Exception {
        try (Container c = container("true").start()) {
            c.waitFor();
        }
        assertThat(Processes.isChildSubreaper()).isTrue();
    }
}
