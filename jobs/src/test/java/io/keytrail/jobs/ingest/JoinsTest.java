package io.keytrail.jobs.ingest;

import io.keytrail.model.UsageRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two ingest joins' rules, in plain Java. */
class JoinsTest {
    static UsageRecord usage(long in, long out, long requests, double cost) {
        UsageRecord r = new UsageRecord();
        r.apiKeyId = "key_abc";
        r.model = "gpt-4o";
        r.inputTokens = in;
        r.outputTokens = out;
        r.requestCount = requests;
        r.costUsd = cost;
        return r;
    }

    @Test
    void aDaysCostIsSpreadOverTheUnpricedRowsByTokens() {
        UsageRecord a = usage(300, 100, 1, Double.NaN);
        UsageRecord b = usage(100, 0, 1, Double.NaN);
        UsageRecord priced = usage(1000, 0, 1, 0.5);
        List<UsageRecord> out = CostJoin.fill(List.of(a, b, priced), List.of(usage(0, 0, 1, 0.6), usage(0, 0, 1, 0.4)));
        assertEquals(3, out.size());
        assertEquals(0.8, a.costUsd, 1e-12);
        assertEquals(0.2, b.costUsd, 1e-12);
        assertEquals(0.5, priced.costUsd, "a row that has a cost keeps it");
    }

    @Test
    void withoutTokensTheCostFollowsRequestsAndWithoutUsageTheCostRowStays() {
        UsageRecord a = usage(0, 0, 3, Double.NaN);
        UsageRecord b = usage(0, 0, 1, Double.NaN);
        CostJoin.fill(List.of(a, b), List.of(usage(0, 0, 1, 2.0)));
        assertEquals(1.5, a.costUsd, 1e-12);
        assertEquals(0.5, b.costUsd, 1e-12);
        UsageRecord cost = usage(0, 0, 1, 2.0);
        assertEquals(List.of(cost), CostJoin.fill(List.of(), List.of(cost)));
        UsageRecord alone = usage(10, 10, 1, Double.NaN);
        assertEquals(List.of(alone), CostJoin.fill(List.of(alone), List.of()));
        assertFalse(alone.hasCost());
    }

    @Test
    void theCloudTrailRecordTakesTheInvocationsTokens() {
        UsageRecord event = usage(0, 0, 1, Double.NaN);
        event.model = "";
        event.sourceIp = "198.51.100.7";
        event.userAgent = "Boto3/1.34";
        event.statusCode = 200;
        UsageRecord invocation = usage(571, 212, 1, Double.NaN);
        invocation.model = "anthropic.claude-3-haiku-20240307-v1:0";
        invocation.errorCode = "ModelErrorException";
        invocation.statusCode = 500;
        UsageRecord joined = RequestJoin.join(event, invocation);
        assertSame(event, joined);
        assertEquals(571, joined.inputTokens);
        assertEquals(212, joined.outputTokens);
        assertEquals("anthropic.claude-3-haiku-20240307-v1:0", joined.model);
        assertEquals("198.51.100.7", joined.sourceIp);
        assertEquals("ModelErrorException", joined.errorCode);
        assertEquals(500, joined.statusCode);
        assertTrue(joined.userAgent.startsWith("Boto3"));
    }
}
