package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import java.lang.foreign.MemorySegment;

/** Error numbers Skiff acts on, and their names and descriptions from libc. */
public final class Errno {
    public static final int EPERM = Clib.EPERM();
    public static final int ENOENT = Clib.ENOENT();
    public static final int EINTR = Clib.EINTR();
    public static final int EAGAIN = Clib.EAGAIN();
    public static final int EBADF = Clib.EBADF();
    public static final int ECHILD = Clib.ECHILD();
    public static final int EEXIST = Clib.EEXIST();
    public static final int ENOTDIR = Clib.ENOTDIR();
    public static final int EINVAL = Clib.EINVAL();
    public static final int EPIPE = Clib.EPIPE();
    public static final int ESRCH = Clib.ESRCH();
    public static final int EXDEV = Clib.EXDEV();
    public static final int ELOOP = Clib.ELOOP();
    public static final int ENOSYS = Clib.ENOSYS();
    public static final int EACCES = Clib.EACCES();
    public static final int ENOEXEC = Clib.ENOEXEC();

    private Errno() {}

    /** The symbolic name, {@code ENOENT}; {@code errno N} when libc knows none. */
    public static String name(int errno) {
        MemorySegment s = Clib.strerrorname_np(errno);
        return s.equals(MemorySegment.NULL) ? "errno " + errno : s.reinterpret(64).getString(0);
    }

    /** The description, {@code No such file or directory}. */
    public static String description(int errno) {
        MemorySegment s = Clib.strerrordesc_np(errno);
        return s.equals(MemorySegment.NULL) ? "unknown error" : s.reinterpret(256).getString(0);
    }
}
