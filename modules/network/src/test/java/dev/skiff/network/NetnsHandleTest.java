package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.libc.ErrnoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The namespace handle on this process's own namespaces (no root needed). */
class NetnsHandleTest {

    @Test
    void holdsTheNamespaceAndExposesAPathToIt() throws Exception {
        String own = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        assertThat(own).startsWith("net:[");
        NetnsHandle handle = NetnsHandle.ofPid(ProcessHandle.current().pid());
        Path path = handle.path();
        try {
            assertThat(path.toString()).startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/");
            assertThat(handle.identity()).isEqualTo(own);
            assertThat(Files.readSymbolicLink(path).toString()).isEqualTo(own);
        } finally {
            handle.close();
        }
        handle.close(); // a second close is harmless
        assertThat(handle.isOpen()).isFalse();
        assertThatThrownBy(handle::path).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // The descriptor is gone (or its number reused for something else).
        assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && Files.readSymbolicLink(path).toString().equals(own)).isFalse();
    }

    @Test
    void refusesAFileThatIsNotANetworkNamespace() {
        assertThatThrownBy(() -> NetnsHandle.open(Path.of("/proc/self/ns/uts")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a network namespace (it is uts:[");
    }

    @Test
    void refusesAFileThatIsNoNamespaceAtAll() {
        assertThatThrownBy(() -> NetnsHandle.open(Path.of("/etc/hosts")))
                .isInstanceOf(IOException.class)
                .hasMessage("/etc/hosts is not a namespace file");
    }

    @Test
    void aMissingFileIsAnErrnoException() {
        assertThatThrownBy(() -> NetnsHandle.open(Path.of("/proc/self/ns/nope")))
                .isInstanceOf(ErrnoException.class)
                .hasMessageContaining("ENOENT");
    }
}
