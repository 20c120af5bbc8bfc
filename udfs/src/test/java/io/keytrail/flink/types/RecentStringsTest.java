package io.keytrail.flink.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class RecentStringsTest {
    @Test
    void decodesLikeTheJdkWhateverTheSlotsHoldAndSharesRepeats() {
        RecentStrings cache = new RecentStrings();
        Random rnd = new Random(7);
        String[] pool = new String[20_000]; // more values than slots: constant evictions and collisions
        for (int i = 0; i < pool.length; i++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(RecentStrings.MAX_CACHED_BYTES / 3 + 40);
            for (int j = 0; j < len; j++) b.append((char) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : 0x00e0 + rnd.nextInt(0x2000)));
            pool[i] = b.toString();
        }
        byte[] buf = new byte[1024];
        for (int i = 0; i < 300_000; i++) {
            String want = pool[rnd.nextInt(i % 2 == 0 ? 50 : pool.length)];
            byte[] utf8 = want.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(utf8, 0, buf, 0, utf8.length);
            buf[utf8.length] = (byte) rnd.nextInt(); // bytes past n must not matter
            assertEquals(want, cache.utf8(buf, utf8.length));
        }
        byte[] gpt = "gpt-4o".getBytes(StandardCharsets.UTF_8);
        assertSame(cache.utf8(gpt, gpt.length), cache.utf8(gpt.clone(), gpt.length), "a repeat is the cached instance");
        byte[] prefix = "gpt-4o-mini".getBytes(StandardCharsets.UTF_8);
        assertEquals("gpt-4", cache.utf8(prefix, 5), "a prefix of a cached value is its own value");
    }

    @Test
    void longValuesAreNotCachedButDecoded() {
        RecentStrings cache = new RecentStrings();
        byte[] b = "x".repeat(RecentStrings.MAX_CACHED_BYTES + 1).getBytes(StandardCharsets.UTF_8);
        String first = cache.utf8(b, b.length);
        assertEquals("x".repeat(RecentStrings.MAX_CACHED_BYTES + 1), first);
        assertNotSame(first, cache.utf8(b, b.length));
    }

    @Test
    void hexMatchesHexFormat() {
        RecentStrings cache = new RecentStrings();
        Random rnd = new Random(11);
        byte[][] keys = new byte[9_000][32];
        for (byte[] k : keys) rnd.nextBytes(k);
        for (int i = 0; i < 100_000; i++) {
            byte[] k = keys[rnd.nextInt(i % 2 == 0 ? 10 : keys.length)];
            assertEquals(HexFormat.of().formatHex(k), cache.hex(k.clone(), 32));
        }
    }
}
