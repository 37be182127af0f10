package dev.skiff.spec;

import java.util.List;

/**
 * What the network module does for a run, decided with its namespaces
 * ({@link SpecGenerator#network}).
 *
 * @param configure the container has a new network namespace that Skiff must set up (CNI); false
 *     for the host's network, a joined namespace, or {@code --network none}
 * @param cniNetworks the networks named in the options ({@code --network a,b}); empty means the
 *     default network
 */
public record NetworkPlan(boolean configure, List<String> cniNetworks) {
    public NetworkPlan {
        cniNetworks = List.copyOf(cniNetworks);
    }
}
