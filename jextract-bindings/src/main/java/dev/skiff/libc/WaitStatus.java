package dev.skiff.libc;

/**
 * How a child ended, decoded in Java from a waitpid(2) status word or a waitid(2)
 * siginfo (the W* macros and CLD_* codes).
 */
public sealed interface WaitStatus {

    /** The child called exit(code). */
    record Exited(int code) implements WaitStatus {}

    /** The child was killed by {@code signal}; {@code coreDumped} as the kernel reported. */
    record Signaled(int signal, boolean coreDumped) implements WaitStatus {}

    /** Decodes a waitpid(2) status word. */
    static WaitStatus fromStatusWord(int status) {
        int termSig = status & 0x7f;
        if (termSig == 0) {
            return new Exited((status >> 8) & 0xff);
        }
        return new Signaled(termSig, (status & 0x80) != 0);
    }

    /** Decodes waitid(2)'s si_code and si_status. */
    static WaitStatus fromSiginfo(int siCode, int siStatus) {
        if (siCode == Processes.CLD_EXITED) {
            return new Exited(siStatus & 0xff);
        }
        if (siCode == Processes.CLD_KILLED || siCode == Processes.CLD_DUMPED) {
            return new Signaled(siStatus, siCode == Processes.CLD_DUMPED);
        }
        throw new IllegalArgumentException("not a termination: si_code " + siCode);
    }

    /** The shell's convention: the code, or 128 + the signal. */
    default int shellCode() {
        return switch (this) {
            case Exited e -> e.code();
            case Signaled s -> 128 + s.signal();
        };
    }
}
