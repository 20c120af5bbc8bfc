package io.keytrail.flink.types;

import io.keytrail.model.UsageRecord;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InProcessUsageFormatTest {
    private static byte[] write(UsageRecord r, InProcessStrings strings) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        InProcessUsageFormat.write(r, out, strings);
        return out.getCopyOfBuffer();
    }

    private static UsageRecord read(byte[] bytes, InProcessStrings strings) throws IOException {
        return InProcessUsageFormat.read(new DataInputDeserializer(bytes), strings);
    }

    /** A record as a sweep reads them: a key's strings repeat, its counts and times vary. */
    private static UsageRecord typical(Random rnd, int key) {
        UsageRecord r = new UsageRecord();
        r.tsMicros = 1_767_225_600_000_000L + rnd.nextInt(1_000_000_000);
        r.apiKeyId = "key_" + String.format("%016x", key * 0x9E3779B97F4A7C15L);
        r.apiKeyFingerprint = String.format("%064x", (long) key).replace(' ', '0');
        r.model = rnd.nextBoolean() ? "gpt-4o" : "gpt-4o-mini";
        r.inputTokens = rnd.nextInt(4000);
        r.outputTokens = rnd.nextInt(2000);
        r.endpoint = "/v1/chat/completions";
        r.sourceIp = "203.0.113." + rnd.nextInt(4);
        r.userAgent = "python-requests/2.31.0";
        r.statusCode = 200;
        r.costUsd = rnd.nextDouble();
        r.provider = "openai";
        r.requestCount = 1;
        r.seq = rnd.nextInt(10_000_000);
        return r;
    }

    @Test
    void everyFieldComesBackAsThePortableFormatGivesIt() {
        Random rnd = new Random(5);
        UsageCodec inProcess = new UsageCodec(UsageEncoding.IN_PROCESS);
        UsageCodec portable = new UsageCodec(UsageEncoding.PORTABLE);
        for (int i = 0; i < 3000; i++) {
            UsageRecord r = EncodedUsageSerializerTest.keyed(UsageRecordSerializerTest.random(rnd), i);
            EncodedUsage e = inProcess.encode(r);
            assertEquals(ReflectedFields.of(r), ReflectedFields.of(inProcess.decode(e)));
            assertEquals(ReflectedFields.of(portable.decode(portable.encode(r))), ReflectedFields.of(inProcess.decode(e)));
            assertEquals(portable.encode(r).keyHash, e.keyHash, "both encodings key by the group key's hash");
        }
    }

    @Test
    void aTypicalRecordTakesUnderAThirdOfThePortableBytes() throws IOException {
        Random rnd = new Random(9);
        InProcessStrings strings = new InProcessStrings(1024);
        long numbered = 0, portable = 0;
        for (int i = 0; i < 1000; i++) {
            UsageRecord r = typical(rnd, i % 50);
            byte[] b = write(r, strings);
            assertEquals(ReflectedFields.of(r), ReflectedFields.of(read(b, strings)));
            numbered += b.length;
            DataOutputSerializer p = new DataOutputSerializer(256);
            UsageRecordSerializer.INSTANCE.serialize(r, p);
            portable += p.length();
        }
        assertTrue(numbered * 3 < portable, "in-process " + numbered + " bytes against portable " + portable);
        assertEquals(50 * 2 + 4 + 2 + 3, strings.size(), "each distinct value numbered once: 50 key ids and fingerprints, 4 IPs, 2 models, an endpoint, an agent, a provider");
    }

    @Test
    void bytesFromAnotherJvmAreRefused() {
        UsageCodec codec = new UsageCodec(UsageEncoding.IN_PROCESS);
        EncodedUsage e = codec.encode(typical(new Random(1), 1));
        e.bytes[0] ^= 0x40; // the token: what another JVM would have written
        UncheckedIOException x = assertThrows(UncheckedIOException.class, () -> codec.decode(e));
        assertTrue(x.getCause().getMessage().contains("another JVM"), x.getCause().getMessage());
    }

    @Test
    void aNumberTheTableNeverGaveIsRefused() throws IOException {
        byte[] b = write(typical(new Random(2), 3), new InProcessStrings(64));
        IOException x = assertThrows(IOException.class, () -> read(b, new InProcessStrings(64)));
        assertTrue(x.getMessage().contains("no string numbered"), x.getMessage());
    }

    @Test
    void aFullTableSendsNewValuesAsText() throws IOException {
        InProcessStrings strings = new InProcessStrings(4);
        Random rnd = new Random(3);
        for (int i = 0; i < 200; i++) {
            UsageRecord r = typical(rnd, i);
            byte[] b = write(r, strings);
            assertEquals(ReflectedFields.of(r), ReflectedFields.of(read(b, strings)));
            if (i > 0) {
                assertTrue(new String(b, StandardCharsets.ISO_8859_1).contains(r.apiKeyId), "key " + i + " travels as text");
            }
        }
        assertEquals(4, strings.size());
    }

    @Test
    void threadsNumberingAtOnceAgreeOnEveryValue() throws Exception {
        InProcessStrings strings = new InProcessStrings(1 << 16);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Object[]>>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                parts.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    List<Object[]> out = new ArrayList<>();
                    for (int i = 0; i < 5000; i++) {
                        UsageRecord r = typical(rnd, rnd.nextInt(3000));
                        out.add(new Object[] {r, write(r, strings)});
                    }
                    return out;
                }));
            }
            for (Future<List<Object[]>> part : parts) {
                for (Object[] rb : part.get()) {
                    assertEquals(ReflectedFields.of(rb[0]), ReflectedFields.of(read((byte[]) rb[1], strings)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
