package io.keytrail.util;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyFormatTest {
    @Test
    void fixedMatchesPythonOnKnownCases() {
        // Python 3: format(x, '.Nf'); the binary value decides, so 2.675 is below the half and 0.125 a true tie.
        assertEquals("2.67", PyFormat.fixed(2.675, 2));
        assertEquals("1.11", PyFormat.fixed(1.115, 2));
        assertEquals("8.35", PyFormat.fixed(8.345, 2));
        assertEquals("0.12", PyFormat.fixed(0.125, 2));
        assertEquals("0.38", PyFormat.fixed(0.375, 2));
        assertEquals("1.00", PyFormat.fixed(1.005, 2));
        assertEquals("2", PyFormat.fixed(2.5, 0));
        assertEquals("4", PyFormat.fixed(3.5, 0));
        assertEquals("-0.00", PyFormat.fixed(-0.001, 2));
        assertEquals("-0.00", PyFormat.fixed(-0.0, 2));
        assertEquals("0.0000", PyFormat.fixed(0.0, 4));
        assertEquals("-1.50", PyFormat.fixed(-1.5, 2));
        assertEquals("123456789.1235", PyFormat.fixed(123456789.12345678, 4));
        assertEquals("nan", PyFormat.fixed(Double.NaN, 2));
        assertEquals("-inf", PyFormat.fixed(Double.NEGATIVE_INFINITY, 2));
    }

    @Test
    void fastPathAgreesWithTheExactBinaryValueOrStepsAside() {
        SplittableRandom rnd = new SplittableRandom(7);
        int fast = 0;
        for (int i = 0; i < 2_000_000; i++) {
            int digits = rnd.nextInt(5);
            double x = switch (i % 5) {
                case 0 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(-6, 16));
                case 1 -> Math.round(rnd.nextDouble() * 1e6) / Math.pow(10, rnd.nextInt(7)) + 5 * Math.pow(10, -digits - 1);
                case 2 -> (rnd.nextInt(2_000_000) - 1_000_000) / 8.0 / Math.pow(10, digits);
                // Costs as the pricing computes them (tokens times a price per million): many sit on a half.
                case 3 -> rnd.nextInt(1, 200_000) * (rnd.nextInt(1, 1_600) / 100.0) / 1_000_000.0;
                default -> Double.longBitsToDouble(rnd.nextLong() & 0x7fffffffffffffffL);
            };
            if (rnd.nextBoolean()) x = -x;
            if (Double.isNaN(x) || Double.isInfinite(x)) continue;
            String f = PyFormat.fastFixed(x, digits);
            if (f == null) continue;
            fast++;
            assertEquals(PyFormat.exactFixed(x, digits), f, "x=" + x + " digits=" + digits);
        }
        assertTrue(fast > 1_500_000, "the fast path serves most values: " + fast);
    }

    @Test
    void valuesNearAHalfAreSettledExactly() {
        // Each tie n/10^d + 1/(2·10^d) and its neighbours one and two ulps away, on both sides.
        SplittableRandom rnd = new SplittableRandom(11);
        int checked = 0;
        for (int i = 0; i < 300_000; i++) {
            int digits = rnd.nextInt(10);
            long n = rnd.nextLong(1L << rnd.nextInt(1, 40));
            double tie = (n + 0.5) / Math.pow(10, digits);
            for (int step = -2; step <= 2; step++) {
                double x = tie;
                for (int k = 0; k < Math.abs(step); k++) x = step < 0 ? Math.nextDown(x) : Math.nextUp(x);
                String f = PyFormat.fastFixed(x, digits);
                if (f == null) continue;
                checked++;
                assertEquals(PyFormat.exactFixed(x, digits), f, "x=" + x + " digits=" + digits);
            }
        }
        assertTrue(checked > 1_400_000, "near-half values are served: " + checked);
        assertEquals("0.12", PyFormat.fastFixed(0.125, 2));
        assertEquals("0.38", PyFormat.fastFixed(0.375, 2));
        assertEquals("2", PyFormat.fastFixed(2.5, 0));
        assertEquals("4", PyFormat.fastFixed(3.5, 0));
        assertEquals("2.67", PyFormat.fastFixed(2.675, 2));
    }

    @Test
    void valuesTooLargeOrTooManyDigitsGoToTheExactPath() {
        assertNull(PyFormat.fastFixed(1e17, 2));
        assertNull(PyFormat.fastFixed(1.0, 12));
        assertNull(PyFormat.fastFixed(0x1p49 + 0.5, 0));
    }
}
