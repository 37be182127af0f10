package dev.skiff.stdio;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.locks.LockSupport;

/** One thread's wait for one readiness event, completed once by the poller (or by a close). */
final class Waiter {
    private enum State { WAITING, READY, CLOSED, FAILED }

    private final Thread thread;
    private Registration registration;
    private volatile State state = State.WAITING;
    private IOException failure;

    Waiter(Thread thread) {
        this.thread = thread;
    }

    void attach(Registration registration) {
        this.registration = registration;
    }

    Registration registration() {
        return registration;
    }

    boolean done() {
        return state != State.WAITING;
    }

    void ready() {
        complete(State.READY);
    }

    /** The descriptor was forgotten (it is being closed), or the poller stopped. */
    void closed() {
        complete(State.CLOSED);
    }

    void failed(IOException e) {
        failure = e;
        complete(State.FAILED);
    }

    private void complete(State outcome) {
        state = outcome;
        LockSupport.unpark(thread);
    }

    void throwIfFailed() throws IOException {
        switch (state) {
            case CLOSED -> throw new AsynchronousCloseException();
            case FAILED -> throw failure;
            default -> { }
        }
    }
}
