package dev.skiff.cli;

import dev.skiff.runtime.SkiffException;
import dev.skiff.runtime.monitor.MonitorMain;
import dev.skiff.stdio.Poller;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code skiff} command. Exits with the container's status, 128+N for a signal
 * death, 125 when Skiff itself fails (with one line on stderr saying what), 126/127
 * when the command cannot be executed / is not found.
 */
public final class Main {
    static final String USAGE = """
            Usage:
              skiff [--debug] run [OPTIONS] --rootfs DIR [--] COMMAND [ARG...]
              skiff rootfs busybox DIR
              skiff cleanup [--state-dir DIR]   finish what killed runs left behind
              skiff help

            Run options:
              --rootfs DIR                the container's root filesystem (required)
              -e, --env NAME=VALUE        set an environment variable (NAME alone: take it from here)
              --workingdir DIR            working directory inside the container (made if missing)
              --hostname NAME             the container's hostname
              -t, --terminal[=BOOL]       a pseudo-terminal (default: when stdin, stdout, stderr all are)
              -v, --volume HOST:CTR[:OPT] bind a host path (rw, ro, z, Z, [r]private, [r]shared, [r]slave)
              --mount type=bind|tmpfs,... a bind (source=,destination=[,ro]) or tmpfs (destination=[,tmpfs-size=])
              --add-host NAME:IP          an /etc/hosts entry
              --no-hosts                  leave the image's /etc/hosts alone
              --shm-size SIZE             size of /dev/shm (default 64m)
              --mounts-conf FILE          secrets to mount (HOST:CONTAINER lines) instead of the system's mounts.conf
              --cni-config-dir DIR        CNI configs (default /etc/cni/net.d)
              --cni-plugin-path DIRS      CNI plugin directories, a : list
              --name NAME                 name the container (its image volumes persist under it)
              --runtime PATH|NAME         OCI runtime (default: runc)
              --runtime-flag FLAG         global flag for the runtime, without its leading --
              --state-dir DIR             where bundles live (default: /run/skiff for root)
              --dry-run                   print the config.json the run would use, and run nothing
            """ + SpecFlags.USAGE;

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(MonitorMain.CLI_ENTRY)) {
            // Not a command for people: the library's monitor child, started this way in an
            // image so that it maps the command's AOT cache.
            MonitorMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code = args.length > 0 && args[0].equals(AotTraining.ENTRY)
                ? AotTraining.run(Arrays.asList(args).subList(1, args.length))
                : run(Arrays.asList(args), System.err);
        // The poller thread sits in epoll_wait, and HotSpot's exit would wait 300 ms for it.
        Poller.shutDownShared();
        System.exit(code);
    }

    static int run(List<String> argv, PrintStream err) {
        boolean debug = !argv.isEmpty() && argv.getFirst().equals("--debug");
        List<String> args = debug ? argv.subList(1, argv.size()) : argv;
        CliLogging.configure(debug || "1".equals(System.getenv("SKIFF_DEBUG")));
        if (args.isEmpty()) {
            err.print(USAGE);
            return SkiffException.FAILED;
        }
        try {
            return switch (args.getFirst()) {
                case "run" -> RunCommand.run(args.subList(1, args.size()));
                case "rootfs" -> RootfsCommand.run(args.subList(1, args.size()));
                case "cleanup" -> CleanupCommand.run(args.subList(1, args.size()));
                case "help", "--help", "-h" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command `" + args.getFirst() + "` (try `skiff help`)");
            };
        } catch (UsageException e) {
            err.println("skiff: " + e.getMessage());
            return SkiffException.FAILED;
        } catch (SkiffException e) {
            err.println("skiff: " + oneLine(e.getMessage()));
            return e.exitCode();
        } catch (Exception e) {
            err.println("skiff: " + oneLine(String.valueOf(e.getMessage())));
            return SkiffException.FAILED;
        }
    }

    private static String oneLine(String message) {
        return message.strip().replace('\n', ' ');
    }
}
