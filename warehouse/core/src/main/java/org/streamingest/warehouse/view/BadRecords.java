package org.streamingest.warehouse.view;

import org.streamingest.connector.kinesis.aws.AwsProxyFactory;
import org.streamingest.connector.kinesis.proxy.KinesisRecord;
import org.streamingest.connector.kinesis.proxy.RecordBatch;
import org.streamingest.connector.kinesis.proxy.ShardInfo;
import org.streamingest.connector.kinesis.proxy.StreamId;
import org.streamingest.connector.kinesis.proxy.StreamProxy;
import org.streamingest.connector.kinesis.source.split.StartingPosition;
import org.streamingest.functions.json.InvalidJsonException;
import org.streamingest.functions.json.JsonCanonicalizer;

import org.apache.flink.configuration.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the records that stopped a view's ingestion because JSON_PARSE rejected them. JSON_PARSE
 * runs inside the Flink job and does not know which record it parses, so after the job failed on a
 * JSON error the warehouse reads the view's stream through the Kinesis API and reports, per shard,
 * the first record that is not valid JSON. That is the culprit: a view without a CAN_JSON_PARSE
 * guard cannot have got past an earlier invalid record (it would have stopped there), and a view
 * with the guard never fails this way. Reading starts at the trim horizon and is bounded by {@link
 * #MAX_RECORDS} per shard and a 30 s deadline: on very long streams the search may find nothing,
 * and the message then names the stream and the JSON error only.
 */
final class BadRecords {

    static final int MAX_RECORDS = 1_000_000;

    /** One record that is not JSON, with where it is and what is wrong with it. */
    record BadRecord(String shardId, String sequenceNumber, String error) {
        @Override
        public String toString() {
            return "sequence number "
                    + sequenceNumber
                    + " in shard "
                    + shardId
                    + " ("
                    + error
                    + ")";
        }
    }

    private BadRecords() {}

    /** The first invalid-JSON record of each shard of {@code stream}, oldest shard first. */
    static List<BadRecord> find(Configuration kinesis, String stream) {
        List<BadRecord> found = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonCanonicalizer json = JsonCanonicalizer.strict();
        StreamId id = StreamId.of(stream);
        try (StreamProxy proxy = new AwsProxyFactory(kinesis).createStreamProxy()) {
            for (ShardInfo shard : proxy.listShards(id, null)) {
                StartingPosition position = StartingPosition.fromStart();
                int read = 0;
                scan:
                while (read < MAX_RECORDS && System.nanoTime() < deadline) {
                    RecordBatch batch = proxy.getRecords(id, shard.shardId(), position, 1000);
                    for (KinesisRecord record : batch.records()) {
                        read++;
                        byte[] data = record.data();
                        try {
                            json.canonicalize(data, 0, data.length);
                        } catch (InvalidJsonException e) {
                            found.add(
                                    new BadRecord(
                                            shard.shardId(),
                                            record.sequenceNumber(),
                                            e.getMessage()));
                            break scan;
                        }
                        position = StartingPosition.afterSequenceNumber(record.sequenceNumber());
                    }
                    if (batch.shardEnded()
                            || (batch.records().isEmpty() && batch.millisBehindLatest() == 0)) {
                        break;
                    }
                }
            }
        }
        return found;
    }
}
