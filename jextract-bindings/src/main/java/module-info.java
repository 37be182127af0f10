/**
 * libc for Skiff: the jextract-generated bindings ({@code dev.skiff.libc.gen}, exported
 * only to the modules that need raw layouts) and the hand-written face over them
 * ({@code dev.skiff.libc}): errno capture, {@link dev.skiff.libc.ErrnoException},
 * {@link dev.skiff.libc.OwnedFd}, EINTR retry, wait-status and SCM_RIGHTS helpers.
 */
module dev.skiff.libc {
    exports dev.skiff.libc;
    exports dev.skiff.libc.gen to dev.skiff.stdio, dev.skiff.runtime;
}
