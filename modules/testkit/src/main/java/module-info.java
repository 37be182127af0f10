/** Test support shared by every module's tests; a test-scoped dependency only. */
module dev.skiff.testkit {
    exports dev.skiff.testkit;
}
