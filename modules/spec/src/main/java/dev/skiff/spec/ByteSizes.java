package dev.skiff.spec;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as docker and buildah write them ({@code 512m}, {@code 1g}, {@code 1.5G},
 * {@code 100k}, {@code 4096}, {@code 64MiB}): go-units' {@code RAMInBytes}, whose units are
 * 1024-based whatever the spelling.
 */
public final class ByteSizes {
    /** go-units' grammar: a decimal, an optional space, an optional unit with optional i and b. */
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtp])?i?b?$", Pattern.CASE_INSENSITIVE);

    private static final String UNITS = "kmgtp";

    private ByteSizes() {}

    /**
     * @param subject what the size is for, used in the error ({@code memory}, {@code --memory})
     * @throws SpecException when {@code value} is not a size or does not fit in a signed 64-bit count
     */
    public static long parse(String subject, String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw new SpecException(subject, value, "not a size (a number with an optional unit b, k, m, g, t or p)");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier(m.group(2))));
        try {
            // go-units truncates a fractional byte count (1.5k is 1536; 0.1k is 102).
            return bytes.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new SpecException(subject, value, "too large", e);
        }
    }

    private static long multiplier(String unit) {
        if (unit == null) {
            return 1;
        }
        int power = UNITS.indexOf(unit.toLowerCase(Locale.ROOT)) + 1;
        return 1L << (10 * power);
    }
}
