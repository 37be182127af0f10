package dev.skiff.spec;

import java.util.List;

/** The spec's {@code hooks}, one list per lifecycle point, in the spec's order. */
public record Hooks(
        List<Hook> prestart,
        List<Hook> createRuntime,
        List<Hook> createContainer,
        List<Hook> startContainer,
        List<Hook> poststart,
        List<Hook> poststop) {

    public static final Hooks EMPTY = new Hooks(null, null, null, null, null, null);

    public Hooks {
        prestart = Copies.list(prestart);
        createRuntime = Copies.list(createRuntime);
        createContainer = Copies.list(createContainer);
        startContainer = Copies.list(startContainer);
        poststart = Copies.list(poststart);
        poststop = Copies.list(poststop);
    }

    public Hooks withPrestart(List<Hook> prestart) {
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }

    public Hooks withCreateRuntime(List<Hook> createRuntime) {
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }

    public Hooks withCreateContainer(List<Hook> createContainer) {
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }

    public Hooks withStartContainer(List<Hook> startContainer) {
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }

    public Hooks withPoststart(List<Hook> poststart) {
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }

    public Hooks withPoststop(List<Hook> poststop) {
        return new Hooks(prestart, createRuntime, createContainer, startContainer, poststart, poststop);
    }
}
