package io.keytrail.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inline SVG of the key's hourly requests and cost against its baseline band, with the compromise
 * window shaded and the attacker timeline as dots coloured by phase. No script, no network.
 */
final class HourlyChart {
    static final int W = 960, H = 360, L = 60, R = 60, T = 20, B = 70;
    static final Map<String, String> PHASE_COLORS = Map.of(
            "reconnaissance", "#1f77b4", "capability_testing", "#9467bd", "exploitation", "#ff7f0e",
            "persistence", "#d62728", "exfiltration", "#8c564b", "defense_evasion", "#e377c2");
    static final long HOUR = 3_600_000_000L;

    private HourlyChart() {}

    static String svg(IncidentView v) {
        List<Map<String, Object>> hours = v.hourly();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"hourly requests and cost\">", W, H, W, H));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        if (hours.isEmpty()) return s.append("<text x=\"20\" y=\"40\">no hourly usage recorded for this key</text></svg>").toString();
        long t0 = Long.MAX_VALUE, t1 = Long.MIN_VALUE;
        double maxReq = 1, maxCost = 0.0001;
        for (Map<String, Object> h : hours) {
            long t = Text.micros(h.get("hour"));
            t0 = Math.min(t0, t);
            t1 = Math.max(t1, t + HOUR);
            maxReq = Math.max(maxReq, ((Number) h.get("requests")).doubleValue());
            maxCost = Math.max(maxCost, ((Number) h.get("cost_usd")).doubleValue());
        }
        double avg = 0, std = 0;
        if (v.baseline() != null) {
            avg = ((Number) v.baseline().get("avg_daily_requests")).doubleValue() / 24;
            std = ((Number) v.baseline().get("std_daily_requests")).doubleValue() / 24;
            maxReq = Math.max(maxReq, avg + 3 * std);
        }
        final long from = t0, to = t1;
        final double yMax = maxReq * 1.1, cMax = maxCost * 1.1;
        java.util.function.LongFunction<Double> x = t -> L + (W - L - R) * (double) (t - from) / Math.max(1, to - from);
        java.util.function.DoubleFunction<Double> y = r -> T + (H - T - B) * (1 - r / yMax);
        java.util.function.DoubleFunction<Double> yc = c -> T + (H - T - B) * (1 - c / cMax);
        // The compromise window.
        long start = v.micros("compromise_start");
        if (start != Long.MIN_VALUE) {
            long end = v.micros("contained_at") != Long.MIN_VALUE ? v.micros("contained_at") : to;
            double xs = Math.max(L, x.apply(start)), xe = Math.min(W - R, x.apply(Math.max(end, start + HOUR)));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#d62728\" fill-opacity=\"0.12\"><title>compromise window</title></rect>",
                    xs, T, Math.max(1, xe - xs), H - T - B));
        }
        // Baseline band: avg ± 3 std of daily requests, per hour.
        if (v.baseline() != null) {
            double lo = Math.max(0, avg - 3 * std), hi = avg + 3 * std;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#2ca02c\" fill-opacity=\"0.15\"><title>baseline band</title></rect>",
                    L, y.apply(hi), W - L - R, Math.max(1, y.apply(lo) - y.apply(hi))));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>", L, W - R, y.apply(avg), y.apply(avg)));
        }
        s.append("<polyline fill=\"none\" stroke=\"#1f3b73\" stroke-width=\"1.5\" points=\"");
        for (Map<String, Object> h : hours) {
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.apply(Text.micros(h.get("hour")) + HOUR / 2), y.apply(((Number) h.get("requests")).doubleValue())));
        }
        s.append("\"><title>requests per hour</title></polyline>");
        s.append("<polyline fill=\"none\" stroke=\"#ff7f0e\" stroke-width=\"1.2\" stroke-opacity=\"0.8\" points=\"");
        for (Map<String, Object> h : hours) {
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.apply(Text.micros(h.get("hour")) + HOUR / 2), yc.apply(((Number) h.get("cost_usd")).doubleValue())));
        }
        s.append("\"><title>cost per hour (right axis)</title></polyline>");
        // Attacker timeline, coloured by phase.
        int shown = 0;
        for (Map<String, Object> a : v.timeline()) {
            if (shown++ >= 3000) break;
            long t = Text.micros(a.get("timestamp"));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\" fill=\"%s\"><title>%s %s</title></circle>", x.apply(t), H - B + 14,
                    PHASE_COLORS.getOrDefault(String.valueOf(a.get("phase")), "#7f7f7f"), Text.html(a.get("phase")), Text.html(a.get("timestamp"))));
        }
        // Axes and labels.
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>", L, W - R, H - B, H - B));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", L, H - B + 36, Text.html(Text.iso(from))));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>", W - R, H - B + 36, Text.html(Text.iso(to))));
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%.0f req/h</text>", T + 10, yMax));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">$%.2f/h</text>", W - 2, T + 10, cMax));
        int lx = L;
        for (String[] item : new String[][] {{"#1f3b73", "requests/h"}, {"#ff7f0e", "cost/h"}, {"#2ca02c", "baseline avg ± 3σ"}, {"#d62728", "compromise window"}}) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
                    lx, H - 20, item[0], lx + 14, H - 11, item[1]));
            lx += 150;
        }
        return s.append("</svg>").toString();
    }
}
