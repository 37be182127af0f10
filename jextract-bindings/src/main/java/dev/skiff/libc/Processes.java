package dev.skiff.libc;

import dev.skiff.libc.gen.Clib;
import dev.skiff.libc.gen.posix_spawn_file_actions_t;
import dev.skiff.libc.gen.posix_spawnattr_t;
import dev.skiff.libc.gen.siginfo_t;
import dev.skiff.libc.gen.sigset_t;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Processes: spawning, pidfds, waiting, signals, and the prctl bits a monitor needs. */
public final class Processes {
    public static final int CLD_EXITED = Clib.CLD_EXITED();
    public static final int CLD_KILLED = Clib.CLD_KILLED();
    public static final int CLD_DUMPED = Clib.CLD_DUMPED();
    public static final int SIGKILL = Clib.SIGKILL();
    public static final int SIGTERM = Clib.SIGTERM();
    public static final int SIGINT = Clib.SIGINT();
    public static final int SIGHUP = Clib.SIGHUP();
    public static final int SIGPIPE = Clib.SIGPIPE();
    public static final int SIGWINCH = Clib.SIGWINCH();

    private static final MethodHandle PIDFD_OPEN =
            Native.capturing(Clib.pidfd_open$address(), Clib.pidfd_open$descriptor());
    private static final MethodHandle PIDFD_SEND_SIGNAL =
            Native.capturing(Clib.pidfd_send_signal$address(), Clib.pidfd_send_signal$descriptor());
    private static final MethodHandle WAITID = Native.capturing(Clib.waitid$address(), Clib.waitid$descriptor());
    private static final MethodHandle WAITPID = Native.capturing(Clib.waitpid$address(), Clib.waitpid$descriptor());
    private static final MethodHandle KILL = Native.capturing(Clib.kill$address(), Clib.kill$descriptor());
    private static final MethodHandle PRCTL = Native.capturingVariadic(Clib.prctl.address(),
            Clib.prctl.makeInvoker(Clib.C_LONG, Clib.C_LONG, Clib.C_LONG, Clib.C_LONG).descriptor(), 1);

    private Processes() {}

    /**
     * What to spawn. {@code fds} maps each child descriptor (0, 1, 2, ...) to the
     * parent's descriptor it should be; every other descriptor is closed in the child.
     * A null {@code env} passes the caller's environment through.
     */
    public record Spawn(String executable, List<String> argv, List<String> env, Map<Integer, Integer> fds) {
        public Spawn {
            argv = List.copyOf(argv);
            env = env == null ? null : List.copyOf(env);
            fds = Map.copyOf(fds);
        }
    }

    /**
     * posix_spawn(2) with the child's signal mask emptied and every signal's disposition
     * reset (the JVM's ignored signals must not leak into a container).
     *
     * @return the child's pid
     */
    public static int spawn(Spawn spawn) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(posix_spawn_file_actions_t.layout());
            MemorySegment attr = arena.allocate(posix_spawnattr_t.layout());
            Native.checkReturned("posix_spawn_file_actions_init", null, Clib.posix_spawn_file_actions_init(actions));
            Native.checkReturned("posix_spawnattr_init", null, Clib.posix_spawnattr_init(attr));
            try {
                int highest = 2;
                for (var e : spawn.fds().entrySet()) {
                    Native.checkReturned("posix_spawn_file_actions_adddup2", e.getValue(),
                            Clib.posix_spawn_file_actions_adddup2(actions, e.getValue(), e.getKey()));
                    highest = Math.max(highest, e.getKey());
                }
                Native.checkReturned("posix_spawn_file_actions_addclosefrom_np", null,
                        Clib.posix_spawn_file_actions_addclosefrom_np(actions, highest + 1));
                MemorySegment empty = arena.allocate(sigset_t.layout());
                MemorySegment all = arena.allocate(sigset_t.layout());
                Clib.sigemptyset(empty);
                Clib.sigfillset(all);
                Clib.posix_spawnattr_setsigmask(attr, empty);
                Clib.posix_spawnattr_setsigdefault(attr, all);
                Clib.posix_spawnattr_setflags(attr,
                        (short) (Clib.POSIX_SPAWN_SETSIGMASK() | Clib.POSIX_SPAWN_SETSIGDEF()));
                MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                MemorySegment envp = spawn.env() == null ? Clib.environ() : CStrings.array(arena, spawn.env());
                int rc = Clib.posix_spawn(pid, arena.allocateFrom(spawn.executable()), actions, attr,
                        CStrings.array(arena, spawn.argv()), envp);
                Native.checkReturned("posix_spawn", spawn.executable(), rc);
                return pid.get(ValueLayout.JAVA_INT, 0);
            } finally {
                Clib.posix_spawnattr_destroy(attr);
                Clib.posix_spawn_file_actions_destroy(actions);
            }
        }
    }

    /** pidfd_open(2): a descriptor that stays bound to this process, even after its pid is reused. */
    public static OwnedFd pidfdOpen(int pid) throws ErrnoException {
        return new OwnedFd((int) Native.call("pidfd_open", pid, s -> (int) PIDFD_OPEN.invokeExact(s, pid, 0)));
    }

    /** Sends a signal through a pidfd; false if the process has already exited (ESRCH). */
    public static boolean pidfdSendSignal(OwnedFd pidfd, int signal) throws ErrnoException {
        int fd = pidfd.fd();
        long rc = Native.call("pidfd_send_signal", "pidfd " + fd, Errno.ESRCH,
                s -> (int) PIDFD_SEND_SIGNAL.invokeExact(s, fd, signal, MemorySegment.NULL, 0));
        return rc == 0;
    }

    /** kill(2); false if there is no such process. */
    public static boolean kill(int pid, int signal) throws ErrnoException {
        return Native.call("kill", pid, Errno.ESRCH, s -> (int) KILL.invokeExact(s, pid, signal)) == 0;
    }

    /**
     * waitid(P_PIDFD) on a child: reaps it and returns how it ended. With
     * {@code block == false} returns empty when the child is still running. Blocking
     * waits belong on platform threads; virtual threads wait for the pidfd to become
     * readable and then call this without blocking.
     */
    public static Optional<WaitStatus> waitPidfd(OwnedFd pidfd, boolean block) throws ErrnoException {
        int fd = pidfd.fd();
        int options = Clib.WEXITED() | (block ? 0 : Clib.WNOHANG());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(siginfo_t.layout());
            Native.call("waitid(P_PIDFD)", "pidfd " + fd,
                    s -> (int) WAITID.invokeExact(s, Clib.P_PIDFD(), fd, info, options));
            return decode(info);
        }
    }

    /** Reaps one exited child of this process without blocking; empty when none is waiting. */
    public static Optional<Reaped> reapAny() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            long pid = Native.call("waitpid", -1, Errno.ECHILD,
                    s -> (int) WAITPID.invokeExact(s, -1, status, Clib.WNOHANG()));
            if (pid <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Reaped((int) pid, WaitStatus.fromStatusWord(status.get(ValueLayout.JAVA_INT, 0))));
        }
    }

    /** A child reaped by {@link #reapAny()}. */
    public record Reaped(int pid, WaitStatus status) {}

    /** waitpid(2) for one child, blocking. For platform threads. */
    public static WaitStatus waitPid(int pid) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            Native.call("waitpid", pid, s -> (int) WAITPID.invokeExact(s, pid, status, 0));
            return WaitStatus.fromStatusWord(status.get(ValueLayout.JAVA_INT, 0));
        }
    }

    private static Optional<WaitStatus> decode(MemorySegment info) {
        MemorySegment chld = siginfo_t._sifields._sigchld(siginfo_t._sifields(info));
        // WNOHANG with nothing to report leaves si_pid zero.
        if (siginfo_t._sifields._sigchld.si_pid(chld) == 0) {
            return Optional.empty();
        }
        int code = siginfo_t.si_code(info);
        return Optional.of(WaitStatus.fromSiginfo(code, siginfo_t._sifields._sigchld.si_status(chld)));
    }

    /**
     * Makes this process a child subreaper: orphaned descendants (the container's init,
     * once {@code runtime create} exits) are re-parented to it, so it can wait for them.
     */
    public static void becomeChildSubreaper() throws ErrnoException {
        prctl("prctl(PR_SET_CHILD_SUBREAPER)", Clib.PR_SET_CHILD_SUBREAPER(), 1);
    }

    public static boolean isChildSubreaper() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flag = arena.allocate(ValueLayout.JAVA_INT);
            long addr = flag.address();
            prctl("prctl(PR_GET_CHILD_SUBREAPER)", Clib.PR_GET_CHILD_SUBREAPER(), addr);
            return flag.get(ValueLayout.JAVA_INT, 0) != 0;
        }
    }

    /** Asks the kernel to send {@code signal} to this process when its parent thread dies. */
    public static void setParentDeathSignal(int signal) throws ErrnoException {
        prctl("prctl(PR_SET_PDEATHSIG)", Clib.PR_SET_PDEATHSIG(), signal);
    }

    private static void prctl(String name, int option, long arg) throws ErrnoException {
        Native.call(name, null, s -> (int) PRCTL.invokeExact(s, option, arg, 0L, 0L, 0L));
    }

    public static int getpid() {
        return Clib.getpid();
    }

    public static int getuid() {
        return Clib.getuid();
    }

    public static int geteuid() {
        return Clib.geteuid();
    }

    public static int getgid() {
        return Clib.getgid();
    }
}
