package dev.skiff.stdio;

import dev.skiff.libc.Epoll;
import dev.skiff.libc.Errno;
import dev.skiff.libc.ErrnoException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The poller's state for one descriptor: at most one waiting reader and one waiting
 * writer (a pty master is read by one copy and written by another), and whether the
 * descriptor is in the epoll set. Guarded by a lock, not a monitor, so that a virtual
 * thread contending for it does not pin its carrier on JDK 22/23.
 */
final class Registration {
    enum Direction { READ, WRITE }

    private static final int READ_EVENTS = Epoll.EPOLLIN | Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR;
    private static final int WRITE_EVENTS = Epoll.EPOLLOUT | Epoll.EPOLLHUP | Epoll.EPOLLERR;

    private final int fd;
    private final ReentrantLock lock = new ReentrantLock();
    private Waiter reader;
    private Waiter writer;
    private boolean added;
    private boolean forgotten;

    Registration(int fd) {
        this.fd = fd;
    }

    /** Adds {@code waiter} and (re-)arms the one-shot registration with the union of interests. */
    void arm(Epoll epoll, Waiter waiter, Direction direction) throws ErrnoException {
        waiter.attach(this);
        lock.lock();
        try {
            if (forgotten) {
                waiter.closed();
                return;
            }
            if (direction == Direction.READ) {
                checkVacant(reader, direction);
                reader = waiter;
            } else {
                checkVacant(writer, direction);
                writer = waiter;
            }
            try {
                control(epoll);
            } catch (ErrnoException e) {
                withdrawLocked(waiter);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkVacant(Waiter current, Direction direction) {
        if (current != null && !current.done()) {
            throw new IllegalStateException("fd " + fd + ": two threads wait to " + direction);
        }
    }

    /** On the poller thread: wakes the waiters this event concerns, re-arms for the rest. */
    void dispatch(Epoll epoll, int events) {
        lock.lock();
        try {
            if (reader != null && (events & READ_EVENTS) != 0) {
                reader.ready();
                reader = null;
            }
            if (writer != null && (events & WRITE_EVENTS) != 0) {
                writer.ready();
                writer = null;
            }
            if (!forgotten && (reader != null || writer != null)) {
                control(epoll);
            }
        } catch (ErrnoException e) {
            failAll(e);
        } finally {
            lock.unlock();
        }
    }

    /** A waiter that gave up (interrupted) no longer wants events. */
    void withdraw(Waiter waiter) {
        lock.lock();
        try {
            withdrawLocked(waiter);
        } finally {
            lock.unlock();
        }
    }

    private void withdrawLocked(Waiter waiter) {
        if (reader == waiter) {
            reader = null;
        }
        if (writer == waiter) {
            writer = null;
        }
    }

    /** Removes the descriptor from {@code epoll} (null: the epoll set is going away) and wakes every waiter. */
    void forget(Epoll epoll) {
        lock.lock();
        try {
            forgotten = true;
            if (added && epoll != null) {
                try {
                    epoll.control(Epoll.CTL_DEL, fd, 0, fd);
                } catch (ErrnoException e) {
                    // Already gone with its last descriptor (ENOENT, EBADF): nothing left to remove.
                }
            }
            for (Waiter w : new Waiter[] {reader, writer}) {
                if (w != null) {
                    w.closed();
                }
            }
            reader = null;
            writer = null;
        } finally {
            lock.unlock();
        }
    }

    /** The poller failed: every waiter gets the failure, and the descriptor is done with. */
    void fail(java.io.IOException failure) {
        lock.lock();
        try {
            forgotten = true;
            failAll(failure);
        } finally {
            lock.unlock();
        }
    }

    private void failAll(java.io.IOException e) {
        for (Waiter w : new Waiter[] {reader, writer}) {
            if (w != null) {
                w.failed(e);
            }
        }
        reader = null;
        writer = null;
    }

    /** EPOLL_CTL_ADD the first time, MOD after; each falls back to the other if the kernel disagrees. */
    private void control(Epoll epoll) throws ErrnoException {
        int events = Epoll.EPOLLONESHOT
                | (reader != null ? Epoll.EPOLLIN | Epoll.EPOLLRDHUP : 0)
                | (writer != null ? Epoll.EPOLLOUT : 0);
        int first = added ? Epoll.CTL_MOD : Epoll.CTL_ADD;
        try {
            epoll.control(first, fd, events, fd);
        } catch (ErrnoException e) {
            int fallback = fallback(first, e);
            epoll.control(fallback, fd, events, fd);
        }
        added = true;
    }

    /**
     * ENOENT on MOD: the kernel dropped the descriptor when its file was last closed and
     * this number was reused. EEXIST on ADD: a registration made before ours survives.
     */
    private static int fallback(int op, ErrnoException e) throws ErrnoException {
        if (op == Epoll.CTL_MOD && e.errno() == Errno.ENOENT) {
            return Epoll.CTL_ADD;
        }
        if (op == Epoll.CTL_ADD && e.errno() == Errno.EEXIST) {
            return Epoll.CTL_MOD;
        }
        throw e;
    }
}
