package dev.skiff.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run by an unprivileged user may map and use: its <em>ID space</em>, its own uid as ID 0
 * followed by its {@code /etc/subuid} ranges (likewise for gids), and whether it can write
 * cgroups. The space is also the automatic mapping: container IDs 0.. are the space's IDs, so
 * the user is the container's root and its subordinate IDs are the container's 1... Without
 * {@code newuidmap}/{@code newgidmap} (Debian {@code uidmap}) or without ranges, the space is
 * the one ID the kernel lets a user map by itself: its own, as root.
 *
 * <p>{@code --uidmap}/{@code --gidmap} HOST IDs of a rootless run count in this space, as
 * podman's and buildah's do (they run inside a namespace with exactly this mapping):
 * {@code 0:1:65536} maps container 0.. to the first subordinate IDs. {@link #uidsFor} turns them
 * into the host's IDs, which is what runc, and the set-uid helpers it runs, write.
 *
 * @param uid the effective uid
 * @param gid the effective gid
 * @param userName the login name, to name in messages
 * @param uidSpace ID-space IDs (as {@code containerID}) to host uids
 * @param gidSpace likewise for gids
 * @param cgroupsWritable a cgroup is delegated to the user, so resource limits can be set
 */
public record RootlessHost(long uid, long gid, String userName, List<IdMapping> uidSpace, List<IdMapping> gidSpace,
        boolean cgroupsWritable) {

    public RootlessHost {
        uidSpace = List.copyOf(uidSpace);
        gidSpace = List.copyOf(gidSpace);
    }

    /**
     * The space made of the user's own ID and its subordinate ranges; the ranges count only
     * when {@code helpers} (newuidmap and newgidmap, for the uid and gid side each) exist.
     */
    public static RootlessHost of(long uid, long gid, String userName, List<SubordinateIds.Range> subuids,
            List<SubordinateIds.Range> subgids, boolean uidHelper, boolean gidHelper, boolean cgroupsWritable) {
        return new RootlessHost(uid, gid, userName, space(uid, uidHelper ? subuids : List.of()),
                space(gid, gidHelper ? subgids : List.of()), cgroupsWritable);
    }

    /** This process's user, with its ranges from /etc/subuid and /etc/subgid. */
    static RootlessHost system(long uid, long gid) {
        String name = System.getProperty("user.name");
        return of(uid, gid, name, SubordinateIds.read(SubordinateIds.SUBUID, name, uid),
                SubordinateIds.read(SubordinateIds.SUBGID, name, uid), onPath("newuidmap"), onPath("newgidmap"),
                cgroupsWritable(Path.of("/sys/fs/cgroup"), ProcFiles.read(Path.of("/proc/self/cgroup"), "cgroup file")));
    }

    /** How many IDs the user may map: 1 without subordinate ranges. */
    public long uidCount() {
        return count(uidSpace);
    }

    public long gidCount() {
        return count(gidSpace);
    }

    /** {@code requested} ({@code --uidmap}, HOST IDs in the space) as the host's uids. */
    public List<IdMapping> uidsFor(String subject, List<IdMapping> requested) {
        return translate(subject, requested, uidSpace, "uid " + uid + ", then its /etc/subuid ranges");
    }

    public List<IdMapping> gidsFor(String subject, List<IdMapping> requested) {
        return translate(subject, requested, gidSpace, "gid " + gid + ", then its /etc/subgid ranges");
    }

    private static List<IdMapping> space(long own, List<SubordinateIds.Range> ranges) {
        List<IdMapping> space = new ArrayList<>();
        space.add(new IdMapping(0, own, 1));
        long next = 1;
        for (SubordinateIds.Range r : ranges) {
            // The user's own ID may lie in a range (a careless /etc/subuid); mapping it twice fails.
            if (own >= r.start() && own < r.start() + r.count() || next + r.count() - 1 > 0xFFFF_FFFEL) {
                continue;
            }
            space.add(new IdMapping(next, r.start(), r.count()));
            next += r.count();
        }
        return List.copyOf(space);
    }

    /**
     * Each requested mapping split along the space's pieces, as host IDs. A requested HOST ID
     * outside the space is refused with the whole story: what was asked, what the user has.
     */
    static List<IdMapping> translate(String subject, List<IdMapping> requested, List<IdMapping> space, String what) {
        List<IdMapping> host = new ArrayList<>();
        for (IdMapping want : requested) {
            long done = 0;
            while (done < want.size()) {
                long inSpace = want.hostID() + done;
                IdMapping piece = pieceHolding(space, inSpace);
                if (piece == null) {
                    throw new SpecException(subject, format(want), "ID " + inSpace + " of this user's ID space is not "
                            + "there: it has " + count(space) + " (" + what + "); ask for fewer IDs or add a larger "
                            + "range to /etc/subuid and /etc/subgid");
                }
                long offset = inSpace - piece.containerID();
                long length = Math.min(want.size() - done, piece.size() - offset);
                host.add(new IdMapping(want.containerID() + done, piece.hostID() + offset, length));
                done += length;
            }
        }
        return List.copyOf(host);
    }

    private static IdMapping pieceHolding(List<IdMapping> space, long id) {
        return space.stream().filter(m -> id >= m.containerID() && id - m.containerID() < m.size())
                .findFirst().orElse(null);
    }

    static long count(List<IdMapping> space) {
        return space.stream().mapToLong(IdMapping::size).sum();
    }

    private static String format(IdMapping m) {
        return m.containerID() + ":" + m.hostID() + ":" + m.size();
    }

    /** runc looks the helpers up on the PATH it is given, so Skiff looks there too. */
    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether runc can make a cgroup for the user: only under the unified hierarchy (cgroup v2)
     * with the user's cgroup's parent delegated to it, where runc creates rootless cgroups. On
     * cgroup v1 and hybrid hosts the hierarchies are root's.
     */
    static boolean cgroupsWritable(Path cgroupRoot, String procSelfCgroup) {
        if (!Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
            return false;
        }
        for (String line : procSelfCgroup.split("\n")) {
            if (line.startsWith("0::/")) {
                Path own = cgroupRoot.resolve(line.substring(4).strip());
                Path parent = own.getParent() == null ? own : own.getParent();
                return Files.isWritable(parent) && Files.isWritable(parent.resolve("cgroup.subtree_control"));
            }
        }
        return false;
    }
}
