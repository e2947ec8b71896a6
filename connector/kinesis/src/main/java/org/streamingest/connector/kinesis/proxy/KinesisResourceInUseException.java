package org.streamingest.connector.kinesis.proxy;

/**
 * The service refused a call because the resource is busy. For {@code SubscribeToShard} this means
 * another subscription of the same consumer to the same shard is still active: the service keeps an
 * ended or cancelled subscription for about 5 seconds, and a second job using the same EFO consumer
 * name holds its own. Callers retry after at least 5 seconds.
 */
public class KinesisResourceInUseException extends KinesisConnectorException {
    private static final long serialVersionUID = 1L;

    public KinesisResourceInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
