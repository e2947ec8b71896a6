package org.streamingest.kinesis.testing;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mix-in for test classes that use the JVM-wide kinesalite: {@code implements KinesaliteTest}. See
 * {@link KinesaliteExtension} for the CBOR setting it implies.
 */
@ExtendWith(KinesaliteExtension.class)
public interface KinesaliteTest {

    /** The running kinesalite with its client and stream helper. */
    default KinesisFixture kinesalite() {
        return KinesisServerExtension.running(KinesisServerKind.KINESALITE);
    }
}
