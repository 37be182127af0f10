package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Extended attributes of a descriptor ({@code f*xattr}) or of a path without following its
 * last symlink ({@code l*xattr}). Made through syscall(2) with the kernel's numbers, so
 * libc.h needs no {@code <sys/xattr.h>}. A symlink cannot be opened for reading, so its
 * attributes are reached by path; callers that must not re-resolve a path give
 * {@code /proc/self/fd/DIRFD/NAME}, which names one entry of a directory they hold open.
 */
public final class Xattrs {
    public static final int ENODATA = Clib.ENODATA();
    /** ENOTSUP: the file system (or this name's namespace on it) keeps no attributes. */
    public static final int EOPNOTSUPP = Clib.EOPNOTSUPP();

    private static final int ERANGE = Clib.ERANGE();
    private static final int MAX_ATTEMPTS = 8;

    private static final MethodHandle FD_LIST = syscall(Clib.C_INT, Clib.C_POINTER, Clib.C_LONG);
    private static final MethodHandle FD_GET = syscall(Clib.C_INT, Clib.C_POINTER, Clib.C_POINTER, Clib.C_LONG);
    private static final MethodHandle FD_SET =
            syscall(Clib.C_INT, Clib.C_POINTER, Clib.C_POINTER, Clib.C_LONG, Clib.C_INT);
    private static final MethodHandle PATH_LIST = syscall(Clib.C_POINTER, Clib.C_POINTER, Clib.C_LONG);
    private static final MethodHandle PATH_GET =
            syscall(Clib.C_POINTER, Clib.C_POINTER, Clib.C_POINTER, Clib.C_LONG);
    private static final MethodHandle PATH_SET =
            syscall(Clib.C_POINTER, Clib.C_POINTER, Clib.C_POINTER, Clib.C_LONG, Clib.C_INT);

    private Xattrs() {}

    private static MethodHandle syscall(java.lang.foreign.MemoryLayout... args) {
        return Native.capturingVariadic(Clib.syscall.address(), Clib.syscall.makeInvoker(args).descriptor(), 1);
    }

    /** A sized read: called with a buffer (NULL and 0 asks for the size). */
    @FunctionalInterface
    private interface SizedCall {
        long call(MemorySegment buf, long size) throws ErrnoException;
    }

    /** The attribute names of {@code fd} (flistxattr). */
    public static List<String> list(int fd) throws ErrnoException {
        long nr = Clib.SYS_flistxattr();
        return names(read((buf, size) -> Native.call("flistxattr", fd,
                s -> (long) FD_LIST.invokeExact(s, nr, fd, buf, size))));
    }

    /** The value of attribute {@code name} of {@code fd} (fgetxattr). */
    public static byte[] get(int fd, String name) throws ErrnoException {
        long nr = Clib.SYS_fgetxattr();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            return read((buf, size) -> Native.call("fgetxattr", fd + " " + name,
                    s -> (long) FD_GET.invokeExact(s, nr, fd, n, buf, size)));
        }
    }

    /** Creates or replaces attribute {@code name} of {@code fd} (fsetxattr). */
    public static void set(int fd, String name, byte[] value) throws ErrnoException {
        long nr = Clib.SYS_fsetxattr();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            MemorySegment v = copy(arena, value);
            long size = value.length;
            Native.call("fsetxattr", fd + " " + name, s -> (long) FD_SET.invokeExact(s, nr, fd, n, v, size, 0));
        }
    }

    /** The attribute names of {@code path}, the link itself if it is a symlink (llistxattr). */
    public static List<String> listLink(String path) throws ErrnoException {
        long nr = Clib.SYS_llistxattr();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            return names(read((buf, size) -> Native.call("llistxattr", path,
                    s -> (long) PATH_LIST.invokeExact(s, nr, p, buf, size))));
        }
    }

    /** lgetxattr(2). */
    public static byte[] getLink(String path, String name) throws ErrnoException {
        long nr = Clib.SYS_lgetxattr();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            MemorySegment n = arena.allocateFrom(name);
            return read((buf, size) -> Native.call("lgetxattr", path + " " + name,
                    s -> (long) PATH_GET.invokeExact(s, nr, p, n, buf, size)));
        }
    }

    /** lsetxattr(2): creates or replaces. */
    public static void setLink(String path, String name, byte[] value) throws ErrnoException {
        long nr = Clib.SYS_lsetxattr();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            MemorySegment n = arena.allocateFrom(name);
            MemorySegment v = copy(arena, value);
            long size = value.length;
            Native.call("lsetxattr", path + " " + name, s -> (long) PATH_SET.invokeExact(s, nr, p, n, v, size, 0));
        }
    }

    private static MemorySegment copy(Arena arena, byte[] value) {
        // A zero-length allocation is still a valid pointer, as the kernel wants for an empty value.
        MemorySegment v = arena.allocate(Math.max(1, value.length));
        MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
        return v;
    }

    /** Asks for the size, then reads; retries when the value grew in between (ERANGE). */
    private static byte[] read(SizedCall call) throws ErrnoException {
        for (int attempt = 1; ; attempt++) {
            long size = call.call(MemorySegment.NULL, 0);
            if (size == 0) {
                return new byte[0];
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(size);
                long n = call.call(buf, size);
                return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
            } catch (ErrnoException e) {
                if (e.errno() != ERANGE || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A NUL-separated name list. */
    private static List<String> names(byte[] list) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                if (i > start) {
                    names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }
}
