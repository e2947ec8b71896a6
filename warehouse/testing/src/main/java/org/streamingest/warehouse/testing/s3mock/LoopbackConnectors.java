package org.streamingest.warehouse.testing.s3mock;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Binds s3mock's extra plain-HTTP Tomcat connector to 127.0.0.1. Runs inside the s3mock child JVM
 * only (added with Spring Boot's {@code loader.path} and {@code spring.main.sources}), against the
 * Spring and Tomcat classes of s3mock's fat jar.
 *
 * <p>s3mock 4.11.0 creates that connector itself ({@code S3MockConfiguration.createHttpConnector})
 * with only a port, so it listens on all interfaces; {@code server.address} reaches only the main
 * (HTTPS) connector.
 */
public class LoopbackConnectors
        implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** System property with the address to bind; defaults to 127.0.0.1. */
    public static final String ADDRESS_PROPERTY = "s3mock.connectors.address";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        String address = System.getProperty(ADDRESS_PROPERTY, "127.0.0.1");
        for (Connector connector : factory.getAdditionalTomcatConnectors()) {
            connector.setProperty("address", address);
        }
    }
}
