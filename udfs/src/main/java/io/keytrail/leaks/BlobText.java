package io.keytrail.leaks;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;

/**
 * A blob's content as text, or null when it should not be scanned as text: binary (a NUL in the first
 * 8 KiB, git's own test, via {@link RawText#isBinary}) or larger than the cap. Works the same on packed
 * and loose objects, since both come through the ObjectReader.
 */
final class BlobText {
    /** Larger blobs are data dumps, not config: skipping them keeps memory bounded (trufflehog#2197). */
    static final int MAX_BYTES = 20 << 20;

    private BlobText() {}

    static RawText load(ObjectReader reader, AnyObjectId blob) throws IOException {
        byte[] bytes = bytes(reader, blob);
        return bytes == null ? null : new RawText(bytes);
    }

    /** The blob's bytes, or null when binary or over the cap. */
    static byte[] bytes(ObjectReader reader, AnyObjectId blob) throws IOException {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_BYTES) return null;
        byte[] bytes = loader.getCachedBytes(MAX_BYTES);
        return RawText.isBinary(bytes) ? null : bytes;
    }

    /**
     * The bytes as one char per byte (ISO-8859-1). Every rule matches ASCII only, and a byte-per-char text
     * keeps line numbers and never joins a non-ASCII byte to a key, so this finds exactly what a UTF-8 decode
     * would, without the decoding cost (a Latin-1 String is a copy of the bytes).
     */
    static String string(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
