package io.keytrail.flink.types;

import org.apache.flink.core.memory.DataInputView;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The strings of the record one thread decoded last, field by field. After the keyed sort a key's records
 * arrive together and mostly repeat its key id, fingerprint, provider, model, endpoint, IP and user agent:
 * when a field's bytes equal the previous record's, its {@code String} is handed out again instead of a
 * new one (two copies and two allocations saved, and one instance for identity-keyed caches downstream).
 * Comparing with the last value only, not a table of many, is what keeps a miss cheap: a per-thread cache
 * of many decoded strings was tried and cost more than it saved.
 */
final class RepeatedStrings {
    static final int API_KEY_ID = 0;
    static final int FINGERPRINT = 1;
    static final int MODEL = 2;
    static final int ENDPOINT = 3;
    static final int SOURCE_IP = 4;
    static final int USER_AGENT = 5;
    static final int PROVIDER = 6;
    static final int ERROR_CODE = 7;
    static final int REQUEST_ID = 8;
    private static final int RAW_FINGERPRINT = 9;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[][] lastBytes = new byte[10][];
    private final int[] lastLength = new int[10];
    private final String[] last = new String[10];
    private byte[] scratch = new byte[256];

    /** A UTF-8 string of {@code length} bytes read from {@code in}, the previous one of the field when equal. */
    String read(DataInputView in, int field, int length) throws IOException {
        if (scratch.length < length) scratch = new byte[Math.max(length, scratch.length * 2)];
        in.readFully(scratch, 0, length);
        if (same(field, length)) return last[field];
        String s = new String(scratch, 0, length, StandardCharsets.UTF_8);
        remember(field, length, s);
        return s;
    }

    /** A 32-byte SHA-256 read from {@code in}, as lowercase hex. */
    String readSha256Hex(DataInputView in) throws IOException {
        in.readFully(scratch, 0, 32);
        if (same(RAW_FINGERPRINT, 32)) return last[RAW_FINGERPRINT];
        String s = HEX.formatHex(scratch, 0, 32);
        remember(RAW_FINGERPRINT, 32, s);
        return s;
    }

    private boolean same(int field, int length) {
        return last[field] != null && lastLength[field] == length
                && Arrays.equals(scratch, 0, length, lastBytes[field], 0, length);
    }

    private void remember(int field, int length, String s) {
        byte[] b = lastBytes[field];
        if (b == null || b.length < length) lastBytes[field] = b = new byte[Math.max(length, 32)];
        System.arraycopy(scratch, 0, b, 0, length);
        lastLength[field] = length;
        last[field] = s;
    }
}
