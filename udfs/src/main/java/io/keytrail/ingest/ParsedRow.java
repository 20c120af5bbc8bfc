package io.keytrail.ingest;

import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;

/** What a reader yields for each input row: a usable record, or a reject saying why not. */
public class ParsedRow {
    public UsageRecord record;
    public Reject reject;
    /** Set instead of record by audit-log formats. */
    public io.keytrail.model.KeyEvent event;
    /** How many values of this row held a full secret and were masked before storage. */
    public int masked;

    public ParsedRow() {}

    public static ParsedRow ok(UsageRecord r) {
        ParsedRow p = new ParsedRow();
        p.record = r;
        return p;
    }

    public static ParsedRow event(io.keytrail.model.KeyEvent e) {
        ParsedRow p = new ParsedRow();
        p.event = e;
        return p;
    }

    public static ParsedRow rejected(Reject r) {
        ParsedRow p = new ParsedRow();
        p.reject = r;
        return p;
    }
}
