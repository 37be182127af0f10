package dev.skiff.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A caller's stream shared by the stdout and stderr copies ({@code redirectErrorStream}):
 * each chunk is written and flushed whole. A lock rather than synchronized, so a virtual
 * thread waiting for it does not pin its carrier on older JDKs.
 */
final class LockedOutputStream extends OutputStream {
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();

    LockedOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            out.write(b, off, len);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** The caller owns the stream: the relay never closes it. */
    @Override
    public void close() {}
}
