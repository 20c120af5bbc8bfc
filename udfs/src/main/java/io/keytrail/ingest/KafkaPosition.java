package io.keytrail.ingest;

/**
 * A stream record's input position, packed into the record's 63-bit sequence so that ties order as
 * they arrived: partition (10 bits), offset (41 bits), record within the message (12 bits; provider
 * documents can hold several records).
 */
public final class KafkaPosition {
    static final int INDEX_BITS = 12;
    static final int OFFSET_BITS = 41;

    private KafkaPosition() {}

    public static long seq(int partition, long offset, int index) {
        return ((long) partition << (OFFSET_BITS + INDEX_BITS)) | ((offset & ((1L << OFFSET_BITS) - 1)) << INDEX_BITS)
                | (index & ((1L << INDEX_BITS) - 1));
    }

    public static int partition(long seq) {
        return (int) (seq >>> (OFFSET_BITS + INDEX_BITS));
    }

    public static long offset(long seq) {
        return (seq >>> INDEX_BITS) & ((1L << OFFSET_BITS) - 1);
    }
}
