package org.streamingest.connector.kinesis.bench;

import java.util.Locale;

/**
 * One timed read of the whole stream.
 *
 * @param submitNanos when the read was asked for (job submitted; for the raw read = readNanos)
 * @param readNanos when reading began: reader threads started, or every task of the job RUNNING
 * @param firstNanos when the first record was seen
 * @param lastNanos when the last record was seen
 * @param cpu CPU used from the start of reading until the last record was noticed
 */
record ReadResult(
        String name,
        long records,
        long bytes,
        long submitNanos,
        long readNanos,
        long firstNanos,
        long lastNanos,
        CpuTimes cpu) {

    /** Records per second from the start of reading to the last record. */
    double recordsPerSecond() {
        return records / seconds(readNanos, lastNanos);
    }

    /** Payload MB (10^6 bytes) per second from the start of reading to the last record. */
    double megabytesPerSecond() {
        return bytes / 1e6 / seconds(readNanos, lastNanos);
    }

    /** Records per second from submission, including job scheduling and deployment. */
    double endToEndRecordsPerSecond() {
        return records / seconds(submitNanos, lastNanos);
    }

    private static double seconds(long from, long to) {
        return Math.max(1, to - from) / 1e9;
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "%-30s %,9d records %,7.1f MB in %5.2f s: %,7.0f rec/s %6.2f MB/s"
                        + " (first record after %4.2f s; from submission %5.2f s = %,7.0f rec/s); %s",
                name,
                records,
                bytes / 1e6,
                seconds(readNanos, lastNanos),
                recordsPerSecond(),
                megabytesPerSecond(),
                seconds(readNanos, firstNanos),
                seconds(submitNanos, lastNanos),
                endToEndRecordsPerSecond(),
                cpu.describe());
    }
}
