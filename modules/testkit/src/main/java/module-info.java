/** Test support shared by the runtime and CLI tests; a test-scoped dependency only. */
module dev.skiff.testkit {
    exports dev.skiff.testkit;
}
