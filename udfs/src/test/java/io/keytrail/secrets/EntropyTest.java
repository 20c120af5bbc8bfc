package io.keytrail.secrets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntropyTest {
    @Test
    void knownValues() {
        assertEquals(0.0, Entropy.shannon(""), 1e-12);
        assertEquals(0.0, Entropy.shannon("aaaa"), 1e-12);
        assertEquals(1.0, Entropy.shannon("abab"), 1e-12);
        assertEquals(2.0, Entropy.shannon("abcd"), 1e-12);
        assertEquals(4.0, Entropy.shannon("0123456789abcdef"), 1e-12);
        assertEquals(1.0, Entropy.shannon("xxabab", 2, 6), 1e-12);
        assertEquals(1.0, Entropy.shannon("éaéa"), 1e-12);
    }

    @Test
    void randomKeysAreWellAboveTheFloors() {
        FakeKeys k = new FakeKeys(1);
        assertTrue(Entropy.shannon(k.openaiProject()) > 5.0);
        assertTrue(Entropy.shannon(k.google()) > 4.0);
        assertTrue(Entropy.shannon(k.azure()) > 3.0);
    }
}
