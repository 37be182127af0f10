package dev.skiff.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtraHostTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            db:10.0.0.5             | db          | 10.0.0.5
            db.example:192.168.1.1  | db.example  | 192.168.1.1
            v6:::1                  | v6          | ::1
            v6:fd00::1:2            | v6          | fd00::1:2
            mapped:::ffff:1.2.3.4   | mapped      | ::ffff:1.2.3.4
            zero:0.0.0.0            | zero        | 0.0.0.0
            """)
    void accepts(String entry, String name, String address) throws MountException {
        ExtraHost host = ExtraHost.parse(entry);
        assertThat(host.name()).isEqualTo(name);
        assertThat(host.address()).isEqualTo(address);
        assertThat(host.hostsLine()).isEqualTo(address + "\t" + name + "\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            db                     | "missing `:` between name and address"
            ""                     | "missing `:` between name and address"
            :10.0.0.1              | "empty host name"
            db:                    | "empty IP address"
            db:300.0.0.1           | "`300.0.0.1` is not an IPv4 or IPv6 address"
            db:10.0.0              | "`10.0.0` is not an IPv4 or IPv6 address"
            db:010.0.0.1           | "`010.0.0.1` is not an IPv4 or IPv6 address"
            db:example.com         | "`example.com` is not an IPv4 or IPv6 address"
            db:[::1]               | "`[::1]` is not an IPv4 or IPv6 address"
            db:fe80::1%eth0        | "`fe80::1%eth0` is not an IPv4 or IPv6 address"
            db:1::2::3             | "`1::2::3` is not an IPv4 or IPv6 address"
            db:host-gateway        | "`host-gateway` is not supported yet"
            "my db:10.0.0.1"       | "contains a blank"
            "d#b:10.0.0.1"         | "contains a blank"
            """)
    void rejectsNamingTheEntry(String entry, String message) {
        assertThatThrownBy(() -> ExtraHost.parse(entry))
                .isInstanceOf(MountException.class)
                .hasMessageStartingWith("add-host `" + entry + "`: ")
                .hasMessageContaining(message);
    }
}
