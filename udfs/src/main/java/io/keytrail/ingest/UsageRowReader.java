package io.keytrail.ingest;

import java.io.Closeable;
import java.io.IOException;

/** Reads one input file row by row into {@link RawFields}. */
public interface UsageRowReader extends Closeable {
    enum Status { ROW, BAD_ROW, END }

    /**
     * Reads the next row into {@code into}. BAD_ROW means the row itself could not be decoded:
     * {@link #error()} says why and {@link #rawText()} holds what was read.
     */
    Status next(RawFields into) throws IOException;

    /** 1-based row (Parquet) or line (JSON Lines) of the row just returned. */
    long position();

    /** "row" or "line". */
    String positionUnit();

    String error();

    String rawText();
}
