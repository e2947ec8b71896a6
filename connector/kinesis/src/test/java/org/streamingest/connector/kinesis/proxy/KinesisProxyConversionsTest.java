package org.streamingest.connector.kinesis.proxy;

import org.streamingest.connector.kinesis.source.split.StartingPosition;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisProxyConversionsTest {
    private static final Instant T = Instant.parse("2026-11-01T12:00:00.123Z");

    @Test
    void aShardKeepsLineageHashRangeAndIsClosedWhenItHasAnEndingSequenceNumber() {
        Shard shard =
                Shard.builder()
                        .shardId("shardId-000000000006")
                        .parentShardId("shardId-000000000002")
                        .adjacentParentShardId("shardId-000000000003")
                        .hashKeyRange(
                                HashKeyRange.builder()
                                        .startingHashKey("170141183460469231731687303715884105728")
                                        .endingHashKey("340282366920938463463374607431768211455")
                                        .build())
                        .sequenceNumberRange(
                                SequenceNumberRange.builder().startingSequenceNumber("1").build())
                        .build();
        ShardInfo open = KinesisProxyConversions.shard(shard);
        assertThat(open.shardId()).isEqualTo("shardId-000000000006");
        assertThat(open.parentShardIds())
                .containsExactly("shardId-000000000002", "shardId-000000000003");
        assertThat(open.endingHashKey())
                .isEqualTo(BigInteger.TWO.pow(128).subtract(BigInteger.ONE));
        assertThat(open.closed()).isFalse();
        Shard closed =
                shard.toBuilder()
                        .sequenceNumberRange(
                                SequenceNumberRange.builder()
                                        .startingSequenceNumber("1")
                                        .endingSequenceNumber("9")
                                        .build())
                        .build();
        assertThat(KinesisProxyConversions.shard(closed).closed()).isTrue();
    }

    @Test
    void aRecordKeepsItsFieldsAndPayload() {
        KinesisRecord r =
                KinesisProxyConversions.record(
                        Record.builder()
                                .partitionKey("pk")
                                .sequenceNumber("42")
                                .approximateArrivalTimestamp(T)
                                .data(SdkBytes.fromUtf8String("{\"a\":1}"))
                                .build());
        assertThat(r.partitionKey()).isEqualTo("pk");
        assertThat(r.sequenceNumber()).isEqualTo("42");
        assertThat(r.approximateArrivalTimestamp()).isEqualTo(T);
        assertThat(new String(r.data(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void everyPositionBecomesTheMatchingIteratorRequest() {
        StreamId name = StreamId.of("orders");
        GetShardIteratorRequest trim =
                KinesisProxyConversions.shardIteratorRequest(
                        name, "s", StartingPosition.fromStart());
        assertThat(trim.shardIteratorTypeAsString()).isEqualTo("TRIM_HORIZON");
        assertThat(trim.streamName()).isEqualTo("orders");
        GetShardIteratorRequest at =
                KinesisProxyConversions.shardIteratorRequest(
                        name, "s", StartingPosition.atTimestamp(T));
        assertThat(at.shardIteratorTypeAsString()).isEqualTo("AT_TIMESTAMP");
        assertThat(at.timestamp()).isEqualTo(T);
        GetShardIteratorRequest after =
                KinesisProxyConversions.shardIteratorRequest(
                        StreamId.of("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
                        "s",
                        StartingPosition.afterSequenceNumber("7"));
        assertThat(after.shardIteratorTypeAsString()).isEqualTo("AFTER_SEQUENCE_NUMBER");
        assertThat(after.startingSequenceNumber()).isEqualTo("7");
        assertThat(after.streamARN()).endsWith(":stream/orders");
        assertThat(after.streamName()).isNull();
        assertThat(
                        KinesisProxyConversions.shardIteratorRequest(
                                        name, "s", StartingPosition.atSequenceNumber("7"))
                                .shardIteratorTypeAsString())
                .isEqualTo("AT_SEQUENCE_NUMBER");
        assertThat(
                        KinesisProxyConversions.shardIteratorRequest(
                                        name, "s", StartingPosition.latest())
                                .shardIteratorTypeAsString())
                .isEqualTo("LATEST");
    }

    @Test
    void everyPositionBecomesTheMatchingFanOutPosition() {
        var at = KinesisProxyConversions.fanOutPosition(StartingPosition.atTimestamp(T));
        assertThat(at.typeAsString()).isEqualTo("AT_TIMESTAMP");
        assertThat(at.timestamp()).isEqualTo(T);
        var after =
                KinesisProxyConversions.fanOutPosition(StartingPosition.afterSequenceNumber("7"));
        assertThat(after.typeAsString()).isEqualTo("AFTER_SEQUENCE_NUMBER");
        assertThat(after.sequenceNumber()).isEqualTo("7");
        assertThat(
                        KinesisProxyConversions.fanOutPosition(StartingPosition.fromStart())
                                .typeAsString())
                .isEqualTo("TRIM_HORIZON");
        assertThat(
                        KinesisProxyConversions.fanOutPosition(StartingPosition.latest())
                                .sequenceNumber())
                .isNull();
    }

    @Test
    void theStreamOfAConsumerArnIsItsPrefix() {
        assertThat(
                        KinesisFanOutProxyShardEnds.streamArnOf(
                                "arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/c:17"))
                .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/s");
    }
}
