package dev.skiff.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Property checks for hostile input, without a framework: a seeded generator makes near-valid
 * and arbitrary inputs, each is fed to a parser, and any throwable other than the parser's own
 * error type fails the test with the seed and the smallest failing input found. Seeds are fixed
 * per property so builds are repeatable; {@code -Dskiff.fuzz.seed=N} and
 * {@code -Dskiff.fuzz.tries=N} explore further.
 *
 * <p>It lives here, in the test-only testkit module, because test sources do not cross
 * JPMS modules: every module's parser tests use this one copy.
 */
public final class Fuzz {
    public static final int TRIES = Integer.getInteger("skiff.fuzz.tries", 1000);

    /** A parse that may throw anything. */
    public interface Parse<T> {
        void run(T input) throws Throwable;
    }

    private Fuzz() {}

    /**
     * Runs {@code parse} on {@link #TRIES} inputs from {@code gen}; every throwable must be an
     * instance of one of {@code allowed}.
     */
    @SafeVarargs
    public static <T> void check(String property, Function<Random, T> gen, Parse<T> parse,
            Class<? extends Throwable>... allowed) {
        check(property, TRIES, gen, parse, allowed);
    }

    /** As {@link #check(String, Function, Parse, Class[])}, with {@code tries} per 1000 of the others (slow parses). */
    @SafeVarargs
    public static <T> void check(String property, int tries, Function<Random, T> gen, Parse<T> parse,
            Class<? extends Throwable>... allowed) {
        long seed = Long.getLong("skiff.fuzz.seed", property.hashCode());
        Random random = new Random(seed);
        int parsed = 0;
        int n = Math.max(1, (int) ((long) tries * TRIES / 1000)); // scaled as -Dskiff.fuzz.tries scales the others
        for (int i = 0; i < n; i++) {
            T input = gen.apply(random);
            Throwable thrown = thrown(input, parse);
            if (thrown == null) {
                parsed++;
            } else if (!isAllowed(thrown, allowed)) {
                T small = shrink(input, parse, thrown.getClass());
                Throwable cause = thrown(small, parse);
                // Escaped, as the message may hold the input's NULs and lone surrogates.
                throw new AssertionError(property + ": " + cause.getClass().getName() + " escaped (seed " + seed
                        + ", try " + i + ") for input " + show(small) + ", message " + show(cause.getMessage()), cause);
            }
        }
        if (parsed == 0) {
            // The generator is meant to make valid inputs too; none parsing means its examples are wrong.
            throw new AssertionError(property + ": not one of " + n + " inputs parsed (seed " + seed + ")");
        }
    }

    /** What parsing {@code input} threw; null when it parsed. */
    private static <T> Throwable thrown(T input, Parse<T> parse) {
        try {
            parse.run(input);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static boolean isAllowed(Throwable thrown, Class<? extends Throwable>[] allowed) {
        for (Class<? extends Throwable> ok : allowed) {
            if (ok.isInstance(thrown)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Strings and byte arrays: drops chunks, then single elements; lists of strings: drops items,
     * then shrinks each; all while the same kind of throwable escapes.
     */
    @SuppressWarnings("unchecked")
    private static <T> T shrink(T input, Parse<T> parse, Class<?> kind) {
        if (input instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return (T) shrinkList((List<String>) list, (Parse<List<String>>) parse, kind);
        }
        boolean bytes = input instanceof byte[];
        if (!(input instanceof String) && !bytes) {
            return input;
        }
        String s = bytes ? new String((byte[]) input, StandardCharsets.ISO_8859_1) : (String) input;
        int budget = 3000;
        for (int chunk = Math.max(1, s.length() / 2); chunk >= 1 && budget > 0; chunk /= 2) {
            for (int at = 0; at + chunk <= s.length() && budget-- > 0; ) {
                String smaller = s.substring(0, at) + s.substring(at + chunk);
                Throwable t = thrown((T) (bytes ? smaller.getBytes(StandardCharsets.ISO_8859_1) : smaller), parse);
                if (t != null && t.getClass() == kind) {
                    s = smaller;
                } else {
                    at++;
                }
            }
        }
        return (T) (bytes ? s.getBytes(StandardCharsets.ISO_8859_1) : s);
    }

    private static List<String> shrinkList(List<String> input, Parse<List<String>> parse, Class<?> kind) {
        List<String> items = new ArrayList<>(input);
        for (int i = items.size() - 1; i >= 0; i--) {
            List<String> smaller = new ArrayList<>(items);
            smaller.remove(i);
            Throwable t = thrown(smaller, parse);
            if (t != null && t.getClass() == kind) {
                items = smaller;
            }
        }
        for (int i = 0; i < items.size(); i++) {
            int at = i;
            List<String> current = items;
            Parse<String> item = s -> {
                List<String> changed = new ArrayList<>(current);
                changed.set(at, s);
                parse.run(changed);
            };
            items.set(i, shrink(items.get(i), item, kind));
        }
        return items;
    }

    /** The input as a Java literal, so a failure can be pasted into an example test. */
    public static String show(Object input) {
        if (input instanceof byte[] b) {
            return show(new String(b, StandardCharsets.ISO_8859_1)) + ".getBytes(ISO_8859_1)";
        }
        if (input instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c >= 0x20 && c < 0x7f) {
                    out.append(c);
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            return out.append('"').toString();
        }
        if (input instanceof List<?> list) {
            return list.stream().map(Fuzz::show).toList().toString();
        }
        return String.valueOf(input);
    }

    // ---- strings ----

    /** Tokens that break parsers: separators, edge numbers, blanks, NUL, non-ASCII digits and letters. */
    public static final List<String> TOKENS = List.of(
            ":", "::", ",", ",,", "=", "==", "/", "//", ".", "..", "-", "--", "\\", "\\:", "%", "#", "[", "]", "{", "}",
            "\"", "'", "@", "*", "~", "+",
            "0", "-0", "+1", "-1", "-2", "00", "007", "1.5", ".5", "5.", "1e3", "1e999", "0x10", "NaN", "Infinity",
            "255", "256", "65535", "4294967294", "4294967295", "4294967296", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "18446744073709551616", "99999999999999999999999999999999999999",
            "", " ", "  ", "\t", "\n", "\r\n", "\u0000", "\u0001", "\u007f", "\u00a0", "\u2028", "\u200b", "\u202e",
            "\ufeff", "\ud800", "\udfff", "\ud83d\ude00", "é", "ß", "İ", "ı", "\u0663", "\uff11", "\u0966",
            "true", "false", "null", "unlimited", "host", "none", "private", "ns:", "all", "ALL", "cap_", "CAP_",
            "k", "m", "g", "t", "p", "e", "b", "ib", "KiB", "MB");

    /** The tokens least likely to be handled: NUL, controls, blanks beyond ASCII, surrogates, other scripts. */
    public static final List<String> NASTY = List.of("\u0000", "\u0001", "\u007f", "\u00a0", "\u2028", "\u200b",
            "\u202e", "\ufeff", "\ud800", "\udfff", "\ud83d\ude00", "é", "ß", "İ", "ı", "\u0663", "\uff11", "\n",
            "\t", " ", "");

    private static final String ALPHABET = "abcAZ019:,=/.-_ \t\\%#[]{}\"'";

    /** Any string: mostly short, from a mix of ASCII, separators, blanks, controls and other scripts. */
    public static String arbitrary(Random r) {
        int length = r.nextInt(10) == 0 ? r.nextInt(300) : r.nextInt(24);
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(switch (r.nextInt(6)) {
                case 0 -> TOKENS.get(r.nextInt(TOKENS.size()));
                case 1 -> (char) (0x20 + r.nextInt(0x5f));
                case 2 -> (char) r.nextInt(0x20);
                case 3 -> (char) r.nextInt(0x10000);
                default -> ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            });
        }
        return out.toString();
    }

    /** How many mutations a near-valid input gets: mostly one, so the rest of it still passes the checks. */
    private static final int[] MUTATIONS = {0, 1, 1, 1, 1, 2, 2, 3, 4};

    /** One of {@code valid} with 0 to 4 mutations; sometimes an arbitrary string instead. */
    public static Function<Random, String> nearValid(List<String> valid) {
        return r -> {
            if (r.nextInt(8) == 0) {
                return arbitrary(r);
            }
            String s = valid.get(r.nextInt(valid.size()));
            int mutations = MUTATIONS[r.nextInt(MUTATIONS.length)];
            for (int i = 0; i < mutations; i++) {
                s = mutate(r, s);
            }
            return s;
        };
    }

    /**
     * One textual mutation: truncate, cut, insert a token (anywhere, or where a field starts or
     * ends), duplicate, replace, change case.
     */
    public static String mutate(Random r, String s) {
        int at = r.nextBoolean() ? fieldEdge(r, s) : r.nextInt(s.length() + 1);
        return switch (r.nextInt(8)) {
            case 0 -> s.substring(0, at);
            case 1 -> s.substring(at);
            case 2 -> {
                int end = at + r.nextInt(Math.max(1, s.length() - at + 1));
                yield s.substring(0, at) + s.substring(Math.min(end, s.length()));
            }
            case 3 -> s.substring(0, at) + TOKENS.get(r.nextInt(TOKENS.size())) + s.substring(at);
            case 4 -> s.substring(0, at) + NASTY.get(r.nextInt(NASTY.size())) + s.substring(at);
            case 5 -> s.substring(0, at) + s + s.substring(at);
            case 6 -> r.nextBoolean() ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
            default -> at < s.length() ? s.substring(0, at) + (char) r.nextInt(0x250) + s.substring(at + 1) : s + " ";
        };
    }

    /** A position next to a separator, or an end: where one field of a value starts or ends. */
    private static int fieldEdge(Random r, String s) {
        List<Integer> edges = new ArrayList<>(List.of(0, s.length()));
        for (int i = 0; i < s.length(); i++) {
            if (":,=/.".indexOf(s.charAt(i)) >= 0) {
                edges.add(i);
                edges.add(i + 1);
            }
        }
        return edges.get(r.nextInt(edges.size()));
    }

    // ---- JSON ----

    /**
     * A JSON document near one of {@code valid} (trees of maps, lists, strings, numbers,
     * booleans, nulls): structural mutations, then sometimes textual ones; sometimes a
     * deeply nested or arbitrary text instead.
     */
    public static Function<Random, String> nearValidJson(List<Object> valid) {
        return r -> {
            int pick = r.nextInt(20);
            if (pick == 0) {
                return arbitrary(r);
            }
            if (pick == 1) {
                return deep(r);
            }
            Object tree = copy(valid.get(r.nextInt(valid.size())));
            int mutations = 1 + r.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                tree = mutateTree(r, tree);
            }
            String text = json(tree);
            return r.nextInt(4) == 0 ? mutate(r, text) : text;
        };
    }

    private static String deep(Random r) {
        int depth = 500 + r.nextInt(5000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(r.nextBoolean() ? depth : depth / 2);
    }

    /** Replaces, removes or adds one node somewhere in the tree. */
    public static Object mutateTree(Random r, Object tree) {
        List<Object> containers = new ArrayList<>();
        collect(tree, containers);
        if (containers.isEmpty() || r.nextInt(30) == 0) {
            return randomValue(r, 2);
        }
        Object target = containers.get(r.nextInt(containers.size()));
        if (target instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            List<String> keys = new ArrayList<>(map.keySet());
            int op = r.nextInt(5);
            if (keys.isEmpty() || op == 0) {
                map.put(r.nextBoolean() && !keys.isEmpty() ? keys.get(r.nextInt(keys.size())) + "x" : arbitrary(r),
                        randomValue(r, 2));
            } else if (op == 1) {
                map.remove(keys.get(r.nextInt(keys.size())));
            } else {
                String key = keys.get(r.nextInt(keys.size()));
                map.put(key, replacement(r, map.get(key)));
            }
        } else {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) target;
            int op = r.nextInt(4);
            if (list.isEmpty() || op == 0) {
                list.add(list.isEmpty() ? 0 : r.nextInt(list.size() + 1), randomValue(r, 2));
            } else if (op == 1) {
                list.remove(r.nextInt(list.size()));
            } else {
                int i = r.nextInt(list.size());
                list.set(i, replacement(r, list.get(i)));
            }
        }
        return tree;
    }

    /** A value in place of {@code old}: a near one of the same kind, or anything. */
    private static Object replacement(Random r, Object old) {
        return switch (r.nextInt(4)) {
            case 0 -> old instanceof String s ? mutate(r, s) : randomValue(r, 2);
            case 1 -> old instanceof Number n ? edgeNumber(r, n) : randomValue(r, 1);
            case 2 -> {
                List<Object> wrapped = new ArrayList<>();
                wrapped.add(old);
                yield wrapped;
            }
            default -> randomValue(r, 2);
        };
    }

    private static Object edgeNumber(Random r, Number n) {
        return switch (r.nextInt(7)) {
            case 0 -> -n.longValue();
            case 1 -> n.longValue() + 1;
            case 2 -> Long.MAX_VALUE;
            case 3 -> new java.math.BigInteger("18446744073709551616");
            case 4 -> 4294967296L;
            case 5 -> 1.5;
            default -> n.toString();
        };
    }

    public static Object randomValue(Random r, int depth) {
        int kinds = depth > 0 ? 10 : 8;
        return switch (r.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> (long) r.nextInt(10) - 2;
            case 3 -> edgeNumber(r, 0);
            case 4, 5 -> arbitrary(r);
            case 6 -> TOKENS.get(r.nextInt(TOKENS.size()));
            case 7 -> "";
            case 8 -> {
                List<Object> list = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(r, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    map.put(arbitrary(r), randomValue(r, depth - 1));
                }
                yield map;
            }
        };
    }

    private static void collect(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            out.add(m);
            m.values().forEach(v -> collect(v, out));
        } else if (node instanceof List<?> l) {
            out.add(l);
            l.forEach(v -> collect(v, out));
        }
    }

    /** A mutable deep copy of a tree of maps and lists. */
    public static Object copy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return node;
    }

    /** Compact JSON of a tree of maps, lists, strings, numbers, booleans and nulls. */
    public static String json(Object node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(Object node, StringBuilder out) {
        switch (node) {
            case null -> out.append("null");
            case Map<?, ?> m -> {
                out.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    string(String.valueOf(e.getKey()), out);
                    out.append(':');
                    write(e.getValue(), out);
                    out.append(it.hasNext() ? "," : "");
                }
                out.append('}');
            }
            case List<?> l -> {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    out.append(i > 0 ? "," : "");
                    write(l.get(i), out);
                }
                out.append(']');
            }
            case String s -> string(s, out);
            default -> out.append(node);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
