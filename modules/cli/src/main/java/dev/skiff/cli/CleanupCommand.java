package dev.skiff.cli;

import dev.skiff.runtime.Cleanup;
import dev.skiff.runtime.RunRequest;
import dev.skiff.runtime.SkiffException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code skiff cleanup}: finishes what killed runs left (runtime containers, CNI
 * attachments, bundles). Runs still in flight are not touched; running it twice is fine.
 */
final class CleanupCommand {
    private CleanupCommand() {}

    static int run(List<String> argv) throws UsageException, SkiffException {
        Args args = new Args(argv);
        Path stateDir = RunRequest.defaultStateDir();
        for (String flag = args.nextOption(); flag != null; flag = args.nextOption()) {
            if (!flag.equals("--state-dir")) {
                throw new UsageException("unknown flag " + flag + " for `skiff cleanup`");
            }
            stateDir = Path.of(args.value());
        }
        if (!args.operands().isEmpty()) {
            throw new UsageException("usage: skiff cleanup [--state-dir DIR]");
        }
        Cleanup.Report report;
        try {
            report = Cleanup.run(stateDir);
        } catch (IOException e) {
            throw new SkiffException("cleanup " + stateDir + ": " + e.getMessage(), e);
        }
        report.cleaned().forEach(id -> System.out.println("cleaned " + id));
        if (!report.failed().isEmpty()) {
            throw new SkiffException("cleanup: " + String.join("; ", report.failed()));
        }
        return 0;
    }
}
