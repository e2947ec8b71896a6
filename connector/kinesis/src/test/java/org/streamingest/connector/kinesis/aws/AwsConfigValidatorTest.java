package org.streamingest.connector.kinesis.aws;

import org.apache.flink.configuration.Configuration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsConfigValidatorTest {

    private static Configuration config(String key, String value) {
        return Configuration.fromMap(Map.of(key, value));
    }

    @Test
    void defaultsAndTypicalValuesAreValid() {
        assertThatCode(() -> AwsConfigValidator.validate(new Configuration()))
                .doesNotThrowAnyException();
        Configuration c =
                Configuration.fromMap(
                        Map.of(
                                "aws.region", "eu-west-1",
                                "aws.endpoint", "http://127.0.0.1:4567",
                                "aws.sts.endpoint", "https://sts.eu-west-1.amazonaws.com/",
                                "aws.iam-role", "arn:aws:iam::123456789012:role/ingest",
                                "aws.iam-role.external-id", "ext-42",
                                "aws.http.protocol", "HTTP1_1",
                                "aws.retry.min-delay", "100 ms",
                                "aws.retry.max-delay", "100 ms",
                                "aws.cbor.enabled", "false"));
        assertThatCode(() -> AwsConfigValidator.validate(c)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "aws.region|US-EAST-1|an AWS region code such as 'us-east-1'",
                "aws.region|mars|an AWS region code",
                "aws.endpoint|127.0.0.1:4567|an absolute http:// or https:// URI",
                "aws.endpoint|ftp://127.0.0.1:4567|an absolute http:// or https:// URI",
                "aws.endpoint|http://127.0.0.1:4567/kinesis|with a host and no path",
                "aws.endpoint|http://|an absolute http:// or https:// URI",
                "aws.sts.endpoint|sts.amazonaws.com|an absolute http:// or https:// URI",
                "aws.iam-role|arn:aws:iam::123:role/x|'default' (the AWS default credential chain)",
                "aws.iam-role|arn:aws:kinesis::123456789012:role/x|an IAM role ARN",
                "aws.iam-role.session-name|has space|2 to 64 characters",
                "aws.iam-role.external-id|x|2 to 1224 characters",
                "aws.http.protocol|HTTP3|HTTP2 or HTTP1_1",
                "aws.http.trust-all-certificates|yes|true or false",
                "aws.cbor.enabled|off|true or false",
                "aws.retry.max-attempts|0|a whole number of at least 1",
                "aws.retry.max-attempts|ten|a whole number",
                "aws.http.max-connections|0|a whole number of at least 1",
                "aws.retry.min-delay|0 ms|a positive duration",
                "aws.retry.min-delay|soon|a duration such as '300 ms'",
                "aws.http.api-call-timeout|0 s|a positive duration"
            })
    void invalidValueNamesKeyValueAndWhatIsValid(String key, String value, String valid) {
        assertThatThrownBy(() -> AwsConfigValidator.validate(config(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining(valid);
    }

    @Test
    void maxDelayBelowMinDelayIsRejected() {
        Configuration c =
                Configuration.fromMap(
                        Map.of("aws.retry.min-delay", "2 s", "aws.retry.max-delay", "1 s"));
        assertThatThrownBy(() -> AwsConfigValidator.validate(c))
                .hasMessageContaining("'aws.retry.max-delay'")
                .hasMessageContaining("not smaller than 'aws.retry.min-delay'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws.regoin", "aws.credentials.provider", "aws.http.protocol.version"})
    void unknownAwsKeyIsATypoAndListsTheValidOnes(String key) {
        assertThatThrownBy(() -> AwsConfigValidator.validate(config(key, "x")))
                .hasMessageStartingWith("Unknown option '" + key + "'")
                .hasMessageContaining("aws.region")
                .hasMessageContaining("aws.iam-role");
    }

    @Test
    void keysOutsideTheAwsPrefixAreLeftToTheirOwners() {
        assertThatCode(() -> AwsConfigValidator.validate(config("scan.reader.type", "EFO")))
                .doesNotThrowAnyException();
    }

    @Test
    void optionsAreEveryDeclaredAwsOption() {
        assertThat(AwsConfigValidator.options())
                .extracting(o -> o.key())
                .contains("aws.region", "aws.endpoint", "aws.iam-role", "aws.http.max-connections")
                .allMatch(k -> k.startsWith("aws."))
                .doesNotHaveDuplicates();
    }
}
