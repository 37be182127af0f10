package dev.skiff.network;

/** The CNI operations Skiff runs, spelled as {@code CNI_COMMAND} takes them. */
public enum CniCommand {
    ADD,
    DEL,
    CHECK,
    VERSION
}
