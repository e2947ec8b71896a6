package org.streamingest.warehouse.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A schema created by {@code CREATE EXTERNAL SCHEMA name FROM KINESIS [REGION 'r'] IAM_ROLE ...}:
 * its tables are the Kinesis streams of an account and region. Persisted as properties in the
 * Iceberg catalog (see {@link ExternalSchemaStore}) so that it survives a restart.
 *
 * @param name the schema name
 * @param region the AWS region of the streams, or {@code null} for the session's region
 * @param iamRole {@code default} (the session's credentials) or the ARN of an IAM role to assume
 */
public record ExternalSchema(String name, String region, String iamRole) {

    static final String PREFIX = "streaming-ingest.external-schema.";
    static final String SOURCE = PREFIX + "source";
    static final String REGION = PREFIX + "region";
    static final String IAM_ROLE = PREFIX + "iam-role";
    static final String KINESIS = "kinesis";
    public static final String DEFAULT_ROLE = "default";

    public ExternalSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iamRole, "iamRole");
    }

    /** True if the streams are read with the session's credentials rather than an assumed role. */
    public boolean usesDefaultRole() {
        return DEFAULT_ROLE.equalsIgnoreCase(iamRole);
    }

    Map<String, String> toProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(SOURCE, KINESIS);
        if (region != null) {
            properties.put(REGION, region);
        }
        properties.put(IAM_ROLE, iamRole);
        return properties;
    }

    static ExternalSchema fromProperties(String name, Map<String, String> properties) {
        if (!KINESIS.equals(properties.get(SOURCE))) {
            throw new IllegalStateException(
                    "External schema '"
                            + name
                            + "' has an unknown source: "
                            + properties.get(SOURCE));
        }
        return new ExternalSchema(
                name, properties.get(REGION), properties.getOrDefault(IAM_ROLE, DEFAULT_ROLE));
    }
}
