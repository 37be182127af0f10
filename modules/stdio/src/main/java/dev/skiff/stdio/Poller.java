package dev.skiff.stdio;

import dev.skiff.libc.Epoll;
import dev.skiff.libc.ErrnoException;
import dev.skiff.libc.Fds;
import dev.skiff.libc.OwnedFd;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Readiness for non-blocking descriptors. One platform daemon thread sits in epoll_wait;
 * a thread that wants to know when a descriptor is readable or writable registers its
 * interest (EPOLLONESHOT, re-armed with EPOLL_CTL_MOD) and parks until that thread
 * unparks it. Virtual threads therefore never block inside a native call, which on a
 * two-core machine would pin one of the two carriers.
 *
 * <p>Wake-ups may be spurious: callers retry their non-blocking call and wait again.
 * Before closing a descriptor that was awaited here, call {@link #forget(int)}, which
 * also wakes anyone still waiting on it.
 */
public final class Poller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Poller.class.getName());
    /** epoll data of the eventfd; descriptors are never negative. */
    private static final long WAKE = -1L;
    private static final int MAX_EVENTS = 64;
    private static volatile Poller shared;

    private final Epoll epoll;
    private final OwnedFd wakeup;
    /** The eventfd counter as read by the poller thread, and as written by {@link #close()}. */
    private final MemorySegment drained = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG);
    private final MemorySegment increment = Arena.ofAuto().allocate(ValueLayout.JAVA_LONG);
    private final ConcurrentHashMap<Integer, Registration> registrations = new ConcurrentHashMap<>();
    /** Readers use the epoll descriptor; the writer closes it. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Thread thread;
    private volatile boolean closing;
    private boolean closed;

    private Poller(Epoll epoll, OwnedFd wakeup, String name) {
        this.epoll = epoll;
        this.wakeup = wakeup;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    /** The poller shared by every relay in this JVM, started on first use; see {@link #shutDownShared()}. */
    public static Poller shared() throws IOException {
        Poller p = shared;
        if (p == null || p.closing) {
            synchronized (Poller.class) {
                p = shared;
                // A poller that died (it logged why) is replaced rather than failing every relay after it.
                if (p == null || p.closing) {
                    p = start("skiff-poller");
                    shared = p;
                }
            }
        }
        return p;
    }

    /**
     * Stops the shared poller, if one was started, and waits for its thread. For a process
     * about to exit: HotSpot's exit waits up to 300 ms for threads that are inside a
     * native call, and the poller thread always is (in epoll_wait). A relay started
     * afterwards gets a new poller.
     */
    public static void shutDownShared() {
        Poller p;
        synchronized (Poller.class) {
            p = shared;
            shared = null;
        }
        if (p != null) {
            p.stop();
        }
    }

    /** A new poller with its own thread; {@link #close()} stops it. */
    public static Poller start(String threadName) throws IOException {
        Epoll epoll = Epoll.create();
        OwnedFd wakeup = null;
        try {
            wakeup = Fds.eventfd(Fds.EFD_CLOEXEC | Fds.EFD_NONBLOCK);
            epoll.control(Epoll.CTL_ADD, wakeup.fd(), Epoll.EPOLLIN, WAKE);
        } catch (ErrnoException e) {
            if (wakeup != null) {
                wakeup.closeQuietly(e::addSuppressed);
            }
            epoll.close();
            throw e;
        }
        Poller poller = new Poller(epoll, wakeup, threadName);
        poller.thread.start();
        return poller;
    }

    /** Parks the calling thread until {@code fd} is readable (or at end of file, or in error). */
    public void awaitReadable(int fd) throws IOException, InterruptedException {
        park(arm(fd, Registration.Direction.READ));
    }

    /** Parks the calling thread until {@code fd} is writable (or its reader is gone). */
    public void awaitWritable(int fd) throws IOException, InterruptedException {
        park(arm(fd, Registration.Direction.WRITE));
    }

    /**
     * Registers interest without parking. Split from {@link #park} so that an endpoint can
     * hold its descriptor open across the registration, and only that.
     */
    Waiter arm(int fd, Registration.Direction direction) throws IOException {
        Waiter waiter = new Waiter(Thread.currentThread());
        lifecycle.readLock().lock();
        try {
            if (closing) {
                throw new IOException("poller " + thread.getName() + " is closed");
            }
            registrations.computeIfAbsent(fd, Registration::new).arm(epoll, waiter, direction);
            return waiter;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Parks until {@code waiter} is told its descriptor is ready; withdraws it if interrupted. */
    void park(Waiter waiter) throws IOException, InterruptedException {
        try {
            while (!waiter.done()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.park(this);
            }
        } finally {
            if (!waiter.done()) {
                waiter.registration().withdraw(waiter);
            }
        }
        waiter.throwIfFailed();
    }

    /**
     * Drops {@code fd} from the epoll set and wakes its waiters with an
     * {@link java.nio.channels.AsynchronousCloseException}. Call before closing it: a
     * descriptor shared with another process stays in the epoll set after our close.
     */
    public void forget(int fd) {
        Registration r = registrations.remove(fd);
        if (r == null) {
            return;
        }
        lifecycle.readLock().lock();
        try {
            r.forget(closing ? null : epoll);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** How many descriptors are registered (for tests: forgotten ones must not linger). */
    int registered() {
        return registrations.size();
    }

    private void run() {
        IOException failure = null;
        try (Arena arena = Arena.ofConfined()) {
            Epoll.Events events = new Epoll.Events(arena, MAX_EVENTS);
            while (!closing) {
                int n = epoll.await(events, -1);
                for (int i = 0; i < n; i++) {
                    dispatch(events.data(i), events.events(i));
                }
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "poller " + thread.getName() + " failed; waking every waiter", t);
            failure = new IOException("poller " + thread.getName() + " failed", t);
        }
        shutDown(failure);
    }

    private void dispatch(long data, int events) throws ErrnoException {
        if (data == WAKE) {
            Fds.read(wakeup.fd(), drained, Long.BYTES);
            return;
        }
        Registration r = registrations.get((int) data);
        if (r != null) {
            r.dispatch(epoll, events);
        }
    }

    /**
     * On the poller thread, after its loop: nobody may use epoll any more, and nobody
     * waits forever. Waiters learn of a {@code failure}; after a close, they see their
     * descriptor as closed.
     */
    private void shutDown(IOException failure) {
        closing = true;
        lifecycle.writeLock().lock();
        try {
            for (Registration r : registrations.values()) {
                if (failure == null) {
                    r.forget(null);
                } else {
                    r.fail(failure);
                }
            }
            registrations.clear();
            closed = true;
            epoll.close();
            wakeup.close();
        } catch (ErrnoException e) {
            LOG.log(Level.WARNING, "closing poller " + thread.getName(), e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Stops the poller thread and waits for it; waiters are woken with an error. Not for {@link #shared()}. */
    @Override
    public void close() {
        if (this == shared) {
            throw new IllegalStateException("the shared poller is stopped by shutDownShared()");
        }
        stop();
    }

    private void stop() {
        lifecycle.readLock().lock();
        try {
            if (!closed && !closing) {
                closing = true;
                increment.set(ValueLayout.JAVA_LONG, 0, 1L);
                Fds.write(wakeup.fd(), increment, Long.BYTES);
            }
        } catch (ErrnoException e) {
            throw new IllegalStateException("cannot wake poller " + thread.getName(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
        joinUninterruptibly();
    }

    /** The poller thread exits as soon as it sees the wake-up; an interrupt is kept for later. */
    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
