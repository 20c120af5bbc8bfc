package io.keytrail.jobs.stream;

/** Lets tests in other packages reset and observe the once-per-JVM failure injector. */
public final class FailureInjectorAccess {
    private FailureInjectorAccess() {}

    public static void reset() {
        FailureInjector.reset();
    }

    public static boolean failed() {
        return FailureInjector.FAILED.get();
    }
}
