package io.keytrail.ingest;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameInstanceCacheTest {
    @Test
    void answersOnlyForTheSameInstanceAndNeverWithAnotherKeysValue() {
        SameInstanceCache<Integer> cache = new SameInstanceCache<>();
        String a = "gpt-4o";
        cache.put(a, 1);
        assertEquals(1, cache.get(a));
        assertNull(cache.get(new String("gpt-4o")), "an equal string in another instance is a miss");

        // Many more keys than slots: colliding keys evict each other, and a hit is always the key's own value.
        Random rnd = new Random(3);
        String[] keys = new String[20_000];
        Map<String, Integer> truth = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "10.0." + i / 256 + "." + i % 256;
            truth.put(keys[i], i);
        }
        int hits = 0;
        for (int n = 0; n < 200_000; n++) {
            String k = keys[rnd.nextInt(n % 2 == 0 ? 100 : keys.length)];
            Integer v = cache.get(k);
            if (v == null) cache.put(k, truth.get(k));
            else {
                hits++;
                assertEquals(truth.get(k), v);
            }
        }
        assertTrue(hits > 50_000, "the hot keys hit: " + hits);
    }
}
