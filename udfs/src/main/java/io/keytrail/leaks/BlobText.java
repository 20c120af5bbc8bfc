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
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_BYTES) return null;
        byte[] bytes = loader.getCachedBytes(MAX_BYTES);
        if (RawText.isBinary(bytes)) return null;
        return new RawText(bytes);
    }

    /** The whole text, decoded as git does (UTF-8, falling back to the platform's legacy charset). */
    static String string(RawText text) {
        return text.getString(0, text.size(), false);
    }
}
