package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Inputs the fuzz tests found that once escaped as other exceptions. */
class HostileInputTest {

    /** An attachment without its ADD result reached Attachment's null check (NullPointerException). */
    @Test
    void attachmentRecordWithoutAResult() {
        String record = """
                {"containerId": "c", "attachments": [{"name": "n", "cniVersion": "1.0.0",
                 "plugins": [{"type": "bridge"}], "ifname": "eth0"}]}""";
        assertThatThrownBy(() -> AttachmentsRecord.fromJson(Path.of("journal"), record))
                .isInstanceOf(CniConfigException.class)
                .hasMessage("CNI config journal: attachments record.attachments[0].result: missing");
    }
}
