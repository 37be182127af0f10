package dev.skiff.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.skiff.spec.SeccompProfileJson.Arch;
import dev.skiff.spec.SeccompProfileJson.Arg;
import dev.skiff.spec.SeccompProfileJson.Filter;
import dev.skiff.spec.SeccompProfileJson.Profile;
import dev.skiff.spec.SeccompProfileJson.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a containers-format profile into {@link SeccompProfileJson}'s records on jackson-core's
 * parser, token by token: the system profile is read on every {@code skiff run}, and databind's
 * start-up (introspecting the records, building deserializers) cost it tens of milliseconds.
 *
 * <p>It accepts exactly what the databind mapper it replaced ({@link StrictJson}) accepted, which
 * {@code SeccompProfileReaderTest} checks on the real profiles and fuzzed ones: unknown properties
 * are skipped; a property given twice keeps its last value (see {@link Properties}); strings must
 * be strings; integers must be numbers, a fraction being truncated and a blank string being null
 * (databind's defaults); unsigned values must be integers from 0 to 2^64-1; null is null
 * everywhere, in lists too; nothing may follow the profile.
 */
final class SeccompProfileReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private static final BigInteger UNSIGNED_RANGE = BigInteger.ONE.shiftLeft(64);

    // The properties of each object, as the records name them.
    private static final List<String> PROFILE =
            List.of("defaultAction", "defaultErrnoRet", "architectures", "archMap", "syscalls", "flags");
    private static final List<String> ARCH = List.of("architecture", "subArchitectures");
    private static final List<String> RULE = List.of("name", "names", "action", "errnoRet", "args", "includes", "excludes");
    private static final List<String> ARG = List.of("index", "value", "valueTwo", "op");
    private static final List<String> FILTER = List.of("caps", "arches", "minKernel");

    private final JsonParser p;

    private SeccompProfileReader(JsonParser p) {
        this.p = p;
    }

    /**
     * @return null for the document {@code null}
     * @throws Mismatch when a value has the wrong type, naming where it is
     * @throws IOException when the JSON is malformed or cannot be read
     */
    static Profile read(InputStream json) throws IOException, Mismatch {
        try (JsonParser p = FACTORY.createParser(json)) {
            return new SeccompProfileReader(p).document();
        }
    }

    /** A value of the wrong type; the message says where and what. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    private Profile document() throws IOException, Mismatch {
        if (p.nextToken() == null) {
            throw new Mismatch("no content");
        }
        Profile profile = p.currentToken() == JsonToken.VALUE_NULL ? null : profile();
        if (p.nextToken() != null) {
            throw new Mismatch("content after the profile: " + describe(p.currentToken()));
        }
        return profile;
    }

    private Profile profile() throws IOException, Mismatch {
        expectObject("a profile");
        Properties props = new Properties(PROFILE);
        String defaultAction = null;
        Integer defaultErrnoRet = null;
        List<String> architectures = null;
        List<Arch> archMap = null;
        List<Rule> syscalls = null;
        List<String> flags = null;
        for (String name = props.next(); name != null; name = props.next()) {
            switch (name) {
                case "defaultAction" -> defaultAction = string();
                case "defaultErrnoRet" -> defaultErrnoRet = integer();
                case "architectures" -> architectures = strings();
                case "archMap" -> archMap = list(this::arch);
                case "syscalls" -> syscalls = list(this::rule);
                case "flags" -> flags = strings();
                default -> props.skipUnknown();
            }
        }
        return new Profile(defaultAction, defaultErrnoRet, architectures, archMap, syscalls, flags);
    }

    private Arch arch() throws IOException, Mismatch {
        expectObject("an archMap entry");
        Properties props = new Properties(ARCH);
        String architecture = null;
        List<String> subArchitectures = null;
        for (String name = props.next(); name != null; name = props.next()) {
            switch (name) {
                case "architecture" -> architecture = string();
                case "subArchitectures" -> subArchitectures = strings();
                default -> props.skipUnknown();
            }
        }
        return new Arch(architecture, subArchitectures);
    }

    private Rule rule() throws IOException, Mismatch {
        expectObject("a syscall rule");
        Properties props = new Properties(RULE);
        String name = null;
        List<String> names = null;
        String action = null;
        Integer errnoRet = null;
        List<Arg> args = null;
        Filter includes = null;
        Filter excludes = null;
        for (String field = props.next(); field != null; field = props.next()) {
            switch (field) {
                case "name" -> name = string();
                case "names" -> names = strings();
                case "action" -> action = string();
                case "errnoRet" -> errnoRet = integer();
                case "args" -> args = list(this::arg);
                case "includes" -> includes = nullOr(this::filter);
                case "excludes" -> excludes = nullOr(this::filter);
                default -> props.skipUnknown();
            }
        }
        return new Rule(name, names, action, errnoRet, args, includes, excludes);
    }

    private Arg arg() throws IOException, Mismatch {
        expectObject("an argument condition");
        Properties props = new Properties(ARG);
        Integer index = null;
        Long value = null;
        Long valueTwo = null;
        String op = null;
        for (String name = props.next(); name != null; name = props.next()) {
            switch (name) {
                case "index" -> index = integer();
                case "value" -> value = unsigned();
                case "valueTwo" -> valueTwo = unsigned();
                case "op" -> op = string();
                default -> props.skipUnknown();
            }
        }
        return new Arg(index, value, valueTwo, op);
    }

    private Filter filter() throws IOException, Mismatch {
        expectObject("a filter");
        Properties props = new Properties(FILTER);
        List<String> caps = null;
        List<String> arches = null;
        String minKernel = null;
        for (String name = props.next(); name != null; name = props.next()) {
            switch (name) {
                case "caps" -> caps = strings();
                case "arches" -> arches = strings();
                case "minKernel" -> minKernel = string();
                default -> props.skipUnknown();
            }
        }
        return new Filter(caps, arches, minKernel);
    }

    /**
     * The properties of one object as they come, with two rules of databind's record reading
     * kept so that the same profiles are refused. Until all of the object's properties were given
     * it kept the value of an unknown one, decoding its strings (so a bad UTF-8 sequence in a
     * comment is an error); a property given twice kept its last value. Once all were given it
     * built the record: it then skipped unknown ones unread, and failed on a known one.
     */
    private final class Properties {
        private final List<String> names;
        private int seen;

        Properties(List<String> names) {
            this.names = names;
        }

        private boolean allGiven() {
            return seen == (1 << names.size()) - 1;
        }

        /** The next property's name, the parser on its value; null at the object's end. */
        String next() throws IOException, Mismatch {
            String name = p.nextFieldName();
            if (name == null) {
                return null;
            }
            p.nextToken();
            int known = names.indexOf(name);
            if (known >= 0) {
                if (allGiven()) {
                    throw new Mismatch(where() + "given again after all " + names.size() + " properties of its object");
                }
                seen |= 1 << known;
            }
            return name;
        }

        /** Passes over the value of a property the records do not name. */
        void skipUnknown() throws IOException {
            if (allGiven()) {
                p.skipChildren();
                return;
            }
            int depth = 0;
            do {
                JsonToken token = p.currentToken();
                if (token == JsonToken.VALUE_STRING) {
                    p.getText();
                } else if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0 && p.nextToken() != null);
        }
    }

    // ---- values; each starts on its first token and ends on its last ----

    /** Reads one item, the parser on its first token. */
    private interface Item<T> {
        T read() throws IOException, Mismatch;
    }

    private <T> T nullOr(Item<T> item) throws IOException, Mismatch {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : item.read();
    }

    /** A list whose items may be null (the checks after reading report them at their place). */
    private <T> List<T> list(Item<T> item) throws IOException, Mismatch {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw mismatch("an array");
        }
        List<T> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(nullOr(item));
        }
        return items;
    }

    private List<String> strings() throws IOException, Mismatch {
        return list(this::string);
    }

    private String string() throws IOException, Mismatch {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            default -> throw mismatch("a string");
        };
    }

    private Integer integer() throws IOException, Mismatch {
        try {
            return switch (p.currentToken()) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getValueAsInt();
                case VALUE_STRING -> {
                    if (!isBlank(p.getText())) {
                        throw mismatch("an integer");
                    }
                    yield null;
                }
                default -> throw mismatch("an integer");
            };
        } catch (InputCoercionException e) {
            throw new Mismatch(where() + "`" + p.getText() + "` is out of range (a 32-bit integer)");
        }
    }

    /** A string databind read as a null integer: not empty (that it refused), nothing above a space. */
    private static boolean isBlank(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c <= ' ');
    }

    private Long unsigned() throws IOException, Mismatch {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> {
                BigInteger value = p.getBigIntegerValue();
                if (value.signum() < 0 || value.compareTo(UNSIGNED_RANGE) >= 0) {
                    throw new Mismatch(where() + "`" + value + "` is not an unsigned 64-bit integer");
                }
                yield value.longValue();
            }
            default -> throw mismatch("an unsigned integer");
        };
    }

    private void expectObject(String what) throws Mismatch {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw mismatch(what + " (an object)");
        }
    }

    private Mismatch mismatch(String expected) {
        return new Mismatch(where() + "expected " + expected + ", not " + describe(p.currentToken()));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    /** {@code at syscalls[3].names: }, the place of the current value, from the parser's contexts. */
    private String where() {
        JsonStreamContext context = p.getParsingContext();
        if (p.currentToken() != null && p.currentToken().isStructStart()) {
            context = context.getParent();
        }
        StringBuilder at = new StringBuilder();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            at.insert(0, context.inArray() ? "[" + context.getCurrentIndex() + "]" : "." + context.getCurrentName());
        }
        if (at.isEmpty()) {
            return "";
        }
        return "at " + at.substring(at.charAt(0) == '.' ? 1 : 0) + ": ";
    }
}
