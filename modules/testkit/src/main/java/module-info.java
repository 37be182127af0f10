/** Test support shared by every module's tests; a test-scoped dependency only. */
module dev.skiff.testkit {
    requires org.junit.jupiter.api;

    exports dev.skiff.testkit;
}
