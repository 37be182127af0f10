package dev.skiff.libc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a child JVM by {@link ProcessesTest}: becomes a child subreaper, starts a shell
 * that leaves an orphan behind, and reaps that orphan as its new parent.
 */
public final class SubreaperProbe {
    public static void main(String[] args) throws Exception {
        Processes.becomeChildSubreaper();
        System.out.println("subreaper=" + Processes.isChildSubreaper());
        int shell = Processes.spawn(new Processes.Spawn("/bin/sh",
                List.of("sh", "-c", "(sleep 0.3; exit 7) & echo orphan=$!"), null, Map.of(1, 1, 2, 2)));
        Processes.waitPid(shell);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Processes.Reaped> reaped = Processes.reapAny();
            if (reaped.isPresent()) {
                System.out.println("reaped orphan exit=" + reaped.get().status().shellCode());
                return;
            }
            Thread.sleep(20);
        }
        System.out.println("no orphan reaped");
        System.exit(1);
    }
}
