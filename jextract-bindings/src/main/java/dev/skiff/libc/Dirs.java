package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import dev.skiff.libc.gen.open_how;
import dev.skiff.libc.gen.stat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Path calls relative to a directory descriptor, above all openat2(2) with
 * RESOLVE_IN_ROOT: the kernel resolves the path as if the directory were "/", so
 * neither {@code ..} nor an absolute symlink in a container's rootfs can reach the host.
 */
public final class Dirs {
    public static final long RESOLVE_IN_ROOT = Clib.RESOLVE_IN_ROOT();
    public static final long RESOLVE_NO_MAGICLINKS = Clib.RESOLVE_NO_MAGICLINKS();
    public static final long RESOLVE_NO_XDEV = Clib.RESOLVE_NO_XDEV();
    public static final long RESOLVE_BENEATH = Clib.RESOLVE_BENEATH();
    public static final long RESOLVE_NO_SYMLINKS = Clib.RESOLVE_NO_SYMLINKS();
    public static final int S_IFMT = Clib.S_IFMT();
    public static final int S_IFREG = Clib.S_IFREG();
    public static final int S_IFDIR = Clib.S_IFDIR();
    public static final int S_IFCHR = Clib.S_IFCHR();
    public static final int S_IFIFO = Clib.S_IFIFO();
    public static final int S_IFSOCK = Clib.S_IFSOCK();

    private static final MethodHandle SYSCALL = Native.capturingVariadic(Clib.syscall.address(),
            Clib.syscall.makeInvoker(Clib.C_INT, Clib.C_POINTER, Clib.C_POINTER, Clib.C_LONG).descriptor(), 1);
    private static final MethodHandle MKDIRAT = Native.capturing(Clib.mkdirat$address(), Clib.mkdirat$descriptor());
    private static final MethodHandle FSTAT = Native.capturing(Clib.fstat$address(), Clib.fstat$descriptor());
    private static final MethodHandle FCHOWN = Native.capturing(Clib.fchown$address(), Clib.fchown$descriptor());
    private static final MethodHandle FCHMOD = Native.capturing(Clib.fchmod$address(), Clib.fchmod$descriptor());

    private Dirs() {}

    /** openat2(2) (through syscall(2): glibc has no wrapper). */
    public static OwnedFd openat2(int dirfd, String path, int flags, int mode, long resolve) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment how = arena.allocate(open_how.layout());
            open_how.flags(how, flags);
            open_how.mode(how, mode);
            open_how.resolve(how, resolve);
            MemorySegment p = arena.allocateFrom(path);
            long size = how.byteSize();
            long nr = Clib.SYS_openat2();
            long fd = Native.call("openat2", path, s -> (long) SYSCALL.invokeExact(s, nr, dirfd, p, how, size));
            return new OwnedFd((int) fd);
        }
    }

    /** mkdirat(2); false if something already exists there. */
    public static boolean mkdirat(int dirfd, String path, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path);
            return Native.call("mkdirat", path, Errno.EEXIST, s -> (int) MKDIRAT.invokeExact(s, dirfd, p, mode)) == 0;
        }
    }

    /** The fields of struct stat Skiff uses. */
    public record FileStat(int mode, int uid, int gid, long size) {
        public int type() {
            return mode & S_IFMT;
        }

        public boolean isDirectory() {
            return type() == S_IFDIR;
        }

        public boolean isRegularFile() {
            return type() == S_IFREG;
        }
    }

    public static FileStat fstat(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(stat.layout());
            Native.call("fstat", fd, s -> (int) FSTAT.invokeExact(s, fd, st));
            return new FileStat(stat.st_mode(st), stat.st_uid(st), stat.st_gid(st), stat.st_size(st));
        }
    }

    public static void fchown(int fd, int uid, int gid) throws ErrnoException {
        Native.call("fchown", fd, s -> (int) FCHOWN.invokeExact(s, fd, uid, gid));
    }

    public static void fchmod(int fd, int mode) throws ErrnoException {
        Native.call("fchmod", fd, s -> (int) FCHMOD.invokeExact(s, fd, mode));
    }

    public static final int AT_FDCWD = Clib.AT_FDCWD();
}
