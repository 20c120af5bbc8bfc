package io.keytrail.parquet;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Decodes what parquet-mr's own encoder writes: every bit width, runs and bit-packed groups mixed, any count. */
class HybridRleTest {
    private static byte[] encode(int[] values, int bitWidth) throws Exception {
        try (RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20, new HeapByteBufferAllocator())) {
            for (int v : values) e.writeInt(v);
            return e.toBytes().toByteArray();
        }
    }

    private static int[] values(Random rnd, int n, int bitWidth) {
        int[] out = new int[n];
        long bound = 1L << bitWidth;
        int i = 0;
        while (i < n) {
            int v = (int) (bitWidth == 0 ? 0 : (rnd.nextLong() >>> 1) % bound);
            // Long repeats become RLE runs; short ones and singles end up in bit-packed groups.
            int run = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(40) : 1;
            for (int k = 0; k < run && i < n; k++) out[i++] = v;
        }
        return out;
    }

    @Test
    void decodesParquetMrsEncodingAtEveryBitWidth() throws Exception {
        Random rnd = new Random(5);
        for (int bitWidth = 0; bitWidth <= 32; bitWidth++) {
            for (int n : new int[] {1, 7, 8, 9, 100, 1023, 5000}) {
                int[] want = values(rnd, n, bitWidth);
                byte[] bytes = encode(want, bitWidth);
                // At an offset inside a larger array, as a page's buffer holds it.
                byte[] page = new byte[bytes.length + 10];
                System.arraycopy(bytes, 0, page, 3, bytes.length);
                int[] got = new int[n + HybridRle.SLACK];
                HybridRle.decode(page, 3, 3 + bytes.length, bitWidth, got, n);
                assertArrayEquals(want, Arrays.copyOf(got, n), "bit width " + bitWidth + ", " + n + " values");
                // From a page's buffer, on the heap (read in place) and off it (copied); its position stays.
                for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.wrap(page, 3, bytes.length), ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()}) {
                    int position = buf.position();
                    int[] fromBuffer = new int[n + HybridRle.SLACK];
                    HybridRle.decode(buf, bitWidth, fromBuffer, n);
                    assertArrayEquals(want, Arrays.copyOf(fromBuffer, n), (buf.isDirect() ? "direct" : "heap") + " buffer, bit width " + bitWidth + ", " + n + " values");
                    assertEquals(position, buf.position());
                }
            }
        }
    }

    @Test
    void aLastGroupWithoutItsPaddingBytesReadsThemAsZeros() throws Exception {
        int[] want = {1, 2, 3};
        byte[] bytes = encode(want, 7);
        // Drop the last byte: the three values sit in the group's first 21 bits.
        int[] got = new int[want.length + HybridRle.SLACK];
        HybridRle.decode(bytes, 0, bytes.length - 1, 7, got, want.length);
        assertArrayEquals(want, Arrays.copyOf(got, want.length));
    }

    @Test
    void dataThatEndsBeforeItsValuesIsAnError() throws Exception {
        byte[] bytes = encode(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, 3);
        assertThrows(ParquetDecodingException.class, () -> HybridRle.decode(bytes, 0, bytes.length, 3, new int[40], 20));
        assertThrows(ParquetDecodingException.class, () -> HybridRle.decode(bytes, 0, 0, 3, new int[40], 1));
        assertThrows(ParquetDecodingException.class, () -> HybridRle.decode(bytes, 0, bytes.length, 33, new int[40], 1));
    }
}
