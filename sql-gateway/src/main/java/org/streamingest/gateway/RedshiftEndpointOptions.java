package org.streamingest.gateway;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of the {@code redshift} endpoint besides those of Flink's REST endpoint ({@code
 * address}, {@code bind-address}, {@code port}, {@code bind-port}), each under {@code
 * sql-gateway.endpoint.redshift.}.
 */
public final class RedshiftEndpointOptions {

    /** The name {@code sql-gateway-config/init.sql} gives the warehouse's catalog. */
    public static final String DEFAULT_CATALOG = "w";

    public static final ConfigOption<String> CATALOG =
            ConfigOptions.key("catalog")
                    .stringType()
                    .defaultValue(DEFAULT_CATALOG)
                    .withDescription(
                            "The session catalog that Redshift statements act on: a catalog of"
                                    + " type 'streaming-warehouse', as the session's init script"
                                    + " (or the gateway's catalog store) creates it. Redshift's"
                                    + " names (schema.view) are resolved in it whatever the"
                                    + " session's current catalog.");

    private RedshiftEndpointOptions() {}
}
