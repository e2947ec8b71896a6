package org.streamingest.warehouse.view;

import org.streamingest.kinesis.testing.KinesisMockExtension;
import org.streamingest.warehouse.catalog.WarehouseCatalogFactory;

import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The warehouse catalog in the tests' plain Flink sessions. */
final class FlinkSessions {

    private FlinkSessions() {}

    /**
     * The options of a warehouse catalog on a SQLite file in {@code dir}, its streams on {@code
     * kinesis}. JDBC: its catalog name is in every row, so the view service's catalog and a
     * session's catalog must name the Iceberg catalog alike to see the same warehouse (they do).
     */
    static Map<String, String> jdbcWarehouse(Path dir, KinesisMockExtension kinesis) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("type", WarehouseCatalogFactory.IDENTIFIER);
        options.put("warehouse", dir.toString());
        options.put("catalog-type", "jdbc");
        options.put("uri", "jdbc:sqlite:" + dir.resolve("catalog.db"));
        options.put("aws.endpoint", kinesis.endpoint().toString());
        options.put("aws.region", kinesis.region().id());
        return options;
    }

    /** {@code options} as the body of a {@code WITH (...)} clause. */
    static String with(Map<String, String> options) {
        return options.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                .collect(Collectors.joining(", "));
    }

    /** Every row of a result. */
    static List<Row> rows(TableResult result) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
