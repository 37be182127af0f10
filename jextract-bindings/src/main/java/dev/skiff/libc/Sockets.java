package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import dev.skiff.libc.gen.cmsghdr;
import dev.skiff.libc.gen.iovec;
import dev.skiff.libc.gen.msghdr;
import dev.skiff.libc.gen.sockaddr_un;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Unix sockets and descriptor passing (SCM_RIGHTS), with the CMSG_* macros in Java. */
public final class Sockets {
    public static final int SOCK_STREAM = Clib.SOCK_STREAM();
    public static final int SOCK_CLOEXEC = Clib.SOCK_CLOEXEC();
    public static final int SOCK_NONBLOCK = Clib.SOCK_NONBLOCK();
    public static final int MSG_DONTWAIT = Clib.MSG_DONTWAIT();

    private static final MethodHandle SOCKETPAIR =
            Native.capturing(Clib.socketpair$address(), Clib.socketpair$descriptor());
    private static final MethodHandle SOCKET = Native.capturing(Clib.socket$address(), Clib.socket$descriptor());
    // glibc declares the address of bind/connect/accept4 as a transparent union of
    // sockaddr pointers (__SOCKADDR_ARG); jextract maps it as a union passed by value,
    // but the ABI passes it exactly as the pointer it contains, so say so.
    private static final FunctionDescriptor ADDRESS_CALL =
            FunctionDescriptor.of(Clib.C_INT, Clib.C_INT, Clib.C_POINTER, Clib.C_INT);
    private static final MethodHandle BIND = Native.capturing(Clib.bind$address(), ADDRESS_CALL);
    private static final MethodHandle LISTEN = Native.capturing(Clib.listen$address(), Clib.listen$descriptor());
    private static final MethodHandle ACCEPT4 = Native.capturing(Clib.accept4$address(),
            FunctionDescriptor.of(Clib.C_INT, Clib.C_INT, Clib.C_POINTER, Clib.C_POINTER, Clib.C_INT));
    private static final MethodHandle CONNECT = Native.capturing(Clib.connect$address(), ADDRESS_CALL);
    private static final MethodHandle SENDMSG = Native.capturing(Clib.sendmsg$address(), Clib.sendmsg$descriptor());
    private static final MethodHandle RECVMSG = Native.capturing(Clib.recvmsg$address(), Clib.recvmsg$descriptor());

    /** Room for this many descriptors in one received message, so extras can be seen and closed. */
    private static final int MAX_RECEIVED_FDS = 16;

    private Sockets() {}

    /** CMSG_ALIGN: control data is aligned to the size of a long. */
    static long cmsgAlign(long length) {
        long a = ValueLayout.JAVA_LONG.byteSize();
        return (length + a - 1) & ~(a - 1);
    }

    /** CMSG_LEN: header plus {@code dataLength} bytes, unpadded. */
    static long cmsgLen(long dataLength) {
        return cmsgAlign(cmsghdr.sizeof()) + dataLength;
    }

    /** CMSG_SPACE: header plus {@code dataLength} bytes, padded. */
    static long cmsgSpace(long dataLength) {
        return cmsgAlign(cmsghdr.sizeof()) + cmsgAlign(dataLength);
    }

    /** A connected pair of unix sockets. */
    public static OwnedFd[] socketpair(int type) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            Native.call("socketpair", null, s -> (int) SOCKETPAIR.invokeExact(s, Clib.AF_UNIX(), type, 0, fds));
            return new OwnedFd[] {
                new OwnedFd(fds.getAtIndex(ValueLayout.JAVA_INT, 0)),
                new OwnedFd(fds.getAtIndex(ValueLayout.JAVA_INT, 1))
            };
        }
    }

    /** A unix stream socket bound to {@code path} and listening. */
    public static OwnedFd listenUnix(String path, int flags) throws ErrnoException {
        OwnedFd fd = new OwnedFd((int) Native.call("socket", path,
                s -> (int) SOCKET.invokeExact(s, Clib.AF_UNIX(), SOCK_STREAM | flags, 0)));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = unixAddress(arena, path);
            int raw = fd.fd();
            Native.call("bind", path, s -> (int) BIND.invokeExact(s, raw, addr, (int) addr.byteSize()));
            Native.call("listen", path, s -> (int) LISTEN.invokeExact(s, raw, 1));
            return fd;
        } catch (ErrnoException e) {
            fd.closeQuietly(e::addSuppressed);
            throw e;
        }
    }

    /** accept4(2); returns null on EAGAIN for a non-blocking listener. */
    public static OwnedFd accept(OwnedFd listener, int flags) throws ErrnoException {
        int raw = listener.fd();
        long fd = Native.call("accept4", raw, Errno.EAGAIN,
                s -> (int) ACCEPT4.invokeExact(s, raw, MemorySegment.NULL, MemorySegment.NULL, flags));
        return fd < 0 ? null : new OwnedFd((int) fd);
    }

    /** A unix stream socket connected to {@code path}. */
    public static OwnedFd connectUnix(String path) throws ErrnoException {
        OwnedFd fd = new OwnedFd((int) Native.call("socket", path,
                s -> (int) SOCKET.invokeExact(s, Clib.AF_UNIX(), SOCK_STREAM | SOCK_CLOEXEC, 0)));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = unixAddress(arena, path);
            int raw = fd.fd();
            Native.call("connect", path, s -> (int) CONNECT.invokeExact(s, raw, addr, (int) addr.byteSize()));
            return fd;
        } catch (ErrnoException e) {
            fd.closeQuietly(e::addSuppressed);
            throw e;
        }
    }

    private static MemorySegment unixAddress(Arena arena, String path) throws ErrnoException {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= sockaddr_un.sun_path$layout().byteSize()) {
            throw new ErrnoException("sockaddr_un", path, Clib.ENAMETOOLONG());
        }
        MemorySegment addr = arena.allocate(sockaddr_un.layout());
        sockaddr_un.sun_family(addr, (short) Clib.AF_UNIX());
        MemorySegment.copy(bytes, 0, sockaddr_un.sun_path(addr), ValueLayout.JAVA_BYTE, 0, bytes.length);
        return addr;
    }

    /** Sends {@code data} with one descriptor attached (SCM_RIGHTS). */
    public static void sendFd(OwnedFd socket, byte[] data, int fdToSend) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            byte[] payload = data.length == 0 ? new byte[] {0} : data;
            MemorySegment buf = arena.allocateFrom(ValueLayout.JAVA_BYTE, payload);
            MemorySegment iov = arena.allocate(iovec.layout());
            iovec.iov_base(iov, buf);
            iovec.iov_len(iov, payload.length);
            long space = cmsgSpace(Integer.BYTES);
            MemorySegment control = arena.allocate(space, ValueLayout.JAVA_LONG.byteAlignment());
            cmsghdr.cmsg_len(control, cmsgLen(Integer.BYTES));
            cmsghdr.cmsg_level(control, Clib.SOL_SOCKET());
            cmsghdr.cmsg_type(control, Clib.SCM_RIGHTS());
            control.set(ValueLayout.JAVA_INT, cmsgAlign(cmsghdr.sizeof()), fdToSend);
            MemorySegment msg = arena.allocate(msghdr.layout());
            msghdr.msg_iov(msg, iov);
            msghdr.msg_iovlen(msg, 1);
            msghdr.msg_control(msg, control);
            msghdr.msg_controllen(msg, space);
            int raw = socket.fd();
            Native.call("sendmsg", raw, s -> (long) SENDMSG.invokeExact(s, raw, msg, 0));
        }
    }

    /** A message received with {@link #receiveFd}: its bytes and the one descriptor it carried. */
    public record ReceivedFd(byte[] data, OwnedFd fd) {}

    /**
     * Receives one message that must carry exactly one descriptor. Any other count is an
     * error; every descriptor received is closed before it is reported. Received
     * descriptors are close-on-exec. Returns null if the peer closed without sending.
     */
    public static ReceivedFd receiveFd(OwnedFd socket, int maxData) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, maxData));
            MemorySegment iov = arena.allocate(iovec.layout());
            iovec.iov_base(iov, buf);
            iovec.iov_len(iov, buf.byteSize());
            long space = cmsgSpace((long) Integer.BYTES * MAX_RECEIVED_FDS);
            MemorySegment control = arena.allocate(space, ValueLayout.JAVA_LONG.byteAlignment());
            MemorySegment msg = arena.allocate(msghdr.layout());
            msghdr.msg_iov(msg, iov);
            msghdr.msg_iovlen(msg, 1);
            msghdr.msg_control(msg, control);
            msghdr.msg_controllen(msg, space);
            int raw = socket.fd();
            long n = Native.call("recvmsg", raw,
                    s -> (long) RECVMSG.invokeExact(s, raw, msg, Clib.MSG_CMSG_CLOEXEC()));
            List<OwnedFd> fds = descriptors(control, msghdr.msg_controllen(msg));
            boolean truncated = (msghdr.msg_flags(msg) & Clib.MSG_CTRUNC()) != 0;
            if (n == 0 && fds.isEmpty()) {
                return null;
            }
            if (fds.size() != 1 || truncated) {
                for (OwnedFd fd : fds) {
                    fd.closeQuietly(e -> { });
                }
                throw new IOException("recvmsg `" + raw + "`: expected exactly one descriptor (SCM_RIGHTS), got "
                        + fds.size() + (truncated ? " and a truncated control message" : ""));
            }
            return new ReceivedFd(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), fds.getFirst());
        }
    }

    /** Walks the control messages (CMSG_FIRSTHDR / CMSG_NXTHDR) collecting SCM_RIGHTS descriptors. */
    private static List<OwnedFd> descriptors(MemorySegment control, long length) {
        List<OwnedFd> fds = new ArrayList<>();
        long header = cmsgAlign(cmsghdr.sizeof());
        long offset = 0;
        while (offset + cmsghdr.sizeof() <= length) {
            MemorySegment cmsg = control.asSlice(offset);
            long len = cmsghdr.cmsg_len(cmsg);
            if (len < header || offset + len > length) {
                break;
            }
            if (cmsghdr.cmsg_level(cmsg) == Clib.SOL_SOCKET() && cmsghdr.cmsg_type(cmsg) == Clib.SCM_RIGHTS()) {
                for (long p = header; p + Integer.BYTES <= len; p += Integer.BYTES) {
                    fds.add(new OwnedFd(cmsg.get(ValueLayout.JAVA_INT, p)));
                }
            }
            offset += cmsgAlign(len);
        }
        return fds;
    }
}
