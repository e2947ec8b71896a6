package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks every {@code aws.*} option before a client is built. Each message names the key, the
 * rejected value and what is valid; an unknown {@code aws.*} key (a typo) is an error too. Values
 * are echoed because no option holds a secret: credentials come from the default chain or STS.
 */
public final class AwsConfigValidator {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final String PREFIX = "aws.";

    private AwsConfigValidator() {}

    /** Every option declared in {@link AwsOptions}. */
    public static List<ConfigOption<?>> options() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : AwsOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    /** Throws {@link IllegalArgumentException} on the first invalid option. */
    public static void validate(Configuration config) {
        rejectUnknownKeys(config);
        String region = value(config, AwsOptions.REGION, "a region code such as 'us-east-1'");
        if (region != null && !REGION.matcher(region.trim()).matches()) {
            throw invalid(AwsOptions.REGION, region, "an AWS region code such as 'us-east-1'");
        }
        validateEndpoint(config, AwsOptions.ENDPOINT);
        validateEndpoint(config, AwsOptions.STS_ENDPOINT);
        IamRole.parse(config.get(AwsOptions.IAM_ROLE));
        matches(config, AwsOptions.ROLE_SESSION_NAME, SESSION_NAME, "2 to 64 characters of");
        matches(config, AwsOptions.ROLE_EXTERNAL_ID, EXTERNAL_ID, "2 to 1224 characters of");
        value(config, AwsOptions.HTTP_PROTOCOL, "HTTP2 or HTTP1_1");
        value(config, AwsOptions.TRUST_ALL_CERTIFICATES, "true or false");
        value(config, AwsOptions.CBOR_ENABLED, "true or false");
        atLeast(config, AwsOptions.RETRY_MAX_ATTEMPTS, 1);
        atLeast(config, AwsOptions.MAX_CONNECTIONS, 1);
        Duration min = positive(config, AwsOptions.RETRY_MIN_DELAY);
        Duration max = positive(config, AwsOptions.RETRY_MAX_DELAY);
        if (max.compareTo(min) < 0) {
            throw invalid(
                    AwsOptions.RETRY_MAX_DELAY,
                    raw(config, AwsOptions.RETRY_MAX_DELAY),
                    "a duration not smaller than '" + AwsOptions.RETRY_MIN_DELAY.key() + "'");
        }
        positive(config, AwsOptions.API_CALL_TIMEOUT);
    }

    private static void rejectUnknownKeys(Configuration config) {
        TreeSet<String> known = new TreeSet<>();
        options().forEach(o -> known.add(o.key()));
        for (String key : config.keySet()) {
            if (key.startsWith(PREFIX) && !known.contains(key)) {
                throw new IllegalArgumentException(
                        "Unknown option '" + key + "'. Valid '" + PREFIX + "*' options: " + known);
            }
        }
    }

    private static void validateEndpoint(Configuration config, ConfigOption<String> option) {
        String value = config.get(option);
        if (value == null) {
            return;
        }
        String valid =
                "an absolute http:// or https:// URI with a host and no path, for example"
                        + " 'http://127.0.0.1:4567' or 'https://kinesis.us-west-2.amazonaws.com'";
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme();
            boolean ok =
                    uri.isAbsolute()
                            && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                            && uri.getHost() != null
                            && (uri.getPath() == null
                                    || uri.getPath().isEmpty()
                                    || uri.getPath().equals("/"))
                            && uri.getQuery() == null
                            && uri.getFragment() == null;
            if (!ok) {
                throw invalid(option, value, valid);
            }
        } catch (URISyntaxException e) {
            throw invalid(option, value, valid);
        }
    }

    private static void matches(
            Configuration config, ConfigOption<String> option, Pattern pattern, String what) {
        String value = config.get(option);
        if (value != null && !pattern.matcher(value).matches()) {
            throw invalid(option, value, what + " letters, digits and " + "'_+=,.@-'");
        }
    }

    private static void atLeast(Configuration config, ConfigOption<Integer> option, int min) {
        int value = value(config, option, "a whole number");
        if (value < min) {
            throw invalid(option, value, "a whole number of at least " + min);
        }
    }

    private static Duration positive(Configuration config, ConfigOption<Duration> option) {
        Duration value = value(config, option, "a duration such as '300 ms' or '5 s'");
        if (value.isNegative() || value.isZero()) {
            throw invalid(
                    option, raw(config, option), "a positive duration such as '300 ms' or '5 s'");
        }
        return value;
    }

    /** The value as the user wrote it (e.g. '0 ms' rather than PT0S). */
    private static String raw(Configuration config, ConfigOption<?> option) {
        String raw = config.toMap().get(option.key());
        return raw != null ? raw : String.valueOf(config.get(option));
    }

    /** Reads an option, turning Flink's parse error into one that says what is valid. */
    private static <T> T value(Configuration config, ConfigOption<T> option, String valid) {
        try {
            return config.get(option);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid value '"
                            + raw(config, option)
                            + "' for '"
                            + option.key()
                            + "': use "
                            + valid
                            + ".",
                    e);
        }
    }

    private static IllegalArgumentException invalid(
            ConfigOption<?> option, Object value, String valid) {
        return new IllegalArgumentException(
                "Invalid value '" + value + "' for '" + option.key() + "': use " + valid + ".");
    }
}
