package org.streamingest.connector.kinesis.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU used by this JVM (all of it, and how much of that compiling code and in GC pauses) and by the
 * Kinesis server process (Linux /proc), to see who had the two cores during a read.
 */
record CpuTimes(double jvm, double jit, double gcPauses, double server) {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    static CpuTimes now(long serverPid) {
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += gc.getCollectionTime();
        }
        return new CpuTimes(
                os.getProcessCpuTime() / 1e9,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3,
                gcMillis / 1e3,
                serverSeconds(serverPid));
    }

    CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(
                jvm - earlier.jvm,
                jit - earlier.jit,
                gcPauses - earlier.gcPauses,
                server - earlier.server);
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "CPU: JVM %.1f s (JIT %.1f s, GC pauses %.2f s), kinesalite %.1f s",
                jvm,
                jit,
                gcPauses,
                server);
    }

    /** utime + stime of the process from /proc/[pid]/stat, or NaN where unavailable. */
    private static double serverSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
                    / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
