package dev.skiff.mounts;

import dev.skiff.spec.Mount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * /etc/hosts, /etc/resolv.conf and /etc/hostname for one run: written into the bundle as
 * {@code hosts}, {@code resolv.conf} and {@code hostname}, mode 0644, owned by the
 * container's root, and bind-mounted read-write ({@code rbind}, as buildah's
 * runSetupBoundFiles), so the container may edit its own copy and the host's never
 * changes. A destination that a volume or image volume already covers is skipped, as
 * buildah skips /etc/hosts when the image has a volume there.
 *
 * <p>/etc/hostname is today's buildah's (the seed had none); it is written only when a
 * host name is given.
 */
final class BoundFiles {
    static final String HOSTS = "/etc/hosts";
    static final String RESOLV_CONF = "/etc/resolv.conf";
    static final String HOSTNAME = "/etc/hostname";
    static final List<String> OPTIONS = List.of("rbind");

    private final Path hostEtc;

    /** {@code hostEtc}: where the host's hosts and resolv.conf are read from (normally /etc). */
    BoundFiles(Path hostEtc) {
        this.hostEtc = hostEtc;
    }

    /** Writes the files not in {@code covered}; returns their mounts. Every file written is added to {@code created}. */
    List<Mount> write(Path bundle, BoundFilesOptions options, HostOwner owner, Set<String> covered,
            CreatedFiles created) throws IOException {
        List<Mount> mounts = new ArrayList<>();
        if (!options.noHosts() && !covered.contains(HOSTS)) {
            byte[] hosts = withExtraHosts(content(options.hosts(), "hosts"), options.extraHosts());
            mounts.add(bind(HOSTS, writeFile(bundle.resolve("hosts"), hosts, owner, created)));
        }
        if (!options.noResolvConf() && !covered.contains(RESOLV_CONF)) {
            byte[] resolv = content(options.resolvConf(), "resolv.conf");
            mounts.add(bind(RESOLV_CONF, writeFile(bundle.resolve("resolv.conf"), resolv, owner, created)));
        }
        if (options.hostname() != null && !covered.contains(HOSTNAME)) {
            byte[] hostname = (options.hostname() + "\n").getBytes(StandardCharsets.UTF_8);
            mounts.add(bind(HOSTNAME, writeFile(bundle.resolve("hostname"), hostname, owner, created)));
        }
        return mounts;
    }

    /** The given content, else the host's file (following its symlink, as the seed's os.Stat); a missing one is empty. */
    private byte[] content(String given, String hostFile) throws IOException {
        if (given != null) {
            return given.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Files.readAllBytes(hostEtc.resolve(hostFile));
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    static byte[] withExtraHosts(byte[] base, List<ExtraHost> extraHosts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(base);
        if (!extraHosts.isEmpty() && base.length > 0 && base[base.length - 1] != '\n') {
            out.write('\n');
        }
        for (ExtraHost host : extraHosts) {
            out.writeBytes(host.hostsLine().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** CREATE_NEW (O_EXCL): a file already in the bundle, or a symlink planted there, is an error, never followed. */
    private static Path writeFile(Path file, byte[] content, HostOwner owner, CreatedFiles created) throws IOException {
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("write `" + file + "`: it already exists", e);
        }
        created.add(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setAttribute(file, "unix:uid", owner.uid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:gid", owner.gid(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return file;
    }

    private static Mount bind(String destination, Path source) {
        return Mount.of(destination, "bind", source.toString(), OPTIONS);
    }
}
