package io.keytrail.leaks;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.util.BitSet;

/**
 * Which lines of a new file version a diff shows as added ({@code +} lines): the B side of INSERT and
 * REPLACE edits, as {@code git diff} would print them. Histogram diff is git's default algorithm.
 */
final class AddedLines {
    private AddedLines() {}

    /** Bit i set when line i (0-based) of {@code newer} is added relative to {@code older} (null = no file). */
    static BitSet of(RawText older, RawText newer) {
        BitSet added = new BitSet(newer.size());
        if (older == null) {
            added.set(0, newer.size());
            return added;
        }
        for (Edit e : new HistogramDiff().diff(RawTextComparator.DEFAULT, older, newer)) {
            if (e.getType() == Edit.Type.INSERT || e.getType() == Edit.Type.REPLACE) added.set(e.getBeginB(), e.getEndB());
        }
        return added;
    }
}
