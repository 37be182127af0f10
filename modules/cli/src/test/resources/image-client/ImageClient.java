import dev.skiff.runtime.Container;
import dev.skiff.runtime.ContainerBuilder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ImageLibraryIT's library client: runs {@code cat} through the library's default (child)
 * monitor on the image's own java, and prints how the monitor child was started, whether
 * it mapped the image's AOT cache, what the container echoed, what reached its stderr
 * and how it exited.
 */
public final class ImageClient {
    public static void main(String[] args) throws Exception {
        try (Container c = new ContainerBuilder(Path.of(args[0])).stateDir(Path.of(args[1])).command("cat").start()) {
            ProcessHandle child = ProcessHandle.current().children().findFirst().orElseThrow();
            System.out.println("args " + String.join(" ", child.info().arguments().orElseThrow()));
            System.out.println("maps " + Files.readAllLines(Path.of("/proc/" + child.pid() + "/maps")).stream()
                    .filter(line -> line.endsWith("/skiff.aot")).count());
            try (OutputStream in = c.getOutputStream()) {
                in.write("hello\n".getBytes(StandardCharsets.UTF_8));
            }
            System.out.println("out " + new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            // The monitor JVM's own warnings (native access, AOT cache) would land here.
            System.out.println("err [" + new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) + "]");
            System.out.println("status " + c.waitFor());
        }
    }
}
