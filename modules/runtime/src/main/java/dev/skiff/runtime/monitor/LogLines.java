package dev.skiff.runtime.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The monitor's console: each line becomes a {@link Protocol.Log} event for the library to log. */
final class LogLines extends OutputStream {
    private final ControlChannel channel;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogLines(ControlChannel channel) {
        this.channel = channel;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        try {
            channel.send(new Protocol.Log(text));
        } catch (IOException e) {
            // The library is gone; there is nobody left to tell.
        }
    }
}
