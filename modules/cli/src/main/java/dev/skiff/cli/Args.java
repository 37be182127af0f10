package dev.skiff.cli;

import java.util.List;

/**
 * Walks a command line of GNU-style options: {@code --flag value}, {@code --flag=value},
 * {@code -f value}, and stops at {@code --} or at the first operand.
 */
final class Args {
    private final List<String> args;
    private int next;
    private String pendingValue;
    private String flag;

    Args(List<String> args) {
        this.args = args;
    }

    /**
     * Advances to the next option and returns its name ({@code --env}, {@code -e}), or
     * null when the options are over (operands, if any, follow).
     */
    String nextOption() {
        pendingValue = null;
        if (next >= args.size()) {
            return null;
        }
        String arg = args.get(next);
        if (arg.equals("--")) {
            next++;
            return null;
        }
        if (!arg.startsWith("-") || arg.equals("-")) {
            return null;
        }
        next++;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            pendingValue = arg.substring(eq + 1);
            flag = arg.substring(0, eq);
        } else {
            flag = arg;
        }
        return flag;
    }

    /** The current option's value, inline or the next argument. */
    String value() throws UsageException {
        if (pendingValue != null) {
            String v = pendingValue;
            pendingValue = null;
            return v;
        }
        if (next >= args.size()) {
            throw new UsageException("flag " + flag + " needs a value");
        }
        return args.get(next++);
    }

    /** A boolean flag: true when bare, else its inline value, which must be true or false. */
    boolean booleanValue() throws UsageException {
        if (pendingValue == null) {
            return true;
        }
        String v = pendingValue;
        pendingValue = null;
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException("flag " + flag + " `" + v + "`: expected true or false");
        };
    }

    /** Fails if a flag that takes no value was given one ({@code --dry-run=x}). */
    void noValue() throws UsageException {
        if (pendingValue != null) {
            throw new UsageException("flag " + flag + " takes no value");
        }
    }

    /** Everything after the options. */
    List<String> operands() {
        return args.subList(next, args.size());
    }
}
