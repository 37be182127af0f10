package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import dev.skiff.libc.gen.epoll_event;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * An epoll instance. Owned by one poller thread; {@link #control} may be called from
 * any thread (epoll_ctl is thread-safe).
 */
public final class Epoll implements AutoCloseable {
    public static final int EPOLLIN = Clib.EPOLLIN();
    public static final int EPOLLOUT = Clib.EPOLLOUT();
    public static final int EPOLLERR = Clib.EPOLLERR();
    public static final int EPOLLHUP = Clib.EPOLLHUP();
    public static final int EPOLLRDHUP = Clib.EPOLLRDHUP();
    public static final int EPOLLONESHOT = Clib.EPOLLONESHOT();
    public static final int CTL_ADD = Clib.EPOLL_CTL_ADD();
    public static final int CTL_MOD = Clib.EPOLL_CTL_MOD();
    public static final int CTL_DEL = Clib.EPOLL_CTL_DEL();

    private static final MethodHandle CREATE =
            Native.capturing(Clib.epoll_create1$address(), Clib.epoll_create1$descriptor());
    private static final MethodHandle CTL = Native.capturing(Clib.epoll_ctl$address(), Clib.epoll_ctl$descriptor());
    private static final MethodHandle WAIT = Native.capturing(Clib.epoll_wait$address(), Clib.epoll_wait$descriptor());

    private final OwnedFd epfd;

    private Epoll(OwnedFd epfd) {
        this.epfd = epfd;
    }

    public static Epoll create() throws ErrnoException {
        return new Epoll(new OwnedFd((int) Native.call("epoll_create1", null,
                s -> (int) CREATE.invokeExact(s, Clib.EPOLL_CLOEXEC()))));
    }

    // epoll_event is packed on x86-64: its 8-byte data sits at offset 4, where the
    // generated epoll_data accessors (which require 8-byte alignment) would throw, so the
    // data field is read and written unaligned.
    private static final long DATA_OFFSET = epoll_event.data$offset();

    /** epoll_ctl(2): {@code data} is handed back with each event for {@code fd}. */
    public void control(int op, int fd, int events, long data) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ev = arena.allocate(epoll_event.layout());
            epoll_event.events(ev, events);
            ev.set(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET, data);
            int raw = epfd.fd();
            Native.call("epoll_ctl", fd, s -> (int) CTL.invokeExact(s, raw, op, fd, ev));
        }
    }

    /** A reusable array of events for {@link #await}. */
    public static final class Events {
        private final MemorySegment array;
        private final int capacity;

        public Events(Arena arena, int capacity) {
            this.array = epoll_event.allocateArray(capacity, arena);
            this.capacity = capacity;
        }

        public int events(int i) {
            return epoll_event.events(epoll_event.asSlice(array, i));
        }

        public long data(int i) {
            return epoll_event.asSlice(array, i).get(ValueLayout.JAVA_LONG_UNALIGNED, DATA_OFFSET);
        }
    }

    /** epoll_wait(2); returns how many of {@code into}'s slots were filled. Blocks a platform thread. */
    public int await(Events into, int timeoutMillis) throws ErrnoException {
        int raw = epfd.fd();
        return (int) Native.call("epoll_wait", raw,
                s -> (int) WAIT.invokeExact(s, raw, into.array, into.capacity, timeoutMillis));
    }

    @Override
    public void close() throws ErrnoException {
        epfd.close();
    }
}
