package dev.skiff.spec;

import java.util.List;

/**
 * {@code linux.resources.network}: net_cls class id and net_prio priorities.
 *
 * @param classID a Go uint32, null when not set
 */
public record Network(Long classID, List<InterfacePriority> priorities) {
    public Network {
        Copies.uint32(classID, "classID");
        priorities = Copies.list(priorities);
    }

    /** The priority of traffic through one network interface. */
    public record InterfacePriority(String name, long priority) {}
}
