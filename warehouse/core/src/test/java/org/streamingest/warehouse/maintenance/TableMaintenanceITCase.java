package org.streamingest.warehouse.maintenance;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.catalog.WarehouseCatalog;
import org.streamingest.warehouse.catalog.WarehouseCatalogFactory;
import org.streamingest.warehouse.catalog.WarehouseConfig;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Table maintenance on a real Iceberg warehouse (Hadoop catalog in a temporary directory), through
 * Flink SQL's {@code CALL} as a user runs it, with every table written by Flink's Iceberg v2 sink
 * as a view's pipeline writes it: the rows stay exactly the same, snapshots and files go, and a
 * commit that lands during a rewrite is never lost.
 */
class TableMaintenanceITCase {

    private static final ObjectName EVENTS = new ObjectName("public", "events");
    private static final ObjectName TOTALS = new ObjectName("public", "totals");

    @TempDir Path dir;

    private TableEnvironment env;
    private WarehouseCatalog catalog;

    @BeforeEach
    void openWarehouse() {
        Configuration flink = new Configuration();
        flink.setString("parallelism.default", "1");
        flink.setString("table.exec.iceberg.use-v2-sink", "true");
        flink.setString("table.local-time-zone", "UTC");
        env =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inBatchMode()
                                .withConfiguration(flink)
                                .build());
        env.executeSql(
                "CREATE CATALOG w WITH ('type' = '"
                        + WarehouseCatalogFactory.IDENTIFIER
                        + "', 'warehouse' = '"
                        + dir
                        + "')");
        catalog = new WarehouseCatalog("w", config());
        catalog.open();
    }

    @AfterEach
    void closeWarehouse() {
        catalog.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void rewriteThenExpireThenRemoveOrphansKeepsTheRowsExactly() throws Exception {
        // Given 12 small commits, one file each
        createEvents();
        List<Row> put = insertEvents(1, 12);
        Table table = table(EVENTS);
        assertThat(snapshots(table)).hasSize(12);
        assertThat(dataFiles(table)).hasSize(12);
        long smallBytes = dataFiles(table).stream().mapToLong(DataFile::fileSizeInBytes).sum();

        // When the small files are rewritten
        assertThat(call("CALL w.sys.rewrite_data_files('public.events')"))
                .containsExactly(Row.of(12L, 1L, smallBytes, 0L));

        // Then one data file holds exactly the same rows, in a 13th snapshot
        table.refresh();
        assertThat(dataFiles(table)).hasSize(1);
        assertThat(snapshots(table)).hasSize(13);
        assertThat(table.currentSnapshot().operation()).isEqualTo("replace");
        assertThat(selectEvents()).containsExactlyInAnyOrderElementsOf(put);

        // When one more commit lands and every snapshot but the newest is expired
        put.addAll(insertEvents(13, 13));
        table.refresh();
        Set<String> expiredManifests = manifestsOnlyBefore(table);
        assertThat(
                        call(
                                "CALL w.sys.expire_snapshots('public.events',"
                                        + " TIMESTAMP '2100-01-01 00:00:00', 1)"))
                .containsExactly(Row.of(13L, 1L, 12L, (long) expiredManifests.size(), 13L));

        // Then one snapshot is left, the 12 small files are gone, the rows are the same
        table.refresh();
        assertThat(snapshots(table)).hasSize(1);
        assertThat(dataFiles(table)).hasSize(2);
        assertThat(parquetFilesOnDisk(table)).hasSize(2);
        expiredManifests.forEach(m -> assertThat(Path.of(OrphanFiles.path(m))).doesNotExist());
        assertThat(selectEvents()).containsExactlyInAnyOrderElementsOf(put);

        // When an old orphan file, a young orphan file and old live files lie in the table
        Path data = tableDir(table).resolve("data");
        Path oldOrphan = Files.writeString(data.resolve("left-behind.parquet"), "junk");
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        try (Stream<Path> files = Files.walk(tableDir(table))) {
            files.filter(Files::isRegularFile).forEach(f -> touch(f, twoDaysAgo));
        }
        Path youngOrphan = Files.writeString(data.resolve("being-written.parquet"), "junk");
        long filesOnDisk = listedFiles(table);

        // Then the old orphan is deleted, everything else kept
        assertThat(
                        call(
                                "CALL w.sys.remove_orphan_files(`table` => 'public.events',"
                                        + " older_than => TIMESTAMP '"
                                        + sqlTimestamp(Instant.now().minus(Duration.ofDays(1)))
                                        + "')"))
                .containsExactly(Row.of(1L, filesOnDisk - 1));
        assertThat(oldOrphan).doesNotExist();
        assertThat(youngOrphan).exists();
        for (DataFile live : dataFiles(table)) {
            assertThat(Path.of(OrphanFiles.path(live.location()))).exists();
        }
        assertThat(selectEvents()).containsExactlyInAnyOrderElementsOf(put);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void manySmallFilesBecomeOneFileNotOnePerThirtyTwo() throws Exception {
        // Given 100 commits of one small file each, as a view's sink leaves them between rounds
        // (Iceberg's planning counts a file as 4 MB at least: 32 of them filled a 128 MB file)
        createEvents();
        Table table = table(EVENTS);
        List<Row> put = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            table.newAppend().appendFile(writeEvent(table, id)).commit();
            put.add(Row.of(id, "e" + id));
        }
        table.refresh();
        assertThat(dataFiles(table)).hasSize(100);

        // When they are rewritten, then one file holds exactly the same rows
        assertThat(call("CALL w.sys.rewrite_data_files('public.events')").get(0).getField(1))
                .isEqualTo(1L);
        table.refresh();
        assertThat(dataFiles(table)).hasSize(1);
        assertThat(selectEvents()).containsExactlyInAnyOrderElementsOf(put);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void rewriteOfAnUpsertingTableFoldsItsDeletesIn() throws Exception {
        // Given an upserting table (as a GROUP BY view's): 4 commits, each with equality deletes
        createTotals();
        upsertTotals("(1, 1), (2, 1)", "(1, 2)", "(2, 2)", "(1, 3)");
        Table table = table(TOTALS);
        assertThat(dataFiles(table)).hasSize(4);
        assertThat(deleteFiles(table)).isEqualTo(4);
        long bytes = dataFiles(table).stream().mapToLong(DataFile::fileSizeInBytes).sum();

        // When it is rewritten
        List<Row> result = call("CALL w.sys.rewrite_data_files('public.totals')");

        // Then one data file holds the newest row of each key, and no delete file is left
        assertThat(result).containsExactly(Row.of(4L, 1L, bytes, 4L));
        table.refresh();
        assertThat(dataFiles(table)).hasSize(1);
        assertThat(deleteFiles(table)).isZero();
        assertThat(selectTotals()).containsExactlyInAnyOrder(Row.of(1, 3L), Row.of(2, 2L));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCommitDuringARewriteIsKept() throws Exception {
        // Given 5 small commits
        createEvents();
        List<Row> put = insertEvents(1, 5);

        // When the view's pipeline commits after the rewrite wrote its file, before it commits
        DataFileRewrite.Result result =
                rewrite(EVENTS, () -> put.addAll(insertEvents(6, 6)), new AtomicInteger());

        // Then both commits are in: the rewrite's (retried on the newer metadata) and the view's
        assertThat(result.rewrittenDataFiles()).isEqualTo(5);
        assertThat(result.addedDataFiles()).isEqualTo(1);
        Table table = table(EVENTS);
        assertThat(table.currentSnapshot().operation()).isEqualTo("replace");
        assertThat(table.snapshot(table.currentSnapshot().parentId()).operation())
                .isEqualTo("append");
        assertThat(dataFiles(table)).hasSize(2);
        assertThat(selectEvents()).containsExactlyInAnyOrderElementsOf(put).hasSize(6);

        // And a commit prepared on older metadata and committed after a rewrite is kept too
        Table stale = table(EVENTS);
        DataFile late = writeEvent(stale, 7);
        put.add(Row.of(7, "e7"));
        assertThat(call("CALL w.sys.rewrite_data_files('public.events')"))
                .extracting(r -> r.getField(0))
                .containsExactly(2L);
        stale.newAppend().appendFile(late).commit();
        assertThat(selectEvents()).containsExactlyInAnyOrderElementsOf(put).hasSize(7);
        assertThat(dataFiles(table(EVENTS))).hasSize(2);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anUpsertDuringARewriteStillDeletesTheOldRow() throws Exception {
        // Given an upserting table
        createTotals();
        upsertTotals("(1, 1), (2, 1)", "(1, 2)", "(2, 2)");

        // When an upsert of key 1 commits while the rewrite is under way
        DataFileRewrite.Result result =
                rewrite(TOTALS, () -> upsertTotals("(1, 9)"), new AtomicInteger());

        // Then the rewrite commits (its files keep the older sequence number), and the upsert's
        // delete still hides the old row of key 1: nothing resurrected, nothing lost
        assertThat(result.rewrittenDataFiles()).isEqualTo(3);
        assertThat(result.removedDeleteFiles()).isEqualTo(3);
        assertThat(selectTotals()).containsExactlyInAnyOrder(Row.of(1, 9L), Row.of(2, 2L));
        Table table = table(TOTALS);
        assertThat(dataFiles(table)).hasSize(2);
        assertThat(deleteFiles(table)).isEqualTo(1);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRewriteThatTrulyConflictsStartsAgainAndLeavesNoFilesBehind() throws Exception {
        // Given 4 small commits
        createEvents();
        List<Row> put = insertEvents(1, 4);
        Table table = table(EVENTS);
        DataFile first =
                dataFiles(table).stream()
                        .filter(f -> f.recordCount() == 1)
                        .findFirst()
                        .orElseThrow();

        // When, during the first attempt, another commit deletes one of the files it rewrites
        AtomicInteger attempts = new AtomicInteger();
        DataFileRewrite.Result result =
                rewrite(
                        EVENTS,
                        () -> {
                            if (attempts.get() == 1) {
                                table(EVENTS).newDelete().deleteFile(first).commit();
                            }
                        },
                        attempts);

        // Then the first attempt gives up, the second rewrites the 3 files left
        assertThat(attempts).hasValue(2);
        assertThat(result.rewrittenDataFiles()).isEqualTo(3);
        assertThat(result.addedDataFiles()).isEqualTo(1);
        assertThat(selectEvents()).hasSize(3).isSubsetOf(put);
        // And the file the failed attempt wrote was deleted
        Table after = table(EVENTS);
        assertThat(parquetFilesOnDisk(after)).hasSize(4 + 1);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aScheduledRoundCompactsAndExpiresEachViewRunHereAndGoesOnPastAFailure() throws Exception {
        // Given 6 small commits, and settings that expire every snapshot older than now
        createEvents();
        List<Row> put = insertEvents(1, 6);
        TableMaintenance now =
                new TableMaintenance(
                        catalog.catalog(),
                        new MaintenanceSettings(
                                Duration.ofMinutes(10),
                                Duration.ZERO,
                                1,
                                128L * 1024 * 1024,
                                Duration.ofDays(3)),
                        Clock.systemUTC());
        ObjectName gone = new ObjectName("public", "gone");

        // When a round runs over a view whose table is gone and one with small files
        Map<ObjectName, String> outcomes =
                new MaintenanceScheduler(
                                now,
                                () -> List.of(gone, EVENTS),
                                StreamExecutionEnvironment::getExecutionEnvironment)
                        .runOnce();

        // Then the first is reported, the second rewritten into one file and expired down to
        // the rewrite and the sink's newest commit
        assertThat(outcomes)
                .containsExactly(
                        Map.entry(
                                gone,
                                "failed, tried again next round: Materialized view"
                                        + " \"public.gone\" does not exist (nor a table of that"
                                        + " name in the warehouse)."),
                        Map.entry(
                                EVENTS,
                                "rewrote 6 data files into 1, removed 0 delete files; expired 5"
                                        + " snapshots (2 kept), deleted 0 data files"));
        Table table = table(EVENTS);
        assertThat(snapshots(table)).hasSize(2);
        assertThat(dataFiles(table)).hasSize(1);
        assertThat(selectEvents()).containsExactlyInAnyOrderElementsOf(put);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mistakesGetClearErrors() throws Exception {
        createEvents();
        assertThatThrownBy(() -> call("CALL w.sys.expire_snapshots('public.nope')"))
                .extracting(TableMaintenanceITCase::warehouseError)
                .isEqualTo(
                        "Materialized view \"public.nope\" does not exist (nor a table of that"
                                + " name in the warehouse).");
        assertThatThrownBy(
                        () ->
                                call(
                                        "CALL w.sys.expire_snapshots(`table` => 'events', retain_last => 0)"))
                .extracting(TableMaintenanceITCase::warehouseError)
                .isEqualTo(
                        "retain_last must be at least 1 (the current snapshot is always kept),"
                                + " not 0.");
        assertThatThrownBy(
                        () ->
                                call(
                                        "CALL w.sys.remove_orphan_files('events', TIMESTAMP '"
                                                + sqlTimestamp(Instant.now())
                                                + "')"))
                .extracting(TableMaintenanceITCase::warehouseError)
                .asString()
                .startsWith("older_than of remove_orphan_files must be at least 1 h ago");
        assertThatThrownBy(() -> call("CALL w.sys.rewrite_data_files('events', 0)"))
                .extracting(TableMaintenanceITCase::warehouseError)
                .isEqualTo("target_file_size must be a positive number of bytes, not 0.");
    }

    // ---- scenario steps

    private void createEvents() throws Exception {
        env.executeSql(
                        "CREATE TABLE w.public.events (id INT, name STRING) WITH"
                                + " ('format-version' = '2')")
                .await();
    }

    /** Inserts rows {@code from..to}, one commit each; the rows inserted. */
    private List<Row> insertEvents(int from, int to) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            env.executeSql("INSERT INTO w.public.events VALUES (" + id + ", 'e" + id + "')")
                    .await();
            rows.add(Row.of(id, "e" + id));
        }
        return rows;
    }

    private void createTotals() throws Exception {
        env.executeSql(
                        "CREATE TABLE w.public.totals (k INT NOT NULL, v BIGINT,"
                                + " PRIMARY KEY (k) NOT ENFORCED) WITH ('format-version' = '2',"
                                + " 'write.upsert.enabled' = 'true')")
                .await();
    }

    private void upsertTotals(String... commits) throws Exception {
        for (String values : commits) {
            env.executeSql("INSERT INTO w.public.totals VALUES " + values).await();
        }
    }

    private DataFileRewrite.Result rewrite(
            ObjectName name, DataFileRewrite.BeforeCommit step, AtomicInteger attempts) {
        DataFileRewrite rewrite =
                new DataFileRewrite(
                        StreamExecutionEnvironment.getExecutionEnvironment(),
                        () -> {
                            attempts.incrementAndGet();
                            step.run();
                        });
        return maintenance().rewriteDataFiles(name, rewrite, null);
    }

    private List<Row> selectEvents() throws Exception {
        return rows("SELECT id, name FROM w.public.events");
    }

    private List<Row> selectTotals() throws Exception {
        return rows("SELECT k, v FROM w.public.totals");
    }

    // ---- helpers

    private WarehouseConfig config() {
        return WarehouseConfig.of(Map.of("warehouse", dir.toString()));
    }

    private TableMaintenance maintenance() {
        return new TableMaintenance(catalog.catalog(), config().maintenance(), Clock.systemUTC());
    }

    private Table table(ObjectName name) {
        return maintenance().table(name);
    }

    private List<Row> call(String sql) throws Exception {
        return rows(sql);
    }

    private List<Row> rows(String sql) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = env.executeSql(sql).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<Snapshot> snapshots(Table table) {
        List<Snapshot> snapshots = new ArrayList<>();
        table.snapshots().forEach(snapshots::add);
        return snapshots;
    }

    private static List<DataFile> dataFiles(Table table) {
        table.refresh();
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> files.add(t.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The live delete files of the current snapshot. */
    private static long deleteFiles(Table table) throws IOException {
        table.refresh();
        long count = 0;
        for (ManifestFile manifest : table.currentSnapshot().deleteManifests(table.io())) {
            try (ManifestReader<DeleteFile> reader =
                    ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
                for (DeleteFile ignored : reader) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A data file of one event written beside the table, not committed. */
    private static DataFile writeEvent(Table table, int id) throws IOException {
        GenericRecord record = GenericRecord.create(table.schema());
        record.setField("id", id);
        record.setField("name", "e" + id);
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(
                                EncryptedFiles.plainAsEncryptedOutput(
                                        table.io()
                                                .newOutputFile(
                                                        table.location()
                                                                + "/data/event-"
                                                                + id
                                                                + ".parquet")),
                                FileFormat.PARQUET,
                                null);
        try (writer) {
            writer.write(record);
        }
        return writer.toDataFile();
    }

    /** The message of the warehouse's error in a failed statement's causes. */
    private static String warehouseError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WarehouseException) {
                return t.getMessage();
            }
        }
        throw new AssertionError("No WarehouseException in", failure);
    }

    /** The manifests of the snapshots before the current one that the current one does not use. */
    private static Set<String> manifestsOnlyBefore(Table table) {
        Set<String> current = new HashSet<>();
        table.currentSnapshot().allManifests(table.io()).forEach(m -> current.add(m.path()));
        Set<String> before = new HashSet<>();
        for (Snapshot s : table.snapshots()) {
            for (ManifestFile m : s.allManifests(table.io())) {
                if (!current.contains(m.path())) {
                    before.add(m.path());
                }
            }
        }
        return before;
    }

    private static Path tableDir(Table table) {
        return Path.of(OrphanFiles.path(table.location()));
    }

    private static List<Path> parquetFilesOnDisk(Table table) throws IOException {
        try (Stream<Path> files = Files.walk(tableDir(table).resolve("data"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    /** Files of the table as its FileIO lists them (Hadoop's checksum files are not listed). */
    private static long listedFiles(Table table) throws IOException {
        try (Stream<Path> files = Files.walk(tableDir(table))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".crc"))
                    .count();
        }
    }

    private static void touch(Path file, Instant time) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(time));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sqlTimestamp(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "").substring(0, 19);
    }
}
