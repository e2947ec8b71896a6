package org.streamingest.connector.kinesis.catalog;

import org.streamingest.connector.kinesis.proxy.KinesisUnreachableException;
import org.streamingest.connector.kinesis.table.RedshiftStreamColumn;
import org.streamingest.connector.kinesis.testutils.CatalogFakeProxy;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisCatalogTest {

    private final CatalogFakeProxy kinesis =
            new CatalogFakeProxy()
                    .withStream("Orders")
                    .withStream("clicks.v2-eu")
                    .withStream("orders_archive");
    private final KinesisCatalog catalog =
            new KinesisCatalog(
                    "k",
                    "kinesis",
                    Configuration.fromMap(
                            Map.of(
                                    "aws.region", "us-east-1",
                                    "aws.endpoint", "http://127.0.0.1:4567",
                                    "scan.stream.initial-position", "LATEST")),
                    kinesis);

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    @Test
    void opensAndClosesItsProxy() {
        catalog.open();
        assertThat(kinesis.created()).isEqualTo(1);

        catalog.close();
        catalog.close();

        assertThat(kinesis.closed()).isEqualTo(1);
    }

    @Test
    void failsClearlyWhenUsedBeforeOpen() {
        assertThatThrownBy(() -> catalog.listTables("kinesis"))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Catalog 'k' is not open.");
    }

    @Test
    void hasOneDatabaseNamedByDefaultDatabase() throws Exception {
        catalog.open();

        assertThat(catalog.listDatabases()).containsExactly("kinesis");
        assertThat(catalog.databaseExists("kinesis")).isTrue();
        assertThat(catalog.databaseExists("Kinesis")).isFalse();
        assertThat(catalog.getDatabase("kinesis")).isInstanceOf(CatalogDatabaseImpl.class);
        assertThatThrownBy(() -> catalog.getDatabase("default"))
                .isInstanceOf(DatabaseNotExistException.class);

        var renamed = new KinesisCatalog("k", "streams", new Configuration(), kinesis);
        assertThat(renamed.listDatabases()).containsExactly("streams");
    }

    @Test
    void listsTheStreamsExactlyAsKinesisSpellsThem() throws Exception {
        catalog.open();

        assertThat(catalog.listTables("kinesis"))
                .containsExactly("Orders", "clicks.v2-eu", "orders_archive");
        assertThat(catalog.listViews("kinesis")).isEmpty();
        assertThatThrownBy(() -> catalog.listTables("other"))
                .isInstanceOf(DatabaseNotExistException.class);
    }

    @Test
    void everyTableHasExactlyTheSixRedshiftColumns() throws Exception {
        catalog.open();

        var table = (CatalogTable) catalog.getTable(new ObjectPath("kinesis", "clicks.v2-eu"));

        assertThat(table.getUnresolvedSchema()).isEqualTo(RedshiftStreamColumn.schema());
        assertThat(table.getUnresolvedSchema().getColumns())
                .extracting(c -> ((Schema.UnresolvedPhysicalColumn) c))
                .extracting(c -> c.getName() + " " + c.getDataType())
                .containsExactly(
                        "approximate_arrival_timestamp TIMESTAMP(3) NOT NULL",
                        "partition_key VARCHAR(256) NOT NULL",
                        "shard_id CHAR(20) NOT NULL",
                        "sequence_number VARCHAR(128) NOT NULL",
                        "refresh_time TIMESTAMP(3) NOT NULL",
                        "kinesis_data BYTES NOT NULL");
        assertThat(table.isPartitioned()).isFalse();
        assertThat(table.getComment())
                .isEqualTo(
                        "Kinesis data stream arn:aws:kinesis:us-east-1:000000000000:stream/clicks.v2-eu");
    }

    @Test
    void tablesReadWithTheCatalogsAwsAndScanOptions() throws Exception {
        catalog.open();

        var table = (CatalogTable) catalog.getTable(new ObjectPath("kinesis", "Orders"));

        assertThat(table.getOptions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "connector", "redshift-kinesis",
                                "stream", "Orders",
                                "aws.region", "us-east-1",
                                "aws.endpoint", "http://127.0.0.1:4567",
                                "scan.stream.initial-position", "LATEST"));
    }

    @Test
    void streamNamesAreCaseSensitive() {
        catalog.open();

        assertThat(catalog.tableExists(new ObjectPath("kinesis", "Orders"))).isTrue();
        assertThat(catalog.tableExists(new ObjectPath("kinesis", "orders"))).isFalse();
        assertThat(kinesis.calls())
                .containsExactly("describeStream(Orders)", "describeStream(orders)");
    }

    @Test
    void unknownTableSaysNamesAreCaseSensitiveAndHowToListThem() {
        catalog.open();

        assertThatThrownBy(() -> catalog.getTable(new ObjectPath("kinesis", "orders")))
                .isInstanceOf(TableNotExistException.class)
                .hasMessage("Table (or view) kinesis.orders does not exist in Catalog k.")
                .cause()
                .hasMessage(
                        "There is no Kinesis stream named 'orders' in database 'kinesis' of catalog"
                                + " 'k'. Stream names are case sensitive; SHOW TABLES FROM k.kinesis"
                                + " lists the streams.");
    }

    @Test
    void namesThatCannotBeStreamsAndOtherDatabasesHaveNoTables() {
        catalog.open();

        assertThat(catalog.tableExists(new ObjectPath("kinesis", "no spaces allowed"))).isFalse();
        assertThat(catalog.tableExists(new ObjectPath("default", "Orders"))).isFalse();
        assertThatThrownBy(() -> catalog.getTable(new ObjectPath("default", "Orders")))
                .isInstanceOf(TableNotExistException.class);
        assertThat(kinesis.calls()).isEmpty();
    }

    @Test
    void kinesisErrorsSurfaceWithTheirMessage() {
        kinesis.failingWith(
                new KinesisUnreachableException(
                        "Kinesis endpoint http://127.0.0.1:1 is unreachable: check 'aws.endpoint'.",
                        null));
        catalog.open();

        assertThatThrownBy(() -> catalog.listTables("kinesis"))
                .isInstanceOf(CatalogException.class)
                .hasMessage(
                        "Catalog 'k' cannot list its streams: Kinesis endpoint http://127.0.0.1:1"
                                + " is unreachable: check 'aws.endpoint'.");
        assertThatThrownBy(() -> catalog.tableExists(new ObjectPath("kinesis", "Orders")))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("Catalog 'k' cannot look up stream 'Orders': ");
    }

    @Test
    void everyWriteSaysStreamsAreManagedInKinesis() {
        catalog.open();
        ObjectPath orders = new ObjectPath("kinesis", "Orders");
        CatalogTable table =
                CatalogTable.newBuilder().schema(RedshiftStreamColumn.schema()).build();

        List<Executable> writes =
                List.of(
                        () -> catalog.createTable(orders, table, true),
                        () -> catalog.dropTable(orders, true),
                        () -> catalog.alterTable(orders, table, true),
                        () -> catalog.renameTable(orders, "Sales", true),
                        () -> catalog.createDatabase("other", null, true),
                        () -> catalog.dropDatabase("kinesis", true, true),
                        () -> catalog.alterDatabase("kinesis", null, true),
                        () -> catalog.createFunction(orders, null, true),
                        () -> catalog.dropFunction(orders, true),
                        () -> catalog.createModel(orders, null, true),
                        () -> catalog.alterTableStatistics(orders, null, true));
        for (Executable write : writes) {
            assertThatThrownBy(write::execute)
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("is not supported: catalog 'k' is read-only")
                    .hasMessageContaining("create, change and delete streams in Kinesis");
        }
        assertThat(kinesis.calls()).isEmpty();
    }

    @Test
    void tablesAreNotPartitionedAndTheCatalogHasNoFunctions() throws Exception {
        catalog.open();
        ObjectPath orders = new ObjectPath("kinesis", "Orders");

        assertThatThrownBy(() -> catalog.listPartitions(orders))
                .isInstanceOf(TableNotPartitionedException.class);
        assertThat(catalog.listFunctions("kinesis")).isEmpty();
        assertThat(catalog.functionExists(orders)).isFalse();
        assertThat(catalog.listProcedures("kinesis")).isEmpty();
    }
}
