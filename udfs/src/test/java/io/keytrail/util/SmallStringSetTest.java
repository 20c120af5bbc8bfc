package io.keytrail.util;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Behaves as a LinkedHashSet of strings, below and above the size where it starts indexing. */
class SmallStringSetTest {
    @Test
    void addsAndOrderMatchALinkedHashSet() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int distinct = 1 + rnd.nextInt(trial % 3 == 0 ? 200 : SmallStringSet.LINEAR_LIMIT + 4);
            SmallStringSet set = new SmallStringSet();
            LinkedHashSet<String> expected = new LinkedHashSet<>();
            for (int i = 0; i < 400; i++) {
                int v = rnd.nextInt(distinct);
                // New String instances as well as repeated ones: equality, not only identity, decides.
                String s = v == 0 && rnd.nextInt(4) == 0 ? null : new String("v" + v);
                assertEquals(expected.add(s), set.add(s), "trial " + trial + " add " + s);
                assertEquals(expected.size(), set.size());
            }
            assertArrayEquals(expected.toArray(new String[0]), set.toArray(), "trial " + trial);
        }
    }

    @Test
    void toArrayIsACopy() {
        SmallStringSet set = new SmallStringSet();
        set.add("a");
        String[] first = set.toArray();
        first[0] = "changed";
        set.add("b");
        assertArrayEquals(new String[] {"a", "b"}, set.toArray());
        assertEquals(0, new SmallStringSet().toArray().length);
    }
}
