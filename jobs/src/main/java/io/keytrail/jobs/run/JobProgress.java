package io.keytrail.jobs.run;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a job and, once it has run for a few seconds, reports progress on stderr every few seconds. */
public final class JobProgress {
    private static final long FIRST_REPORT_MS = 3000;
    private static final long EVERY_MS = 5000;

    /** Testing aid: told of each submitted job, so an in-process test can stop one (with a savepoint). */
    static volatile java.util.function.Consumer<JobClient> submitted = c -> { };

    private JobProgress() {}

    public static JobExecutionResult run(StreamExecutionEnvironment env, String jobName, PrintStream err,
                                         List<String> counters) throws Exception {
        JobClient client = env.executeAsync(jobName);
        submitted.accept(client);
        CompletableFuture<JobExecutionResult> done = client.getJobExecutionResult();
        long start = System.currentTimeMillis();
        long next = start + FIRST_REPORT_MS;
        while (true) {
            long wait = Math.max(50, next - System.currentTimeMillis());
            try {
                return done.get(wait, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                report(client, err, counters, System.currentTimeMillis() - start);
                next = System.currentTimeMillis() + EVERY_MS;
            } catch (java.util.concurrent.ExecutionException e) {
                throw unwrap(e);
            }
        }
    }

    private static void report(JobClient client, PrintStream err, List<String> counters, long elapsedMs) {
        StringBuilder b = new StringBuilder(String.format("  ... %5.1fs", elapsedMs / 1000.0));
        try {
            Map<String, Object> acc = client.getAccumulators().get(2, TimeUnit.SECONDS);
            long total = 0;
            for (String c : counters) {
                Object v = acc.get(c);
                long n = v instanceof Number x ? x.longValue() : 0;
                total += n;
                b.append(String.format("  %s %,d", c, n));
            }
            if (total > 0) b.append(String.format("  (%,.0f records/s)", total / Math.max(0.001, elapsedMs / 1000.0)));
        } catch (Exception ignored) {
            b.append("  running");
        }
        err.println(b);
    }

    /** The root cause is what a user needs to read, not Flink's wrapping of it. */
    static Exception unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t instanceof Exception ex ? new JobFailedException(ex.getClass().getSimpleName() + ": " + ex.getMessage(), e)
                : new JobFailedException(String.valueOf(t), e);
    }

    /** A job that failed; the message is the root cause. */
    public static final class JobFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        JobFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
