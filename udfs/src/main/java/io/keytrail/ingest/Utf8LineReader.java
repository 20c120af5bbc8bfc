package io.keytrail.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a byte stream decoded strictly as UTF-8 ('\n' or "\r\n" ends a line). A line that is not
 * valid UTF-8 is still returned (malformed bytes as U+FFFD, for the reject's raw text) and flagged, so
 * the caller rejects it instead of silently reading altered text.
 */
public final class Utf8LineReader implements AutoCloseable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean valid = true;

    public Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end. */
    public String readLine() throws IOException {
        line.reset();
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) return null;
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n') pos++;
            line.write(buf, start, pos - start);
            if (pos < len) {
                pos++;
                break;
            }
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') n--;
        try {
            valid = true;
            return strict.decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            valid = false;
            return new String(bytes, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** Whether the line last returned was valid UTF-8. */
    public boolean lastLineValid() {
        return valid;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
