package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import dev.skiff.libc.gen.stat;
import dev.skiff.libc.gen.timespec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code *at} calls a tree copy needs: every name is one component looked up in a
 * directory descriptor, so a copy that walks by descriptors never re-resolves a path that
 * a symlink could redirect. Symlinks are followed only where a method says so.
 */
public final class FilesAt {
    public static final int AT_SYMLINK_NOFOLLOW = Clib.AT_SYMLINK_NOFOLLOW();
    public static final int S_IFLNK = Clib.S_IFLNK();
    public static final int S_IFBLK = Clib.S_IFBLK();

    private static final int AT_EMPTY_PATH = Clib.AT_EMPTY_PATH();
    /** getdents64 buffer: many entries per call, small enough for any stack of walks. */
    private static final int DIRENT_BUFFER = 32 * 1024;

    private static final MethodHandle FSTATAT = Native.capturing(Clib.fstatat$address(), Clib.fstatat$descriptor());
    private static final MethodHandle READLINKAT =
            Native.capturing(Clib.readlinkat$address(), Clib.readlinkat$descriptor());
    private static final MethodHandle SYMLINKAT =
            Native.capturing(Clib.symlinkat$address(), Clib.symlinkat$descriptor());
    private static final MethodHandle MKNODAT = Native.capturing(Clib.mknodat$address(), Clib.mknodat$descriptor());
    private static final MethodHandle LINKAT = Native.capturing(Clib.linkat$address(), Clib.linkat$descriptor());
    private static final MethodHandle FCHOWNAT = Native.capturing(Clib.fchownat$address(), Clib.fchownat$descriptor());
    private static final MethodHandle FCHMODAT = Native.capturing(Clib.fchmodat$address(), Clib.fchmodat$descriptor());
    private static final MethodHandle UTIMENSAT =
            Native.capturing(Clib.utimensat$address(), Clib.utimensat$descriptor());
    private static final MethodHandle FUTIMENS = Native.capturing(Clib.futimens$address(), Clib.futimens$descriptor());
    /** glibc has no getdents64 wrapper that reports errors cleanly (readdir cannot), so: syscall(2). */
    private static final MethodHandle GETDENTS64 = Native.capturingVariadic(Clib.syscall.address(),
            Clib.syscall.makeInvoker(Clib.C_INT, Clib.C_POINTER, Clib.C_LONG).descriptor(), 1);

    private FilesAt() {}

    /** A point in time as struct timespec holds it. */
    public record Timestamp(long seconds, long nanos) {}

    /** The fields of struct stat a copy keeps. */
    public record Inode(int mode, int uid, int gid, long size, long dev, long ino, long nlink, long rdev,
            Timestamp atime, Timestamp mtime) {
        public int type() {
            return mode & Dirs.S_IFMT;
        }

        /** The permission bits with set-id and sticky bits. */
        public int permissions() {
            return mode & 07777;
        }

        public boolean isDirectory() {
            return type() == Dirs.S_IFDIR;
        }

        public boolean isRegularFile() {
            return type() == Dirs.S_IFREG;
        }

        public boolean isSymlink() {
            return type() == S_IFLNK;
        }
    }

    /** fstatat(2) of {@code name} in {@code dirfd}; the link itself unless {@code follow}. */
    public static Inode fstatat(int dirfd, String name, boolean follow) throws ErrnoException {
        return statAt(dirfd, name, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    }

    /** The inode {@code fd} refers to; works on O_PATH descriptors too (AT_EMPTY_PATH). */
    public static Inode fstat(int fd) throws ErrnoException {
        return statAt(fd, "", AT_EMPTY_PATH);
    }

    private static Inode statAt(int dirfd, String name, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment st = arena.allocate(stat.layout());
            MemorySegment p = arena.allocateFrom(name);
            Native.call("fstatat", name.isEmpty() ? dirfd : name,
                    s -> (int) FSTATAT.invokeExact(s, dirfd, p, st, flags));
            return new Inode(stat.st_mode(st), stat.st_uid(st), stat.st_gid(st), stat.st_size(st),
                    stat.st_dev(st), stat.st_ino(st), stat.st_nlink(st), stat.st_rdev(st),
                    timestamp(stat.st_atim(st)), timestamp(stat.st_mtim(st)));
        }
    }

    private static Timestamp timestamp(MemorySegment ts) {
        return new Timestamp(timespec.tv_sec(ts), timespec.tv_nsec(ts));
    }

    /** readlinkat(2): the target of the symlink {@code name}, byte for byte (as UTF-8 text). */
    public static String readlinkat(int dirfd, String name) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(name);
            for (long size = 4096; ; size *= 2) {
                MemorySegment buf = arena.allocate(size);
                long capacity = size;
                long n = Native.call("readlinkat", name, s -> (long) READLINKAT.invokeExact(s, dirfd, p, buf, capacity));
                if (n < capacity) {
                    return new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
                }
            }
        }
    }

    public static void symlinkat(String target, int dirfd, String name) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocateFrom(target);
            MemorySegment p = arena.allocateFrom(name);
            Native.call("symlinkat", name, s -> (int) SYMLINKAT.invokeExact(s, t, dirfd, p));
        }
    }

    /** mknodat(2); {@code mode} holds the file type (S_IFIFO, S_IFCHR, S_IFBLK) and permissions. */
    public static void mknodat(int dirfd, String name, int mode, long dev) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(name);
            Native.call("mknodat", name, s -> (int) MKNODAT.invokeExact(s, dirfd, p, mode, dev));
        }
    }

    /** linkat(2) without following a symlink at {@code oldName}. */
    public static void linkat(int oldDirfd, String oldName, int newDirfd, String newName) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment o = arena.allocateFrom(oldName);
            MemorySegment n = arena.allocateFrom(newName);
            Native.call("linkat", newName, s -> (int) LINKAT.invokeExact(s, oldDirfd, o, newDirfd, n, 0));
        }
    }

    public static void fchownat(int dirfd, String name, int uid, int gid, boolean follow) throws ErrnoException {
        int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(name);
            Native.call("fchownat", name, s -> (int) FCHOWNAT.invokeExact(s, dirfd, p, uid, gid, flags));
        }
    }

    /** fchmodat(2), following a symlink (Linux cannot change a symlink's mode). */
    public static void fchmodat(int dirfd, String name, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(name);
            Native.call("fchmodat", name, s -> (int) FCHMODAT.invokeExact(s, dirfd, p, mode, 0));
        }
    }

    /** utimensat(2); the link itself unless {@code follow}. */
    public static void utimensat(int dirfd, String name, Timestamp atime, Timestamp mtime, boolean follow)
            throws ErrnoException {
        int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(name);
            MemorySegment times = times(arena, atime, mtime);
            Native.call("utimensat", name, s -> (int) UTIMENSAT.invokeExact(s, dirfd, p, times, flags));
        }
    }

    public static void futimens(int fd, Timestamp atime, Timestamp mtime) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment times = times(arena, atime, mtime);
            Native.call("futimens", fd, s -> (int) FUTIMENS.invokeExact(s, fd, times));
        }
    }

    private static MemorySegment times(Arena arena, Timestamp atime, Timestamp mtime) {
        MemorySegment times = arena.allocate(timespec.layout(), 2);
        MemorySegment a = times.asSlice(0, timespec.sizeof());
        MemorySegment m = times.asSlice(timespec.sizeof(), timespec.sizeof());
        timespec.tv_sec(a, atime.seconds());
        timespec.tv_nsec(a, atime.nanos());
        timespec.tv_sec(m, mtime.seconds());
        timespec.tv_nsec(m, mtime.nanos());
        return times;
    }

    /**
     * The names in the directory open for reading at {@code dirfd}, without "." and "..",
     * in the order the file system returns them. Reads from the descriptor's position: call
     * it once per descriptor.
     */
    public static List<String> list(int dirfd) throws ErrnoException {
        List<String> names = new ArrayList<>();
        long nr = Clib.SYS_getdents64();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(DIRENT_BUFFER);
            while (true) {
                long n = Native.call("getdents64", dirfd,
                        s -> (long) GETDENTS64.invokeExact(s, nr, dirfd, buf, (long) DIRENT_BUFFER));
                if (n == 0) {
                    return names;
                }
                parseDirents(buf, n, names);
            }
        }
    }

    /** struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[]. */
    private static void parseDirents(MemorySegment buf, long length, List<String> names) {
        long offset = 0;
        while (offset < length) {
            int reclen = Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 16));
            String name = buf.getString(offset + 19, StandardCharsets.UTF_8);
            if (!name.equals(".") && !name.equals("..")) {
                names.add(name);
            }
            offset += reclen;
        }
    }
}
