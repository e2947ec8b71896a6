package org.streamingest.functions.bench;

import org.streamingest.functions.json.InvalidJsonException;
import org.streamingest.functions.json.JsonCanonicalizer;
import org.streamingest.functions.scalar.json.CanJsonParseFunction;
import org.streamingest.functions.scalar.json.JsonParseFunction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * Throughput of JSON_PARSE and CAN_JSON_PARSE on 1 KB JSON records next to a bare Jackson token
 * stream over the same bytes. A main, not a test; run it as docs/benchmarks.md says:
 *
 * <pre>
 * ./mvnw -o -q -pl connector/functions test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-Xms1g -Xmx1g -cp %classpath org.streamingest.functions.bench.JsonFunctionsBenchmark"
 * </pre>
 *
 * Candidates run in turns, several rounds each. The machine may be shared, so each candidate's
 * ratio to the Jackson baseline is taken per round (both measured under the same load) and the
 * median ratio is reported next to the median throughput. The last row is not a Redshift function:
 * JSON_PARSE's work without the duplicate-attribute check, to show what that rule costs.
 */
public final class JsonFunctionsBenchmark {

    private static final int RECORDS = 20_000;
    private static final int RECORD_BYTES = 1024;
    private static final int ROUNDS = 11;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private static final JsonFactory BARE = new JsonFactory();

    private JsonFunctionsBenchmark() {}

    public static void main(String[] args) {
        System.out.printf(
                Locale.ROOT,
                "JVM %s, %d processors, %d records of ~%d bytes, %d rounds of %d ms%n",
                System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(),
                RECORDS,
                RECORD_BYTES,
                ROUNDS,
                ROUND_NANOS / 1_000_000);
        run("compact JSON (producer output)", records(false));
        run("spaced JSON with \\u escapes", records(true));
    }

    private static void run(String title, byte[][] records) {
        long bytes = Arrays.stream(records).mapToLong(r -> r.length).sum();
        JsonParseFunction jsonParse = new JsonParseFunction();
        CanJsonParseFunction canJsonParse = new CanJsonParseFunction();
        JsonCanonicalizer lenient = JsonCanonicalizer.lenient();
        List<Candidate> candidates =
                List.of(
                        new Candidate("Jackson token stream", JsonFunctionsBenchmark::tokens),
                        new Candidate("CAN_JSON_PARSE", r -> canJsonParse.eval(r) ? 1 : 0),
                        new Candidate("JSON_PARSE", r -> jsonParse.eval(r) == null ? 0 : 1),
                        new Candidate("(no duplicate check)", r -> lenient(lenient, r)));
        for (Candidate candidate : candidates) {
            candidate.round(records, bytes); // warm-up
            candidate.round(records, bytes);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (Candidate candidate : candidates) {
                candidate.results.add(candidate.round(records, bytes));
            }
        }
        Candidate baseline = candidates.get(0);
        System.out.printf(Locale.ROOT, "%n%s, %.1f MB per pass%n", title, bytes / 1e6);
        System.out.printf(Locale.ROOT, "%-22s %10s %20s%n", "", "MB/s", "ratio to Jackson");
        for (Candidate candidate : candidates) {
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %10.1f %20s%n",
                    candidate.name,
                    median(candidate.results),
                    candidate.ratioTo(baseline));
        }
    }

    private static long lenient(JsonCanonicalizer canonicalizer, byte[] record) {
        try {
            return canonicalizer.canonicalize(record, 0, record.length).length;
        } catch (InvalidJsonException e) {
            throw new IllegalStateException(e);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /** Reads every token, as the baseline: no validation beyond Jackson's, no output. */
    private static long tokens(byte[] record) {
        try (JsonParser parser = BARE.createParser(record)) {
            long count = 0;
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct records of about 1 KB, shaped like device telemetry on a Kinesis stream. */
    static byte[][] records(boolean spaced) {
        Random random = new Random(42);
        byte[][] records = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            records[i] = record(i, random, spaced).getBytes(StandardCharsets.UTF_8);
        }
        return records;
    }

    private static String record(int i, Random random, boolean spaced) {
        String sep = spaced ? ", " : ",";
        String colon = spaced ? ": " : ":";
        StringBuilder json = new StringBuilder("{");
        field(json, "event_id", quote(String.format("evt-%08d-%08x", i, random.nextInt())), colon);
        json.append(sep);
        field(json, "ts", quote("2024-05-01T10:" + (10 + i % 50) + ":00.123Z"), colon);
        json.append(sep);
        field(
                json,
                "device",
                "{"
                        + quote("id")
                        + colon
                        + quote("dev-" + random.nextInt(1000))
                        + sep
                        + quote("model")
                        + colon
                        + quote("TX-" + random.nextInt(500))
                        + sep
                        + quote("firmware")
                        + colon
                        + quote("3." + random.nextInt(9) + ".1")
                        + "}",
                colon);
        json.append(sep);
        field(
                json,
                "location",
                "{"
                        + quote("lat")
                        + colon
                        + (47 + random.nextDouble())
                        + sep
                        + quote("lon")
                        + colon
                        + (-122 - random.nextDouble())
                        + sep
                        + quote("city")
                        + colon
                        + quote(spaced ? "Z\\u00fcrich" : "Zürich")
                        + "}",
                colon);
        json.append(sep).append(quote("readings")).append(colon).append('[');
        int reading = 0;
        while (json.length() < RECORD_BYTES - 120) {
            if (reading > 0) {
                json.append(sep);
            }
            json.append('{')
                    .append(quote("sensor"))
                    .append(colon)
                    .append(quote("s" + reading))
                    .append(sep)
                    .append(quote("value"))
                    .append(colon)
                    .append(random.nextInt(100_000) / 100.0)
                    .append(sep)
                    .append(quote("ok"))
                    .append(colon)
                    .append(random.nextBoolean())
                    .append('}');
            reading++;
        }
        json.append(']').append(sep);
        field(json, "tags", "[" + quote("a") + sep + quote("b") + sep + "null]", colon);
        json.append(sep);
        String message = "m".repeat(Math.max(1, RECORD_BYTES - json.length() - 16));
        field(json, "message", quote(message), colon);
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value, String colon) {
        json.append(quote(name)).append(colon).append(value);
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }

    /** One function under measurement and its rounds in MB/s. */
    private static final class Candidate {
        final String name;
        final ToLongFunction<byte[]> work;
        final List<Double> results = new ArrayList<>();
        long sink;

        Candidate(String name, ToLongFunction<byte[]> work) {
            this.name = name;
            this.work = work;
        }

        /** Passes over all records for about a second; returns MB/s. */
        double round(byte[][] records, long bytesPerPass) {
            long start = System.nanoTime();
            long passes = 0;
            long elapsed;
            do {
                for (byte[] record : records) {
                    sink += work.applyAsLong(record);
                }
                passes++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < ROUND_NANOS);
            if (sink == 42) {
                System.out.print("");
            }
            return passes * bytesPerPass / 1e6 / (elapsed / 1e9);
        }

        /** Median of the per-round ratios, with their range. */
        String ratioTo(Candidate baseline) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                ratios.add(results.get(i) / baseline.results.get(i));
            }
            ratios.sort(Double::compare);
            return String.format(
                    Locale.ROOT,
                    "%.2f (%.2f-%.2f)",
                    median(ratios),
                    ratios.get(0),
                    ratios.get(ratios.size() - 1));
        }
    }
}
