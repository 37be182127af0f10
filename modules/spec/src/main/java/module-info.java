/** The OCI runtime-spec model (records and enums) and the config.json generator. */
module dev.skiff.spec {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.skiff.spec;

    opens dev.skiff.spec to com.fasterxml.jackson.databind;
}
