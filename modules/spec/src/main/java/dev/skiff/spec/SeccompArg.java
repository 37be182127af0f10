package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A condition on one syscall argument. {@code value} and {@code valueTwo} are unsigned 64-bit
 * (a mask such as 0xffffffffffffffff is {@code -1L}); {@code value} is always printed and
 * {@code valueTwo}, used only by {@code SCMP_CMP_MASKED_EQ}, is omitted when 0.
 *
 * @param index the argument's position, 0 to 5
 */
public record SeccompArg(
        int index,
        @Unsigned64 long value,
        @Unsigned64 @JsonInclude(JsonInclude.Include.NON_DEFAULT) long valueTwo,
        SeccompOperator op) {

    public static SeccompArg of(int index, long value, SeccompOperator op) {
        return new SeccompArg(index, value, 0, op);
    }
}
