package org.streamingest.connector.kinesis.source.enumerator;

import org.streamingest.connector.kinesis.source.split.KinesisShardSplit;

import java.math.BigInteger;

/**
 * Chooses the reader of a shard from the midpoint of its hash-key range: reader = floor(mid * n /
 * 2^128). Shards of an evenly split stream spread evenly, and after resharding a child lands on the
 * reader that covers its part of the key space, so the assignment stays balanced and stable.
 */
final class ReaderSelector {
    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

    private ReaderSelector() {}

    static int readerFor(KinesisShardSplit split, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        BigInteger mid = split.startingHashKey().add(split.endingHashKey()).shiftRight(1);
        int reader = mid.multiply(BigInteger.valueOf(parallelism)).divide(HASH_SPACE).intValue();
        return Math.max(0, Math.min(parallelism - 1, reader));
    }
}
