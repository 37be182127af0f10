package dev.skiff.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fake {@link PluginExecutor}: records every invocation and answers as a well-behaved
 * plugin would (ADD echoes prevResult, or makes a first result; DEL and CHECK succeed),
 * unless a test scripted another answer for a command and plugin.
 */
final class RecordingExecutor implements PluginExecutor {

    /** One recorded execution, with the stdin already parsed. */
    record Call(CniCommand command, String plugin, Map<String, String> env, Map<String, Object> config) {
        String ifname() {
            return env.get("CNI_IFNAME");
        }

        String network() {
            return (String) config.get("name");
        }

        Object prevResult() {
            return config.get("prevResult");
        }

        /** {@code ADD net1/bridge eth0}: compact for order assertions. */
        String brief() {
            return command + " " + network() + "/" + plugin + " " + ifname();
        }
    }

    final List<Call> calls = new ArrayList<>();
    private final Map<String, Function<Call, Output>> scripted = new HashMap<>();

    /** Makes {@code plugin} answer {@code command} with {@code exit} and {@code stdout}. */
    RecordingExecutor answer(CniCommand command, String plugin, int exit, String stdout) {
        scripted.put(command + " " + plugin, c -> new Output(exit, stdout.getBytes(StandardCharsets.UTF_8), "log line"));
        return this;
    }

    List<String> briefs() {
        return calls.stream().map(Call::brief).toList();
    }

    @Override
    public Output execute(Invocation invocation) throws IOException {
        Call call = new Call(CniCommand.valueOf(invocation.environment().get("CNI_COMMAND")),
                invocation.binary().getFileName().toString(), invocation.environment(), parse(invocation.stdinText()));
        calls.add(call);
        Function<Call, Output> answer = scripted.get(call.command() + " " + call.plugin());
        if (answer != null) {
            return answer.apply(call);
        }
        if (call.command() != CniCommand.ADD) {
            return new Output(0, new byte[0], "");
        }
        String result = call.prevResult() != null ? Json.write(call.prevResult()) : firstResult(call);
        return new Output(0, result.getBytes(StandardCharsets.UTF_8), "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String stdin) throws IOException {
        try {
            return (Map<String, Object>) Json.parse(stdin);
        } catch (JsonShapeException e) {
            throw new IOException("fake plugin got bad stdin: " + e.getMessage());
        }
    }

    /** What a bridge plugin would print: host bridge, container eth, one address in 10.0.(eth#).0/24. */
    private static String firstResult(Call call) {
        String version = (String) call.config().get("cniVersion");
        int n = Integer.parseInt(call.ifname().substring(3));
        Map<String, Object> ip = new LinkedHashMap<>();
        if (!version.startsWith("1.")) {
            ip.put("version", "4");
        }
        ip.put("address", "10.0." + n + ".2/24");
        ip.put("gateway", "10.0." + n + ".1");
        ip.put("interface", 1);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cniVersion", version);
        result.put("interfaces", List.of(
                Map.of("name", "br" + n, "mac", "aa:bb:cc:dd:ee:0" + n),
                Map.of("name", call.ifname(), "mac", "aa:bb:cc:dd:ee:f" + n, "sandbox", call.env().get("CNI_NETNS"))));
        result.put("ips", List.of(ip));
        result.put("dns", Map.of("nameservers", List.of("10.0." + n + ".1")));
        return Json.write(result);
    }

    /** A plugin directory holding empty executables with these names (the fake never runs them). */
    static PluginPath pluginDir(Path dir, String... plugins) throws IOException {
        for (String plugin : plugins) {
            Path p = dir.resolve(plugin);
            Files.writeString(p, "#!/bin/false\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new PluginPath(List.of(dir));
    }
}
