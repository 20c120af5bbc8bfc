package io.keytrail.parquet;

import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class DictionaryStringsTest {
    private static Binary bin(String s) {
        // A fresh buffer each time, as each file's dictionary page is.
        return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneInstancePerDistinctStringAcrossChunksAndReaders() {
        DictionaryStrings first = new DictionaryStrings(), second = new DictionaryStrings();
        String a = first.decode(bin("sk-proj-…a1b2"));
        first.newChunk();
        String b = first.decode(bin("sk-proj-…a1b2"));
        String c = second.decode(bin("sk-proj-…a1b2"));
        assertEquals("sk-proj-…a1b2", a);
        assertSame(a, b, "the next chunk's entry is the same instance");
        assertSame(a, c, "another reader's entry is the same instance");
        assertNotSame(a, second.decode(bin("sk-proj-…a1b3")));
        assertEquals("gpt-4o", second.decode(bin("gpt-4o")));
    }

    @Test
    void plainValuesStillDecodeAfterTheCacheGivesUp() {
        DictionaryStrings strings = new DictionaryStrings();
        for (int i = 0; i < 10_000; i++) {
            assertEquals("ip-" + i, strings.decode(bin("ip-" + i)));
        }
    }
}
