package org.streamingest.gateway;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpoint;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpointFactory;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpointFactoryUtils;
import org.apache.flink.table.gateway.api.utils.SqlGatewayException;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpoint;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpointFactory;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestOptions;

import java.util.Set;

/**
 * {@code sql-gateway.endpoint.type: redshift}: Flink's own REST endpoint ({@link
 * SqlGatewayRestEndpoint}, so {@code sql-client.sh gateway -e HOST:PORT} and Flink's JDBC driver
 * talk to it unchanged) over a {@link RedshiftSqlGatewayService}, which runs each statement through
 * the Redshift front end first. Its options are the REST endpoint's ({@code address}, required;
 * {@code bind-address}, {@code port}, {@code bind-port}) and {@link RedshiftEndpointOptions}, all
 * under {@code sql-gateway.endpoint.redshift.}; an unknown one fails the gateway's start.
 */
public final class RedshiftEndpointFactory implements SqlGatewayEndpointFactory {

    /** Not {@code rest} nor {@code hiveserver2}: Flink's endpoints stay usable beside it. */
    public static final String IDENTIFIER = "redshift";

    @Override
    public SqlGatewayEndpoint createSqlGatewayEndpoint(Context context) {
        SqlGatewayEndpointFactoryUtils.EndpointFactoryHelper helper =
                SqlGatewayEndpointFactoryUtils.createEndpointFactoryHelper(this, context);
        helper.validate();
        String catalog = helper.getOptions().get(RedshiftEndpointOptions.CATALOG);
        Configuration rest =
                SqlGatewayRestEndpointFactory.rebuildRestEndpointOptions(
                        context.getEndpointOptions(), context.getFlinkConfiguration().toMap());
        try {
            return new SqlGatewayRestEndpoint(
                    rest,
                    new RedshiftSqlGatewayService(
                            context.getSqlGatewayService(), new RedshiftTranslator(catalog)));
        } catch (Exception e) {
            throw new SqlGatewayException("Cannot start the redshift endpoint.", e);
        }
    }

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(SqlGatewayRestOptions.ADDRESS);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                SqlGatewayRestOptions.BIND_ADDRESS,
                SqlGatewayRestOptions.PORT,
                SqlGatewayRestOptions.BIND_PORT,
                RedshiftEndpointOptions.CATALOG);
    }
}
