package io.keytrail.leaks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Zip-based bundles (APK, CRX, JAR, AAR, WAR, IPA, ZIP, VSIX, WHL): apps and extensions ship keys inside
 * them, often in minified JS. Entries are read as text unless binary; nested bundles are opened down to a
 * bounded depth, and each entry's size is capped, so a zip bomb costs at most depth x cap.
 */
final class Bundles {
    static final Set<String> EXTENSIONS = Set.of("zip", "jar", "apk", "aab", "aar", "crx", "war", "ear", "ipa", "vsix", "xpi", "whl", "nupkg");
    static final int MAX_DEPTH = 3;
    static final int MAX_ENTRY_BYTES = BlobText.MAX_BYTES;

    private Bundles() {}

    interface EntrySink {
        void accept(String path, byte[] content) throws IOException;
    }

    static boolean isBundle(String name, byte[] head) {
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) return true;
        // CRX prepends a header to the zip; others are plain zips whatever they are called.
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** Calls {@code sink} with each non-bundle entry as {@code outer!/inner/path}, opening nested bundles. */
    static void entries(String path, byte[] bundle, int depth, EntrySink sink) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipStart(bundle)))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) continue;
                byte[] content = readCapped(zip, MAX_ENTRY_BYTES);
                if (content == null) continue;
                String inner = path + "!/" + e.getName();
                if (isBundle(e.getName(), content)) {
                    if (depth + 1 < MAX_DEPTH) entries(inner, content, depth + 1, sink);
                } else {
                    sink.accept(inner, content);
                }
            }
        }
    }

    /** CRX files carry a "Cr24" header before the zip: start at the first local file header. */
    private static byte[] zipStart(byte[] b) {
        if (b.length < 4 || b[0] != 'C' || b[1] != 'r' || b[2] != '2' || b[3] != '4') return b;
        for (int i = 4; i + 4 <= b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 3 && b[i + 3] == 4) return java.util.Arrays.copyOfRange(b, i, b.length);
        }
        return b;
    }

    /** The stream's bytes, or null when it is longer than {@code cap}. */
    static byte[] readCapped(InputStream in, int cap) throws IOException {
        byte[] b = in.readNBytes(cap);
        if (b.length == cap && in.read() >= 0) return null;
        return b;
    }
}
