package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import dev.skiff.libc.gen.iovec;
import dev.skiff.libc.gen.msghdr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Non-blocking I/O on a socket whose flags Skiff must leave alone (a caller's stdio that
 * is a socket, as under systemd or inetd): MSG_DONTWAIT makes one call non-blocking
 * where O_NONBLOCK would change the caller's open file description, and reopening
 * through /proc fails for sockets (ENXIO).
 */
public final class SocketIo {
    private static final MethodHandle SENDMSG = Native.capturing(Clib.sendmsg$address(), Clib.sendmsg$descriptor());
    private static final MethodHandle RECVMSG = Native.capturing(Clib.recvmsg$address(), Clib.recvmsg$descriptor());

    private SocketIo() {}

    /** recvmsg(2) with MSG_DONTWAIT: the count, 0 at end of stream, or -EAGAIN. */
    public static long receive(int fd, MemorySegment buf, long count) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = message(arena, buf, count);
            return Native.call("recvmsg", fd, Errno.EAGAIN,
                    s -> (long) RECVMSG.invokeExact(s, fd, msg, Clib.MSG_DONTWAIT()));
        }
    }

    /** sendmsg(2) with MSG_DONTWAIT: the count sent, or -EAGAIN. */
    public static long send(int fd, MemorySegment buf, long count) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment msg = message(arena, buf, count);
            return Native.call("sendmsg", fd, Errno.EAGAIN,
                    s -> (long) SENDMSG.invokeExact(s, fd, msg, Clib.MSG_DONTWAIT()));
        }
    }

    private static MemorySegment message(Arena arena, MemorySegment buf, long count) {
        MemorySegment iov = arena.allocate(iovec.layout());
        iovec.iov_base(iov, buf);
        iovec.iov_len(iov, count);
        MemorySegment msg = arena.allocate(msghdr.layout());
        msghdr.msg_iov(msg, iov);
        msghdr.msg_iovlen(msg, 1);
        return msg;
    }
}
