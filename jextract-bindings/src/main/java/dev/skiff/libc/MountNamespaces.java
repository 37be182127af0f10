package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A private mount namespace for the calling thread, and the bind mounts made in it.
 * {@code unshare(CLONE_NEWNS)} moves only the calling OS thread (it implies CLONE_FS, which
 * a thread may unshare), so a platform thread can prepare mounts that only the processes it
 * spawns see; they vanish with the namespace when the thread and those processes are gone.
 * Never call these on a virtual thread: its carrier would keep the namespace.
 */
public final class MountNamespaces {
    private static final MethodHandle UNSHARE = Native.capturing(Clib.unshare$address(), Clib.unshare$descriptor());
    private static final MethodHandle MOUNT = Native.capturing(Clib.mount$address(), Clib.mount$descriptor());
    private static final MethodHandle UMOUNT2 = Native.capturing(Clib.umount2$address(), Clib.umount2$descriptor());

    private MountNamespaces() {}

    /** Moves the calling thread into a new mount namespace, a copy of its current one. */
    public static void unshareForThisThread() throws ErrnoException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("unshare(CLONE_NEWNS) on a virtual thread would move its carrier");
        }
        int flags = Clib.CLONE_NEWNS();
        Native.call("unshare(CLONE_NEWNS)", null, s -> (int) UNSHARE.invokeExact(s, flags));
    }

    /** {@code mount --make-rprivate PATH}: nothing mounted below it propagates to or from other namespaces. */
    public static void makeRecursivelyPrivate(String path) throws ErrnoException {
        mount(null, path, Clib.MS_REC() | Clib.MS_PRIVATE());
    }

    /** {@code mount --rbind SOURCE TARGET}. */
    public static void bindRecursively(String source, String target) throws ErrnoException {
        mount(source, target, Clib.MS_BIND() | Clib.MS_REC());
    }

    /** {@code umount --lazy TARGET}. */
    public static void detach(String target) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = arena.allocateFrom(target);
            int flags = Clib.MNT_DETACH();
            Native.call("umount2", target, s -> (int) UMOUNT2.invokeExact(s, t, flags));
        }
    }

    private static void mount(String source, String target, long flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = source == null ? MemorySegment.NULL : arena.allocateFrom(source);
            MemorySegment dst = arena.allocateFrom(target);
            String what = source == null ? target : source + " on " + target;
            Native.call("mount", what, s -> (int) MOUNT.invokeExact(s, src, dst, MemorySegment.NULL, flags,
                    MemorySegment.NULL));
        }
    }
}
