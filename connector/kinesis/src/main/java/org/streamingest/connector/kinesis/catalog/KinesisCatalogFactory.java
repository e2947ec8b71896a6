package org.streamingest.connector.kinesis.catalog;

import org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CommonCatalogOptions;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link KinesisCatalog}s:
 *
 * <pre>{@code
 * CREATE CATALOG k WITH (
 *   'type' = 'redshift-kinesis',
 *   'aws.region' = 'us-east-1',
 *   'aws.endpoint' = 'http://127.0.0.1:4567');
 * SHOW TABLES FROM k.kinesis;
 * }</pre>
 *
 * Every option is declared: an unknown or misspelt key fails {@code CREATE CATALOG}.
 */
public class KinesisCatalogFactory implements CatalogFactory {

    public static final String IDENTIFIER = "redshift-kinesis";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return KinesisCatalogOptions.catalogOptions();
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        Map<String, String> options = new HashMap<>(context.getOptions());
        options.remove(CommonCatalogOptions.CATALOG_TYPE.key());
        options.remove(KinesisCatalogOptions.DEFAULT_DATABASE.key());
        Configuration config = Configuration.fromMap(options);
        KinesisDynamicTableFactory.validateOptionValues(config);
        return new KinesisCatalog(
                context.getName(),
                helper.getOptions().get(KinesisCatalogOptions.DEFAULT_DATABASE),
                config);
    }
}
