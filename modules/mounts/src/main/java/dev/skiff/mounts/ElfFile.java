package dev.skiff.mounts;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Just enough ELF to tell a static executable from a dynamic one: a dynamically linked
 * program names its loader in a PT_INTERP program header, and that loader would not
 * exist inside a minimal rootfs. (A static-pie has PT_DYNAMIC but no PT_INTERP, and runs.)
 */
final class ElfFile {
    private static final int PT_INTERP = 3;
    private static final int PN_XNUM = 0xffff;

    private ElfFile() {}

    /** Whether {@code file} is an ELF file without a program interpreter; IOException if not ELF. */
    static boolean isStaticallyLinked(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = readAt(channel, 0, 64, file);
            if (header.getInt(0) != 0x7f454c46) {
                throw new IOException("`" + file + "` is not an ELF file");
            }
            boolean is64 = header.get(4) == 2;
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long phoff = is64 ? header.getLong(0x20) : Integer.toUnsignedLong(header.getInt(0x1c));
            int phentsize = Short.toUnsignedInt(header.getShort(is64 ? 0x36 : 0x2a));
            int phnum = Short.toUnsignedInt(header.getShort(is64 ? 0x38 : 0x2c));
            if (phnum == PN_XNUM || phentsize < 4) {
                throw new IOException("`" + file + "`: unsupported ELF program header table");
            }
            for (int i = 0; i < phnum; i++) {
                ByteBuffer ph = readAt(channel, phoff + (long) i * phentsize, 4, file).order(header.order());
                if (ph.getInt(0) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        }
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int size, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new EOFException("`" + file + "`: truncated ELF file");
            }
        }
        return buf.flip();
    }
}
