package dev.skiff.runtime.monitor;

import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command that starts a monitor child: this JVM's own java and modules, so the
 * child runs exactly the code the library runs (in a jlink image the modules are in
 * the image and no path is needed). The JVM options favour a fast start and a small
 * footprint: the monitor moves bytes with splice and waits; it computes little.
 *
 * <p>In Skiff's own runtime image the child runs as the {@code skiff} command's module
 * ({@code dev.skiff.cli}, whose main hands {@value MonitorMain#CLI_ENTRY} to {@link MonitorMain}),
 * so that it has the same module graph as the command and can map the command's
 * ahead-of-time cache: the cache is only valid for the main module it was trained with.
 * That cuts the child's start from about 1,060 ms to about 400 ms per run (bench/run's
 * library child-monitor row).
 */
final class MonitorCommandLine {
    /** Extra JVM options for the monitor, space-separated (for tuning and measuring). */
    static final String EXTRA_OPTIONS_PROPERTY = "skiff.monitor.javaOptions";

    private static final String CLI_MODULE = "dev.skiff.cli";

    private static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            // A small first heap halves the peak RSS (the default is 1/64 of the machine's
            // memory); relay buffers are native, so the heap stays small.
            "-Xms4m",
            "-Xmx256m",
            "-Xss512k",
            // The VM's warnings and unified logging print to stdout or stderr, which are the
            // container's: they must stay silent.
            "-XX:-PrintWarnings",
            "-Xlog:disable");

    /**
     * Variables the java launcher reacts to by printing "Picked up ..." on stderr, which
     * is the container's: the monitor runs with the options on its command line only.
     */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
            "_JAVA_OPTIONS");

    private MonitorCommandLine() {}

    /** This JVM's environment (the runtime is looked up on its PATH) less the launcher's variables. */
    static List<String> environment() {
        return System.getenv().entrySet().stream()
                .filter(e -> !LAUNCHER_VARIABLES.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }

    static List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(Fixed.JAVA);
        argv.addAll(JVM_OPTIONS);
        String extra = System.getProperty(EXTRA_OPTIONS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            argv.addAll(Arrays.asList(extra.split("\\s+")));
        }
        argv.addAll(Fixed.MAIN);
        return argv;
    }

    /** What is the same for every child of this JVM, found once: its java, and how the child's main is named. */
    private static final class Fixed {
        static final String JAVA = javaExecutable();
        static final List<String> MAIN = main(JAVA);
    }

    private static List<String> main(String java) {
        Module module = MonitorMain.class.getModule();
        Path aotCache = imageAotCache(module, java);
        if (aotCache != null) {
            return List.of("-XX:AOTCache=" + aotCache, "-m", CLI_MODULE + "/" + CLI_MODULE + ".Main",
                    MonitorMain.CLI_ENTRY);
        }
        if (!module.isNamed()) {
            return List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    MonitorMain.class.getName());
        }
        List<String> main = new ArrayList<>(List.of("--enable-native-access=dev.skiff.libc"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            main.addAll(List.of("--module-path", modulePath));
        }
        main.addAll(List.of("-m", module.getName() + "/" + MonitorMain.class.getName()));
        return List.copyOf(main);
    }

    /**
     * The image's AOT cache when this JVM is Skiff's own image, the child runs its java
     * and the image has the command's module and cache; else null (a JDK of the caller's,
     * modules on a module path or class path).
     */
    private static Path imageAotCache(Module module, String java) {
        String modulePath = System.getProperty("jdk.module.path");
        if (!module.isNamed() || (modulePath != null && !modulePath.isEmpty())) {
            return null;
        }
        Path home = Path.of(System.getProperty("java.home"));
        Path cache = home.resolve("lib").resolve("skiff.aot");
        if (!Path.of(java).equals(home.resolve("bin").resolve("java")) || !Files.isRegularFile(cache)
                || ModuleFinder.ofSystem().find(CLI_MODULE).isEmpty()) {
            return null;
        }
        return cache;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
