package org.streamingest.connector.kinesis.proxy;

/**
 * The stream (or one of its shards) does not exist in the configured account and region. The
 * message says what to do; it never contains credentials.
 */
public class StreamNotFoundException extends KinesisConnectorException {
    private static final long serialVersionUID = 1L;

    public StreamNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
