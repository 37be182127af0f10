package dev.skiff.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The one place where native calls are made and their errno is read.
 *
 * <p>jextract's generated handles do not capture errno, and reading errno after the
 * fact is unreliable (the JVM may have made other calls in between). So every call
 * that sets errno goes through a handle made here from the generated symbol address
 * and descriptor with {@code captureCallState("errno")}, and through {@link #call},
 * which retries EINTR and turns failures into {@link ErrnoException}.
 */
final class Native {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            STATE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(STATE_LAYOUT));

    /** No errno is tolerated: every failure throws. */
    static final int NONE = 0;

    private Native() {}

    /** A downcall handle whose first parameter is the call-state segment. */
    static MethodHandle capturing(MemorySegment address, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(address, descriptor, CAPTURE_ERRNO);
    }

    /** The same for a variadic function whose fixed part has {@code fixedArgs} parameters. */
    static MethodHandle capturingVariadic(MemorySegment address, FunctionDescriptor descriptor, int fixedArgs) {
        return LINKER.downcallHandle(address, descriptor, Linker.Option.firstVariadicArg(fixedArgs), CAPTURE_ERRNO);
    }

    /** One native call, given the call-state segment to pass as the handle's first argument. */
    @FunctionalInterface
    interface Call {
        long invoke(MemorySegment state) throws Throwable;
    }

    /**
     * Makes {@code call}, retrying while it fails with EINTR.
     *
     * @param name     the libc function, for the error
     * @param target   what it acted on (a path, a descriptor), for the error; may be null
     * @param tolerated an errno that is returned as {@code -errno} instead of thrown
     *                 (EAGAIN for non-blocking I/O), or {@link #NONE}
     * @return the call's non-negative result, or {@code -tolerated}
     */
    static long call(String name, Object target, int tolerated, Call call) throws ErrnoException {
        MemorySegment state = STATE.get();
        while (true) {
            long rc;
            try {
                rc = call.invoke(state);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError("downcall " + name + " threw", t);
            }
            if (rc != -1) {
                return rc;
            }
            int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
            if (errno == Errno.EINTR) {
                continue;
            }
            if (errno == tolerated && tolerated != NONE) {
                return -errno;
            }
            throw new ErrnoException(name, target, errno);
        }
    }

    /** {@link #call} with no tolerated errno. */
    static long call(String name, Object target, Call call) throws ErrnoException {
        return call(name, target, NONE, call);
    }

    /**
     * Makes {@code call} once, never retrying: for close(2), which on Linux releases the
     * descriptor even when it reports EINTR, so a retry could close someone else's.
     */
    static long callOnce(String name, Object target, Call call) throws ErrnoException {
        MemorySegment state = STATE.get();
        long rc;
        try {
            rc = call.invoke(state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("downcall " + name + " threw", t);
        }
        if (rc == -1) {
            int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
            if (errno != Errno.EINTR) {
                throw new ErrnoException(name, target, errno);
            }
        }
        return rc;
    }

    /** Functions that report failure by returning the error number (posix_spawn, pthread_*). */
    static void checkReturned(String name, Object target, int rc) throws ErrnoException {
        if (rc != 0) {
            throw new ErrnoException(name, target, rc);
        }
    }
}
