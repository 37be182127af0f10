package dev.skiff.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.skiff.network.CniResult.IpConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Results of every supported spec version, and every way a result can be malformed. */
class ResultParserTest {

    /** The same attachment as each version's bridge plugin prints it (pre-1.0 IPs carry "version"). */
    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("0.3.0", "\"version\":\"4\","),
                Arguments.of("0.3.1", "\"version\":\"4\","),
                Arguments.of("0.4.0", "\"version\":\"4\","),
                Arguments.of("1.0.0", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void readsEachSupportedVersion(String version, String ipVersion) throws Exception {
        String text = """
                {"cniVersion":"%s",
                 "interfaces":[{"name":"cni0","mac":"aa:aa:aa:aa:aa:aa"},
                               {"name":"veth1","mac":"bb:bb:bb:bb:bb:bb"},
                               {"name":"eth0","mac":"cc:cc:cc:cc:cc:cc","sandbox":"/proc/9/fd/4"}],
                 "ips":[{%s"address":"10.88.0.5/16","gateway":"10.88.0.1","interface":2}],
                 "routes":[{"dst":"0.0.0.0/0"},{"dst":"10.1.0.0/16","gw":"10.88.0.254"}],
                 "dns":{"nameservers":["10.88.0.1"],"domain":"example.test","search":["a.test"],"options":["ndots:2"]}}
                """.formatted(version, ipVersion);

        CniResult r = ResultParser.parse(text, SpecVersion.V1_0_0);

        assertThat(r.cniVersion()).isEqualTo(SpecVersion.parse(version));
        assertThat(r.interfaces()).extracting(CniResult.Interface::name).containsExactly("cni0", "veth1", "eth0");
        assertThat(r.interfaces().get(2).sandbox()).hasValue("/proc/9/fd/4");
        assertThat(r.interfaces().get(0).sandbox()).isEmpty();
        IpConfig ip = r.ips().get(0);
        assertThat(ip.address()).isEqualTo(new IpPrefix(InetAddress.ofLiteral("10.88.0.5"), 16));
        assertThat(ip.gateway()).hasValue(InetAddress.ofLiteral("10.88.0.1"));
        assertThat(ip.interfaceIndex()).hasValue(2);
        assertThat(r.routes()).extracting(rt -> rt.dst().toString(), CniResult.Route::gw).containsExactly(
                tuple("0.0.0.0/0", Optional.empty()),
                tuple("10.1.0.0/16", Optional.of(InetAddress.ofLiteral("10.88.0.254"))));
        assertThat(r.dns().nameservers()).containsExactly("10.88.0.1");
        assertThat(r.dns().domain()).hasValue("example.test");
        assertThat(r.dns().search()).containsExactly("a.test");
        assertThat(r.dns().options()).containsExactly("ndots:2");
        assertThat(r.ipsOn("eth0")).containsExactly(ip);
        assertThat(r.ipsOn("eth1")).isEmpty();
        assertThat(r.raw()).containsKeys("cniVersion", "interfaces", "ips", "routes", "dns");
    }

    @Test
    void readsIpv6AndMinimalResults() throws Exception {
        CniResult r = ResultParser.parse("""
                {"cniVersion":"0.4.0","ips":[{"version":"6","address":"fd00:1::5/64","gateway":"fd00:1::1"}]}""",
                SpecVersion.V0_4_0);

        assertThat(r.ips().get(0).address().toString()).isEqualTo("fd00:1::5/64");
        assertThat(r.ips().get(0).interfaceIndex()).isEmpty();
        assertThat(r.ipsOn("eth0")).hasSize(1);
        assertThat(r.interfaces()).isEmpty();
        assertThat(r.dns().isEmpty()).isTrue();
        assertThat(ResultParser.parse("{}", SpecVersion.V0_3_1).cniVersion()).isEqualTo(SpecVersion.V0_3_1);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not json", "malformed JSON"),
                Arguments.of("{\"ips\":[]} {}", "unexpected content after the JSON value at line 1, column 12"),
                Arguments.of("{\"ips\":[]} trailing", "malformed JSON: Unrecognized token 'trailing'"),
                Arguments.of("[1,2]", "expected a JSON object, found a list"),
                Arguments.of("{\"cniVersion\":\"0.2.0\",\"ip4\":{\"ip\":\"10.0.0.2/24\"}}",
                        "result version 0.2.0 is not supported"),
                Arguments.of("{\"cniVersion\":\"2.0.0\"}", "result version 2.0.0 is not supported"),
                Arguments.of("{\"cniVersion\":\"one\"}", "cniVersion: not a CNI version: \"one\""),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.2\"}]}",
                        "ips[0].address: \"10.0.0.2\" is not an address with a prefix length"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.2/33\"}]}",
                        "ips[0].address: prefix length 33 out of range 0..32"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"example.com/24\"}]}",
                        "ips[0].address: \"example.com\" is not an IP address"),
                Arguments.of("{\"cniVersion\":\"0.4.0\",\"ips\":[{\"address\":\"10.0.0.2/24\"}]}",
                        "ips[0].version: missing (required before CNI 1.0.0)"),
                Arguments.of("{\"cniVersion\":\"0.3.1\",\"ips\":[{\"version\":\"6\",\"address\":\"10.0.0.2/24\"}]}",
                        "ips[0].version: \"6\" but the address is IPv4"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.2/24\",\"interface\":0}]}",
                        "ips[0].interface: index 0 does not name one of the 0 interfaces"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.0.0.2/24\",\"gateway\":\"gw\"}]}",
                        "ips[0].gateway: \"gw\" is not an IP address"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"ips\":{}}", "ips: expected a list, found an object"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"mac\":\"x\"}]}", "interfaces[0].name: missing"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"routes\":[{\"gw\":\"10.0.0.1\"}]}", "routes[0].dst: missing"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"dns\":{\"nameservers\":[\"dns.example\"]}}",
                        "dns.nameservers: \"dns.example\" is not an IP address"),
                Arguments.of("{\"cniVersion\":\"1.0.0\",\"dns\":{\"search\":[1]}}",
                        "dns.search: expected strings, found the number 1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void malformedResultsSayWhatIsWrong(String text, String problem) {
        assertThatThrownBy(() -> ResultParser.parse(text, SpecVersion.V1_0_0))
                .isInstanceOf(JsonShapeException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.0", "0.3.1", "0.4.0", "1.0.0"})
    void errorObjectsOfEachVersionParse(String version) {
        String text = "{\"cniVersion\":\"" + version + "\",\"code\":11,\"msg\":\"try later\",\"details\":\"lock held\"}";

        assertThat(CniError.parse(text)).hasValue(new CniError(version, 11, "try later", "lock held"));
        assertThat(CniError.parse(text).orElseThrow().describe()).isEqualTo("try later: lock held (code 11, try again later)");
    }

    @Test
    void whatIsNotAnErrorObjectIsNotOne() {
        assertThat(CniError.parse("segfault")).isEmpty();
        assertThat(CniError.parse("{\"foo\":1}")).isEmpty();
        assertThat(CniError.parse("{\"code\":\"x\"}")).isEmpty();
        assertThat(new CniError("1.0.0", 123, "", "").describe()).isEqualTo("plugin error (code 123)");
        assertThat(List.of(CniError.parse("{\"code\":7}").orElseThrow().wellKnownMeaning()))
                .containsExactly(Optional.of("invalid network config"));
    }
}
