package org.streamingest.gateway;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpoint;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpointFactoryUtils;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpoint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway finds the endpoint by {@code sql-gateway.endpoint.type: redshift}. */
class RedshiftEndpointFactoryTest {

    @Test
    void theGatewayMakesFlinksRestEndpointOverTheRedshiftService() {
        Configuration config = new Configuration();
        config.setString("sql-gateway.endpoint.type", "redshift");
        config.setString("sql-gateway.endpoint.redshift.address", "127.0.0.1");
        config.setString("sql-gateway.endpoint.redshift.port", "0");
        config.setString("sql-gateway.endpoint.redshift.catalog", "wh");

        List<SqlGatewayEndpoint> endpoints =
                SqlGatewayEndpointFactoryUtils.createSqlGatewayEndpoint(null, config);

        assertThat(endpoints).singleElement().isInstanceOf(SqlGatewayRestEndpoint.class);
        SqlGatewayRestEndpoint rest = (SqlGatewayRestEndpoint) endpoints.get(0);
        assertThat(rest.service).isInstanceOf(RedshiftSqlGatewayService.class);
    }

    @Test
    void aMisspelledOptionFailsTheStart() {
        Configuration config = new Configuration();
        config.setString("sql-gateway.endpoint.type", "redshift");
        config.setString("sql-gateway.endpoint.redshift.address", "127.0.0.1");
        config.setString("sql-gateway.endpoint.redshift.catalgo", "wh");

        assertThatThrownBy(
                        () -> SqlGatewayEndpointFactoryUtils.createSqlGatewayEndpoint(null, config))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("catalgo");
    }
}
