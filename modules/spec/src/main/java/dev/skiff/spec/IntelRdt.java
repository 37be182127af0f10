package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code linux.intelRdt}: resctrl class of service and schemata. Flags are omitted when false. */
public record IntelRdt(
        String closID,
        String schemata,
        String l3CacheSchema,
        String memBwSchema,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean enableCMT,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean enableMBM) {}
