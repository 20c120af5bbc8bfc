package io.keytrail.table;

import java.util.Arrays;

/** A growable byte array written little-endian, as Parquet's plain encoding and page layout want. */
final class LittleEndianBytes {
    private byte[] buf = new byte[1 << 16];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeInt(int v) {
        ensure(4);
        buf[size] = (byte) v;
        buf[size + 1] = (byte) (v >>> 8);
        buf[size + 2] = (byte) (v >>> 16);
        buf[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    void writeLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) buf[size + i] = (byte) (v >>> (8 * i));
        size += 8;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }
}
