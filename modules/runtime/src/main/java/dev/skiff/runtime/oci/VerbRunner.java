package dev.skiff.runtime.oci;

import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import dev.skiff.libc.Processes;
import dev.skiff.libc.WaitStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs one runtime verb to completion. Processes are spawned with posix_spawn through
 * the libc layer, never ProcessBuilder: the monitor is a child subreaper and must know
 * every child it has, and create needs exact control of the child's descriptors.
 */
final class VerbRunner {
    private static final int MAX_OUTPUT = 1 << 20;

    private VerbRunner() {}

    /** What a finished verb left: its status and its combined stdout and stderr. */
    record Outcome(WaitStatus status, String output) {
        boolean succeeded() {
            return status instanceof WaitStatus.Exited e && e.code() == 0;
        }
    }

    /** Runs argv with stdin from /dev/null and stdout+stderr captured. Blocks the calling thread. */
    static Outcome run(List<String> argv) throws IOException {
        OwnedFd[] pipe = Fds.pipe(Fds.O_CLOEXEC);
        try (OwnedFd read = pipe[0]; OwnedFd write = pipe[1];
                OwnedFd devNull = Fds.open("/dev/null", Fds.O_RDONLY | Fds.O_CLOEXEC, 0)) {
            int pid = Processes.spawn(new Processes.Spawn(argv.getFirst(), argv, null,
                    Map.of(0, devNull.fd(), 1, write.fd(), 2, write.fd())));
            write.close();
            String output = drain(read);
            return new Outcome(Processes.waitPid(pid), output);
        }
    }

    /** Runs argv with the given descriptors as its 0, 1 and 2; nothing is captured. */
    static WaitStatus runWith(List<String> argv, Map<Integer, Integer> fds) throws ErrnoException {
        int pid = Processes.spawn(new Processes.Spawn(argv.getFirst(), argv, null, fds));
        return Processes.waitPid(pid);
    }

    private static String drain(OwnedFd read) throws ErrnoException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(8192);
            long n;
            while ((n = Fds.read(read.fd(), buf, buf.byteSize())) > 0) {
                if (out.size() < MAX_OUTPUT) {
                    out.writeBytes(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
