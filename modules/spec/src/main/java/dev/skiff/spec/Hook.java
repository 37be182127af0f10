package dev.skiff.spec;

import java.util.List;

/**
 * One lifecycle hook: a program the runtime runs, given the container state on stdin.
 *
 * @param timeout seconds, or null for none
 */
public record Hook(String path, List<String> args, List<String> env, Integer timeout) {
    public Hook {
        args = Copies.list(args);
        env = Copies.list(env);
    }

    public static Hook of(String path, String... args) {
        return new Hook(path, List.of(args), List.of(), null);
    }
}
