package org.streamingest.connector.kinesis.table;

import org.streamingest.connector.kinesis.aws.AwsOptions;
import org.streamingest.connector.kinesis.source.KinesisSourceOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Options of the {@code 'redshift-kinesis'} table connector. Besides {@link #STREAM} a table takes
 * every option of {@link AwsOptions} and {@link KinesisSourceOptions}, each declared by key: an
 * unknown or misspelt key fails the query instead of being ignored.
 */
public final class KinesisConnectorOptions {

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Name or ARN of the Kinesis data stream to read. Stream names are case"
                                    + " sensitive.");

    private KinesisConnectorOptions() {}

    /** The AWS and source options a table (or catalog) accepts, in declaration order. */
    public static Set<ConfigOption<?>> awsAndSourceOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>(declaredIn(AwsOptions.class));
        options.addAll(declaredIn(KinesisSourceOptions.class));
        return options;
    }

    /** The public static {@link ConfigOption} constants of a class, in declaration order. */
    public static Set<ConfigOption<?>> declaredIn(Class<?> optionsClass) {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        for (Field field : optionsClass.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                try {
                    options.add((ConfigOption<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot read " + field, e);
                }
            }
        }
        return options;
    }
}
