package dev.skiff.network;

import dev.skiff.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile CNI documents and values: configs throw {@link CniConfigException}, results the
 * {@link JsonShapeException} that {@link PluginRunner} turns into a PluginException, error objects
 * nothing at all, and the flag values the documented IllegalArgumentException.
 */
class CniParsersFuzzTest {
    private static final String CONFLIST = """
            {"cniVersion":"1.0.0","name":"podman","disableCheck":"true","plugins":[
              {"type":"bridge","bridge":"cni0","isGateway":true,
               "ipam":{"type":"host-local","ranges":[[{"subnet":"10.88.0.0/16"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
              {"type":"portmap","capabilities":{"portMappings":true}},
              {"type":"firewall"},{"type":"tuning"}]}""";
    private static final String CONF = """
            {"cniVersion":"0.4.0","name":"a","type":"bridge","bridge":"br-a","ipMasq":true,
             "ipam":{"type":"host-local","subnet":"10.1.0.0/24"}}""";
    private static final String RESULT = """
            {"cniVersion":"%s",
             "interfaces":[{"name":"cni0","mac":"aa:aa:aa:aa:aa:aa"},
                           {"name":"eth0","mac":"cc:cc:cc:cc:cc:cc","sandbox":"/proc/9/fd/4"}],
             "ips":[{%s"address":"10.88.0.5/16","gateway":"10.88.0.1","interface":1},
                    {%s"address":"fd00::5/64","interface":1}],
             "routes":[{"dst":"0.0.0.0/0"},{"dst":"10.1.0.0/16","gw":"10.88.0.254"},{"dst":"::/0","gw":"fd00::1"}],
             "dns":{"nameservers":["10.88.0.1","fd00::1"],"domain":"example.test","search":["a.test"],
                    "options":["ndots:2"]}}""";

    @TempDir
    Path dir;

    @Test
    void configFiles() {
        Fuzz.check("CNI config files", 300, configDirs(), files -> {
            for (int i = 0; i < files.size(); i++) {
                Files.write(dir.resolve(NAMES.get(i)), files.get(i));
            }
            try {
                new ConfigDir(dir).loadAll();
                new ConfigDir(dir).load(List.of("podman"));
            } finally {
                for (String name : NAMES) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
        }, CniConfigException.class);
    }

    @Test
    void configTexts() {
        Function<Random, String> texts = Fuzz.nearValidJson(trees(CONFLIST, CONF));
        Fuzz.check("CNI conflist", texts, text -> NetworkConfigParser.parseConflist(Path.of("x.conflist"), text),
                CniConfigException.class);
        Fuzz.check("CNI conf", texts, text -> NetworkConfigParser.parseConf(Path.of("x.conf"), text),
                CniConfigException.class);
    }

    @Test
    void results() {
        List<Object> results = trees(RESULT.formatted("1.0.0", "", ""),
                RESULT.formatted("0.4.0", "\"version\":\"4\",", "\"version\":\"6\","),
                RESULT.formatted("0.3.1", "\"version\":\"4\",", "\"version\":\"6\","),
                "{\"cniVersion\":\"1.1.0\"}", "{}");
        Fuzz.check("CNI result", Fuzz.nearValidJson(results), text -> {
            CniResult result = ResultParser.parse(text, SpecVersion.V1_0_0);
            result.ipsOn("eth0");
        }, JsonShapeException.class);
    }

    @Test
    void errorObjects() {
        Fuzz.check("CNI error", Fuzz.nearValidJson(trees(
                "{\"cniVersion\":\"1.0.0\",\"code\":7,\"msg\":\"bad config\",\"details\":\"no subnet\"}",
                "{\"code\":100,\"msg\":\"\"}")), text -> CniError.parse(text).ifPresent(CniError::describe));
    }

    @Test
    void attachmentRecords() throws Exception {
        Network net = Network.of("podman", SpecVersion.V1_0_0, List.of(
                new PluginConfig("bridge", Map.of("type", "bridge", "bridge", "cni0")),
                new PluginConfig("portmap", Map.of("type", "portmap", "capabilities", Map.of("portMappings", true)))));
        CniResult result = ResultParser.parse(RESULT.formatted("1.0.0", "", ""), SpecVersion.V1_0_0);
        String record = AttachmentsRecord.toJson(new Attachments(
                new RuntimeConfig("skiff-abc", Optional.empty(), Map.of("IgnoreUnknown", "1"), Map.of()),
                List.of(new Attachment(net, "eth0", result), new Attachment(net, "eth1", result))));
        Fuzz.check("attachments record", Fuzz.nearValidJson(trees(record)), text -> {
            Attachments back = AttachmentsRecord.fromJson(Path.of("journal"), text);
            back.list().forEach(Attachment::describe);
        }, CniConfigException.class);
    }

    @Test
    void values() {
        Fuzz.check("network mode", Fuzz.nearValid(List.of("none", "host", "private", "", "ns:/run/netns/a",
                "/proc/1/ns/net", "podman", "a,b.c,d-e_f", " a , b ")), NetworkMode::parse,
                IllegalArgumentException.class);
        Fuzz.check("cniVersion", Fuzz.nearValid(List.of("1.0.0", "0.4.0", "0.3", "1.1.0")), SpecVersion::parse,
                IllegalArgumentException.class);
        Fuzz.check("ip prefix", Fuzz.nearValid(List.of("10.88.0.5/16", "0.0.0.0/0", "fd00::5/64", "::/0",
                "::ffff:10.0.0.1/128")), text -> IpPrefix.parse(text).toString(), IllegalArgumentException.class);
    }

    private static final List<String> NAMES = List.of("10-a.conf", "20-b.conflist", "30-c.json", "40-d.conflist");

    /** Contents for NAMES: near-valid configs of either kind, sometimes with bytes that are not UTF-8. */
    private static Function<Random, List<byte[]>> configDirs() {
        Function<Random, String> texts = Fuzz.nearValidJson(trees(CONFLIST, CONF));
        return r -> {
            List<byte[]> files = new ArrayList<>();
            int n = 1 + r.nextInt(NAMES.size());
            for (int i = 0; i < n; i++) {
                byte[] b = texts.apply(r).getBytes(StandardCharsets.UTF_8);
                if (r.nextInt(10) == 0 && b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) (0x80 + r.nextInt(0x80));
                }
                files.add(b);
            }
            return files;
        };
    }

    private static List<Object> trees(String... texts) {
        List<Object> trees = new ArrayList<>();
        for (String text : texts) {
            try {
                trees.add(Json.parse(text));
            } catch (JsonShapeException e) {
                throw new AssertionError(e);
            }
        }
        return trees;
    }
}
