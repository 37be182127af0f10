package dev.skiff.spec;

/** {@code process.consoleSize}: the terminal's size in character cells. */
public record ConsoleSize(int height, int width) {
    public ConsoleSize {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("negative console size " + height + "x" + width);
        }
    }
}
