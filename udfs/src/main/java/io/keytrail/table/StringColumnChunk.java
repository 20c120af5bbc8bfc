package io.keytrail.table;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A string column's chunk, encoded as rows arrive so that a buffered row group holds arrays, not
 * {@code String}s (which would survive young collections). Repetitive columns get a dictionary: each
 * distinct string is encoded to UTF-8 once per chunk and found again by its {@code String} (whose hash
 * is cached), not by hashing its bytes for every row; a page's min/max come from the entries it uses.
 * Near-unique columns are written PLAIN, and so is a chunk from the moment its dictionary would pass
 * {@link #MAX_DICTIONARY_BYTES}.
 */
final class StringColumnChunk extends ColumnChunk {
    private final boolean dictionaryWanted;
    private boolean dictionary;
    // Dictionary mode: each value's id, and the entries.
    private int[] ids = new int[1024];
    private final Map<String, Integer> idOf = new HashMap<>();
    private final List<byte[]> entries = new ArrayList<>();
    private long dictionaryBytes;
    private String last;
    private int lastId;
    private int[] seenOnPage = new int[0];
    private int page;
    // Plain mode: the values as PLAIN encodes them (length, bytes), and where each starts.
    private final LittleEndianBytes plain = new LittleEndianBytes();
    private int[] starts = new int[1024];

    StringColumnChunk(ColumnDescriptor descriptor, boolean nearUnique) {
        super(descriptor, 4);
        this.dictionaryWanted = !nearUnique;
        this.dictionary = dictionaryWanted;
    }

    @Override
    void addValue(Object v, int index) {
        String s = (String) v;
        if (dictionary) {
            if (s != last) {
                Integer id = idOf.get(s);
                if (id == null) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    dictionaryBytes += 4 + utf8.length;
                    if (dictionaryBytes > MAX_DICTIONARY_BYTES) {
                        toPlain(index);
                        addPlain(utf8, index);
                        return;
                    }
                    id = entries.size();
                    idOf.put(s, id);
                    entries.add(utf8);
                }
                last = s;
                lastId = id;
            }
            if (index == ids.length) ids = Arrays.copyOf(ids, index * 2);
            ids[index] = lastId;
        } else {
            addPlain(s.getBytes(StandardCharsets.UTF_8), index);
        }
    }

    private void addPlain(byte[] utf8, int index) {
        if (index == starts.length) starts = Arrays.copyOf(starts, index * 2);
        starts[index] = plain.size();
        plain.writeInt(utf8.length);
        plain.write(utf8, 0, utf8.length);
    }

    /** The dictionary grew too large: the values so far are re-encoded PLAIN, and so are the chunk's next ones. */
    private void toPlain(int count) {
        dictionary = false;
        for (int i = 0; i < count; i++) addPlain(entries.get(ids[i]), i);
        forgetDictionary();
    }

    private void forgetDictionary() {
        idOf.clear();
        entries.clear();
        dictionaryBytes = 0;
        last = null;
    }

    @Override
    long bufferedBytes() {
        return dictionary ? dictionaryBytes + 4L * values : plain.size() + 4L * values;
    }

    @Override
    Encoding prepare() {
        if (dictionary) {
            if (seenOnPage.length < entries.size()) seenOnPage = new int[Math.max(entries.size(), seenOnPage.length * 2)];
            Arrays.fill(seenOnPage, 0, entries.size(), -1);
            return Encoding.PLAIN_DICTIONARY;
        }
        return Encoding.PLAIN;
    }

    @Override
    int dictionary(LittleEndianBytes out) {
        if (!dictionary) return -1;
        out.reset();
        for (byte[] e : entries) {
            out.writeInt(e.length);
            out.write(e, 0, e.length);
        }
        return entries.size();
    }

    @Override
    void encode(int from, int to, LittleEndianBytes out, Statistics<?> stats) throws IOException {
        if (dictionary) {
            writeIds(ids, from, to, entries.size(), out);
            page++;
            for (int i = from; i < to; i++) {
                int id = ids[i];
                if (seenOnPage[id] != page) {
                    seenOnPage[id] = page;
                    stats.updateStats(Binary.fromConstantByteArray(entries.get(id)));
                }
            }
            return;
        }
        if (from == to) return;
        byte[] bytes = plain.array();
        int end = to == values ? plain.size() : starts[to];
        out.write(bytes, starts[from], end - starts[from]);
        for (int i = from; i < to; i++) {
            int at = starts[i];
            int length = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
            stats.updateStats(Binary.fromConstantByteArray(bytes, at + 4, length));
        }
    }

    @Override
    void clear() {
        super.clear();
        forgetDictionary();
        plain.reset();
        dictionary = dictionaryWanted;
    }
}
