package org.streamingest.connector.kinesis.aws;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamRoleTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "DEFAULT", " Default "})
    void defaultMeansTheDefaultChainInAnyCase(String value) {
        IamRole role = IamRole.parse(value);
        assertThat(role.isDefaultChain()).isTrue();
        assertThat(role.roleArn()).isNull();
        assertThat(role).hasToString("default");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::123456789012:role/ingest",
                "arn:aws:iam::123456789012:role/service-role/team/ingest.reader@x",
                "arn:aws-cn:iam::123456789012:role/r",
                "arn:aws-us-gov:iam::123456789012:role/r+=,.@-_"
            })
    void roleArnsOfEveryPartitionAndPathAreAccepted(String arn) {
        IamRole role = IamRole.parse(arn);
        assertThat(role.isDefaultChain()).isFalse();
        assertThat(role.roleArn()).isEqualTo(arn);
        assertThat(role).hasToString(arn);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "none",
                "arn:aws:iam::12345678901:role/short-account",
                "arn:aws:iam::123456789012:user/not-a-role",
                "arn:aws:iam::123456789012:role/",
                "arn:aws:sts::123456789012:role/wrong-service",
                "arn:aws:iam:us-east-1:123456789012:role/regional",
                "arn:aws:iam::123456789012:role/has space"
            })
    void anythingElseIsRejectedWithAnExample(String value) {
        assertThatThrownBy(() -> IamRole.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid value '" + value.trim() + "' for 'aws.iam-role'")
                .hasMessageContaining("'default'")
                .hasMessageContaining("arn:aws:iam::123456789012:role/");
    }
}
