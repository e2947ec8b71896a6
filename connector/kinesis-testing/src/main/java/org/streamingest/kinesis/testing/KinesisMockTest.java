package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mix-in for test classes that use the JVM-wide kinesis-mock: {@code implements KinesisMockTest}.
 */
@ExtendWith(KinesisMockExtension.class)
public interface KinesisMockTest {

    /** The running kinesis-mock with its client and stream helper. */
    default KinesisFixture kinesisMock() {
        return KinesisServerExtension.running(KinesisServerKind.KINESIS_MOCK);
    }
}
