package io.keytrail.ingest.provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** The canonical fields a format may lack, and what their absence means for the detectors. */
final class Lacks {
    private Lacks() {}

    static final String[] SOURCE_IP = {"source_ip", "the unknown-IP check will skip"};
    static final String[] MASKED_IP = {"source_ip", "the last octet is masked by Azure: the unknown-IP check sees /24-like values"};
    static final String[] USER_AGENT = {"user_agent", "no user-agent evidence"};
    static final String[] STATUS = {"status_code", "no error or probing evidence"};
    static final String[] COST = {"cost_usd", "costs are priced from tokens with --pricing"};
    static final String[] COST_OPENAI = {"cost_usd", "priced from tokens unless --costs gives the Costs API export"};
    static final String[] TOKENS = {"input_tokens/output_tokens", "written as 0: cost spikes rest on request volume only"};
    static final String[] KEY = {"api_key_id", "no key id: the resourceId stands for the key"};
    static final String[] ENDPOINT = {"endpoint", "written as ''"};
    static final String[] REQUESTS = {"request_count", "legacy report has no request count: each bucket counts as 1"};

    static Map<String, String> of(String[]... entries) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] e : entries) m.put(e[0], e[1]);
        return m;
    }
}
