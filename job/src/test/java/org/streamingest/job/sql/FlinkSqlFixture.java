package org.streamingest.job.sql;

import org.streamingest.warehouse.Warehouse;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A batch TableEnvironment with the Redshift functions as the product's sessions have them and the
 * databases {@code kds} and {@code public}, where {@code kds.my_stream_name} is a VALUES view with
 * the six columns of a Redshift Kinesis stream: two valid JSON records and one that is not JSON.
 * The valid ones differ in their SUPER types: customer 7 has a numeric id and qty 3, customer "8" a
 * string id and qty 1.5.
 */
final class FlinkSqlFixture {

    private FlinkSqlFixture() {}

    static TableEnvironment create() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "1");
        Warehouse.useRedshiftFunctions(tEnv);
        tEnv.executeSql("CREATE DATABASE `kds`");
        tEnv.executeSql("CREATE DATABASE `public`");
        tEnv.executeSql(
                "CREATE VIEW `kds`.`my_stream_name` AS SELECT"
                        + " CAST(arrival AS TIMESTAMP(3)) AS approximate_arrival_timestamp,"
                        + " CAST(pk AS VARCHAR(256)) AS partition_key,"
                        + " CAST(shard AS CHAR(20)) AS shard_id,"
                        + " CAST(seq AS VARCHAR(128)) AS sequence_number,"
                        + " CAST(rt AS TIMESTAMP(3)) AS refresh_time,"
                        + " CAST(payload AS BYTES) AS kinesis_data"
                        + " FROM (VALUES"
                        + " (TIMESTAMP '2026-01-01 10:00:00', 'k1', 'shardId-000000000000', '1',"
                        + "  TIMESTAMP '2026-01-01 10:00:05',"
                        + "  '{\"customer\": {\"id\": 7, \"tier\": \"gold\"}, \"qty\": 3,"
                        + "  \"items\": [{\"sku\": \"a1\"}]}'),"
                        + " (TIMESTAMP '2026-01-01 10:00:01', 'k2', 'shardId-000000000000', '2',"
                        + "  TIMESTAMP '2026-01-01 10:00:05', 'not json'),"
                        + " (TIMESTAMP '2026-01-01 10:00:02', 'k3', 'shardId-000000000001', '3',"
                        + "  TIMESTAMP '2026-01-01 10:00:05',"
                        + "  '{\"customer\": {\"id\": \"8\", \"tier\": \"silver\"}, \"qty\": 1.5,"
                        + "  \"items\": []}')"
                        + ") AS t(arrival, pk, shard, seq, rt, payload)");
        return tEnv;
    }
}
