package org.streamingest.kinesis.testing;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A record to put: partition key and data. */
public record RecordEntry(String partitionKey, byte[] data) {

    public RecordEntry {
        Objects.requireNonNull(partitionKey, "partitionKey");
        data = data.clone();
    }

    /** An entry whose data is {@code text} in UTF-8. */
    public static RecordEntry utf8(String partitionKey, String text) {
        return new RecordEntry(partitionKey, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int sizeInBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
