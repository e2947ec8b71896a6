package org.streamingest.job.bench;

import org.streamingest.connector.kinesis.catalog.KinesisCatalog;
import org.streamingest.functions.RedshiftModuleFactory;
import org.streamingest.warehouse.pipeline.FlinkCluster;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The baseline: a plain Flink SQL job on the same MiniCluster doing what the seed view does (read
 * the stream from the Kinesis catalog, {@code LOAD MODULE redshift}, {@code CAN_JSON_PARSE} filter,
 * {@code JSON_PARSE}, Iceberg v2 sink into a table with the view's schema), timed from submission
 * until {@code expected} rows are committed; then cancelled.
 */
final class PlainFlinkRun {

    private PlainFlinkRun() {}

    /** Runs the job once into a new table under {@code dir}; returns seconds and rows. */
    static RunResult run(
            FlinkCluster cluster,
            Map<String, String> kinesisSettings,
            Table viewTable,
            String stream,
            long expected,
            Path dir,
            String checkpointInterval)
            throws Exception {
        String warehouse = dir.toUri().toString();
        Table target;
        try (HadoopCatalog iceberg =
                new HadoopCatalog(new org.apache.hadoop.conf.Configuration(), warehouse)) {
            iceberg.createNamespace(Namespace.of("db"));
            target =
                    iceberg.createTable(
                            TableIdentifier.of("db", "plain"),
                            viewTable.schema(),
                            PartitionSpec.unpartitioned(),
                            Map.of("format-version", "2"));
        }
        Configuration config = cluster.clientConfig();
        config.setString("table.exec.iceberg.use-v2-sink", "true");
        config.setString(CheckpointingOptions.CHECKPOINTING_INTERVAL.key(), checkpointInterval);
        config.setString(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                dir.resolve("checkpoints").toUri().toString());
        TableEnvironment env =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(config)
                                .build());
        KinesisCatalog kinesis =
                new KinesisCatalog("kin", "default", Configuration.fromMap(kinesisSettings));
        env.registerCatalog("kin", kinesis);
        env.executeSql(
                "CREATE CATALOG ice WITH ('type'='iceberg', 'catalog-type'='hadoop',"
                        + " 'warehouse'='"
                        + warehouse
                        + "')");
        env.executeSql("LOAD MODULE " + RedshiftModuleFactory.IDENTIFIER);
        long start = System.nanoTime();
        JobClient job =
                env.executeSql(
                                "INSERT INTO ice.db.plain SELECT approximate_arrival_timestamp,"
                                        + " partition_key, shard_id, sequence_number,"
                                        + " refresh_time, JSON_PARSE(kinesis_data) AS"
                                        + " kinesis_data FROM kin.`default`.`"
                                        + stream
                                        + "` WHERE CAN_JSON_PARSE(kinesis_data)")
                        .getJobClient()
                        .orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long rows = 0;
        try {
            while (rows < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
                rows = Snapshots.addedSince(target, null);
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    throw new IllegalStateException(
                            "The plain Flink job ended: " + job.getJobStatus().get());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new RunResult(seconds, rows);
        } finally {
            job.cancel().get();
            kinesis.close();
        }
    }

    /** Seconds from submission until the rows were committed, and the rows committed. */
    record RunResult(double seconds, long rows) {}
}
