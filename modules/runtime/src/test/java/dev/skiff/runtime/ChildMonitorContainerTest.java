package dev.skiff.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.Processes;
import dev.skiff.runtime.monitor.MonitorProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The default: each container is owned by a monitor child process; this JVM stays as it was. */
@Tag("integration")
class ChildMonitorContainerTest extends ContainerContract {

    @Override
    ContainerBuilder configure(ContainerBuilder builder) {
        return builder;
    }

    @Test
    void aMonitorWhoseLibraryGoesAwayStopsTheContainerAndCleansUp() throws Exception {
        try (Container c = container("sleep", "600").stopGracePeriod(Duration.ofMillis(300)).start()) {
            long init = c.pid();
            // What the monitor sees when this JVM dies: its end of the control socket closes.
            ((MonitorProcess) c.session()).close();
            assertThatThrownBy(() -> c.onExit().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SkiffException.class).hasMessageContaining("without reporting");
            assertThat(Files.exists(Path.of("/proc/" + init))).isFalse();
        }
    }

    @Test
    void thisJvmDoesNotBecomeASubreaper() throws Exception {
        try (Container c = container("true").start()) {
            c.waitFor();
        }
        assertThat(Processes.isChildSubreaper()).isFalse();
    }
}
