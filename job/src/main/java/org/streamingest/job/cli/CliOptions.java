package org.streamingest.job.cli;

import org.streamingest.job.exec.ResultFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options shared by {@code run}, {@code serve} and {@code shell}: {@code --format table|csv|json},
 * {@code --warehouse DIR|URI} (default {@code ./warehouse}), {@code --kinesis-endpoint URL}, {@code
 * --region R}, {@code --flink local|HOST:PORT}, repeated {@code --conf key=value} ({@code aws.*}
 * and {@code scan.*} keys go to the Kinesis streams, all others to Flink), then at most one script
 * file ({@code null} when absent).
 */
record CliOptions(
        ResultFormat format,
        String warehouse,
        String flink,
        Map<String, String> kinesis,
        Map<String, String> flinkConf,
        String file) {

    static final String OPTION_NAMES =
            "--format, --warehouse, --kinesis-endpoint, --region, --flink, --conf";

    /** Parses the options of {@code command}; a script file is accepted when {@code withFile}. */
    static CliOptions parse(String command, List<String> args, boolean withFile) {
        ResultFormat format = ResultFormat.TABLE;
        String warehouse = "warehouse";
        String flink = "local";
        Map<String, String> kinesis = new LinkedHashMap<>();
        Map<String, String> flinkConf = new LinkedHashMap<>();
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (!withFile) {
                    throw new IllegalArgumentException(
                            command + " takes no script file, got '" + arg + "'.");
                }
                if (file != null) {
                    throw new IllegalArgumentException(
                            command
                                    + " takes one script file, got '"
                                    + file
                                    + "' and '"
                                    + arg
                                    + "'.");
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
                                        + " for "
                                        + command
                                        + ". Options: "
                                        + OPTION_NAMES
                                        + ".");
            }
        }
        return new CliOptions(format, warehouse, flink, kinesis, flinkConf, file);
    }
}
