package org.streamingest.connector.kinesis.catalog;

import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.proxy.KinesisConnectorException;
import org.streamingest.connector.kinesis.proxy.StreamDescription;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamNotFoundException;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.ProxyFactory;
import org.streamingest.connector.kinesis.table.KinesisConnectorOptions;
import org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory;
import org.streamingest.connector.kinesis.table.RedshiftStreamColumn;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only catalog whose tables are the Kinesis data streams of one account and region, like a
 * Redshift external schema {@code FROM KINESIS}: {@code SELECT * FROM k.kinesis.my_stream} reads
 * stream {@code my_stream} with Redshift's columns. Stream names are case sensitive and kept as
 * Kinesis spells them.
 *
 * <p>A thin adapter: listing and describing streams belong to the {@link StreamProxy}, the column
 * layout to {@link RedshiftStreamColumn}, reading to the {@code 'redshift-kinesis'} table
 * connector. Each table carries the catalog's {@code aws.*} and {@code scan.*} options, so it reads
 * with the catalog's settings unless a query overrides them with an {@code OPTIONS} hint.
 */
public class KinesisCatalog extends ReadOnlyCatalog {

    private final Configuration config;
    private final ProxyFactory proxies;
    private StreamProxy proxy;

    /** A catalog that reaches Kinesis as {@code config}'s {@code aws.*} options say. */
    public KinesisCatalog(String name, String defaultDatabase, Configuration config) {
        this(name, defaultDatabase, config, new AwsProxyFactory(config));
    }

    KinesisCatalog(
            String name, String defaultDatabase, Configuration config, ProxyFactory proxies) {
        super(name, defaultDatabase);
        this.config = new Configuration(config);
        this.proxies = proxies;
    }

    @Override
    public void open() {
        if (proxy == null) {
            proxy = proxies.createStreamProxy();
        }
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    // ---- the one database

    @Override
    public List<String> listDatabases() {
        return List.of(getDefaultDatabase());
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName) throws DatabaseNotExistException {
        checkDatabase(databaseName);
        return new CatalogDatabaseImpl(
                Map.of(),
                "The Kinesis data streams of catalog '" + getName() + "', one per table.");
    }

    @Override
    public boolean databaseExists(String databaseName) {
        return getDefaultDatabase().equals(databaseName);
    }

    // ---- tables are streams

    @Override
    public List<String> listTables(String databaseName) throws DatabaseNotExistException {
        checkDatabase(databaseName);
        try {
            return List.copyOf(proxy().listStreams());
        } catch (KinesisConnectorException e) {
            throw new CatalogException(
                    "Catalog '" + getName() + "' cannot list its streams: " + e.getMessage(), e);
        }
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath) throws TableNotExistException {
        StreamDescription stream = describe(tablePath);
        if (stream == null) {
            throw new TableNotExistException(getName(), tablePath, notFound(tablePath));
        }
        return CatalogTable.newBuilder()
                .schema(RedshiftStreamColumn.schema())
                .comment(
                        "Kinesis data stream "
                                + (stream.arn() != null ? stream.arn() : stream.name()))
                .options(tableOptions(stream.name()))
                .build();
    }

    @Override
    public boolean tableExists(ObjectPath tablePath) {
        return describe(tablePath) != null;
    }

    /** The stream behind a table path, or {@code null} if there is none. */
    private StreamDescription describe(ObjectPath tablePath) {
        if (!databaseExists(tablePath.getDatabaseName())) {
            return null;
        }
        StreamId stream;
        try {
            stream = StreamId.of(tablePath.getObjectName());
        } catch (IllegalArgumentException notAStreamName) {
            return null;
        }
        try {
            return proxy().describeStream(stream);
        } catch (StreamNotFoundException e) {
            return null;
        } catch (KinesisConnectorException e) {
            throw new CatalogException(
                    "Catalog '"
                            + getName()
                            + "' cannot look up stream '"
                            + stream.name()
                            + "': "
                            + e.getMessage(),
                    e);
        }
    }

    private CatalogException notFound(ObjectPath tablePath) {
        return new CatalogException(
                "There is no Kinesis stream named '"
                        + tablePath.getObjectName()
                        + "' in database '"
                        + tablePath.getDatabaseName()
                        + "' of catalog '"
                        + getName()
                        + "'. Stream names are case sensitive; SHOW TABLES FROM "
                        + getName()
                        + "."
                        + getDefaultDatabase()
                        + " lists the streams.");
    }

    /** connector, stream, and the catalog's aws.* and scan.* options. */
    private Map<String, String> tableOptions(String streamName) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(FactoryUtil.CONNECTOR.key(), KinesisDynamicTableFactory.IDENTIFIER);
        options.put(KinesisConnectorOptions.STREAM.key(), streamName);
        Map<String, String> catalogOptions = config.toMap();
        KinesisConnectorOptions.awsAndSourceOptions().stream()
                .filter(option -> catalogOptions.containsKey(option.key()))
                .forEach(option -> options.put(option.key(), catalogOptions.get(option.key())));
        return options;
    }

    private StreamProxy proxy() {
        if (proxy == null) {
            throw new CatalogException("Catalog '" + getName() + "' is not open.");
        }
        return proxy;
    }

    @Override
    protected CatalogException readOnly(String operation) {
        return new CatalogException(
                operation
                        + " is not supported: catalog '"
                        + getName()
                        + "' is read-only. Its tables are the streams of a Kinesis account and"
                        + " region; create, change and delete streams in Kinesis (console, AWS CLI"
                        + " or API), and they appear here. To read a stream with other columns or"
                        + " settings, declare a table with 'connector' = '"
                        + KinesisDynamicTableFactory.IDENTIFIER
                        + "' in another catalog.");
    }
}
