package org.streamingest.connector.kinesis.proxy;

/**
 * The Kinesis endpoint could not be reached after the configured retries. The message says what to
 * do; it never contains credentials.
 */
public class KinesisUnreachableException extends KinesisConnectorException {
    private static final long serialVersionUID = 1L;

    public KinesisUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
