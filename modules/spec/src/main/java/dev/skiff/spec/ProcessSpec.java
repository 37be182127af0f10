package dev.skiff.spec;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spec's {@code process} object. (Named so it does not shadow {@link java.lang.Process},
 * which every caller that drives a runtime also uses.)
 *
 * <p>{@code terminal} and {@code noNewPrivileges} are omitted when false and {@code user} is
 * always printed, as runc and buildah write them. {@code capabilities} is printed whenever it is
 * set, as {@code {}} when every set is empty (buildah's {@code --cap-drop all}): "no capabilities"
 * is then explicit rather than left to the runtime's idea of an absent object.
 *
 * @param user never null; absent in JSON means uid 0, gid 0
 * @param oomScoreAdj null when not set
 * @param extensions properties this model does not name ({@code scheduler}, {@code ioPriority},
 *     {@code commandLine}, ...), kept so that a read-then-write loses nothing
 */
public record ProcessSpec(
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean terminal,
        ConsoleSize consoleSize,
        User user,
        List<String> args,
        List<String> env,
        String cwd,
        @JsonInclude(JsonInclude.Include.NON_NULL) Capabilities capabilities,
        List<Rlimit> rlimits,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean noNewPrivileges,
        String apparmorProfile,
        Integer oomScoreAdj,
        String selinuxLabel,
        @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions) {

    /** A process with nothing set but the root user. */
    public static final ProcessSpec EMPTY =
            new ProcessSpec(false, null, null, null, null, null, null, null, false, null, null, null, null);

    public ProcessSpec {
        user = user == null ? User.ROOT : user;
        args = Copies.list(args);
        env = Copies.list(env);
        rlimits = Copies.list(rlimits);
        extensions = Copies.map(extensions);
    }

    public ProcessSpec withTerminal(boolean terminal) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withConsoleSize(ConsoleSize consoleSize) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withUser(User user) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withArgs(List<String> args) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withArgs(String... args) {
        return withArgs(List.of(args));
    }

    public ProcessSpec withEnv(List<String> env) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    /**
     * Sets {@code name=value}: replaces the first entry for {@code name} in place, or appends one,
     * as runtime-tools' {@code AddProcessEnv} does.
     */
    public ProcessSpec withEnv(String name, String value) {
        String prefix = name + "=";
        List<String> changed = new ArrayList<>(env);
        for (int i = 0; i < changed.size(); i++) {
            if (changed.get(i).startsWith(prefix)) {
                changed.set(i, prefix + value);
                return withEnv(changed);
            }
        }
        changed.add(prefix + value);
        return withEnv(changed);
    }

    public ProcessSpec withCwd(String cwd) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withCapabilities(Capabilities capabilities) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withRlimits(List<Rlimit> rlimits) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    /** Replaces the rlimit of the same type in place, or appends it (runtime-tools' AddProcessRlimits). */
    public ProcessSpec withRlimit(Rlimit rlimit) {
        List<Rlimit> changed = new ArrayList<>(rlimits);
        for (int i = 0; i < changed.size(); i++) {
            if (Objects.equals(changed.get(i).type(), rlimit.type())) {
                changed.set(i, rlimit);
                return withRlimits(changed);
            }
        }
        changed.add(rlimit);
        return withRlimits(changed);
    }

    public ProcessSpec withNoNewPrivileges(boolean noNewPrivileges) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withApparmorProfile(String apparmorProfile) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withOomScoreAdj(Integer oomScoreAdj) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }

    public ProcessSpec withSelinuxLabel(String selinuxLabel) {
        return new ProcessSpec(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits,
                noNewPrivileges, apparmorProfile, oomScoreAdj, selinuxLabel, extensions);
    }
}
