package org.streamingest.job.cli;

import org.streamingest.job.exec.ResultFormat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options shared by {@code run}, {@code serve} and {@code shell}: {@code --format table|csv|json},
 * {@code --warehouse DIR|URI} (default {@code ./warehouse}), {@code --kinesis-endpoint URL}, {@code
 * --region R}, {@code --flink local|HOST:PORT}, repeated {@code --conf key=value} ({@code aws.*}
 * and {@code scan.*} keys go to the Kinesis streams, all others to Flink), repeated {@code
 * --catalog key=value} (options of the warehouse catalog, as in {@code CREATE CATALOG ... WITH}),
 * then at most one script file ({@code null} when absent).
 */
record CliOptions(
        ResultFormat format,
        String warehouse,
        String flink,
        Map<String, String> kinesis,
        Map<String, String> flinkConf,
        Map<String, String> catalog,
        String file) {

    static final String OPTION_NAMES =
            "--format, --warehouse, --kinesis-endpoint, --region, --flink, --conf, --catalog";

    /** Parses the options of {@code command}; a script file is accepted when {@code withFile}. */
    static CliOptions parse(String command, List<String> args, boolean withFile) {
        ResultFormat format = ResultFormat.TABLE;
        String warehouse = "warehouse";
        String flink = "local";
        Map<String, String> kinesis = new LinkedHashMap<>();
        Map<String, String> flinkConf = new LinkedHashMap<>();
        Map<String, String> catalog = new LinkedHashMap<>();
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
                    String key = key(arg, value);
                    boolean stream = key.startsWith("aws.") || key.startsWith("scan.");
                    (stream ? kinesis : flinkConf).put(key, value.substring(key.length() + 1));
                }
                case "--catalog" -> {
                    String key = key(arg, value);
                    if (key.equals("warehouse")) {
                        warehouse = value.substring(key.length() + 1);
                    } else {
                        catalog.put(key, value.substring(key.length() + 1));
                    }
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
        FlinkSettings.check(flinkConf);
        return new CliOptions(format, warehouse, flink, kinesis, flinkConf, catalog, file);
    }

    /** The key of {@code option}'s {@code key=value}. */
    private static String key(String option, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " expects key=value, got '" + value + "'.");
        }
        return value.substring(0, eq);
    }

    /**
     * The options of the warehouse catalog: {@code --catalog} keys, the warehouse, and the streams'
     * settings; the later wins (so {@code --region} over a {@code --catalog aws.region}).
     */
    Map<String, String> catalogOptions() {
        Map<String, String> options = new LinkedHashMap<>(catalog);
        options.put("warehouse", warehouse);
        options.putAll(kinesis);
        return options;
    }
}
