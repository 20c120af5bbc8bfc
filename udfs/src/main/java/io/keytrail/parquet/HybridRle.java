package io.keytrail.parquet;

import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;
import org.apache.parquet.io.ParquetDecodingException;

import java.nio.ByteBuffer;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding (dictionary ids, definition levels) a whole page
 * at a time: a repeated run is one {@code Arrays.fill}, a bit-packed run eight values per call of
 * parquet-mr's own unpacker. parquet-mr's decoder hands values out one {@code readInt()} at a time
 * behind a virtual call each, which was the larger part of decoding a page.
 */
final class HybridRle {
    private HybridRle() {}

    /** Room past {@code total} that {@code out} must have: a bit-packed run ends on a whole group of eight. */
    static final int SLACK = 8;

    /**
     * Decodes {@code total} values of {@code bitWidth} bits from {@code data[offset..end)} into
     * {@code out[0..total)} ({@code out} at least {@code total + SLACK} long). As parquet-mr's decoder does,
     * a last bit-packed run whose padding bytes were left out reads them as zeros.
     */
    static void decode(byte[] data, int offset, int end, int bitWidth, int[] out, int total) {
        if (bitWidth < 0 || bitWidth > 32) throw new ParquetDecodingException("bit width " + bitWidth);
        BytePacker packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
        int valueBytes = (bitWidth + 7) / 8;
        byte[] group = null;
        int p = offset;
        int n = 0;
        while (n < total) {
            if (p >= end) throw new ParquetDecodingException("hybrid RLE data ended after " + n + " of " + total + " values");
            int header = 0;
            for (int shift = 0; ; shift += 7) {
                if (p >= end || shift > 28) throw new ParquetDecodingException("bad run header in hybrid RLE data");
                int b = data[p++] & 0xFF;
                header |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
            }
            if ((header & 1) == 0) {
                int run = header >>> 1;
                if (p + valueBytes > end) throw new ParquetDecodingException("hybrid RLE run value cut off");
                int value = 0;
                for (int i = 0; i < valueBytes; i++) value |= (data[p++] & 0xFF) << (8 * i);
                int stop = Math.min(total, n + run);
                java.util.Arrays.fill(out, n, stop, value);
                n = stop;
            } else {
                int groups = header >>> 1;
                for (int g = 0; g < groups && n < total; g++) {
                    if (p + bitWidth <= end) {
                        packer.unpack8Values(data, p, out, n);
                    } else {
                        if (group == null) group = new byte[32];
                        java.util.Arrays.fill(group, (byte) 0);
                        System.arraycopy(data, p, group, 0, Math.max(0, end - p));
                        packer.unpack8Values(group, 0, out, n);
                    }
                    p += bitWidth;
                    n += 8;
                }
                if (n > total) n = total;
            }
        }
    }

    /** As above, from the buffer's remaining bytes (its position is left as it was). */
    static void decode(ByteBuffer data, int bitWidth, int[] out, int total) {
        int length = data.remaining();
        if (data.hasArray()) {
            int from = data.arrayOffset() + data.position();
            decode(data.array(), from, from + length, bitWidth, out, total);
        } else {
            byte[] copy = new byte[length];
            data.duplicate().get(copy);
            decode(copy, 0, length, bitWidth, out, total);
        }
    }
}
