package io.keytrail.flink.types;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A per-thread byte array for the serializers' bulk copies: one serializer instance serves every
 * thread, and a view-to-view {@code out.write(in, n)} moves the bytes eight at a time through both
 * paged views' bounds checks, where reading them into an array and writing that out is two bulk
 * copies. Callers use the array before their next call here, never across one.
 */
final class ScratchBytes {
    private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[1024]);

    private ScratchBytes() {}

    /** This thread's array, grown to at least {@code n} bytes. */
    static byte[] atLeast(int n) {
        byte[] buf = BYTES.get();
        if (buf.length < n) BYTES.set(buf = new byte[Math.max(n, buf.length * 2)]);
        return buf;
    }

    /** Copies the next {@code n} bytes of {@code in} to {@code out}. */
    static void copy(DataInputView in, DataOutputView out, int n) throws IOException {
        byte[] buf = atLeast(n);
        in.readFully(buf, 0, n);
        out.write(buf, 0, n);
    }
}
