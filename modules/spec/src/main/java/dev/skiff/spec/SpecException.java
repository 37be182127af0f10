package dev.skiff.spec;

/**
 * A value given to the spec generator is wrong: a bad flag-like value ({@code ulimit},
 * capability, size, ID map, namespace), an unreadable or malformed file (seccomp profile, image
 * config), or options that contradict each other. The message is one line:
 * {@code subject `value`: problem}, e.g. {@code ulimit `nofile=abc`: soft limit `abc` is not a
 * number}; {@link #value()} and {@link #problem()} let a caller such as the CLI say the same
 * with its own subject (the flag's name).
 */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String value;
    private final String problem;

    /** Options that contradict each other, or a missing one: there is no single bad value. */
    public SpecException(String message) {
        super(message);
        this.value = null;
        this.problem = message;
    }

    public SpecException(String subject, String value, String problem) {
        this(subject, value, problem, null);
    }

    public SpecException(String subject, String value, String problem, Throwable cause) {
        super(subject + " `" + value + "`: " + oneLine(problem), cause);
        this.value = value;
        this.problem = oneLine(problem);
    }

    /** Parser messages quoted from libraries can span lines; an error here is one line. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The offending value as it was given; null when the options as a whole are wrong. */
    public String value() {
        return value;
    }

    /** What is wrong with it, without the subject and the value. */
    public String problem() {
        return problem;
    }
}
