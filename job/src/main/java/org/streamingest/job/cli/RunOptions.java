package org.streamingest.job.cli;

import org.streamingest.job.exec.ResultFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code run}: {@code --format table|csv|json}, {@code --warehouse DIR|URI} (default
 * {@code ./warehouse}), {@code --kinesis-endpoint URL}, {@code --region R}, {@code --flink
 * local|HOST:PORT}, repeated {@code --conf key=value} ({@code aws.*} and {@code scan.*} keys go to
 * the Kinesis streams, all others to Flink), then the script file.
 */
record RunOptions(
        ResultFormat format,
        String warehouse,
        String flink,
        Map<String, String> kinesis,
        Map<String, String> flinkConf,
        String file) {

    static RunOptions parse(List<String> args) {
        ResultFormat format = ResultFormat.TABLE;
        String warehouse = "warehouse";
        String flink = "local";
        Map<String, String> kinesis = new LinkedHashMap<>();
        Map<String, String> flinkConf = new LinkedHashMap<>();
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (file != null) {
                    throw new IllegalArgumentException(
                            "run takes one script file, got '" + file + "' and '" + arg + "'.");
                }
                file = arg;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value.");
            }
            String value = args.get(++i);
            switch (arg) {
                case "--format" -> format = ResultFormat.of(value);
                case "--warehouse" -> warehouse = value;
                case "--flink" -> flink = value;
                case "--kinesis-endpoint" -> kinesis.put("aws.endpoint", value);
                case "--region" -> kinesis.put("aws.region", value);
                case "--conf" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(
                                "--conf expects key=value, got '" + value + "'.");
                    }
                    String key = value.substring(0, eq);
                    boolean stream = key.startsWith("aws.") || key.startsWith("scan.");
                    (stream ? kinesis : flinkConf).put(key, value.substring(eq + 1));
                }
                default ->
                        throw new IllegalArgumentException(
                                "Unknown option "
                                        + arg
                                        + " for run. Options: --format, --warehouse,"
                                        + " --kinesis-endpoint, --region, --flink, --conf.");
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("run needs a script: streaming-ingest run FILE.sql");
        }
        return new RunOptions(format, warehouse, flink, kinesis, flinkConf, file);
    }
}
