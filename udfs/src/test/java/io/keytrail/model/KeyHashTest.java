package io.keytrail.model;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyHashTest {
    @Test
    void aFingerprintHashesToItsFirstSixtyFourBits() throws Exception {
        for (int i = 0; i < 200; i++) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("key-" + i).getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            assertEquals(new BigInteger(1, java.util.Arrays.copyOf(digest, 8)).longValue(), KeyHash.of(hex), hex);
        }
    }

    @Test
    void otherIdsHashWithFnv1aOverTheirUtf16Bytes() {
        for (String id : new String[] {"", "key_abc", "sk-proj-...a1b2", "AKIA...WXYZ", "clé-ü-漢", "A".repeat(64)}) {
            long h = 0xcbf29ce484222325L;
            for (byte b : id.getBytes(StandardCharsets.UTF_16LE)) h = (h ^ (b & 0xff)) * 0x100000001b3L;
            assertEquals(h, KeyHash.of(id), id);
        }
    }

    @Test
    void noCollisionsAmongAHundredThousandIdsOfEitherKind() throws Exception {
        Map<Long, String> seen = new HashMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 100_000; i++) {
            String id = "key_" + i;
            String fp = HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8)));
            assertNull(seen.put(KeyHash.of(id), id), id);
            assertNull(seen.put(KeyHash.of(fp), fp), fp);
        }
    }

    @Test
    void requireSameNamesBothKeys() {
        KeyHash.requireSame("a", "a");
        var e = assertThrows(KeyHashCollision.class, () -> KeyHash.requireSame("a", "b"));
        assertTrue(e.getMessage().contains("keys a and b"));
    }
}
