package org.streamingest.connector.kinesis.catalog;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;
import org.streamingest.connector.kinesis.table.KinesisConnectorOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.CommonCatalogOptions;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Options of the {@code 'redshift-kinesis'} catalog. Besides {@link #DEFAULT_DATABASE} a catalog
 * takes every option of {@link AwsOptions} (how to reach the streams) and {@link
 * KinesisSourceOptions} (how its tables read them; a query may override these with an {@code /*+
 * OPTIONS(...) *}{@code /} hint).
 */
public final class KinesisCatalogOptions {

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key(CommonCatalogOptions.DEFAULT_DATABASE_KEY)
                    .stringType()
                    .defaultValue("kinesis")
                    .withDescription(
                            "Name of the catalog's only database, which holds one table per"
                                    + " stream: tables are addressed as"
                                    + " <catalog>.<default-database>.<stream name>.");

    private KinesisCatalogOptions() {}

    /** Every option a catalog accepts, in declaration order. */
    public static Set<ConfigOption<?>> catalogOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(DEFAULT_DATABASE);
        options.addAll(KinesisConnectorOptions.awsAndSourceOptions());
        return options;
    }
}
